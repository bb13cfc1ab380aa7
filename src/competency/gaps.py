"""Gap analysis: where a person, or a whole unit's staff, falls short of a position.

:func:`gap` joins, for one official on one date, the qualification rules that are unmet
or unknown (from :func:`competency.check`'s evaluator, with the deadlines of transitional
provisions) and the competency shortfalls against a position profile (required level,
assessed level, size), each with its citation or framework reference, ordered by
severity: legal requirements not met, then legal requirements that cannot be decided for
want of data, then competency shortfalls, then competencies not yet assessed; within a
kind, larger shortfalls first.

Each report also lists the training **needs** the gaps translate into: for a standard
that is not met, the smallest set of trainable requirements (education level, political
theory, state-management programme, language, IT skill, competency level) that would
meet it, so that a university degree is asked only where the trung cấp exception of a
disadvantaged area does not apply. Requirements no course can close (age, a condition on
the unit) are gaps but not needs; data that is missing is never a training need.

:func:`cohort_gaps` streams over a roster and aggregates by unit, position,
administrative level and kind of gap (counts, shares, who), keeping the needs for
:func:`competency.plan.plan_training`.
"""

from __future__ import annotations

import datetime as dt
import functools
import importlib.resources
from collections.abc import Callable, Iterable, Iterator, Mapping
from typing import Any

import attrs

from competency._data import parse_yaml
from competency.catalog import Catalog
from competency.framework import Assessment, Framework, PositionProfile
from competency.frameworks import AssessmentIndex, FrameworkCatalog
from competency.law import Confidence
from competency.model import Assignment, Official, Unit
from competency.rules import nodes as n
from competency.rules.evaluate import Evaluation, StandardResult, evaluate_standard
from competency.rules.outcome import Outcome
from competency.rules.tables import Tables
from competency.vocab import (
    AdministrativeLevel,
    EducationLevel,
    ITSkillLevel,
    LanguageLevel,
    OrderedTerm,
    PoliticalTheoryLevel,
    StateManagementProgramme,
    Term,
)

__all__ = [
    "CohortGaps",
    "Gap",
    "GapKind",
    "GapReport",
    "GroupStats",
    "Need",
    "NeedArea",
    "NeedRow",
    "PostRef",
    "cohort_gaps",
    "gap",
    "title_names",
]

_MAX_ALTERNATIVES = 64


class GapKind(OrderedTerm):
    """Kind of gap, most severe first."""

    LEGAL_UNMET = ("legal_unmet", "Chưa đạt tiêu chuẩn", "Standard not met")
    LEGAL_UNKNOWN = ("legal_unknown", "Chưa đủ dữ liệu để xét tiêu chuẩn",
                     "Standard undecided (data missing)")
    COMPETENCY = ("competency", "Thiếu hụt năng lực", "Competency shortfall")
    COMPETENCY_UNASSESSED = ("competency_unassessed", "Chưa đánh giá năng lực",
                             "Competency not assessed")

    @property
    def legal(self) -> bool:
        """True for the kinds that come from qualification standards."""
        return self in (GapKind.LEGAL_UNMET, GapKind.LEGAL_UNKNOWN)


class NeedArea(Term):
    """What a training need is about; a programme ``closes`` needs of these areas."""

    EDUCATION = ("education", "Trình độ chuyên môn", "Education")
    POLITICAL_THEORY = ("political_theory", "Lý luận chính trị", "Political theory")
    STATE_MANAGEMENT = ("state_management", "Quản lý nhà nước", "State management")
    LANGUAGE = ("language", "Ngoại ngữ", "Foreign language")
    IT_SKILL = ("it_skill", "Tin học", "IT skill")
    COMPETENCY = ("competency", "Năng lực", "Competency")


