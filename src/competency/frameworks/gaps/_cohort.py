"""Gaps of a whole roster, streamed one official at a time and counted by group.

The counts take the same memory whatever the roster's size. Who has each gap (in roster
order) and every training need are kept only when asked for (``names``, ``keep_needs``), so
that a summary can be traced back to people or turned into a plan.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Iterator
from typing import Any

import attrs

from competency.frameworks.catalogue import FrameworkCatalog
from competency.frameworks.gaps._person import gap
from competency.frameworks.gaps._report import GapKind, GapReport, Need, PostRef
from competency.frameworks.model import PositionProfile
from competency.io.titles import title_names
from competency.model.assessment import Assessment
from competency.model.assessment_index import AssessmentIndex
from competency.model.official import Official
from competency.standards.catalogue import Catalog
from competency.vocab import AdministrativeLevel, Text

__all__ = ["DIMENSIONS", "CohortGaps", "GroupStats", "Members", "NeedRow", "SubjectStats",
           "cohort_gaps", "title_names"]


DIMENSIONS = ("unit", "position", "level")
"""How :class:`CohortGaps` groups officials."""


@attrs.frozen(kw_only=True)
class NeedRow:
    """A need of one official, with the post it belongs to (for planning)."""

    official_id: str
    post: PostRef
    need: Need


@attrs.define
class Members:
    """Officials counted once each as the roster streams by (an official's gaps come
    together); their ids are kept, in roster order, only when ``ids`` is a list."""

    count: int = 0
    last: str | None = None
    ids: list[str] | None = None

    @classmethod
    def new(cls, names: bool) -> Members:
        """Empty; keeping the ids when ``names``."""
        return cls(ids=[] if names else None)

    def add(self, official_id: str) -> None:
        """Count ``official_id`` unless it is the one counted last."""
        if official_id != self.last:
            self.last = official_id
            self.count += 1
            if self.ids is not None:
                self.ids.append(official_id)

    def __len__(self) -> int:
        return self.count


@attrs.define
class SubjectStats:
    """Officials with one particular gap (same kind, standard or framework, rule)."""

    kind: GapKind
    source: str
    rule: str
    label: Text
    members: Members = attrs.field(factory=Members)

    @property
    def count(self) -> int:
        """How many officials."""
        return self.members.count

    @property
    def who(self) -> list[str]:
        """Their ids in roster order (empty unless the cohort keeps names)."""
        return self.members.ids or []


@attrs.define
class GroupStats:
    """Counts for one group (a unit, a position, a level)."""

    key: str
    label: str
    officials: int = 0
    names: bool = True
    with_gaps: Members = attrs.field(
        default=attrs.Factory(lambda self: Members.new(self.names), takes_self=True))
    kinds: dict[GapKind, Members] = attrs.field(factory=dict)
    subjects: dict[tuple[str, str, str], SubjectStats] = attrs.field(factory=dict)

    def count(self, official_id: str, kind: GapKind, subject: tuple[str, str, str],
              label: Text) -> None:
        """Count one gap of ``official_id`` here: with a gap, of ``kind``, on ``subject``."""
        self.with_gaps.add(official_id)
        members = self.kinds.get(kind)
        if members is None:
            members = self.kinds[kind] = Members.new(self.names)
        members.add(official_id)
        stats = self.subjects.get(subject)
        if stats is None:
            stats = self.subjects[subject] = SubjectStats(
                kind=kind, source=subject[1], rule=subject[2], label=label,
                members=Members.new(self.names))
        stats.members.add(official_id)

    def share(self, count: int) -> float:
        """``count`` as a share of the group's officials (0 when the group is empty)."""
        return count / self.officials if self.officials else 0.0

    def as_dict(self) -> dict[str, Any]:
        """JSON-ready data."""
        def who(members: Members) -> dict[str, list[str]]:
            return {} if members.ids is None else {"who": members.ids}

        return {"key": self.key, "label": self.label, "officials": self.officials,
                "with_gaps": len(self.with_gaps), "share_with_gaps": self.share(len(self.with_gaps)),
                "kinds": {k.code: {"count": len(v), "share": self.share(len(v)), **who(v)}
                          for k, v in sorted(self.kinds.items(), key=lambda kv: kv[0].order)},
                "subjects": [{"kind": s.kind.code, "source": s.source, "rule": s.rule,
                              "label": {"vi": s.label.vi, "en": s.label.en}, "count": s.count,
                              "share": self.share(s.count), **who(s.members)}
                             for s in self.ordered_subjects()]}

    def ordered_subjects(self) -> list[SubjectStats]:
        """Subjects, most severe kind first, then most officials."""
        return sorted(self.subjects.values(),
                      key=lambda s: (s.kind.order, -s.count, s.source, s.rule))


