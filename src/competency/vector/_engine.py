"""The vectorised engine: batches of officials to fact columns, compiled standards to results."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable, Iterator

import polars as pl

from competency.model.official import Official
from competency.schema.convert import structure, unstructure
from competency.standards.applicability import Test, test_of
from competency.standards.catalogue import Catalog
from competency.standards.evaluate import evaluate_test
from competency.standards.model import Standard
from competency.vector import _flatten as f
from competency.vector._applicability import KeyedApplicability, reads_more
from competency.vector._compile import (
    MET,
    UNKNOWN,
    UNMET,
    CompiledStandard,
    UnsupportedLeafError,
    compile_standard,
    supported_kinds,
)
from competency.vector._sql_source import SqlFacts, replaced, sql_facts, utf8_json
from competency.vocab import StandardEvent

__all__ = ["SCHEMA", "CompiledStandard", "UnsupportedLeafError", "check_batches", "check_frame",
           "check_records", "compile_catalog", "supported_kinds"]

Record = f.Record

SCHEMA = pl.Schema({"official_id": pl.String(), "title": pl.String(), "standard": pl.String(),
                    "outcome": pl.String(), "due": pl.Date(), "provision": pl.String(),
                    "failing": pl.List(pl.String()), "event": pl.String(),
                    "tested_on": pl.Date(), "next_test": pl.Date()})
"""Columns of :func:`check_frame`."""

_CODES = {UNMET: "unmet", UNKNOWN: "unknown", MET: "met"}
_NO_RULES = pl.lit([], dtype=pl.List(pl.String()))
_FROM_OUTCOME = {"unmet": UNMET, "unknown": UNKNOWN, "met": MET}


def compile_catalog(on: dt.date, catalog: Catalog | None = None, *,
                    include_drafts: bool = False) -> dict[str, CompiledStandard]:
    """Every standard usable on ``on``, compiled; ``fallback`` says which cannot be."""
    cat = catalog if catalog is not None else Catalog.builtin()
    return {s.id: compile_standard(s, on, cat.tables)
            for s in cat.in_force(on, include_drafts=include_drafts)}


class _Plan:
    """What one call needs: the standards that may govern a post, compiled, and the fact groups
    they read. Standards tested continuously and in force on ``on`` are compiled; a standard
    tested at an event reads the event's date, which differs row by row, so its rows are
    evaluated by the reference evaluator at that date."""

    def __init__(self, on: dt.date, catalog: Catalog, include_drafts: bool) -> None:
        self.on = on
        self.on_iso = on.isoformat()
        self.catalog = catalog
        self.include_drafts = include_drafts
        self.lookups = f.lookups(catalog.tables)
        self.continuous = [s for s in catalog.in_force(on, include_drafts=include_drafts)
                           if s.event is StandardEvent.CONTINUOUS]
        self.events = [s for s in catalog.usable(include_drafts=include_drafts)
                       if s.event is not StandardEvent.CONTINUOUS]
        self.in_force: list[Standard] = self.continuous + self.events
        self.compiled = [compile_standard(s, on, catalog.tables) for s in self.continuous] + [
            CompiledStandard(standard=s, fallback=f"{s.id}: tested at {s.event.code}; evaluated "
                                                  "by the reference evaluator at that date")
            for s in self.events]
        self.index = {s.id: i for i, s in enumerate(self.in_force)}
        facts: dict[str, f.Fact] = {}
        for c in self.compiled:
            for fact in c.facts:
                facts.setdefault(fact.key, fact)
        self.official_facts = [x for x in facts.values() if x.scope == "official"]
        self.post_facts = [x for x in facts.values() if x.scope == "post"]
        self.columns = [col for x in (*self.official_facts, *self.post_facts) for col in x.columns]
        self.sql: SqlFacts | None = sql_facts(
            self.columns, [*self.official_facts, *self.post_facts], on, self.lookups)
        self.keyed = None if reads_more(self.in_force) else KeyedApplicability(
            self.continuous, self.events, on, catalog.tables.regimes, self.index)

    def current_posts(self, record: Record) -> list[Record]:
        """``Official.current_assignments`` on the JSON record."""
        on = self.on_iso
        return [a for a in record.get("assignments") or ()
                if (a.get("start") is None or a["start"] <= on)
                and (a.get("end") is None or on <= a["end"])]

    def tests(self, official: Official, position: int) -> list[Test]:
        """``Catalog.tests_for`` the official's current post at ``position``."""
        post = official.current_assignments(self.on)[position]
        return self.catalog.tests_for(official, post, self.on,
                                      include_drafts=self.include_drafts)