@attrs.frozen(kw_only=True)
class PostRef:
    """A post evaluated for an official, with the unit facts reports group by."""

    title: str
    unit_key: str
    unit_label: str
    level: str | None = None
    province: str | None = None
    district: str | None = None
    commune: str | None = None

    @classmethod
    def of(cls, official: Official, assignment: Assignment) -> PostRef:
        """The post of ``assignment`` (its unit, else the official's)."""
        unit: Unit | None = assignment.unit or official.unit
        if unit is None:
            return cls(title=assignment.title, unit_key="?", unit_label="?")
        key = (unit.id or unit.commune_code or
               (f"{unit.province_code}/{unit.district_code}" if unit.district_code else None)
               or unit.name or unit.province_code or "?")
        return cls(title=assignment.title, unit_key=key, unit_label=unit.name or key,
                   level=unit.level.code if unit.level else None, province=unit.province_code,
                   district=unit.district_code, commune=unit.commune_code)


@attrs.frozen(kw_only=True)
class Need:
    """A training need: reach ``target`` (a level code, programme code or competency id)."""

    area: NeedArea
    target: str
    level: int
    label: n.Text
    language: str | None = None
    accepted: tuple[str, ...] = ()
    legal: bool
    due: dt.date | None = None
    size: int = 1
    sources: tuple[str, ...] = ()

    def key(self) -> tuple[str, ...]:
        """Needs with the same key are one need (the higher level is kept)."""
        if self.area is NeedArea.STATE_MANAGEMENT:
            return (self.area.code, *sorted(self.accepted))
        if self.area is NeedArea.COMPETENCY:
            return (self.area.code, self.target)
        return (self.area.code, self.language or "")

    def describe(self, lang: str = "vi") -> str:
        """``Trình độ chuyên môn: Đại học`` / ``Education: Bachelor's degree``."""
        return self.label[lang]


@attrs.frozen(kw_only=True)
class Gap:
    """One shortfall of one official, with what was required, what was found and why."""

    kind: GapKind
    official_id: str
    post: str | None
    profile: str | None
    source: str
    rule: str
    required: n.Text
    found: n.Text
    size: int | None
    due: dt.date | None
    provision: str | None
    reference: str
    confidence: Confidence
    label: n.Text

    def message(self, lang: str = "vi") -> str:
        """One line: kind, requirement, finding, deadline, citation."""
        vi = lang == "vi"
        text = f"{self.kind.label(lang)} · {self.label[lang]}: {self.required[lang]}; "
        text += f"{'hiện có' if vi else 'found'}: {self.found[lang]}"
        if self.size is not None and self.kind is GapKind.COMPETENCY:
            text += f" ({'thiếu' if vi else 'short by'} {self.size} " \
                    f"{'cấp độ' if vi else 'level' + ('s' if self.size > 1 else '')})"
        if self.due is not None:
            text += (f"; phải đáp ứng trước {self.due.isoformat()}" if vi
                     else f"; must comply by {self.due.isoformat()}")
        return f"{text} — {self.reference}"

    def as_dict(self) -> dict[str, Any]:
        """JSON-ready data."""
        return {"kind": self.kind.code, "post": self.post, "profile": self.profile,
                "source": self.source, "rule": self.rule,
                "label": {"vi": self.label.vi, "en": self.label.en},
                "required": {"vi": self.required.vi, "en": self.required.en},
                "found": {"vi": self.found.vi, "en": self.found.en},
                "size": self.size, "due": self.due.isoformat() if self.due else None,
                "provision": self.provision, "reference": self.reference,
                "confidence": self.confidence.value,
                "message": {"vi": self.message("vi"), "en": self.message("en")}}


def _severity(g: Gap) -> tuple[Any, ...]:
    return (g.kind.order, -(g.size if g.size is not None else -1),
            g.due or dt.date.max, g.source, g.rule, g.post or "")


