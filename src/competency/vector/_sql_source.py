"""The fact columns of a batch computed in DuckDB instead of record by record in Python.

A batch keeps, for each record that has a post to evaluate, the record as one JSON line; the
lines are read at once into the roster's nested layout (``pl.read_ndjson`` with the columns
of the official schema) and :class:`~competency.vector.sql.facts.FactQuery` gives the facts
of every current post, of which the batch keeps its pairs, in its order. The values are those
of the Python facts (a parity test holds them to it); the Python facts remain the path without
the ``sql`` extra, or when ``COMPETENCY_FACTS=python``.
"""

from __future__ import annotations

import functools
import importlib.util
import io
import json
import os
from collections.abc import Sequence
from typing import Any

import polars as pl

from competency.vector import _flatten as f

__all__ = ["SqlFacts", "sql_facts"]

try:
    from orjson import dumps as _dumps
except ImportError:  # the fast extra absent
    def _dumps(record: Any) -> bytes:
        return json.dumps(record, ensure_ascii=False).encode()


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


@functools.cache
def _roster_schema() -> pl.Schema:
    from competency.io.parquet import parquet_columns  # noqa: PLC0415  (polars only here)

    return pl.Schema(parquet_columns("official"))


class SqlFacts:
    """One query per batch; a connection per plan (one DuckDB thread per process, since the
    bulk path runs a process per core)."""

    def __init__(self, facts: Sequence[f.Fact], on: Any, lookups: Any) -> None:
        import duckdb  # noqa: PLC0415  (optional extra)

        from competency.vector.sql import _ArrowStream  # noqa: PLC0415  (a cycle)
        from competency.vector.sql.facts import FactQuery  # noqa: PLC0415

        self.stream = _ArrowStream

        self.query = FactQuery(facts, on, lookups)
        self.names = [name for name, _ in self.query.columns]
        self.con = duckdb.connect()
        self.con.execute("SET threads = 1")

    @staticmethod
    def line(record: Any) -> bytes:
        """The record as the line the batch reads back."""
        return _dumps(record)

    def frame(self, lines: list[bytes], pairs: list[tuple[int, int]]) -> pl.DataFrame:
        """The fact columns of ``pairs`` ((line, current post) each), in their order."""
        roster = pl.read_ndjson(io.BytesIO(b"\n".join(lines)), schema=_roster_schema())
        self.con.register("_batch_roster", self.stream(roster.with_row_index("_record")))
        try:
            rows = self.query.frame(self.con, "_batch_roster")
        finally:
            self.con.unregister("_batch_roster")
        wanted = pl.DataFrame(pairs, schema={"_record": pl.UInt32(), "_position": pl.UInt32()},
                              orient="row")
        return wanted.join(rows, on=["_record", "_position"], how="left",
                           maintain_order="left").select(self.names)
