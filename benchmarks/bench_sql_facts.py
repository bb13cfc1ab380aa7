"""The fact columns of the vector engine: the per-record Python loop against one DuckDB query.

Generates a valid synthetic roster (``competency.synth.generate(n, seed=, on=)``, no broken
records) as JSON Lines in memory, then times, in this process, on the facts the built-in
catalogue's compiled standards read on ``--on`` (``_Plan(on, Catalog.builtin(), False)``):

(p) Python: ``_Batch.add`` for every record, already parsed (``json.loads``; the parse is
    timed apart, and the parsed records are frozen out of the garbage collector), then
    ``_Batch.facts()``: applicability and the Python facts of the posts that have a standard,
    as the vector engine computes them;
(f) Python facts alone: every ``Fact.fn`` of the plan on every current post (no
    applicability), then the same frame conversion;
(s) SQL: ``pl.read_ndjson`` of the lines into the nested roster layout, then
    ``FactQuery(...).frame`` in DuckDB on one thread (``SET threads=1``): every current post;
(j) SQL from JSON Lines read by DuckDB: the lines in a file, ``read_json(file, columns=
    roster_types())`` numbered by ``row_number() OVER ()``, then ``FactQuery(...).frame``;
(q) SQL from Parquet: the roster written once by ``write_parquet`` (not timed), then
    ``FactQuery(...).frame`` over DuckDB's ``read_parquet`` of it, on one thread.

The SQL rows of the posts (p) kept must equal (p)'s fact frame, column for column.

Run:  .venv/bin/python benchmarks/bench_sql_facts.py --n 200000
Needs the ``vector``, ``sql`` and ``synth`` extras.
"""

from __future__ import annotations

import argparse
import datetime as dt
import gc
import io
import json
import statistics
import tempfile
import time
from pathlib import Path


def _options() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, default=200_000, help="officials (default 200000)")
    parser.add_argument("--seed", type=int, default=2025)
    parser.add_argument("--on", default="2025-06-30", help="roster date and as-of date")
    parser.add_argument("--repeat", type=int, default=1, help="runs; the median is shown")
    return parser.parse_args()


def _timed(fn, repeat: int):
    times, value = [], None
    for _ in range(repeat):
        start = time.perf_counter()
        value = fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times), value