@attrs.frozen(kw_only=True)
class GapReport:
    """Every gap of one official on one date, most severe first, and the needs they make."""

    official_id: str
    on: dt.date
    posts: tuple[PostRef, ...]
    profiles: tuple[str, ...]
    gaps: tuple[Gap, ...]
    needs: tuple[Need, ...]
    results: tuple[StandardResult, ...] = ()

    def kinds(self) -> set[GapKind]:
        """The kinds of gap present."""
        return {g.kind for g in self.gaps}

    def lines(self, lang: str = "vi") -> list[str]:
        """The report as text, one gap a line, numbered."""
        vi = lang == "vi"
        posts = ", ".join(p.title for p in self.posts) or "-"
        head = (f"{self.official_id} · {'chức danh' if vi else 'post'}: {posts} · "
                f"{'ngày xét' if vi else 'as of'} {self.on.isoformat()}")
        lines = [head]
        if self.profiles:
            lines.append(f"{'hồ sơ vị trí' if vi else 'position profile'}: "
                         f"{', '.join(self.profiles)}")
        if not self.gaps:
            lines.append("  không có khoảng cách" if vi else "  no gap")
        for i, item in enumerate(self.gaps, 1):
            lines.append(f"  {i}. {item.message(lang)}")
        if self.needs:
            lines.append("nhu cầu đào tạo, bồi dưỡng:" if vi else "training needs:")
            for need in self.needs:
                due = f" ({'hạn' if vi else 'due'} {need.due.isoformat()})" if need.due else ""
                kind = ("bắt buộc" if vi else "required by a standard") if need.legal \
                    else ("theo khung năng lực" if vi else "competency framework")
                lines.append(f"  - {need.describe(lang)} [{kind}]{due}")
        return lines

    def as_dict(self) -> dict[str, Any]:
        """JSON-ready data."""
        return {"official_id": self.official_id, "on": self.on.isoformat(),
                "posts": [attrs.asdict(p) for p in self.posts], "profiles": list(self.profiles),
                "gaps": [g.as_dict() for g in self.gaps],
                "needs": [{"area": nd.area.code, "target": nd.target, "language": nd.language,
                           "accepted": list(nd.accepted), "legal": nd.legal,
                           "due": nd.due.isoformat() if nd.due else None, "size": nd.size,
                           "sources": list(nd.sources),
                           "label": {"vi": nd.label.vi, "en": nd.label.en}}
                          for nd in self.needs]}


# -- needs from requirement trees ----------------------------------------------------------------

_CONDITIONS = tuple(getattr(n, name) for name in
                    ("UnitCondition", "CategoryCondition", "GenderCondition", "EthnicityCondition")
                    if hasattr(n, name))

_RawNeed = tuple[str, str, int, str | None, tuple[str, ...], dt.date | None, int]
"""(area, target, level, language, accepted, due, size): hashable, before labels."""


def _held(items: Iterable[Any] | None, on: dt.date) -> list[Any]:
    return [i for i in items or () if getattr(i, "awarded_on", None) is None or i.awarded_on <= on]


def _best_order(levels: Iterable[OrderedTerm | None]) -> int:
    orders = [lv.order for lv in levels if lv is not None]
    return max(orders) if orders else -1


def _leaf_need(node: n.Node, official: Official, on: dt.date, tables: Tables,
               assessed: Mapping[str, int], due: dt.date | None) -> _RawNeed | None:
    """The training need an unmet leaf makes, or None when no course can close it."""
    if isinstance(node, n.MinEducation):
        target = node.min_education
        best = _best_order(e.level for e in _held(official.education, on))
        return ("education", target.code, target.order, None, (), due,
                max(1, target.order - best))
    if isinstance(node, n.MinPoliticalTheory):
        target = node.min_political_theory
        best = _best_order(tables.political_theory.level(p)
                           for p in _held(official.political_theory, on))
        return ("political_theory", target.code, target.order, None, (), due,
                max(1, target.order - best))
    if isinstance(node, n.MinLanguage):
        spec = node.min_language
        held = [s for s in _held(official.languages, on)
                if spec.language is None or s.language.casefold() == spec.language.casefold()]
        best = _best_order(tables.languages.level(s) for s in held)
        return ("language", spec.level.code, spec.level.order, spec.language, (), due,
                max(1, spec.level.order - best))
    if isinstance(node, n.MinITSkill):
        target = node.min_it_skill
        best = _best_order(s.level for s in _held(official.it_skills, on))
        return ("it_skill", target.code, target.order, None, (), due, max(1, target.order - best))
    if isinstance(node, n.StateManagement):
        accepted = tuple(p.code for p in node.state_management)
        return ("state_management", accepted[0], 0, None, accepted, due, 1)
    if isinstance(node, n.MinCompetencyLevel):
        spec = node.min_competency_level
        found = assessed.get(spec.competency)
        return ("competency", spec.competency, spec.level, None, (), due,
                spec.level - found if found is not None else spec.level)
    return None


