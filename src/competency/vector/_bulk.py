"""Bulk checks of a roster with the vectorised evaluator, in batches (JSON Lines on N processes).

The roster is cut into batches of lines; each batch is parsed (orjson when installed), given
its verdict by the compiled schema validator, turned into fact columns and evaluated, and its
results come back as JSON Lines text with the counts the summary needs. A record the fast
path does not accept goes through the reference reader and validator, so that its error
lines are exactly those of ``competency validate``. Batches are processed in order, so output
order and summary do not depend on the number of processes; memory is bounded by the batch
size times the processes in flight, never by the roster. A roster in another format (CSV,
XLSX, a JSON array, Parquet) is read and judged by the record reader instead, in batches of
records on this process (:func:`check_records_file`).
"""

from __future__ import annotations

import datetime as dt
import gc
import io
import itertools
import json
import multiprocessing
import os
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any

import attrs
import polars as pl

from competency.io import RawRecord, SourceLocation, jsonl_lines, line_ranges
from competency.io.roster import CheckedRecord, FirstIds, line_verdicts, moved, record_verdicts
from competency.io.sheets import FORMULA_START
from competency.model.official import Official
from competency.schema.convert import structure
from competency.standards.applicability import test_of
from competency.standards.catalogue import Catalog
from competency.standards.evaluate import evaluate_test
from competency.standards.report import RESULT_CSV_COLUMNS, result_dict
from competency.vector._engine import _Batch, _Plan

__all__ = ["CSV_COLUMNS", "PART_BYTES", "RECORDS_PER_BATCH", "BatchReport", "Job",
           "check_records_file", "check_roster"]

PART_BYTES = 16 << 20
"""Bytes of a roster checked as one batch (about 12,000 officials)."""
CSV_COLUMNS = RESULT_CSV_COLUMNS


@attrs.frozen(kw_only=True)
class Job:
    """What every batch of one run is checked with (sent once to each process)."""

    file: str
    on: dt.date
    overlays: tuple[str, ...] = ()
    include_drafts: bool = False
    explain: bool = False
    format: str = "jsonl"  # or "csv" (no header: the caller writes it once), or "parquet"
    redact: bool = False  # personal values kept out of the messages of invalid records


@attrs.define(kw_only=True)
class BatchReport:
    """What one batch gives back: result lines and the summary's counts."""

    results: bytes = b""
    invalid_records: list[CheckedRecord] = attrs.Factory(list)  # numbered from the part's start
    lines: int = 0  # lines of the part, blank ones included
    read: int = 0
    invalid: int = 0
    without: int = 0
    outcomes: Counter[str] = attrs.Factory(Counter)
    failing: Counter[tuple[str, str]] = attrs.Factory(Counter)
    ids: list[tuple[int, str]] = attrs.Factory(list)  # (line of the part, id) of every record