_APPLICABILITY_KEYS = ("id", "category", "unit", "recruited_on", "assignments", "career",
                       "planning_pools")
"""The parts of a record that decide which standards govern a post and when they test it."""


def _post_unit(record: Record, assignment: Record) -> Record | None:
    """The unit of a post: its own when recorded (an empty one, ``{}``, too, as in
    ``Official``), else the official's."""
    unit = assignment.get("unit")
    return record.get("unit") if unit is None else unit


def _empty() -> pl.DataFrame:
    return pl.DataFrame(schema=SCHEMA)


def _facts_frame(columns: list[tuple[str, pl.DataType]], rows: list[tuple[object, ...]]
                 ) -> pl.DataFrame:
    """The fact columns; dates arrive as ISO strings and are converted column by column."""
    text = {name: pl.String() if dtype == pl.Date() else dtype for name, dtype in columns}
    values = list(zip(*rows, strict=True)) if rows else [() for _ in columns]
    frame = pl.DataFrame(dict(zip(text, values, strict=True)), schema=text)
    dates = [name for name, dtype in columns if dtype == pl.Date()]
    return frame.with_columns(pl.col(dates).str.to_date("%Y-%m-%d")) if dates else frame


class _Batch:
    def __init__(self, plan: _Plan) -> None:
        self.plan = plan
        self.pairs: list[tuple[object, ...]] = []  # fact values, one tuple per (official, post)
        self.npairs = 0
        self.ids: list[str] = []
        self.titles: list[str] = []
        self.standards: list[int] = []
        self.pair_of_row: list[int] = []
        self.fallback_rows: dict[int, tuple[Record, int, Test | None]] = {}
        self.records = 0  # records added
        self.covered = 0  # records with at least one applicable standard
        self.pair_source: list[tuple[int, int]] = []  # (record, current post) of each pair
        self.structured: dict[int, Official] = {}  # id of a fallback record -> its official
        self.lines: list[bytes] = []  # with the SQL facts: each record with a pair, as JSON
        self.line_pairs: list[tuple[int, int]] = []  # (line, current post) of each pair

    def add(self, record: Record) -> None:
        """One official as its JSON record (valid against the official schema)."""
        plan = self.plan
        own: tuple[object, ...] | None = None
        exact, columnar = True, record  # columnar: what the fact columns are taken from
        light: Official | None = None  # what applicability reads, structured only when needed
        self.records += 1
        for position, assignment in enumerate(plan.current_posts(record)):
            unit = _post_unit(record, assignment)
            tests: list[Test] | None = None
            if plan.keyed is not None:
                chosen = plan.keyed.chosen(record, unit, assignment)
            else:
                light = light or structure(
                    {k: record[k] for k in _APPLICABILITY_KEYS if k in record}, Official)
                tests = plan.tests(light, position)
                chosen = [plan.index[t.standard.id] for t in tests]
            if not chosen:
                continue
            if own is None:
                self.covered += 1
                text = utf8_json(record)
                if text is None:  # columns cannot hold it: the reference answers for it
                    exact, columnar = False, replaced(record)
                    text = utf8_json(columnar)
                if plan.sql is not None:
                    own = ()
                    self.lines.append(plan.sql.line(text,  # type: ignore[arg-type]
                                                    len(self.lines)))
                else:
                    own = self._official_facts(columnar)
            self.pair_source.append((self.records - 1, position))
            if plan.sql is not None:
                self.line_pairs.append((len(self.lines) - 1, position))
            else:
                post = assignment if exact else plan.current_posts(columnar)[position]
                self.pairs.append(own + self._post_facts(columnar, post,
                                                         _post_unit(columnar, post)))
            pair = self.npairs
            self.npairs += 1
            for j, k in enumerate(chosen):
                if not plan.compiled[k].vectorised or not exact:
                    self.fallback_rows[len(self.ids)] = (record, position,
                                                         None if tests is None else tests[j])
                self.ids.append(record["id"])
                self.titles.append(assignment["title"])
                self.standards.append(k)
                self.pair_of_row.append(pair)

    def _official_facts(self, record: Record) -> tuple[object, ...]:
        plan = self.plan
        return tuple(v for fact in plan.official_facts
                     for v in fact.fn(record, plan.on_iso, plan.lookups))

    def _post_facts(self, record: Record, assignment: Record, unit: Record | None
                    ) -> tuple[object, ...]:
        plan = self.plan
        return tuple(v for fact in plan.post_facts
                     for v in fact.fn(record, assignment, unit, plan.on_iso, plan.lookups))

    def _python_pairs(self) -> list[tuple[object, ...]]:
        """The Python facts of the pairs kept as lines (for a batch DuckDB cannot read)."""
        pairs = []
        for line, position in self.line_pairs:
            record = json.loads(self.lines[line])
            assignment = self.plan.current_posts(record)[position]
            pairs.append(self._official_facts(record)
                         + self._post_facts(record, assignment, _post_unit(record, assignment)))
        return pairs

    def __len__(self) -> int:
        return len(self.ids)

    def frame(self) -> pl.DataFrame:
        """The results in :data:`SCHEMA`."""
        return self.results().select(SCHEMA.names())

    def facts(self) -> pl.DataFrame | None:
        """The fact columns, one row per (official, post) pair; None when no fact is read."""
        if not self.plan.columns:
            return None
        if self.plan.sql is not None:
            frame = self.plan.sql.frame(self.lines, self.line_pairs)
            if frame is not None:
                return frame
            self.pairs = self._python_pairs()
        return _facts_frame(self.plan.columns, self.pairs)

    def results(self, facts: pl.DataFrame | None = None) -> pl.DataFrame:
        """The results, and ``_pair``: the index in :attr:`pair_source` of each row's post.

        ``facts`` is :meth:`facts` when the caller has built it already.
        """
        plan = self.plan
        if not self.ids:
            return _empty().with_columns(_pair=pl.lit(None, dtype=pl.UInt32()))
        result = self.evaluate(self.facts() if facts is None else facts)
        standards = pl.Series(self.standards, dtype=pl.UInt32())
        return pl.DataFrame({
            "official_id": pl.Series(self.ids, dtype=pl.String()),
            "title": pl.Series(self.titles, dtype=pl.String()),
            "standard": standards.replace_strict(
                {k: s.id for k, s in enumerate(plan.in_force)}, return_dtype=pl.String()),
            "outcome": result["_outcome"].replace_strict(_CODES, return_dtype=pl.String()),
            "due": result["due"],
            "provision": result["provision"],
            "failing": result["failing"],
            "event": standards.replace_strict(
                {k: s.event.code for k, s in enumerate(plan.in_force)}, return_dtype=pl.String()),
            "tested_on": result["tested_on"],
            "next_test": result["next_test"],
            "_pair": pl.Series(self.pair_of_row, dtype=pl.UInt32()),
        })

    def evaluate(self, facts: pl.DataFrame | None) -> pl.DataFrame:
        """The rule evaluation alone: ``_outcome`` (0/1/2), ``due`` and ``provision`` of every
        result row, in row order, from the fact columns."""
        plan = self.plan
        rows = pl.DataFrame({"_row": pl.Series(range(len(self.ids)), dtype=pl.UInt32()),
                             "_std": pl.Series(self.standards, dtype=pl.UInt32()),
                             "_pair": pl.Series(self.pair_of_row, dtype=pl.UInt32())})
        parts = []
        for (k,), group in rows.group_by("_std", maintain_order=True):
            compiled = plan.compiled[k]
            if compiled.vectorised:
                parts.append(self._vectorised(compiled, group, facts, plan.on))
            else:
                parts.append(self._reference(compiled, group).lazy())
        # One query over every standard: polars runs the standards side by side.
        return pl.concat(parts, how="vertical").sort("_row").collect()

    @staticmethod
    def _vectorised(compiled: CompiledStandard, group: pl.DataFrame,
                    facts: pl.DataFrame | None, on: dt.date) -> pl.LazyFrame:
        assert compiled.outcome is not None
        needed = [name for fact in compiled.facts for name, _ in fact.columns]
        data = group.select("_row") if facts is None or not needed else pl.concat(
            [group.select("_row"), facts.select(needed)[group["_pair"]]], how="horizontal")
        scored = data.lazy().with_columns(_outcome=compiled.outcome)
        # The failing rules are looked for only where the outcome is not met.
        out = pl.concat([
            scored.filter(pl.col("_outcome") == MET).with_columns(failing=_NO_RULES),
            scored.filter(pl.col("_outcome") != MET).with_columns(failing=compiled.failing)])
        which: pl.Expr = pl.lit(None, dtype=pl.Int32())
        if compiled.provisions:
            chain = None
            for i, (_, window) in enumerate(compiled.provisions):
                cond = (pl.col("_outcome") == UNMET) & window
                chain = (pl.when(cond) if chain is None else chain.when(cond)).then(
                    pl.lit(i, dtype=pl.Int32()))
            which = chain.otherwise(pl.lit(None, dtype=pl.Int32()))
        out = out.with_columns(_which=which)
        due = pl.lit(None, dtype=pl.Date())
        provision = pl.lit(None, dtype=pl.String())
        for i, (candidate, _) in reversed(list(enumerate(compiled.provisions))):
            due = pl.when(pl.col("_which") == i).then(pl.lit(candidate.due, dtype=pl.Date())
                                                      ).otherwise(due)
            provision = pl.when(pl.col("_which") == i).then(
                pl.lit(candidate.id, dtype=pl.String())).otherwise(provision)
        return out.select("_row", pl.col("_outcome").cast(pl.Int8()), due.alias("due"),
                          provision.alias("provision"), "failing",
                          pl.lit(on, dtype=pl.Date()).alias("tested_on"),
                          pl.lit(None, dtype=pl.Date()).alias("next_test"))

    def _reference(self, compiled: CompiledStandard, group: pl.DataFrame) -> pl.DataFrame:
        plan, rows, outcomes, dues, provisions, failing = self.plan, [], [], [], [], []
        tested, next_tests = [], []
        for row in group["_row"]:
            record, position, test = self.fallback_rows[row]
            official = self.structured.get(id(record))
            if official is None:  # a record with several such rows is structured once
                official = self.structured[id(record)] = structure(record, Official)
            if test is None:
                assignment = official.current_assignments(plan.on)[position]
                test = test_of(compiled.standard, official, assignment, plan.on)
            result = evaluate_test(test, official, plan.on, tables=plan.lookups.tables)
            tested.append(result.tested_on)
            next_tests.append(result.next_test)
            rows.append(row)
            outcomes.append(_FROM_OUTCOME[result.outcome.code])
            dues.append(result.due)
            provisions.append(None if result.provision is None else result.provision.id)
            failing.append([ev.rule_id for ev in result.failing()])
        return pl.DataFrame({"_row": pl.Series(rows, dtype=pl.UInt32()),
                             "_outcome": pl.Series(outcomes, dtype=pl.Int8()),
                             "due": pl.Series(dues, dtype=pl.Date()),
                             "provision": pl.Series(provisions, dtype=pl.String()),
                             "failing": pl.Series(failing, dtype=pl.List(pl.String())),
                             "tested_on": pl.Series(tested, dtype=pl.Date()),
                             "next_test": pl.Series(next_tests, dtype=pl.Date())})