def _minimal(sets: list[frozenset[_RawNeed]]) -> list[frozenset[_RawNeed]]:
    unique = sorted(set(sets), key=lambda s: (len(s), sorted(map(repr, s))))
    kept: list[frozenset[_RawNeed]] = []
    for candidate in unique:
        if not any(k <= candidate for k in kept):
            kept.append(candidate)
    return kept[:_MAX_ALTERNATIVES]


def _alternatives(node: n.Node, ev: Evaluation, ctx: tuple[Official, dt.date, Tables,
                                                               Mapping[str, int]],
                  due: dt.date | None = None) -> list[frozenset[_RawNeed]]:
    """Sets of needs, any one of which (with the data that is missing) meets ``node``.

    An empty list means training cannot meet it. An unknown requirement needs data, not
    training, so it adds nothing; but an alternative that rests on an unknown condition
    (whether the unit is in a disadvantaged area, say) is not planned on.
    """
    due = ev.due or due
    kids = n.children(node)
    if ev.outcome is Outcome.MET:
        return [frozenset()]
    if ev.outcome is Outcome.UNKNOWN and not kids:
        return [] if isinstance(node, _CONDITIONS) else [frozenset()]
    pairs = list(zip(kids, ev.children, strict=True))
    if isinstance(node, n.AllOf):
        combos = [frozenset[_RawNeed]()]
        for child, child_ev in pairs:
            options = _alternatives(child, child_ev, ctx, due)
            if not options:
                return []
            combos = _minimal([a | b for a in combos for b in options])
        return combos
    if isinstance(node, n.AnyOf):
        return _minimal([alt for child, child_ev in pairs
                         for alt in _alternatives(child, child_ev, ctx, due)])
    if isinstance(node, n.When):
        (_, _), (then, then_ev) = pairs
        return _alternatives(then, then_ev, ctx, due)
    if kids:  # not: training cannot make something false
        return []
    official, on, tables, assessed = ctx
    raw = _leaf_need(node, official, on, tables, assessed, due)
    return [] if raw is None else [frozenset({raw})]


def _cheapest(options: list[frozenset[_RawNeed]]) -> frozenset[_RawNeed] | None:
    if not options:
        return None
    return min(options, key=lambda s: (len(s), sum(r[2] for r in s), sorted(map(repr, s))))


def _label(area: str, target: str, language: str | None, frameworks: Iterable[Framework]
           ) -> n.Text:
    terms: dict[str, type[Term]] = {"education": EducationLevel,
                                    "political_theory": PoliticalTheoryLevel,
                                    "language": LanguageLevel, "it_skill": ITSkillLevel,
                                    "state_management": StateManagementProgramme}
    head = NeedArea.parse(area)
    if area == "competency":
        name = next((c.name for f in frameworks if (c := f.competency(target)) is not None),
                    n.Text(vi=target, en=target))
        return n.Text(vi=f"{head.vi}: {name.vi}", en=f"{head.en}: {name.en}")
    term = terms[area].parse(target)
    which = f" ({language})" if language else ""
    return n.Text(vi=f"{head.vi}{which}: {term.vi}", en=f"{head.en}{which}: {term.en}")