class _Worker:
    """The per-process state: the plan for the run, the validator, the catalogue."""

    def __init__(self, job: Job) -> None:
        catalog = Catalog.builtin()
        for overlay in job.overlays:
            catalog = catalog.with_file(Path(overlay))
        self.job = job
        self.catalog = catalog
        self.plan = _Plan(job.on, catalog, job.include_drafts)
        self.context = {s.id: {"instrument": "; ".join(c.cite() for c in s.legal_basis),
                               "confidence": s.confidence.value}
                        for s in self.plan.in_force}

    def run(self, start: int, end: int, repeated: Mapping[int, str] | None = None
            ) -> BatchReport:
        """Read, validate and check the lines between bytes ``start`` and ``end``.

        ``repeated`` gives the lines (numbered from ``start``) whose id an earlier record
        holds, with their error: they are invalid, and not checked.
        """
        # Parsed records hold no reference cycles; the cycle collector would only walk the
        # batch again and again as it grows (most of the time of a batch, measured).
        collecting = gc.isenabled()
        gc.disable()
        try:
            return self._run(start, end, repeated or {})
        finally:
            if collecting:
                gc.enable()

    def _run(self, start: int, end: int, repeated: Mapping[int, str]) -> BatchReport:
        report, count = BatchReport(), []
        batch = _Batch(self.plan)
        kept: list[dict[str, Any]] = []  # the records, only to explain results afterwards
        file = self.job.file

        def lines() -> Iterator[tuple[int, Any]]:
            count.append((yield from jsonl_lines(Path(file), file, start, end)))

        for number, verdict in line_verdicts(lines(), file, redact=self.job.redact):
            report.read += 1
            error = repeated.get(number)
            if error is not None:
                verdict = _invalid(verdict, file, number, error)
            else:
                record_id = _id_of(verdict.raw.data if type(verdict) is CheckedRecord else verdict)
                if record_id is not None:
                    report.ids.append((number, record_id))
            self._take(verdict, batch, kept, report)
        report.lines = count[0]
        self._evaluate(batch, kept, report)
        return report

    def records(self, verdicts: Iterable[dict[str, Any] | CheckedRecord]) -> BatchReport:
        """Check records already given their verdicts (a roster in another format than JSON
        Lines, read by the record reader): the invalid ones keep their own locations."""
        report, batch, kept = BatchReport(), _Batch(self.plan), []
        for verdict in verdicts:
            report.read += 1
            self._take(verdict, batch, kept, report)
        report.lines = report.read
        self._evaluate(batch, kept, report)
        return report

    def _take(self, verdict: dict[str, Any] | CheckedRecord, batch: _Batch,
              kept: list[dict[str, Any]], report: BatchReport) -> None:
        if type(verdict) is CheckedRecord:
            report.invalid += 1
            report.invalid_records.append(verdict)
            return
        batch.add(verdict)  # its facts taken, the record is not kept
        if self.job.explain:
            kept.append(verdict)

    def _evaluate(self, batch: _Batch, records: list[dict[str, Any]],
                  report: BatchReport) -> None:
        report.without = batch.records - batch.covered
        frame = batch.results()
        if frame.is_empty():
            return
        states = frame.select(pl.when(pl.col("outcome").eq("unmet") & pl.col("due").is_not_null())
                              .then(pl.format("unmet (due {})", pl.col("due").cast(pl.String)))
                              .otherwise(pl.col("outcome")).alias("state"))["state"]
        for state, count in states.value_counts().iter_rows():
            report.outcomes[state] += count
        culprits = frame.select("standard", "failing").explode("failing").drop_nulls()
        for standard, rule, count in culprits.group_by("standard", "failing").len().iter_rows():
            report.failing[(standard, rule)] += count
        out = frame.with_columns(
            on=pl.lit(self.job.on.isoformat()),
            instrument=pl.col("standard").replace_strict(
                {k: v["instrument"] for k, v in self.context.items()}, return_dtype=pl.String),
            confidence=pl.col("standard").replace_strict(
                {k: v["confidence"] for k, v in self.context.items()}, return_dtype=pl.String),
            due=pl.col("due").cast(pl.String), tested_on=pl.col("tested_on").cast(pl.String),
            next_test=pl.col("next_test").cast(pl.String))
        columns = ["official_id", "title", "on", "event", "tested_on", "next_test", "standard",
                   "instrument", "confidence", "outcome", "due", "provision", "failing"]
        if self.job.format == "parquet":  # Arrow IPC: the caller gathers the Parquet file
            buffer = io.BytesIO()
            out.select(CSV_COLUMNS).write_ipc(buffer)
            report.results = buffer.getvalue()
            return
        if self.job.format == "csv":
            buffer = io.BytesIO()
            failing = pl.when(pl.col("failing").list.len() > 0).then(
                pl.col("failing").list.join(" | "))
            out.with_columns(failing=failing).select(CSV_COLUMNS).with_columns(
                pl.col(pl.String).str.replace(FORMULA_START, "'${1}")).write_csv(
                buffer, include_header=False, line_terminator="\r\n")
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
            test = test_of(self.catalog.get(row["standard"]), official,
                           official.current_assignments(self.job.on)[position], self.job.on)
            result = evaluate_test(test, official, self.job.on, tables=self.catalog.tables)
            lines.append(json.dumps(result_dict(result, explain=True), ensure_ascii=False))
        report.results = ("\n".join(lines) + "\n").encode()