def check_records(records: Iterable[Record], on: dt.date, *,
                  catalog: Catalog | None = None, include_drafts: bool = False,
                  batch_size: int = 50_000) -> Iterator[pl.DataFrame]:
    """:func:`check_frame` over JSON records (dicts valid against the official schema), in
    frames of about ``batch_size`` rows: memory does not grow with the roster."""
    plan = _Plan(on, catalog if catalog is not None else Catalog.builtin(), include_drafts)
    batch = _Batch(plan)
    for record in records:
        batch.add(record)
        if len(batch) >= batch_size:
            yield batch.frame()
            batch = _Batch(plan)
    if len(batch):
        yield batch.frame()


def check_batches(officials: Iterable[Official], on: dt.date, *,
                  catalog: Catalog | None = None, include_drafts: bool = False,
                  batch_size: int = 50_000) -> Iterator[pl.DataFrame]:
    """:func:`check_frame` in frames of about ``batch_size`` rows (constant memory)."""
    return check_records((unstructure(o) for o in officials), on, catalog=catalog,
                         include_drafts=include_drafts, batch_size=batch_size)


def check_frame(officials: Iterable[Official], on: dt.date,
                catalog: Catalog | None = None, *, include_drafts: bool = False,
                batch_size: int = 50_000) -> pl.DataFrame:
    """Every applicable standard of every current post, evaluated in columns.

    One row per result of :func:`competency.check` over the same officials, in the
    same order: ``official_id``, ``title`` (the post), ``standard`` (id), ``outcome``
    (``met``/``unmet``/``unknown``), ``due`` and ``provision`` (id of the transitional
    provision; both null when none applies) and ``failing`` (the ids of the rules that
    make the outcome unmet or unknown, as ``StandardResult.failing()`` lists them).
    """
    frames = list(check_batches(officials, on, catalog=catalog, include_drafts=include_drafts,
                                batch_size=batch_size))
    return pl.concat(frames, how="vertical") if frames else _empty()