def _merge(needs: Iterable[Need]) -> tuple[Need, ...]:
    merged: dict[tuple[str, ...], Need] = {}
    for need in needs:
        old = merged.get(need.key())
        if old is None:
            merged[need.key()] = need
            continue
        best = need if (need.level, need.size) > (old.level, old.size) else old
        immediate = (old.legal and old.due is None) or (need.legal and need.due is None)
        dues = [d for d in (old.due, need.due) if d is not None]
        merged[need.key()] = attrs.evolve(
            best, legal=old.legal or need.legal, size=max(old.size, need.size),
            due=None if immediate or not dues else min(dues),
            sources=tuple(sorted(set(old.sources) | set(need.sources))))
    return tuple(sorted(merged.values(), key=lambda d: (not d.legal, d.due or dt.date.min,
                                                        -d.size, d.area.code, d.target)))


# -- one official ---------------------------------------------------------------------------------

def _levels(assessments: Any, official_id: str, on: dt.date,
            framework: str | None) -> tuple[dict[str, int], dict[str, Assessment]]:
    if assessments is None:
        return {}, {}
    if isinstance(assessments, AssessmentIndex):
        chosen = assessments.latest(official_id, on, framework=framework)
        return {c: a.level for c, a in chosen.items()}, chosen
    if isinstance(assessments, Mapping):
        return {str(k): int(v) for k, v in assessments.items()}, {}
    index = AssessmentIndex(a for a in assessments if a.official_id == official_id)
    chosen = index.latest(official_id, on, framework=framework)
    return {c: a.level for c, a in chosen.items()}, chosen


def _position_assignment(official: Official, profile: PositionProfile,
                         on: dt.date) -> Assignment:
    for assignment in official.current_assignments(on):
        if assignment.title == profile.position.title:
            return assignment
    return Assignment(title=profile.position.title, rank=profile.position.rank,
                      unit=official.unit)


def _targets(official: Official, on: dt.date, profile: PositionProfile | None,
             frameworks: FrameworkCatalog) -> list[tuple[Assignment, PositionProfile | None]]:
    if profile is not None:
        return [(_position_assignment(official, profile, on), profile)]
    found: list[tuple[Assignment, PositionProfile | None]] = []
    for assignment in official.current_assignments(on):
        matched = frameworks.profiles_for(official, assignment)
        found += [(assignment, p) for p in matched] or [(assignment, None)]
    return found


def _profile_standards(profile: PositionProfile, catalog: Catalog, on: dt.date,
                       include_drafts: bool) -> list[n.Standard]:
    chosen = [s for s in map(catalog.get, profile.standards)
              if s.in_force(on) and (include_drafts or s.confidence is not Confidence.DRAFT)]
    replaced = {old for s in chosen for old in s.supersedes}
    return [s for s in chosen if s.id not in replaced]


def _standard_gaps(result: StandardResult, official: Official, profile: str | None,
                   nodes: Mapping[str, n.Node], tables: Tables,
                   assessed: Mapping[str, int]) -> list[Gap]:
    kind = GapKind.LEGAL_UNMET if result.outcome is Outcome.UNMET else GapKind.LEGAL_UNKNOWN
    gaps = []
    for ev in result.failing():
        node = nodes.get(ev.rule_id)
        if isinstance(node, _CONDITIONS) and ev.outcome is Outcome.UNMET:
            continue  # a condition that does not hold is not a shortfall of the person
        raw = None if node is None else _leaf_need(node, official, result.on, tables,
                                                   assessed, ev.due)
        cites = ev.citations or result.standard.legal_basis
        reference = "; ".join(c.cite() for c in cites)
        if ev.needs_check and "[needs-check]" not in reference:
            reference += " [needs-check]"
        gaps.append(Gap(
            kind=kind,
            official_id=official.id, post=result.title, profile=profile,
            source=result.standard.id, rule=ev.rule_id,
            required=ev.required or ev.title or n.Text(vi=ev.rule_id, en=ev.rule_id),
            found=ev.found or n.Text(vi="không có dữ liệu", en="no data"),
            size=raw[6] if raw is not None and ev.outcome is Outcome.UNMET else None,
            due=ev.due or result.due, provision=ev.provision or
            (result.provision.id if result.provision else None),
            reference=f"{result.standard.id}: {reference}",
            confidence=result.standard.confidence,
            label=ev.title or ev.required or n.Text(vi=ev.rule_id, en=ev.rule_id)))
    return gaps