def _id_of(data: Any) -> str | None:
    value = data.get("id") if type(data) is dict else None
    return value if type(value) is str else None


def _invalid(verdict: Any, file: str, number: int, error: str) -> CheckedRecord:
    """A record made invalid by ``error`` (its id repeats an earlier record's)."""
    if type(verdict) is CheckedRecord:
        return attrs.evolve(verdict, errors=(*verdict.errors, error))
    return CheckedRecord(raw=RawRecord(location=SourceLocation(file=file, line=number),
                                       data=verdict), official=None, errors=(error,))


_STATE: dict[str, _Worker] = {}


def _start(job: Job) -> None:
    _STATE["worker"] = _Worker(job)


def _run(part: tuple[int, int]) -> BatchReport:
    return _STATE["worker"].run(*part)


def check_roster(path: Path, job: Job, *, jobs: int = 1, part_bytes: int = PART_BYTES
                 ) -> Iterator[BatchReport]:
    """The reports of the batches of a JSON Lines roster, in file order.

    ``jobs`` processes check batches side by side (0: one per core); with 1, the batches
    are checked in this process. Invalid records come numbered from the start of the
    file. Officials are one per id, as in :func:`~competency.io.roster.checked_records`: a
    batch holding a record whose id an earlier record holds is checked again without it
    (:class:`~competency.io.roster.FirstIds`).
    """
    before = 0
    ids = FirstIds(job.file)
    again: list[_Worker] = []
    for (start, end), report in _reports(path, job, jobs, line_ranges(path, part_bytes)):
        repeated = {number: error for number, record_id in report.ids
                    if (error := ids.repeated(record_id, number + before)) is not None}
        if repeated:  # rare: the batch again, with those records left out
            if not again:
                again.append(_Worker(job))
            report = again[0].run(start, end, repeated)
        report.invalid_records = [moved(r, before) for r in report.invalid_records]
        before += report.lines
        yield report


RECORDS_PER_BATCH = 12_000
"""Records of a roster in another format checked as one batch (as many as a JSON Lines part)."""


def check_records_file(path: Path, job: Job) -> Iterator[BatchReport]:
    """The reports of a roster in another format than JSON Lines (CSV, XLSX, Parquet), in
    batches of :data:`RECORDS_PER_BATCH`, on this process: its records are read and judged
    by the record reader (:func:`~competency.io.roster.record_verdicts`), as the reference
    engine reads them."""
    worker = _Worker(job)
    verdicts = record_verdicts(path, redact=job.redact)
    while chunk := list(itertools.islice(verdicts, RECORDS_PER_BATCH)):
        yield worker.records(chunk)


def _reports(path: Path, job: Job, jobs: int, batches: Iterator[tuple[int, int]]
             ) -> Iterator[tuple[tuple[int, int], BatchReport]]:
    if jobs == 1:
        worker = _Worker(job)
        for start, end in batches:
            yield (start, end), worker.run(start, end)
        return
    workers = jobs or os.cpu_count() or 1
    # spawn: a forked polars thread pool can deadlock the child
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(workers, mp_context=context, initializer=_start,
                             initargs=(job,)) as pool:
        pending: list[Any] = []
        for task in batches:
            pending.append((task, pool.submit(_run, task)))
            if len(pending) > 2 * workers:  # bounded read-ahead: memory stays flat
                done, future = pending.pop(0)
                yield done, future.result()
        for done, future in pending:
            yield done, future.result()
