"""Bulk checks of a JSON Lines roster with the vectorised evaluator, in batches, on N processes.

The roster is cut into batches of lines; each batch is parsed (orjson when installed), given
its verdict by the compiled schema validator, turned into fact columns and evaluated, and its
results come back as JSON Lines text with the counts the summary needs. A record the fast
path does not accept goes through the reference reader and validator, so that its error
lines are exactly those of ``competency validate``. Batches are processed in order, so output
order and summary do not depend on the number of processes; memory is bounded by the batch
size times the processes in flight, never by the roster.
"""

from __future__ import annotations

import datetime as dt
import gc
import io
import json
import multiprocessing
import os
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any

import attrs
import polars as pl

from competency.catalog import Catalog
from competency.io._json import MAX_LINE_BYTES, _parse_line, _skip_rest_of_line
from competency.io._records import SourceLocation
from competency.model import Official
from competency.report import result_dict
from competency.roster import _check as check_raw
from competency.rules.evaluate import evaluate_standard
from competency.schema import validator
from competency.serialize import structure, unstructure
from competency.vector import _Batch, _Plan

try:
    import orjson

    _loads: Callable[[bytes], Any] = orjson.loads
except ImportError:  # the plain library parses the same documents, more slowly
    _loads = json.loads

__all__ = ["CSV_COLUMNS", "BatchReport", "Job", "check_roster", "line_batches"]

_BOM = b"\xef\xbb\xbf"
CSV_COLUMNS = ("official_id", "title", "standard", "instrument", "outcome", "due", "provision")


@attrs.frozen(kw_only=True)
class Job:
    """What every batch of one run is checked with (sent once to each process)."""

    file: str
    on: dt.date
    overlays: tuple[str, ...] = ()
    include_drafts: bool = False
    explain: bool = False
    format: str = "jsonl"  # or "csv" (no header: the caller writes it once)


@attrs.define(kw_only=True)
class BatchReport:
    """What one batch gives back: result lines and the summary's counts."""

    results: bytes = b""
    errors: list[str] = attrs.Factory(list)
    read: int = 0
    invalid: int = 0
    without: int = 0
    outcomes: Counter[str] = attrs.Factory(Counter)
    failing: Counter[tuple[str, str]] = attrs.Factory(Counter)


Line = bytes | int
"""A raw line, or the length of a line too long to read (reported, not parsed)."""


def line_batches(path: Path, size: int, *, max_line_bytes: int = MAX_LINE_BYTES
                 ) -> Iterator[tuple[int, list[Line]]]:
    """(number of the first line, the lines) for consecutive runs of ``size`` lines."""
    with path.open("rb") as stream:
        first, lines = 1, list[Line]()
        while True:
            raw = stream.readline(max_line_bytes + 1)
            if not raw:
                break
            if len(raw) > max_line_bytes and not raw.endswith(b"\n"):
                lines.append(len(raw) + _skip_rest_of_line(stream, max_line_bytes))
            else:
                lines.append(raw)
            if len(lines) >= size:
                yield first, lines
                first, lines = first + len(lines), []
        if lines:
            yield first, lines