def _standard_needs(result: StandardResult, official: Official, tables: Tables,
                    assessed: Mapping[str, int], frameworks: Iterable[Framework]) -> list[Need]:
    if result.outcome is not Outcome.UNMET:
        return []
    chosen = _cheapest(_alternatives(result.standard.requirements, result.evaluation,
                                     (official, result.on, tables, assessed)))
    if chosen is None:
        return []
    return [Need(area=NeedArea.parse(area), target=target, level=level, language=language,
                 accepted=accepted, legal=True, due=due, size=size,
                 sources=(result.standard.id,),
                 label=_label(area, target, language, frameworks))
            for area, target, level, language, accepted, due, size in sorted(chosen, key=repr)]


def _competency_gaps(official: Official, profile: PositionProfile, framework: Framework,
                     levels: Mapping[str, int], chosen: Mapping[str, Assessment],
                     post: str) -> tuple[list[Gap], list[Need]]:
    gaps, needs = [], []
    flag = framework.flag()
    for required in profile.required:
        competency = framework.competency(required.competency)
        name = competency.name if competency else n.Text(vi=required.competency,
                                                         en=required.competency)
        found_level = levels.get(required.competency)
        need_text = n.Text(vi=f"cấp độ {required.level}", en=f"level {required.level}")
        reference = f"{framework.id} › {required.competency}{flag}; {profile.id}{profile.flag()}"
        if found_level is None:
            gaps.append(Gap(kind=GapKind.COMPETENCY_UNASSESSED, official_id=official.id,
                            post=post, profile=profile.id, source=framework.id,
                            rule=required.competency, required=need_text,
                            found=n.Text(vi="chưa đánh giá", en="not assessed"), size=None,
                            due=None, provision=None, reference=reference,
                            confidence=framework.confidence, label=name))
            continue
        if found_level >= required.level:
            continue
        assessment = chosen.get(required.competency)
        how = "" if assessment is None else (
            f" ({assessment.assessed_on.isoformat()}, {assessment.method.vi.lower()})",
            f" ({assessment.assessed_on.isoformat()}, {assessment.method.en.lower()})")
        found = n.Text(vi=f"cấp độ {found_level}{how[0] if how else ''}",
                       en=f"level {found_level}{how[1] if how else ''}")
        size = required.level - found_level
        gaps.append(Gap(kind=GapKind.COMPETENCY, official_id=official.id, post=post,
                        profile=profile.id, source=framework.id, rule=required.competency,
                        required=need_text, found=found, size=size, due=None, provision=None,
                        reference=reference, confidence=framework.confidence, label=name))
        needs.append(Need(area=NeedArea.COMPETENCY, target=required.competency,
                          level=required.level, legal=False, size=size,
                          sources=(framework.id,),
                          label=n.Text(vi=f"{NeedArea.COMPETENCY.vi}: {name.vi} "
                                          f"(cấp độ {required.level})",
                                       en=f"{NeedArea.COMPETENCY.en}: {name.en} "
                                          f"(level {required.level})")))
    return gaps, needs