def main() -> None:
    args = _options()
    import duckdb
    import polars as pl

    from competency import synth
    from competency.io.parquet import parquet_columns, write_parquet
    from competency.standards.catalogue import Catalog
    from competency.vector._engine import _Batch, _facts_frame, _Plan
    from competency.vector.sql import _ArrowStream
    from competency.vector.sql.facts import FactQuery, roster_types

    on = dt.date.fromisoformat(args.on)
    lines = b"".join(json.dumps(r, ensure_ascii=False).encode() + b"\n"
                     for r in synth.generate(args.n, seed=args.seed, on=on))
    plan = _Plan(on, Catalog.builtin(), False)
    facts = plan.official_facts + plan.post_facts
    print(f"roster: {args.n} officials, seed {args.seed}, as of {args.on}, "
          f"{len(lines) / 2**20:.1f} MB JSON Lines; facts: {', '.join(x.key for x in facts)}")

    # The parsed roster stays in memory for (p) and (f): out of the collector's reach, so that
    # its passes over millions of live objects are not timed as the facts' cost.
    gc.disable()
    parse_s, records = _timed(lambda: [json.loads(line) for line in lines.splitlines()],
                              args.repeat)
    gc.freeze()
    gc.enable()

    def python_batch():
        batch = _Batch(plan)
        for record in records:
            batch.add(record)
        return batch, batch.facts()

    def python_facts():
        rows, found = [], plan.lookups
        for record in records:
            own = None
            for post in plan.current_posts(record):
                unit = post.get("unit")
                if unit is None:
                    unit = record.get("unit")
                if own is None:
                    own = tuple(v for x in plan.official_facts
                                for v in x.fn(record, plan.on_iso, found))
                rows.append(own + tuple(v for x in plan.post_facts
                                        for v in x.fn(record, post, unit, plan.on_iso, found)))
        return _facts_frame(plan.columns, rows)

    query = FactQuery(facts, on, plan.lookups)

    def sql(read_only: bool = False, frame=None):
        if frame is None:
            frame = pl.read_ndjson(io.BytesIO(lines), schema=parquet_columns("official"))
        if read_only:
            return frame
        con = duckdb.connect()
        con.sql("SET threads=1")
        con.register("roster", _ArrowStream(frame.with_row_index("_record")))
        return query.frame(con, "roster")

    def parquet(path):
        con = duckdb.connect()
        con.sql("SET threads=1")
        con.sql(f"CREATE TEMP VIEW roster AS SELECT *, CAST(file_row_number AS UINTEGER) "
                f"AS _record FROM read_parquet('{path}', file_row_number = true)")
        return query.frame(con, "roster")

    types = "{" + ", ".join(f"'{k}': '{v}'" for k, v in roster_types().items()) + "}"

    def duck_json(path):
        con = duckdb.connect()
        con.sql("SET threads=1")
        con.sql(f"CREATE TEMP TABLE roster AS SELECT *, CAST(row_number() OVER () - 1 AS "
                f"UINTEGER) AS _record FROM read_json('{path}', columns = {types}, "
                "format = 'newline_delimited')")
        return query.frame(con, "roster")

    batch_s, (batch, batch_facts) = _timed(python_batch, args.repeat)
    facts_s, python_frame = _timed(python_facts, args.repeat)
    read_s, roster = _timed(lambda: sql(read_only=True), args.repeat)
    query_s, _ = _timed(lambda: sql(frame=roster), args.repeat)
    sql_s, sql_frame = _timed(sql, args.repeat)
    with tempfile.TemporaryDirectory() as scratch:
        path = Path(scratch) / "roster.parquet"
        write_parquet(enumerate(records), path, "official", lambda tag, message: None)
        parquet_s, parquet_frame = _timed(lambda: parquet(path), args.repeat)
        lines_path = Path(scratch) / "roster.jsonl"
        lines_path.write_bytes(lines)
        json_s, json_frame = _timed(lambda: duck_json(lines_path), args.repeat)
    assert json_frame.equals(sql_frame), "DuckDB-read JSON Lines facts differ"
    assert parquet_frame.equals(sql_frame), "Parquet and JSON Lines facts differ"

    kept = pl.DataFrame(batch.pair_source, schema={"_record": pl.UInt32(),
                                                   "_position": pl.UInt32()}, orient="row")
    chosen = kept.join(sql_frame, on=["_record", "_position"], how="left", maintain_order="left")
    assert chosen.select(batch_facts.columns).equals(batch_facts), "SQL facts differ"
    assert sql_frame.height == python_frame.height
    assert sql_frame.select(python_frame.columns).equals(python_frame), "SQL facts differ"

    n = args.n
    rows = [("(p) Python _Batch.add + facts()", batch_s, f"{batch.npairs} posts with a standard"),
            ("(f) Python Fact.fn on every current post", facts_s, f"{python_frame.height} posts"),
            ("(s) read_ndjson + FactQuery.frame, 1 thread", sql_s, f"{sql_frame.height} posts"),
            ("    read_ndjson alone", read_s, ""),
            ("    FactQuery.frame alone, over the polars frame", query_s, ""),
            ("(j) DuckDB read_json + FactQuery.frame, 1 thread", json_s,
             f"{json_frame.height} posts"),
            ("(q) read_parquet + FactQuery.frame, 1 thread", parquet_s,
             f"{parquet_frame.height} posts")]
    print(f"json.loads of the lines (before (p) and (f), not counted): {parse_s:.2f} s")
    print("| path | seconds | records/s | vs (p) | rows |\n|---|---:|---:|---:|---|")
    for name, seconds, note in rows:
        print(f"| {name} | {seconds:.2f} | {n / seconds:,.0f} | {batch_s / seconds:.1f}x "
              f"| {note} |")


if __name__ == "__main__":
    main()
