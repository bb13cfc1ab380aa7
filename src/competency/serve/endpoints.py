"""The service's endpoints as data: path, parameters, body and answer of each.

One table drives the routes' accepted parameters, the OpenAPI document and the docs page,
so that none of them can list a parameter the others do not.
"""

from __future__ import annotations

from typing import Any

import attrs

from competency.docgen.kinds import KINDS

__all__ = ["ENDPOINTS", "SCHEMA_ID", "Endpoint", "Param", "schema_ref"]

SCHEMA_ID = "urn:competency:schema:{kind}"
"""The ``$id`` of a shipped schema (``schemas/{kind}.schema.json``)."""


def schema_ref(kind: str) -> dict[str, str]:
    """A reference to a shipped schema by its ``$id``."""
    return {"$ref": SCHEMA_ID.format(kind=kind)}


@attrs.frozen(kw_only=True)
class Param:
    """A query or path parameter."""

    name: str
    description: str
    schema: dict[str, Any]
    where: str = "query"


@attrs.frozen(kw_only=True)
class Endpoint:
    """One operation: method and path, what it reads and what it answers."""

    name: str
    method: str
    path: str
    summary: str
    description: str
    params: tuple[Param, ...] = ()
    body: dict[str, Any] | None = None
    """Schema of a JSON body (records: one, an array, or JSON Lines)."""
    answer: dict[str, Any] = attrs.field(factory=dict)
    refusals: tuple[int, ...] = ()

    @property
    def accepted(self) -> frozenset[str]:
        """The names of the query parameters."""
        return frozenset(p.name for p in self.params if p.where == "query")


_DATE = {"type": "string", "format": "date"}
ON = Param(name="on", description="As-of date YYYY-MM-DD (ngày xét; default today)",
           schema=_DATE)
LANG = Param(name="lang", description="Language of text lines: vi or en (JSON fields carry both)",
             schema={"type": "string", "enum": ["vi", "en"], "default": "vi"})
STANDARD = Param(name="standard", description="Check against this standard only (tiêu chuẩn)",
                 schema={"type": "string"})
POSITION = Param(name="position", description="Check against this post's standards "
                                              "(chức danh, a title code)",
                 schema={"type": "string"})
DRAFTS = Param(name="include_drafts", description="Also apply draft standards (dự thảo)",
               schema={"type": "boolean", "default": False})
EXPLAIN = Param(name="explain", description="Add each result's whole requirement tree",
                schema={"type": "boolean", "default": False})
BY = Param(name="by", description="Group the gaps by unit, position or administrative level",
           schema={"type": "string", "enum": ["unit", "position", "level"], "default": "unit"})
PROFILE = Param(name="profile", description="Position profile id for every official (hồ sơ vị "
                                            "trí việc làm; default: the profiles of each post)",
                schema={"type": "string"})
NAMES = Param(name="names", description="List the ids of the officials behind each count "
                                        "(`who`), as `gaps --names`",
              schema={"type": "boolean", "default": False})
KIND = Param(name="kind", description="Record kind of the body",
             schema={"type": "string", "enum": sorted(KINDS), "default": "official"})
REDACT = Param(name="redact", description="Do not repeat personal values (x-pii) in messages",
               schema={"type": "boolean", "default": False})

_RECORDS = {"oneOf": [schema_ref("official"),
                      {"type": "array", "items": schema_ref("official")}]}
_ANY_RECORDS = {"oneOf": [{"type": "object"}, {"type": "array", "items": {"type": "object"}}],
                "description": "Records of the kind named by `kind`: for officials, "
                               + SCHEMA_ID.format(kind="official")}
_LOCAL = "#/components/schemas/"

ENDPOINTS: tuple[Endpoint, ...] = (
    Endpoint(name="validate", method="POST", path="/validate",
             summary="Kiểm tra hồ sơ · Validate records",
             description="Every record against its schema: each error with its JSON pointer, as "
                         "`competency validate --format json`. Invalid records are the answer "
                         "(200), not a refusal.",
             params=(KIND, REDACT), body=_ANY_RECORDS,
             answer={"$ref": _LOCAL + "ValidateDocument"}, refusals=(400, 413)),
    Endpoint(name="check", method="POST", path="/check",
             summary="Đối chiếu tiêu chuẩn · Check against the standards",
             description="Each official against the standards of each current post (or the one "
                         "standard or post named), with citations, as `competency check "
                         "--format json`. Any invalid record refuses the request (422).",
             params=(ON, STANDARD, POSITION, DRAFTS, EXPLAIN, LANG), body=_RECORDS,
             answer={"$ref": _LOCAL + "CheckDocument"}, refusals=(400, 404, 413, 422)),
    Endpoint(name="explain", method="POST", path="/explain",
             summary="Giải thích · Explain, requirement by requirement",
             description="`/check` with the whole requirement tree of each result and its text "
                         "lines in `lang` (`text`), as `competency explain` prints them.",
             params=(ON, STANDARD, POSITION, DRAFTS, LANG), body=_RECORDS,
             answer={"$ref": _LOCAL + "CheckDocument"}, refusals=(400, 404, 413, 422)),
    Endpoint(name="gaps", method="POST", path="/gaps",
             summary="Khoảng cách năng lực · Cohort gaps",
             description="Standards unmet or undecided and competency shortfalls of the "
                         "officials, grouped, as `competency gaps --format json`.",
             params=(ON, BY, PROFILE, DRAFTS, NAMES), body=_RECORDS,
             answer={"$ref": _LOCAL + "GapsDocument"}, refusals=(400, 404, 413, 422)),
    Endpoint(name="standards", method="GET", path="/standards",
             summary="Danh mục tiêu chuẩn · The standards",
             description="Id, title, subjects, instruments, period and confidence of each "
                         "standard, as `competency standards list --format json`.",
             params=(ON, DRAFTS, LANG),
             answer={"type": "array", "items": {"$ref": _LOCAL + "StandardEntry"}},
             refusals=(400,)),
    Endpoint(name="standard", method="GET", path="/standards/{id}",
             summary="Một tiêu chuẩn · One standard",
             description="The standard as data: its requirement tree, legal basis and period.",
             params=(Param(name="id", description="Standard id", schema={"type": "string"},
                           where="path"),),
             answer=schema_ref("standard"), refusals=(404,)),
    Endpoint(name="frameworks", method="GET", path="/frameworks",
             summary="Khung năng lực · Competency frameworks",
             description="Every competency framework and position profile as data.",
             answer={"type": "object", "required": ["frameworks", "profiles"],
                     "properties": {
                         "frameworks": {"type": "array", "items": schema_ref("framework")},
                         "profiles": {"type": "array",
                                      "items": schema_ref("position-profile")}}}),
    Endpoint(name="schema", method="GET", path="/schemas/{kind}",
             summary="Lược đồ JSON · A shipped JSON Schema",
             description="The JSON Schema 2020-12 of a record kind, the document whose `$id` "
                         "this API's schemas reference.",
             params=(Param(name="kind", description="Record kind",
                           schema={"type": "string", "enum": sorted(KINDS)}, where="path"),),
             answer={"type": "object", "description": "A JSON Schema 2020-12 document"},
             refusals=(404,)),
)