def gap(official: Official, profile: PositionProfile | str | None = None, *,
        on: dt.date | None = None,
        assessments: AssessmentIndex | Iterable[Assessment] | Mapping[str, int] | None = None,
        catalog: Catalog | None = None, frameworks: FrameworkCatalog | None = None,
        include_drafts: bool = False) -> GapReport:
    """Where ``official`` falls short, on ``on`` (default today), of a position.

    With ``profile`` (an object or id), the post is that profile's position: the standards
    it lists that are in force on ``on`` are evaluated, and its required competency levels
    are compared with the latest valid assessments. Without one, every current post is
    taken with the profiles that match it; a post no profile matches is checked against
    every standard that applies to it (as :func:`competency.check` does).
    """
    on = on or dt.date.today()
    cat = catalog if catalog is not None else Catalog.builtin()
    fws = frameworks if frameworks is not None else FrameworkCatalog.builtin()
    chosen_profile = fws.profile(profile) if isinstance(profile, str) else profile
    gaps: list[Gap] = []
    needs: list[Need] = []
    results: list[StandardResult] = []
    posts: list[PostRef] = []
    seen: set[tuple[str, str | None]] = set()
    all_frameworks = list(fws.frameworks.values())
    for assignment, prof in _targets(official, on, chosen_profile, fws):
        post = PostRef.of(official, assignment)
        if post not in posts:
            posts.append(post)
        framework = fws.framework(prof.framework) if prof is not None else None
        levels, latest = _levels(assessments, official.id, on,
                                 framework.id if framework else None)
        standards = (_profile_standards(prof, cat, on, include_drafts) if prof is not None
                     else cat.for_assignment(official, assignment, on,
                                             include_drafts=include_drafts))
        for standard in standards:
            if (standard.id, assignment.title) in seen:
                continue
            seen.add((standard.id, assignment.title))
            result = evaluate_standard(standard, official, on, tables=cat.tables,
                                       assignment=assignment, assessments=levels)
            results.append(result)
            if result.outcome is Outcome.MET:
                continue
            nodes = {node.id: node for node in n.walk(standard.requirements)}
            gaps += _standard_gaps(result, official, prof.id if prof else None, nodes,
                                   cat.tables, levels)
            needs += _standard_needs(result, official, cat.tables, levels, all_frameworks)
        if prof is not None and framework is not None:
            more_gaps, more_needs = _competency_gaps(official, prof, framework, levels, latest,
                                                     assignment.title)
            gaps += more_gaps
            needs += more_needs
    unique = {(g.kind, g.source, g.rule, g.post): g for g in gaps}
    profiles = ((chosen_profile.id,) if chosen_profile is not None else
                tuple(sorted({g.profile for g in gaps if g.profile} |
                             {p.id for a in official.current_assignments(on)
                              for p in fws.profiles_for(official, a)})))
    return GapReport(official_id=official.id, on=on, posts=tuple(posts), profiles=profiles,
                     gaps=tuple(sorted(unique.values(), key=_severity)),
                     needs=_merge(needs), results=tuple(results))


# -- a whole roster ------------------------------------------------------------------------------

@functools.cache
def title_names() -> dict[str, str]:
    """Title code → Vietnamese name, from ``data/titles.yaml``."""
    text = (importlib.resources.files("competency") / "data" / "titles.yaml").read_text("utf-8")
    return {t["code"]: t["name"]["vi"] for t in parse_yaml(text, "data/titles.yaml")["titles"]}


DIMENSIONS = ("unit", "position", "level")
"""How :class:`CohortGaps` groups officials."""


@attrs.frozen(kw_only=True)
class NeedRow:
    """A need of one official, with the post it belongs to (for planning)."""

    official_id: str
    post: PostRef
    need: Need


@attrs.define
class SubjectStats:
    """Officials with one particular gap (same kind, standard or framework, rule)."""

    kind: GapKind
    source: str
    rule: str
    label: n.Text
    who: list[str] = attrs.field(factory=list)

    @property
    def count(self) -> int:
        """How many officials."""
        return len(self.who)