class _Worker:
    """The per-process state: the plan for the run, the validator, the catalogue."""

    def __init__(self, job: Job) -> None:
        catalog = Catalog.builtin()
        for overlay in job.overlays:
            catalog = catalog.with_file(Path(overlay))
        self.job = job
        self.catalog = catalog
        self.plan = _Plan(job.on, catalog, job.include_drafts)
        self.is_valid = validator("official")._fast or (
            lambda data: not validator("official").errors(data))
        self.context = {s.id: {"instrument": "; ".join(c.cite() for c in s.legal_basis),
                               "confidence": s.confidence.value}
                        for s in self.plan.in_force}

    def run(self, first: int, lines: Sequence[Line]) -> BatchReport:
        """Read, validate and check one batch."""
        # Parsed records hold no reference cycles; the cycle collector would only walk the
        # batch again and again as it grows (most of the time of a batch, measured).
        collecting = gc.isenabled()
        gc.disable()
        try:
            return self._run(first, lines)
        finally:
            if collecting:
                gc.enable()

    def _run(self, first: int, lines: Sequence[Line]) -> BatchReport:
        report, records = BatchReport(), []
        for offset, raw in enumerate(lines):
            number = first + offset
            if isinstance(raw, int):
                report.read += 1
                report.invalid += 1
                report.errors.append(f"{self.job.file}:{number}: line too long: {raw} bytes, "
                                     f"more than the {MAX_LINE_BYTES} bytes read")
                continue
            if number == 1:
                raw = raw.removeprefix(_BOM)
            raw = raw.strip()
            if not raw:
                continue
            report.read += 1
            try:
                data = _loads(raw)
            except ValueError:
                data = None
            if isinstance(data, dict) and self.is_valid(data):
                records.append(data)
                continue
            location = SourceLocation(file=self.job.file, line=number)
            checked, errors = check_raw(_parse_line(raw, location), "official", redact=False)
            if errors:
                report.invalid += 1
                report.errors.extend(f"{location}: {e}" for e in errors)
            else:
                records.append(unstructure(checked))
        self._evaluate(records, report)
        return report

    def _evaluate(self, records: list[dict[str, Any]], report: BatchReport) -> None:
        batch = _Batch(self.plan)
        for record in records:
            batch.add(record)
        report.without = batch.records - batch.covered
        frame = batch.results()
        if frame.is_empty():
            return
        states = frame.select(pl.when(pl.col("outcome").eq("unmet") & pl.col("due").is_not_null())
                              .then(pl.format("unmet (due {})", pl.col("due").cast(pl.String)))
                              .otherwise(pl.col("outcome")).alias("state"))["state"]
        for state, count in states.value_counts().iter_rows():
            report.outcomes[state] += count
        out = frame.with_columns(
            on=pl.lit(self.job.on.isoformat()),
            instrument=pl.col("standard").replace_strict(
                {k: v["instrument"] for k, v in self.context.items()}, return_dtype=pl.String),
            confidence=pl.col("standard").replace_strict(
                {k: v["confidence"] for k, v in self.context.items()}, return_dtype=pl.String),
            due=pl.col("due").cast(pl.String))
        columns = ["official_id", "title", "on", "standard", "instrument", "confidence",
                   "outcome", "due", "provision"]
        if self.job.format == "csv":
            buffer = io.BytesIO()
            out.select(CSV_COLUMNS).write_csv(buffer, include_header=False)
            report.results = buffer.getvalue()
            return
        if not self.job.explain:
            buffer = io.BytesIO()
            out.select(columns).write_ndjson(buffer)
            report.results = buffer.getvalue()
            return
        lines = []
        for row in out.iter_rows(named=True):
            if row["outcome"] == "met":
                lines.append(json.dumps({c: row[c] for c in columns}, ensure_ascii=False))
                continue
            record, position = batch.pair_source[row["_pair"]]
            official = structure(records[record], Official)
            result = evaluate_standard(self.catalog.get(row["standard"]), official, self.job.on,
                                       tables=self.catalog.tables,
                                       assignment=official.current_assignments(self.job.on)[
                                           position])
            lines.append(json.dumps(result_dict(result, explain=True), ensure_ascii=False))
        report.results = ("\n".join(lines) + "\n").encode()


_STATE: dict[str, _Worker] = {}


def _start(job: Job) -> None:
    _STATE["worker"] = _Worker(job)


def _run(task: tuple[int, list[Line]]) -> BatchReport:
    return _STATE["worker"].run(*task)


def check_roster(path: Path, job: Job, *, jobs: int = 1, batch_size: int = 20_000
                 ) -> Iterator[BatchReport]:
    """The reports of the batches of a JSON Lines roster, in file order.

    ``jobs`` processes check batches side by side (0: one per core); with 1, the batches
    are checked in this process.
    """
    batches = line_batches(path, batch_size)
    if jobs == 1:
        worker = _Worker(job)
        for first, lines in batches:
            yield worker.run(first, lines)
        return
    workers = jobs or os.cpu_count() or 1
    # spawn: a forked polars thread pool can deadlock the child
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(workers, mp_context=context, initializer=_start,
                             initargs=(job,)) as pool:
        pending: list[Any] = []
        for task in batches:
            pending.append(pool.submit(_run, task))
            if len(pending) > 2 * workers:  # bounded read-ahead: memory stays flat
                yield pending.pop(0).result()
        for future in pending:
            yield future.result()
