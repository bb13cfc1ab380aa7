"""The Starlette application: each endpoint answers with the JSON the CLI's ``--format json``
prints, built by the same library functions.

Work on a large body runs in a worker thread, so that a roster never stalls the reading
of other requests. Every refusal is a :class:`~competency.serve.problem.Problem`; anything
unexpected is logged here and answered with a generic 500 that carries no internals.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable
from typing import Any

import attrs
from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, Response
from starlette.routing import Route

from competency.docgen.kinds import KINDS
from competency.errors import CompetencyError, UnknownItemError
from competency.frameworks.catalogue import FrameworkCatalog
from competency.frameworks.gaps import cohort_gaps
from competency.frameworks.report import gaps_document
from competency.io.report import validate_document
from competency.schema.convert import unstructure
from competency.schema.validate import load_schema
from competency.serve.body import BODY, parse_records, read_limited
from competency.serve.endpoints import ENDPOINTS, Endpoint
from competency.serve.openapi import openapi_document
from competency.serve.page import docs_page
from competency.serve.params import Query
from competency.serve.problem import Problem, close_matches, not_found
from competency.serve.records import Verdicts, verdicts
from competency.serve.ui import CSP, upload_page
from competency.serve.upload import check_upload, read_form
from competency.standards.catalogue import Catalog
from competency.standards.report import event_line, explain_lines
from competency.standards.summary import (
    CheckCounts,
    check_document,
    results_for,
    standard_entry,
)

__all__ = ["DEFAULT_MAX_BODY", "INLINE_BYTES", "Service", "create_app"]

DEFAULT_MAX_BODY = 10 * 2**20
"""Largest request body read by default: 10 MiB, some thousands of records."""

INLINE_BYTES = 32 * 2**10
"""Bodies up to this size are worked on the event loop; larger ones in a worker thread."""

log = logging.getLogger("competency.serve")


@attrs.frozen(kw_only=True)
class Service:
    """What the endpoints read: the catalogues (with any overlays) and the body limit."""

    catalog: Catalog = attrs.field(factory=Catalog.builtin)
    frameworks: FrameworkCatalog = attrs.field(factory=FrameworkCatalog.builtin)
    max_body: int = DEFAULT_MAX_BODY

    async def answer(self, request: Request, query: Query,
                     work: Callable[[list[Any], Query], Any]) -> Any:
        """``work`` on the records of the body (413, 400 or 422 when it cannot be used).

        A small body (a few records) is parsed and checked on the event loop, where it
        takes about a millisecond; a larger one in a worker thread, so that it never holds
        up the reading of other requests.
        """
        body = await read_limited(request.stream(), self.max_body,
                                  request.headers.get("content-length"))
        kind = request.headers.get("content-type")
        if len(body) <= INLINE_BYTES:
            return work(parse_records(body, kind), query)
        return await run_in_threadpool(lambda: work(parse_records(body, kind), query))

    async def upload(self, request: Request) -> Response:
        """The upload page's form: the report page, or the page with the refusal's message.

        The body is read within ``max_body`` like any other; the roster is checked in a
        worker thread. Nothing unexpected reaches the officer as more than a short message.
        """
        today = dt.date.today()
        try:
            body = await read_limited(request.stream(), self.max_body,
                                      request.headers.get("content-length"))
            sent = await read_form(body, request.headers, today)
            checked = await run_in_threadpool(check_upload, sent, self.catalog)
        except Problem as exc:
            return _html(upload_page(on=today, error=exc.message), exc.status)
        except Exception as exc:  # noqa: BLE001 - logged; the page gets no internals
            log.error("internal error on the upload page", exc_info=exc)
            return _html(upload_page(on=today, error="internal error; the details are in the "
                                                     "server's log"), 500)
        return _html(upload_page(on=sent.on, lang=sent.lang, checked=checked))

    # -- the work of each endpoint, run in a worker thread ----------------------------------

    def validate(self, raws: list[Any], query: Query) -> dict[str, Any]:
        kind = query.choice("kind", tuple(sorted(KINDS)), "official")
        found = verdicts(raws, kind=kind, structured=False, redact=query.switch("redact"))
        return validate_document(BODY, found.tally, list(found.invalid))

    def _officials(self, raws: list[Any]) -> Verdicts:
        found = verdicts(raws)
        if found.invalid:
            raise Problem(422, f"{found.tally.invalid} of {found.tally.read} records are invalid; "
                               "nothing was checked", location=BODY,
                          summary=found.tally.as_dict(), invalid=list(found.invalid))
        return found

    def _standard(self, query: Query) -> str | None:
        standard = query.text("standard")
        if standard is not None:
            try:
                self.catalog.get(standard)
            except UnknownItemError as exc:
                raise not_found(exc, "query parameter standard") from None
        return standard

    def check(self, raws: list[Any], query: Query, explain: bool = False) -> dict[str, Any]:
        day, standard = query.date("on"), self._standard(query)
        position, drafts = query.text("position"), query.switch("include_drafts")
        explain = explain or query.switch("explain")
        lang = query.choice("lang", ("vi", "en"), "vi")
        found = self._officials(raws)
        counts, results = CheckCounts(), []
        for official in found.valid:
            these = results_for(official, day, self.catalog, standard, position, drafts)
            counts.add(these)
            results.extend(these)
        document = check_document(day, counts.summary(found.tally), results, explain=explain)
        if explain:
            for entry, result in zip(document["results"], results, strict=True):
                event = event_line(result, lang)
                entry["text"] = ([event] if event else []) + explain_lines(result.evaluation, lang)
        return document

    def explain(self, raws: list[Any], query: Query) -> dict[str, Any]:
        return self.check(raws, query, explain=True)

    def gaps(self, raws: list[Any], query: Query) -> dict[str, Any]:
        day, by = query.date("on"), query.choice("by", ("unit", "position", "level"), "unit")
        profile, drafts = query.text("profile"), query.switch("include_drafts")
        names = query.switch("names")
        if profile is not None:
            try:
                self.frameworks.profile(profile)
            except UnknownItemError as exc:
                raise not_found(exc, "query parameter profile") from None
        found = self._officials(raws)
        cohort = cohort_gaps(found.valid, on=day, profile=profile, catalog=self.catalog,
                             frameworks=self.frameworks, include_drafts=drafts, names=names,
                             keep_needs=False)
        return gaps_document(found.tally, cohort, by)

    # -- catalogue endpoints ----------------------------------------------------------------

    def standards(self, query: Query) -> list[dict[str, Any]]:
        drafts, lang = query.switch("include_drafts"), query.choice("lang", ("vi", "en"), "vi")
        chosen = (self.catalog.in_force(query.date("on"), include_drafts=drafts)
                  if query.text("on") is not None else list(self.catalog))
        return [standard_entry(s, lang) for s in chosen]

    def standard(self, standard_id: str) -> dict[str, Any]:
        try:
            return unstructure(self.catalog.get(standard_id))
        except UnknownItemError as exc:
            raise not_found(exc, "path /standards/{id}") from None

    def frameworks_data(self) -> dict[str, Any]:
        fws = self.frameworks
        return {"frameworks": [unstructure(f) for _, f in sorted(fws.frameworks.items())],
                "profiles": [unstructure(p) for _, p in sorted(fws.profiles.items())]}


def _schema(kind: str) -> dict[str, Any]:
    if kind not in KINDS:
        raise not_found(UnknownItemError("schema", kind, tuple(sorted(KINDS))),
                        "path /schemas/{kind}")
    return load_schema(kind)


def _json(data: Any) -> JSONResponse:
    return JSONResponse(data)


def _html(page: str, status: int = 200) -> HTMLResponse:
    """A page of the upload form, under :data:`~competency.serve.ui.CSP`."""
    return HTMLResponse(page, status_code=status, headers={
        "Content-Security-Policy": CSP, "X-Content-Type-Options": "nosniff",
        "Cache-Control": "no-store"})


def _records_route(service: Service, endpoint: Endpoint,
                   work: Callable[[list[Any], Query], Any]) -> Callable[[Request], Any]:
    async def handle(request: Request) -> Response:
        query = Query(request.query_params, endpoint.accepted)
        return _json(await service.answer(request, query, work))
    return handle


def _routes(service: Service) -> list[Route]:
    by_name = {e.name: e for e in ENDPOINTS}
    routes = [Route(by_name[name].path, _records_route(service, by_name[name], work),
                    methods=["POST"])
              for name, work in (("validate", service.validate), ("check", service.check),
                                 ("explain", service.explain), ("gaps", service.gaps))]

    async def standards(request: Request) -> Response:
        query = Query(request.query_params, by_name["standards"].accepted)
        return _json(await run_in_threadpool(service.standards, query))

    async def standard(request: Request) -> Response:
        Query(request.query_params, by_name["standard"].accepted)
        return _json(service.standard(request.path_params["id"]))

    async def frameworks(request: Request) -> Response:
        Query(request.query_params, by_name["frameworks"].accepted)
        return _json(await run_in_threadpool(service.frameworks_data))

    async def schema(request: Request) -> Response:
        Query(request.query_params, by_name["schema"].accepted)
        return _json(_schema(request.path_params["kind"]))

    async def openapi(request: Request) -> Response:
        return _json(openapi_document())

    async def docs(request: Request) -> Response:
        return HTMLResponse(docs_page())

    async def home(request: Request) -> Response:
        return _html(upload_page(on=dt.date.today()))

    async def upload(request: Request) -> Response:
        return await service.upload(request)

    return routes + [
        Route("/standards", standards, methods=["GET"]),
        Route("/standards/{id}", standard, methods=["GET"]),
        Route("/frameworks", frameworks, methods=["GET"]),
        Route("/schemas/{kind}", schema, methods=["GET"]),
        Route("/openapi.json", openapi, methods=["GET"]),
        Route("/docs", docs, methods=["GET"]),
        Route("/", home, methods=["GET"]),
        Route("/", upload, methods=["POST"]),
    ]


_PATHS = tuple(sorted({e.path for e in ENDPOINTS if "{" not in e.path}
                     | {"/openapi.json", "/docs"}))


async def _problem(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, Problem)
    return JSONResponse(exc.body(), status_code=exc.status)


async def _refused(request: Request, exc: Exception) -> Response:
    """Errors the library raises on purpose (a draft standard named without drafts, …)."""
    return JSONResponse({"status": 400, "error": str(exc)}, status_code=400)


async def _http(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, HTTPException)
    body: dict[str, Any] = {"status": exc.status_code, "error": exc.detail}
    if exc.status_code == 404:
        hint = close_matches(request.url.path, _PATHS)
        body["error"] = f"no endpoint {request.url.path}" + (
            f"; did you mean {hint[0]}?" if hint else "") + "; see /docs"
        body["did_you_mean"] = hint
    return JSONResponse(body, status_code=exc.status_code, headers=exc.headers)


async def _crash(request: Request, exc: Exception) -> Response:
    log.error("internal error on %s %s", request.method, request.url.path, exc_info=exc)
    return JSONResponse({"status": 500, "error": "internal error; the details are in the "
                                                 "server's log"}, status_code=500)


def create_app(service: Service | None = None) -> Starlette:
    """The application serving ``service`` (the built-in catalogues by default)."""
    service = service if service is not None else Service()
    return Starlette(routes=_routes(service), exception_handlers={
        Problem: _problem, CompetencyError: _refused, HTTPException: _http, Exception: _crash})
