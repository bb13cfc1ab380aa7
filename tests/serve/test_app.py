"""The application in process: the catch-all 500, the docs page, the body reader."""

from __future__ import annotations

import asyncio
import json
import warnings

import pytest

pytest.importorskip("starlette")
pytest.importorskip("httpx")

with warnings.catch_warnings():  # Starlette asks for httpx2; httpx is what the tests use
    warnings.filterwarnings("ignore", message=".*httpx2")
    from starlette.testclient import TestClient  # noqa: E402

from competency.serve import Service, create_app  # noqa: E402
from competency.serve.body import parse_records, read_limited  # noqa: E402
from competency.serve.problem import Problem  # noqa: E402

RECORD = {"id": "A-1", "category": "cong_chuc"}


def test_an_unexpected_error_is_a_generic_500_without_internals(monkeypatch, caplog):
    def broken(self, raws, query, explain=False):
        raise RuntimeError("secret internal detail /srv/app.py")

    monkeypatch.setattr(Service, "check", broken)
    client = TestClient(create_app(), raise_server_exceptions=False)
    answer = client.post("/check", json=RECORD)
    assert answer.status_code == 500
    assert answer.headers["content-type"] == "application/json"
    assert set(answer.json()) == {"status", "error"}
    assert "secret" not in answer.text and "Traceback" not in answer.text
    assert "secret internal detail" in caplog.text  # the server's log has it


def test_the_docs_page_lists_every_endpoint_and_loads_nothing_from_outside():
    page = TestClient(create_app()).get("/docs")
    assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
    for path in ("/validate", "/check", "/explain", "/gaps", "/standards/{id}", "/frameworks",
                 "/schemas/{kind}"):
        assert f"<code>{path}</code>" in page.text
    assert "http://" not in page.text and "https://" not in page.text
    assert " src=" not in page.text


def test_the_limit_is_enforced_before_the_body_ends():
    read = []

    async def endless():
        while True:
            read.append(1)
            yield b"x" * 1000

    with pytest.raises(Problem) as refused:
        asyncio.run(read_limited(endless(), 10_000))
    assert refused.value.status == 413
    assert len(read) == 11  # stopped at the first chunk past the limit


def test_a_declared_length_over_the_limit_is_refused_unread():
    async def never():
        raise AssertionError("read")
        yield b""

    with pytest.raises(Problem) as refused:
        asyncio.run(read_limited(never(), 100, declared="101"))
    assert refused.value.status == 413


@pytest.mark.parametrize(("body", "status", "where"), [
    (b"", 400, "body"), (b"\xff{}", 400, "body"), (b"12", 422, "body"),
    (b'[{"a": 1}, [1]]', None, None),
])
def test_bodies(body, status, where):
    if status is None:
        raws = parse_records(body, "application/json")
        assert [str(r.location) for r in raws] == ["body#/0", "body#/1"]
        assert raws[1].problems == ("expected a JSON object, got an array",)
        return
    with pytest.raises(Problem) as refused:
        parse_records(body, "application/json")
    assert (refused.value.status, refused.value.details["location"]) == (status, where)


def test_json_lines_keep_their_line_numbers():
    body = "\n".join(["", json.dumps(RECORD), "  ", json.dumps(RECORD)]).encode()
    raws = parse_records(body, "application/x-ndjson; charset=utf-8")
    assert [str(r.location) for r in raws] == ["body:2", "body:4"]