@attrs.define
class CohortGaps:
    """Gaps of a whole roster, grouped by unit, position and administrative level."""

    on: dt.date
    officials: int = 0
    with_gaps: int = 0
    kinds: dict[GapKind, int] = attrs.field(factory=dict)
    groups: dict[str, dict[str, GroupStats]] = attrs.field(
        factory=lambda: {d: {} for d in DIMENSIONS})
    names: bool = True
    """Keep who has each gap (the ids behind every count)."""
    keep_needs: bool = True
    """Keep every training need (for a plan); :attr:`needs` counts them either way."""
    needs: int = 0
    need_rows: list[NeedRow] = attrs.field(factory=list)
    total: GroupStats = attrs.field(default=attrs.Factory(
        lambda self: GroupStats(key="*", label="*", names=self.names), takes_self=True))

    def add(self, report: GapReport) -> None:
        """Count one official's report."""
        self.officials += 1
        if report.gaps:
            self.with_gaps += 1
        for kind in report.kinds():
            self.kinds[kind] = self.kinds.get(kind, 0) + 1
        by_title = {p.title: p for p in report.posts}
        primary = report.posts[0] if report.posts else PostRef(title="-", unit_key="?",
                                                               unit_label="?")
        groups = [self.total]
        for post in report.posts or (primary,):
            for dimension, key, label in self._keys(post):
                group = self.groups[dimension].get(key)
                if group is None:
                    group = self.groups[dimension][key] = GroupStats(key=key, label=label,
                                                                     names=self.names)
                if group not in groups:
                    groups.append(group)
        for group in groups:
            group.officials += 1
        for item in report.gaps:
            post = by_title.get(item.post or "", primary)
            subject = (item.kind.code, item.source, item.rule)
            for group in [self.total] + [self.groups[d][k] for d, k, _ in self._keys(post)]:
                group.count(report.official_id, item.kind, subject, item.label)
        self.needs += len(report.needs)
        if self.keep_needs:
            self.need_rows += [NeedRow(official_id=report.official_id, post=primary, need=need)
                               for need in report.needs]

    @staticmethod
    def _keys(post: PostRef) -> Iterator[tuple[str, str, str]]:
        yield "unit", post.unit_key, post.unit_label
        yield "position", post.title, title_names().get(post.title, post.title)
        yield "level", post.level or "?", (AdministrativeLevel(post.level).vi if post.level
                                            else "?")

    def by(self, dimension: str) -> list[GroupStats]:
        """The groups of a dimension (unit, position or level), sorted by key."""
        if dimension not in self.groups:
            msg = f"unknown dimension {dimension!r}; expected one of: {', '.join(DIMENSIONS)}"
            raise ValueError(msg)
        return [self.groups[dimension][k] for k in sorted(self.groups[dimension])]

    def who(self, kind: GapKind | None = None, source: str | None = None,
            rule: str | None = None) -> list[str]:
        """Officials with a gap matching every given filter, in roster order (a cohort made
        with ``names``)."""
        if not self.names:
            msg = "this cohort keeps no names: make it with cohort_gaps(..., names=True)"
            raise ValueError(msg)
        wanted: set[str] = set()
        for subject in self.total.subjects.values():
            if ((kind is None or subject.kind is kind) and (source is None or subject.source == source)
                    and (rule is None or subject.rule == rule)):
                wanted.update(subject.who)
        # Everyone with a gap is in ``total.with_gaps``, in roster order: one pass, no search.
        return [w for w in self.total.with_gaps.ids or () if w in wanted]

    def as_dict(self, by: Iterable[str] = DIMENSIONS) -> dict[str, Any]:
        """JSON-ready data: totals and the groups of each dimension asked for."""
        return {"on": self.on.isoformat(), "officials": self.officials,
                "with_gaps": self.with_gaps,
                "kinds": {k.code: v for k, v in sorted(self.kinds.items(),
                                                       key=lambda kv: kv[0].order)},
                "total": self.total.as_dict(),
                "groups": {d: [g.as_dict() for g in self.by(d)] for d in by},
                "needs": self.needs}


def cohort_gaps(officials: Iterable[Official], *, on: dt.date,
                profile: PositionProfile | str | None = None,
                assessments: AssessmentIndex | Iterable[Assessment] | None = None,
                catalog: Catalog | None = None, frameworks: FrameworkCatalog | None = None,
                include_drafts: bool = False,
                each: Callable[[GapReport], None] | None = None,
                names: bool = True, keep_needs: bool = True) -> CohortGaps:
    """Gaps of every official of a roster, aggregated; officials are read one at a time.

    ``each`` is called with every official's report as it is made (to write it out while
    streaming). Assessments are indexed by official first, since they are read by id.
    Without ``names`` and ``keep_needs`` the result holds counts only, in memory that does
    not grow with the roster.
    """
    cat = catalog if catalog is not None else Catalog.builtin()
    fws = frameworks if frameworks is not None else FrameworkCatalog.builtin()
    chosen = fws.profile(profile) if isinstance(profile, str) else profile
    index = (assessments if isinstance(assessments, AssessmentIndex) or assessments is None
             else AssessmentIndex(assessments))
    result = CohortGaps(on=on, names=names, keep_needs=keep_needs)
    for official in officials:
        report = gap(official, chosen, on=on, assessments=index, catalog=cat, frameworks=fws,
                     include_drafts=include_drafts)
        result.add(report)
        if each is not None:
            each(report)
    return result
