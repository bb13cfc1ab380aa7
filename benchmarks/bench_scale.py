"""National-scale benchmark: every bulk path of the CLI at up to 2.5 million officials.

One synthetic roster is generated at the largest size (fixed seed, 1% invalid records) and
kept in ``build/bench/roster-N-seedS-ON.jsonl`` (``--fresh`` generates it again); each
smaller size is its first n lines, written once beside it. For each size in ``--sizes``,
each path runs in a fresh process and the table gives its records/s and peak RSS:

- ``competency validate ROSTER``;
- ``competency check ROSTER --on D --format jsonl`` (reference engine, output to a file);
- ``competency check ROSTER --on D --format jsonl --engine vector --jobs 1`` and ``--jobs 2``;
- the vectorised evaluator alone on the first min(n, 200,000) valid records, parsed
  beforehand: the fact extraction (``_Batch.add`` for every record) and the rule evaluation
  (``_Batch.evaluate`` over the fact columns: compiled polars expressions, provisions
  included), each timed on its own;
- ``competency gaps ROSTER --on D --format json`` and ``competency targets ROSTER --on D
  --format json`` (output to files);
- ``competency plan ROSTER --on D --out plan.json`` (the training plan, table and JSON file)
  and ``competency select ROSTER --scheme vn.postgraduate-dispatch --on D --format json``
  (the ranking; both spool their per-person rows to disk, so their memory stays flat);
- ``competency validate ROSTER.parquet`` and ``competency check ROSTER.parquet --engine vector``
  on the roster's valid records converted to Parquet beforehand (``competency convert``, not
  timed).

Baselines, measured in the same run on the first ``--baseline-n`` lines (default 100,000):

(b1) plain ``jsonschema``: ``json.loads`` and ``Draft202012Validator(schema,
     format_checker=...).iter_errors`` for every line (``bench_validate.py``'s baseline);
(b2) cattrs structuring alone: ``competency.schema.convert.structure(record, Official)`` timed on
     the valid records, parsed and validated beforehand;
(b3) jsonschema-rs alone: ``Draft202012Validator(schema, validate_formats=True).is_valid``
     timed on records parsed beforehand;
(b4) a polars expression over a column: ``(col >= k).sum()`` over 10,000,000 shuffled Int64
     rows, on one thread;
(b5) reference evaluation alone: ``competency.check(official, on)`` on the first
     20,000 valid officials, structured beforehand.

Every path must find the same number of invalid records, and both engines the same count of
every outcome; a path that fails is reported and the others go on (the exit status is then 1).
A final table compares the figures with the targets. ``--write FILE`` also writes the tables
as Markdown, with the environment, for the documentation.

Run:  make bench   (or .venv/bin/python benchmarks/bench_scale.py --write build/bench/results.md)
Smoke test:  .venv/bin/python benchmarks/bench_scale.py --sizes 2000,5000 --baseline-n 2000
Needs the ``vector``, ``fast`` and ``synth`` extras.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

import _bench
import bench_check
import bench_validate

SCRIPT = Path(__file__).resolve()
CACHE = _bench.ROOT / "build" / "bench"
DEFAULT_SIZES = "100000,1000000,2500000"
EVALUATION_CAP = 200_000  # records given to the vectorised evaluator alone
REFERENCE_OFFICIALS = 20_000  # officials of the reference evaluation baseline (b5)
COLUMN_ROWS = 10_000_000  # rows of the polars column baseline (b4)
CHUNK = 10_000  # records a worker parses ahead of a timed step (bounds its memory)
JOBS = (1, 2)
SCHEME = "vn.postgraduate-dispatch"  # the scheme the select row ranks the roster for

# targets (figures of the national-scale issue)
VALIDATE_TIMES_JSONSCHEMA = 60
VECTOR_RATE = 150_000
PARQUET_RATE = 400_000
EVALUATION_RATE = 1_000_000
NATIONAL = 2_500_000
NATIONAL_SECONDS = 20
NATIONAL_MB = 500
COHORT_MB = 300  # gaps, plan and select on the national roster
REFERENCE_WITHIN = 2.0


# -- workers (each runs in its own interpreter) ---------------------------------------------------

def _parser() -> tuple[str, Callable[[bytes], Any]]:
    """orjson when installed, as the bulk path uses it, else the standard library."""
    try:
        import orjson
    except ImportError:
        import json

        return "json", json.loads
    return "orjson", orjson.loads


def _chunks(path: Path) -> Iterator[list[Any]]:
    """The JSON values of the file's lines (None for a line that is not JSON), parsed as the
    bulk path does (:func:`_parser`), in lists of :data:`CHUNK`."""
    _, loads = _parser()
    chunk: list[Any] = []
    with path.open("rb") as stream:
        for line in stream:
            try:
                chunk.append(loads(line))
            except ValueError:
                chunk.append(None)
            if len(chunk) == CHUNK:
                yield chunk
                chunk = []
    if chunk:
        yield chunk


def _valid_chunks(path: Path) -> Iterator[list[dict[str, Any]]]:
    """The records of :func:`_chunks` valid against the official schema."""
    from competency.schema.validate import validator

    is_valid = validator("official").is_valid
    for chunk in _chunks(path):
        yield [value for value in chunk if isinstance(value, dict) and is_valid(value)]


def structure_worker(argv: list[str]) -> None:
    """(b2) ``structure(record, Official)`` on the valid records, timed alone."""
    from competency.model.official import Official
    from competency.schema.convert import structure

    seconds, officials = 0.0, 0
    for valid in _valid_chunks(Path(argv[0])):
        start = time.perf_counter()
        for record in valid:
            structure(record, Official)
        seconds += time.perf_counter() - start
        officials += len(valid)
    _bench.emit({"officials": officials, "seconds": seconds})


def rust_worker(argv: list[str]) -> None:
    """(b3) jsonschema-rs ``is_valid`` on records parsed beforehand, timed alone."""
    import json

    import jsonschema_rs

    schema = json.loads(Path(argv[1]).read_text(encoding="utf-8"))
    is_valid = jsonschema_rs.Draft202012Validator(schema, validate_formats=True).is_valid
    seconds, records, invalid = 0.0, 0, 0
    for chunk in _chunks(Path(argv[0])):
        start = time.perf_counter()
        verdicts = [is_valid(value) for value in chunk]
        seconds += time.perf_counter() - start
        records += len(chunk)
        invalid += verdicts.count(False)
    _bench.emit({"records": records, "invalid": invalid, "seconds": seconds})


def column_worker(argv: list[str]) -> None:
    """(b4) ``(col >= k).sum()`` over an Int64 column, on one thread: median of 5 runs. The
    column is shuffled: on a column polars knows to be sorted the comparison is a search."""
    import os

    os.environ["POLARS_MAX_THREADS"] = "1"
    import polars as pl

    rows = int(argv[0])
    frame = pl.DataFrame({"x": pl.int_range(0, rows, eager=True).shuffle(seed=1)})
    expr = (pl.col("x") >= rows // 2).sum()
    frame.select(expr)  # warm-up
    times = []
    for _ in range(5):
        start = time.perf_counter()
        count = frame.select(expr).item()
        times.append(time.perf_counter() - start)
    assert count == rows - rows // 2, count
    _bench.emit({"records": rows, "invalid": None, "seconds": sorted(times)[2],
                 "threads": pl.thread_pool_size()})


def reference_worker(argv: list[str]) -> None:
    """(b5) ``check(official, on)`` on officials structured beforehand, timed alone."""
    import datetime as dt

    from competency.model.official import Official
    from competency.schema.convert import structure
    from competency.standards.catalogue import Catalog
    from competency.standards.checking import check

    day, count = dt.date.fromisoformat(argv[1]), int(argv[2])
    people: list[Official] = []
    for valid in _valid_chunks(Path(argv[0])):
        people.extend(structure(record, Official) for record in valid[:count - len(people)])
        if len(people) >= count:
            break
    catalog = Catalog.builtin()
    outcomes: dict[str, int] = {}
    start = time.perf_counter()
    for official in people:
        for result in check(official, day, catalog=catalog):
            outcomes[result.outcome.code] = outcomes.get(result.outcome.code, 0) + 1
    seconds = time.perf_counter() - start
    _bench.emit({"officials": len(people), "seconds": seconds, "outcomes": outcomes})


def evaluation_worker(argv: list[str]) -> None:
    """(4) The vectorised evaluator on the first valid records: ``_Batch.add`` (fact
    extraction), ``facts()`` (the fact columns) and ``evaluate(facts)`` (rule evaluation:
    the compiled expressions and the transitional provisions), each timed alone; the
    result rows (ids, titles, outcome labels) are then assembled untimed, to count outcomes.
    The cycle collector is off, as in the bulk path."""
    import datetime as dt
    import gc

    import polars as pl

    from competency.standards.catalogue import Catalog
    from competency.vector._engine import _Batch, _Plan

    path, day, cap = Path(argv[0]), dt.date.fromisoformat(argv[1]), int(argv[2])
    plan = _Plan(day, Catalog.builtin(), False)
    batch = _Batch(plan)
    gc.disable()
    add_seconds, whole = 0.0, True
    for valid in _valid_chunks(path):
        room = cap - batch.records
        if len(valid) > room:
            whole, valid = False, valid[:room]
        start = time.perf_counter()
        for record in valid:
            batch.add(record)
        add_seconds += time.perf_counter() - start
        if not whole:
            break
    start = time.perf_counter()
    facts = batch.facts()
    middle = time.perf_counter()
    batch.evaluate(facts)
    end = time.perf_counter()
    results = batch.results(facts)
    gc.enable()
    _bench.emit({"officials": batch.records, "whole": whole, "rows": results.height,
                 "pairs": batch.npairs, "add_seconds": add_seconds,
                 "facts_seconds": middle - start, "seconds": end - middle,
                 "outcomes": dict(results["outcome"].value_counts().iter_rows()),
                 "threads": pl.thread_pool_size(), "parser": _parser()[0]})


WORKERS = {"baseline": bench_validate.baseline_worker, "structure": structure_worker,
           "rust": rust_worker, "column": column_worker, "reference": reference_worker,
           "evaluation": evaluation_worker}


# -- the measurements -----------------------------------------------------------------------------

class Measured:
    """One measured path of a size: its row and the baseline its ratio is taken against."""

    def __init__(self, key: str, label: str, records: int, baseline: str) -> None:
        self.key = key
        self.row = _bench.Row(label, records)
        self.baseline = baseline


def _cli_job(workdir: Path, n: int, key: str, args: list[str], *, summary_on_stdout: bool = False,
             tree: bool = False, written: Path | None = None, counted: bool = True
             ) -> _bench.Job:
    """``competency ARGS`` on the roster of ``n`` records, output to a file (removed after:
    the results of 2.5 million officials take gigabytes; so is ``written``, a file the
    command writes itself); it must have read every record. ``counted=False``: a roster of
    the valid records only (Parquet), left out of the comparison of invalid counts."""
    def job() -> tuple[float, _bench.Run, int | None, dict[str, Any]]:
        done = _bench.run_cli(args, workdir / f"{key}.out", workdir / f"{key}.err", tree=tree)
        read, _, invalid = _bench.summary_counts(done.stdout if summary_on_stdout
                                                 else done.stderr)
        assert read == n, f"{key}: read {read} records of {n}"
        extra: dict[str, Any] = {"bytes": done.stdout.stat().st_size}
        if args[0] == "check":
            extra["outcomes"] = bench_check._cli_outcomes(done.stderr)
        done.stdout.unlink()
        if written is not None:
            extra["bytes"] += written.stat().st_size
            written.unlink()
        return done.wall, done, invalid if counted else None, extra
    return job


def _worker_job(workdir: Path, row: _bench.Row, name: str, *args: str,
                also: _bench.Row | None = None) -> _bench.Job:
    """A worker that reports the officials it timed: they are the row's records. ``also``
    gets the fact-extraction time of the evaluation worker, from the same run."""
    def job() -> tuple[float, _bench.Run, int | None, dict[str, Any]]:
        done, report = _bench.run_worker(SCRIPT, workdir, name, *args)
        row.records = report["officials"]
        if also is not None:
            also.records = report["officials"]
            also.add(report["add_seconds"], done, None)
        return report["seconds"], done, None, report
    return job


def measure_baselines(args: argparse.Namespace, workdir: Path, sample: Path
                      ) -> dict[str, _bench.Row]:
    """(b1) to (b5) on the first ``--baseline-n`` lines."""
    n = args.baseline_n
    rows = {
        "b1": _bench.Row("(b1) jsonschema: json.loads + iter_errors", n),
        "b2": _bench.Row("(b2) cattrs structuring: structure(record, Official)", n),
        "b3": _bench.Row("(b3) jsonschema-rs: is_valid", n),
        "b4": _bench.Row("(b4) polars: (col >= k).sum(), 1 thread", COLUMN_ROWS),
        "b5": _bench.Row("(b5) reference evaluation: check(official, on)", REFERENCE_OFFICIALS),
    }
    structure = rows["b2"]

    def structure_job() -> tuple[float, _bench.Run, int | None, dict[str, Any]]:
        done, report = _bench.run_worker(SCRIPT, workdir, "structure", str(sample))
        structure.records = report["officials"]  # the rate is of the records structured
        return report["seconds"], done, n - report["officials"], report

    _bench.measure([
        (rows["b1"], _bench.records_job(SCRIPT, workdir, "baseline", n, str(sample),
                                        str(_bench.SCHEMA_FILE))),
        (structure, structure_job),
        (rows["b3"], _bench.records_job(SCRIPT, workdir, "rust", n, str(sample),
                                        str(_bench.SCHEMA_FILE))),
        (rows["b4"], _bench.records_job(SCRIPT, workdir, "column", COLUMN_ROWS,
                                        str(COLUMN_ROWS))),
        (rows["b5"], _worker_job(workdir, rows["b5"], "reference", str(sample), args.on,
                                 str(REFERENCE_OFFICIALS))),
    ], args.repeat, tolerate=True)
    return rows


def measure_size(args: argparse.Namespace, workdir: Path, roster: Path, n: int
                 ) -> list[Measured]:
    """Every path on the roster of ``n`` records."""
    on, file = args.on, str(roster)
    check = ["check", file, "--on", on, "--format", "jsonl"]
    paths = [Measured("validate", "competency validate", n, "b1"),
             Measured("reference", "competency check --format jsonl", n, "b2"),
             *(Measured(f"vector{j}", f"competency check --engine vector --jobs {j}", n, "b3")
               for j in JOBS),
             Measured("add", "vector alone: fact extraction (_Batch.add)", 0, "b2"),
             Measured("results", "vector alone: rule evaluation (_Batch.evaluate)", 0, "b4"),
             Measured("gaps", "competency gaps --format json", n, "b5"),
             Measured("targets", "competency targets --format json", n, "b5"),
             Measured("plan", "competency plan --out plan.json", n, "b5"),
             Measured("select", f"competency select --scheme {SCHEME} --format json", n, "b5")]
    table, rows = _parquet_roster(workdir, roster)
    paths += [Measured("validate-parquet", "competency validate (Parquet roster)", rows, "b1"),
              Measured("vector-parquet", "competency check --engine vector (Parquet roster)",
                       rows, "b3")]
    by = {p.key: p for p in paths}
    plan_file = workdir / "plan.json"
    jobs: list[tuple[_bench.Row, _bench.Job]] = [
        (by["validate"].row, _cli_job(workdir, n, "validate", ["validate", file],
                                      summary_on_stdout=True)),
        (by["reference"].row, _cli_job(workdir, n, "reference", check)),
        *((by[f"vector{j}"].row, _cli_job(workdir, n, f"vector{j}",
                                          [*check, "--engine", "vector", "--jobs", str(j)],
                                          tree=True)) for j in JOBS),
        (by["results"].row, _worker_job(workdir, by["results"].row, "evaluation", file, on,
                                        str(EVALUATION_CAP), also=by["add"].row)),
        (by["gaps"].row, _cli_job(workdir, n, "gaps",
                                  ["gaps", file, "--on", on, "--format", "json"])),
        (by["targets"].row, _cli_job(workdir, n, "targets",
                                     ["targets", file, "--on", on, "--format", "json"])),
        (by["plan"].row, _cli_job(workdir, n, "plan",
                                  ["plan", file, "--on", on, "--out", str(plan_file)],
                                  written=plan_file)),
        (by["select"].row, _cli_job(workdir, n, "select",
                                    ["select", file, "--scheme", SCHEME, "--on", on,
                                     "--format", "json"])),
        (by["validate-parquet"].row, _cli_job(workdir, rows, "validate-parquet",
                                              ["validate", str(table)], summary_on_stdout=True,
                                              counted=False)),
        (by["vector-parquet"].row, _cli_job(workdir, rows, "vector-parquet",
                                            ["check", str(table), "--on", on, "--format",
                                             "jsonl", "--engine", "vector"], counted=False)),
    ]
    _bench.measure(jobs, args.repeat, tolerate=True)
    by["add"].row.error = by["results"].row.error
    table.unlink()
    return paths


def _parquet_roster(workdir: Path, roster: Path) -> tuple[Path, int]:
    """The roster's valid records as a Parquet file (``competency convert``, not timed), and
    its rows."""
    table = workdir / "roster.parquet"
    done = _bench.run_cli(["convert", str(roster), str(table)], workdir / "convert.out",
                          workdir / "convert.err")
    _, valid, _ = _bench.summary_counts(done.stdout)
    return table, valid


# -- agreement between the paths ------------------------------------------------------------------

def _folded(outcomes: dict[str, int]) -> dict[str, int]:
    """Outcome counts without zeros (the summary leaves absent outcomes out)."""
    return {k: v for k, v in sorted(outcomes.items()) if v}


def disagreements(n: int, paths: list[Measured]) -> list[str]:
    """What the paths of one size do not agree on: invalid records, outcome counts."""
    by = {p.key: p.row for p in paths if p.row.error is None}
    found = []
    invalid = {key: row.invalid for key, row in by.items() if row.invalid is not None}
    if len(set(invalid.values())) > 1:
        found.append(f"{n} records: the paths found different numbers of invalid records: "
                     + ", ".join(f"{k} {v}" for k, v in invalid.items()))
    if "reference" in by:
        reference = _folded(by["reference"].extra["outcomes"])
        for key in (f"vector{j}" for j in JOBS):
            if key in by and _folded(by[key].extra["outcomes"]) != reference:
                found.append(f"{n} records: outcomes of {key} {by[key].extra['outcomes']} "
                             f"differ from the reference engine's {reference}")
        alone = by.get("results")
        if alone is not None and alone.extra["whole"] \
                and _folded(alone.extra["outcomes"]) != reference:
            found.append(f"{n} records: outcomes of the vectorised evaluator alone "
                         f"{alone.extra['outcomes']} differ from the reference engine's "
                         f"{reference}")
    return found


# -- tables ---------------------------------------------------------------------------------------

def _figures(row: _bench.Row) -> list[str]:
    if row.error is not None or not row.seconds:
        return ["error", "", ""]
    seconds = row.median_seconds
    return [f"{seconds:.2f}" if seconds >= 0.1 else f"{seconds:.4f}", f"{row.rate:,.0f}",
            f"{row.peak_mb:.1f}"]


def _invalid(row: _bench.Row) -> str:
    return "—" if row.invalid is None or row.error is not None else f"{row.invalid}"


def _ratio(row: _bench.Row, base: _bench.Row) -> float | None:
    measured = row.error is None and row.seconds and base.error is None and base.seconds
    return row.rate / base.rate if measured else None


def _runs_note(args: argparse.Namespace) -> str:
    return f"seconds: median of {args.repeat} runs; peak RSS: the largest of them"


def _errors(rows: list[_bench.Row]) -> list[str]:
    """For each failed row: the command that failed and the last line it wrote (for a
    traceback, the exception); the whole message was printed when it failed."""
    notes = []
    for row in rows:
        if row.error is not None:
            lines = [line for line in row.error.strip().splitlines()
                     if any(c.isalnum() for c in line)]
            last = f" … {lines[-1].strip(' │')}" if len(lines) > 1 else ""
            notes.append(f"error in {row.label}: {lines[0] if lines else row.error}{last}")
    return notes


def baseline_table(rows: dict[str, _bench.Row]) -> str:
    head = ("baseline", "records", "seconds", "records/s", "peak RSS MB", "invalid")
    body = [(row.label, f"{row.records}", *_figures(row), _invalid(row)) for row in rows.values()]
    return _bench.markdown_table(head, body)


def size_table(paths: list[Measured], baselines: dict[str, _bench.Row]) -> str:
    head = ("path", "records", "seconds", "records/s", "peak RSS MB", "vs baseline", "invalid")
    body = []
    for p in paths:
        ratio = _ratio(p.row, baselines[p.baseline])
        body.append((p.row.label, f"{p.row.records}", *_figures(p.row),
                     "" if ratio is None else f"{ratio:.2f}x {p.baseline}", _invalid(p.row)))
    return _bench.markdown_table(head, body)


def size_notes(n: int, paths: list[Measured]) -> list[str]:
    by = {p.key: p.row for p in paths}
    notes = []
    for j in JOBS:
        row = by[f"vector{j}"]
        if row.error is None and row.tree_kib:
            notes.append(f"--jobs {j}: largest single process {max(row.rss_kib) / 1024:.1f} MB, "
                         f"whole process tree {max(row.tree_kib) / 1024:.1f} MB (summed, "
                         f"sampled every {_bench.TREE_INTERVAL} s)")
    alone = by["results"]
    if alone.error is None:
        x = alone.extra
        notes.append(f"vectorised evaluator alone: the first {x['officials']} valid records "
                     f"({'all' if x['whole'] else 'part'} of the {n}), {x['pairs']} "
                     f"(official, post) pairs, {x['rows']} results; fact extraction "
                     f"{x['add_seconds']:.2f} s, fact columns {x['facts_seconds']:.2f} s "
                     f"(in neither row), rule evaluation {x['seconds']:.2f} s; "
                     f"records parsed with {x['parser']}, polars threads {x['threads']}")
    if by["reference"].error is None:
        notes.append("results of the reference engine: "
                     + _bench.counts(by["reference"].extra["outcomes"]))
    return notes + _errors([p.row for p in paths])


def _status(value: float | None, limit: float, *, at_most: bool = False) -> str:
    if value is None:
        return "not measured"
    return "met" if (value <= limit if at_most else value >= limit) else "not met"


def targets_table(args: argparse.Namespace, baselines: dict[str, _bench.Row],
                  sizes: dict[int, list[Measured]]) -> str:
    largest = max(sizes)
    by = {p.key: p.row for p in sizes[largest]}
    at = f" at {largest:,}"
    lines: list[tuple[str, str, str, str]] = []

    ratio = _ratio(by["validate"], baselines["b1"])
    lines.append(("validate vs plain jsonschema (b1)",
                  "error" if ratio is None else f"{ratio:.1f}x{at}",
                  f">= {VALIDATE_TIMES_JSONSCHEMA}x",
                  _status(ratio, VALIDATE_TIMES_JSONSCHEMA)))
    for j in JOBS:
        row = by[f"vector{j}"]
        rate = None if row.error or not row.seconds else row.rate
        lines.append((f"vector check end to end, --jobs {j} (officials/s)",
                      "error" if rate is None else f"{rate:,.0f}{at}", f">= {VECTOR_RATE:,}",
                      _status(rate, VECTOR_RATE)))
    row = by["vector-parquet"]
    rate = None if row.error or not row.seconds else row.rate
    lines.append(("vector check on the Parquet roster (officials/s)",
                  "error" if rate is None else f"{rate:,.0f}{at}", f">= {PARQUET_RATE:,}",
                  _status(rate, PARQUET_RATE)))
    row = by["results"]
    rate = None if row.error or not row.seconds else row.rate
    lines.append(("rule evaluation alone (officials/s)",
                  "error" if rate is None else f"{rate:,.0f} ({row.records:,} officials)",
                  f">= {EVALUATION_RATE:,}", _status(rate, EVALUATION_RATE)))

    national = {p.key: p.row for p in sizes.get(NATIONAL, ())}
    runs = [(j, national[f"vector{j}"]) for j in JOBS if national
            and national[f"vector{j}"].error is None and national[f"vector{j}"].seconds]
    jobs, best = min(runs, key=lambda run: run[1].median_seconds) if runs else (0, None)
    if not national:
        why = f"not run (sizes up to {largest:,})"
        lines.append((f"{NATIONAL:,} officials, vector, best --jobs: seconds", why,
                      f"< {NATIONAL_SECONDS}", "not measured"))
        lines.append((f"{NATIONAL:,} officials, vector, best --jobs: peak RSS MB", why,
                      f"< {NATIONAL_MB}", "not measured"))
    else:
        name = f" (--jobs {jobs})"
        seconds = None if best is None else best.median_seconds
        peak = None if best is None else best.peak_mb
        lines.append((f"{NATIONAL:,} officials, vector, best --jobs: seconds",
                      "error" if seconds is None else f"{seconds:.1f}{name}",
                      f"< {NATIONAL_SECONDS}",
                      _status(seconds, NATIONAL_SECONDS, at_most=True)))
        lines.append((f"{NATIONAL:,} officials, vector, best --jobs: peak RSS MB",
                      "error" if peak is None else f"{peak:.1f}{name}", f"< {NATIONAL_MB}",
                      _status(peak, NATIONAL_MB, at_most=True)))

    for key in ("gaps", "plan", "select"):
        row = national.get(key)
        peak = None if row is None or row.error or not row.seconds else row.peak_mb
        lines.append((f"{NATIONAL:,} officials, {key}: peak RSS MB",
                      f"not run (sizes up to {largest:,})" if row is None
                      else "error" if peak is None else f"{peak:.1f}", f"< {COHORT_MB}",
                      "not measured" if row is None
                      else _status(peak, COHORT_MB, at_most=True)))

    structuring = baselines["b2"]
    for label, row, where in (("reference evaluation alone (b5)", baselines["b5"], ""),
                              ("reference CLI check, whole process", by["reference"], at)):
        slower = None if _ratio(row, structuring) is None else 1 / _ratio(row, structuring)
        lines.append((f"{label}: times slower than cattrs structuring (b2)",
                      "error" if slower is None else f"{slower:.2f}x{where}",
                      f"<= {REFERENCE_WITHIN:g}x",
                      _status(slower, REFERENCE_WITHIN, at_most=True)))
    return _bench.markdown_table(("target", "measured", "required", "status"), lines, left=4)


# -- the benchmark --------------------------------------------------------------------------------

def _options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--sizes", default=DEFAULT_SIZES,
                        help=f"roster sizes, comma-separated (default {DEFAULT_SIZES})")
    parser.add_argument("--baseline-n", type=int, default=100_000,
                        help="lines the baselines b1-b3 read (default 100000)")
    parser.add_argument("--fresh", action="store_true",
                        help="generate the roster again even when build/bench holds it")
    parser.add_argument("--write", type=Path, metavar="FILE",
                        help="also write the tables to FILE as Markdown")


class Report:
    """What is printed, kept to be written as Markdown too."""

    def __init__(self, environment: str) -> None:
        self.header = [environment]
        self.sections: list[tuple[str, str, list[str]]] = []

    def section(self, title: str, table: str, notes: list[str]) -> None:
        self.sections.append((title, table, notes))
        print(f"\n{title}\n\n{table}")
        for note in notes:
            print(note)
        print(flush=True)

    def markdown(self) -> str:
        parts = ["```text", *self.header, "```", ""]
        for title, table, notes in self.sections:
            parts += [f"### {title}", "", table, ""]
            parts += [f"- {note}" for note in notes] + ([""] if notes else [])
        return "\n".join(parts)


def main() -> None:
    args = _bench.arguments(__doc__, "date the roster describes and the paths work on",
                            sized=False, options=_options)
    sizes = sorted({int(size) for size in args.sizes.split(",")})
    largest = max(*sizes, args.baseline_n)
    report = Report(args.environment)
    runs = [_runs_note(args)] if args.repeat > 1 else []
    problems: list[str] = []
    with _bench.scratch("scale", args.keep, parent=CACHE) as workdir:
        roster = _bench.cached_roster(SCRIPT, workdir, CACHE, largest, args.seed, args.on,
                                      fresh=args.fresh)
        report.header += [f"versions: {roster['versions']}",
                          (f"{_bench.roster_line(roster, largest, args.seed, args.on)}; "
                           "smaller sizes are its first lines")]
        print(f"measuring the baselines on the first {args.baseline_n:,} lines", flush=True)
        sample = _bench.prefix(roster["path"], args.baseline_n, largest)
        baselines = measure_baselines(args, workdir, sample)
        counted = [baselines[k] for k in ("b1", "b2", "b3") if baselines[k].error is None]
        if len({row.invalid for row in counted}) > 1:
            problems.append("baselines: " + ", ".join(f"{row.label} {row.invalid} invalid"
                                                      for row in counted))
        report.section(f"Baselines (first {args.baseline_n:,} lines; b4: {COLUMN_ROWS:,} rows; "
                       f"b5: first {baselines['b5'].records:,} valid officials)",
                       baseline_table(baselines),
                       runs + _errors(list(baselines.values())))
        measured: dict[int, list[Measured]] = {}
        for n in sizes:
            print(f"measuring {n:,} officials", flush=True)
            paths = measure_size(args, workdir, _bench.prefix(roster["path"], n, largest), n)
            measured[n] = paths
            found = disagreements(n, paths)
            problems += found
            report.section(f"{n:,} officials", size_table(paths, baselines),
                           runs + size_notes(n, paths)
                           + [f"DISAGREEMENT: {line}" for line in found])
    report.section("Targets", targets_table(args, baselines, measured), [
        ("peak RSS: ru_maxrss from os.wait4, the largest single process of the run; for the "
         "vector rows, the larger of that and the summed RSS of the whole process tree "
         f"(sampled every {_bench.TREE_INTERVAL} s), as --jobs 2 runs workers side by side"),
        ("orchestrating process peak RSS (floor under every figure): "
         f"{_bench.parent_peak_mb():.1f} MB"),
        f"load average at end (1, 5, 15 min): {_bench.load_average()}"])
    if args.write is not None:
        args.write.parent.mkdir(parents=True, exist_ok=True)
        args.write.write_text(report.markdown(), encoding="utf-8")
        print(f"written: {args.write}")
    failed = [row.label for row in [*baselines.values(),
                                    *(p.row for paths in measured.values() for p in paths)]
              if row.error is not None]
    if problems or failed:
        for line in problems:
            print(f"DISAGREEMENT: {line}", file=sys.stderr)
        if failed:
            print(f"failed: {', '.join(dict.fromkeys(failed))}", file=sys.stderr)
        raise SystemExit(1)


if __name__ == "__main__":
    _bench.dispatch(WORKERS, main)
