"""The fact columns of a batch computed in DuckDB instead of record by record in Python.

A batch keeps, for each record that has a post to evaluate, the record as one JSON line,
numbered; the lines are read at once by DuckDB's JSON reader into the roster's nested layout
(the columns of the official schema) and :class:`~competency.vector.sql.facts.FactQuery`
gives the facts of every current post, of which the batch keeps its pairs, in its order. The
values are those of the Python facts (a parity test holds them to it); the Python facts remain
the path without the ``sql`` extra, with ``COMPETENCY_FACTS=python``, and for a batch DuckDB
does not read. A record holding a lone surrogate (JSON allows one, a column does not) has its
facts taken with ``?`` in its place, and every result of it from the reference evaluator.
"""

from __future__ import annotations

import importlib.util
import json
import os
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import polars as pl

from competency.vector import _flatten as f

__all__ = ["SqlFacts", "replaced", "sql_facts", "utf8_json"]

try:
    from orjson import dumps as _fast_dumps
except ImportError:  # the fast extra absent
    _fast_dumps = None


def utf8_json(record: Any) -> bytes | None:
    """The record as UTF-8 JSON; None when it holds a lone surrogate (JSON allows one, UTF-8,
    and so polars and DuckDB, do not)."""
    try:
        if _fast_dumps is not None:
            return _fast_dumps(record)
        return json.dumps(record, ensure_ascii=False, separators=(",", ":")).encode()
    except (TypeError, UnicodeEncodeError):
        return None


def replaced(record: Any) -> Any:
    """A copy of the record with each lone surrogate replaced by ``?``: what the fact columns
    can hold."""
    return json.loads(json.dumps(record, ensure_ascii=False).encode("utf-8", "replace"))


def sql_facts(columns: Sequence[Any], facts: Sequence[f.Fact], on: Any, lookups: Any
              ) -> SqlFacts | None:
    """The facts in DuckDB, or None: no fact is read, DuckDB is not installed, a fact has no
    SQL, or ``COMPETENCY_FACTS=python`` asks for the Python facts."""
    if not columns or os.environ.get("COMPETENCY_FACTS", "sql") == "python" \
            or importlib.util.find_spec("duckdb") is None:
        return None
    from competency.vector.sql.facts import UnsupportedFactError  # noqa: PLC0415  (a cycle)

    try:
        return SqlFacts(facts, on, lookups)
    except UnsupportedFactError:
        return None


class SqlFacts:
    """One query per batch; a connection per plan, on one DuckDB thread (the bulk path runs a
    process per core)."""

    def __init__(self, facts: Sequence[f.Fact], on: Any, lookups: Any) -> None:
        import duckdb  # noqa: PLC0415  (optional extra)

        from competency.vector.sql.facts import FactQuery, roster_types  # noqa: PLC0415

        self.query = FactQuery(facts, on, lookups)
        self.names = [name for name, _ in self.query.columns]
        self.con = duckdb.connect()
        self.con.execute("SET threads = 1")
        self.error = duckdb.Error
        columns = {"_record": "UINTEGER", **roster_types()}
        self.read = ("CREATE OR REPLACE TEMP TABLE _batch_roster AS SELECT * FROM read_json("
                     "$path, format = 'newline_delimited', columns = {" + ", ".join(
                         f"'{name}': '{kind}'" for name, kind in columns.items()) + "})")

    @staticmethod
    def line(text: bytes, number: int) -> bytes:
        """A record's JSON (:func:`utf8_json`) as line ``number`` of the batch."""
        return b'{"_record":%d,%s' % (number, text[1:])

    def frame(self, lines: list[bytes], pairs: list[tuple[int, int]]) -> pl.DataFrame | None:
        """The fact columns of ``pairs`` ((line, current post) each), in their order; None when
        DuckDB cannot read the lines."""
        with tempfile.TemporaryDirectory(prefix="competency-facts-") as folder:
            path = Path(folder) / "batch.jsonl"
            path.write_bytes(b"\n".join(lines))
            try:
                self.con.execute(self.read, {"path": str(path)})
            except self.error:
                return None
        try:
            rows = self.query.frame(self.con, "_batch_roster")
        finally:
            self.con.execute("DROP TABLE _batch_roster")
        wanted = pl.DataFrame(pairs, schema={"_record": pl.UInt32(), "_position": pl.UInt32()},
                              orient="row")
        return wanted.join(rows, on=["_record", "_position"], how="left",
                           maintain_order="left").select(self.names)