@attrs.define
class GroupStats:
    """Counts for one group (a unit, a position, a level)."""

    key: str
    label: str
    officials: int = 0
    with_gaps: list[str] = attrs.field(factory=list)
    kinds: dict[GapKind, list[str]] = attrs.field(factory=dict)
    subjects: dict[tuple[str, str, str], SubjectStats] = attrs.field(factory=dict)

    def share(self, count: int) -> float:
        """``count`` as a share of the group's officials (0 when the group is empty)."""
        return count / self.officials if self.officials else 0.0

    def as_dict(self) -> dict[str, Any]:
        """JSON-ready data."""
        return {"key": self.key, "label": self.label, "officials": self.officials,
                "with_gaps": len(self.with_gaps), "share_with_gaps": self.share(len(self.with_gaps)),
                "kinds": {k.code: {"count": len(v), "share": self.share(len(v)), "who": v}
                          for k, v in sorted(self.kinds.items(), key=lambda kv: kv[0].order)},
                "subjects": [{"kind": s.kind.code, "source": s.source, "rule": s.rule,
                              "label": {"vi": s.label.vi, "en": s.label.en}, "count": s.count,
                              "share": self.share(s.count), "who": s.who}
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
    need_rows: list[NeedRow] = attrs.field(factory=list)
    total: GroupStats = attrs.field(factory=lambda: GroupStats(key="*", label="*"))

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
                    group = self.groups[dimension][key] = GroupStats(key=key, label=label)
                if group not in groups:
                    groups.append(group)
        for group in groups:
            group.officials += 1
        for item in report.gaps:
            post = by_title.get(item.post or "", primary)
            targets = [self.total] + [self.groups[d][k] for d, k, _ in self._keys(post)]
            for group in targets:
                if not group.with_gaps or group.with_gaps[-1] != report.official_id:
                    group.with_gaps.append(report.official_id)
                who = group.kinds.setdefault(item.kind, [])
                if not who or who[-1] != report.official_id:
                    who.append(report.official_id)
                subject = group.subjects.get((item.kind.code, item.source, item.rule))
                if subject is None:
                    subject = group.subjects[(item.kind.code, item.source, item.rule)] = \
                        SubjectStats(kind=item.kind, source=item.source, rule=item.rule,
                                     label=item.label)
                if not subject.who or subject.who[-1] != report.official_id:
                    subject.who.append(report.official_id)
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
        """Officials with a gap matching every given filter, in roster order."""
        found: list[str] = []
        for subject in self.total.subjects.values():
            if ((kind is None or subject.kind is kind) and (source is None or subject.source == source)
                    and (rule is None or subject.rule == rule)):
                found += [w for w in subject.who if w not in found]
        return found

    def as_dict(self, by: Iterable[str] = DIMENSIONS) -> dict[str, Any]:
        """JSON-ready data: totals and the groups of each dimension asked for."""
        return {"on": self.on.isoformat(), "officials": self.officials,
                "with_gaps": self.with_gaps,
                "kinds": {k.code: v for k, v in sorted(self.kinds.items(),
                                                       key=lambda kv: kv[0].order)},
                "total": self.total.as_dict(),
                "groups": {d: [g.as_dict() for g in self.by(d)] for d in by},
                "needs": len(self.need_rows)}


def cohort_gaps(officials: Iterable[Official], *, on: dt.date | None = None,
                profile: PositionProfile | str | None = None,
                assessments: AssessmentIndex | Iterable[Assessment] | None = None,
                catalog: Catalog | None = None, frameworks: FrameworkCatalog | None = None,
                include_drafts: bool = False,
                each: Callable[[GapReport], None] | None = None) -> CohortGaps:
    """Gaps of every official of a roster, aggregated; officials are read one at a time.

    ``each`` is called with every official's report as it is made (to write it out while
    streaming). Assessments are indexed by official first, since they are read by id.
    """
    on = on or dt.date.today()
    cat = catalog if catalog is not None else Catalog.builtin()
    fws = frameworks if frameworks is not None else FrameworkCatalog.builtin()
    chosen = fws.profile(profile) if isinstance(profile, str) else profile
    index = (assessments if isinstance(assessments, AssessmentIndex) or assessments is None
             else AssessmentIndex(assessments))
    result = CohortGaps(on=on)
    for official in officials:
        report = gap(official, chosen, on=on, assessments=index, catalog=cat, frameworks=fws,
                     include_drafts=include_drafts)
        result.add(report)
        if each is not None:
            each(report)
    return result

