"""One function per leaf kind: read a fact from the record at the as-of date.

Each returns a :class:`Finding` (outcome, what was required, what was found, both in
Vietnamese and English). Thresholds come from the node; nothing here is law.
Evidence dated after the as-of date is ignored; undated evidence counts, since most
personnel records do not date every certificate.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterable, Mapping
from typing import Any, Protocol, TypeVar

import attrs

from competency.model.official import Assignment, Official, Unit
from competency.rules import nodes as n
from competency.rules.outcome import Outcome
from competency.rules.tables import Tables, add_months
from competency.vocab import Term, Text, fold

__all__ = ["LEAVES", "Context", "Finding", "held_on", "is_foreign_language", "months_between",
           "whole_years"]

T = TypeVar("T")


@attrs.frozen(kw_only=True)
class Context:
    """What a rule may read: the record, the post under evaluation, the date, the tables."""

    official: Official
    on: dt.date
    tables: Tables
    assignment: Assignment | None = None
    assessments: Mapping[str, int] | None = None

    @property
    def unit(self) -> Unit | None:
        """The unit of the post, else the official's unit."""
        if self.assignment is not None and self.assignment.unit is not None:
            return self.assignment.unit
        return self.official.unit


@attrs.frozen(kw_only=True)
class Finding:
    """A leaf's outcome with what was required and what the record shows."""

    outcome: Outcome
    required: Text
    found: Text


_NO_DATA = Text(vi="không có dữ liệu", en="no data")
_YES_NO = {"vi": {True: "có", False: "không", None: "chưa rõ"},
           "en": {True: "yes", False: "no", None: "unknown"}}
_NONE = Text(vi="không có", en="none recorded")


def whole_years(start: dt.date, end: dt.date) -> int:
    """Completed years from ``start`` to ``end`` (an age on a birthday counts)."""
    return end.year - start.year - ((end.month, end.day) < (start.month, start.day))


def months_between(start: dt.date, end: dt.date) -> int:
    """Completed months from ``start`` to ``end`` (negative when ``end`` is earlier)."""
    months = (end.year - start.year) * 12 + end.month - start.month
    if months > 0 and add_months(start, months) > end:
        months -= 1
    elif months < 0 and add_months(start, months) < end:
        months += 1
    return months


class _Dated(Protocol):
    awarded_on: dt.date | None


D = TypeVar("D", bound=_Dated)


def held_on(items: Iterable[D] | None, on: dt.date) -> list[D] | None:
    """Items obtained by ``on``; None when the record says nothing."""
    if items is None:
        return None
    return [i for i in items if i.awarded_on is None or i.awarded_on <= on]


def _list(items: Iterable[str]) -> str:
    return ", ".join(items)


def _labels(terms: Iterable[Term | None], dated: Iterable[dt.date | None] = ()) -> Text:
    terms = list(terms)
    if not terms:
        return _NONE
    dates = list(dated) or [None] * len(terms)
    def one(term: Term | None, day: dt.date | None, lang: str) -> str:
        text = term.label(lang) if term is not None else "?"
        return f"{text} ({day.isoformat()})" if day else text
    return Text(vi=_list(one(t, d, "vi") for t, d in zip(terms, dates, strict=True)),
                  en=_list(one(t, d, "en") for t, d in zip(terms, dates, strict=True)))


def _at_least(best: Any, minimum: Any) -> Outcome:
    return Outcome.MET if best is not None and best >= minimum else Outcome.UNMET


def _leveled(held: list[Any] | None, level_of: Callable[[Any], Any], minimum: Any,
             required: Text) -> Finding:
    """Shared shape of the 'at least level X' leaves."""
    if held is None:
        return Finding(outcome=Outcome.UNKNOWN, required=required, found=_NO_DATA)
    levels = [level_of(item) for item in held]
    known = [lv for lv in levels if lv is not None]
    outcome = _at_least(max(known) if known else None, minimum)
    if outcome is Outcome.UNMET and len(known) < len(levels):
        outcome = Outcome.UNKNOWN  # some evidence could not be graded
    return Finding(outcome=outcome, required=required,
                   found=_labels(levels, [getattr(i, "awarded_on", None) for i in held]))


def _min_text(vi: str, en: str, term: Term) -> Text:
    return Text(vi=f"{vi} từ {term.vi} trở lên", en=f"{en} at least {term.en}")


def min_education(node: n.MinEducation, ctx: Context) -> Finding:
    """Highest diploma held by the date is at or above the level."""
    return _leveled(held_on(ctx.official.education, ctx.on), lambda e: e.level, node.min_education,
                    _min_text("Trình độ chuyên môn", "Education", node.min_education))


def high_school(node: n.HighSchool, ctx: Context) -> Finding:
    """Upper-secondary graduation as recorded."""
    required = Text(vi="Tốt nghiệp trung học phổ thông", en="Upper-secondary graduation")
    value = ctx.official.high_school
    if value is None:
        return Finding(outcome=Outcome.UNKNOWN, required=required, found=_NO_DATA)
    met = value is node.high_school
    found = Text(vi=_YES_NO["vi"][value], en=_YES_NO["en"][value])
    return Finding(outcome=Outcome.MET if met else Outcome.UNMET, required=required, found=found)


def field_of_study(node: n.FieldOfStudy, ctx: Context) -> Finding:
    """A diploma (at the minimum level, if given) in one of the accepted fields."""
    spec = node.field_of_study
    required = Text(vi=f"Chuyên ngành: {_list(spec.fields)}", en=f"Field of study: {_list(spec.fields)}")
    held = held_on(ctx.official.education, ctx.on)
    if held is None:
        return Finding(outcome=Outcome.UNKNOWN, required=required, found=_NO_DATA)
    eligible = [e for e in held if spec.min_level is None or e.level >= spec.min_level]
    accepted = {fold(f) for f in spec.fields}
    if any(e.field is not None and fold(e.field) in accepted for e in eligible):
        outcome = Outcome.MET
    elif any(e.field is None for e in eligible):
        outcome = Outcome.UNKNOWN
    else:
        outcome = Outcome.UNMET
    fields = [e.field or "?" for e in held]
    found = Text(vi=_list(fields) or _NONE.vi, en=_list(fields) or _NONE.en)
    return Finding(outcome=outcome, required=required, found=found)


def min_political_theory(node: n.MinPoliticalTheory, ctx: Context) -> Finding:
    """Highest political-theory level, diplomas counted through the equivalence table."""
    held = held_on(ctx.official.political_theory, ctx.on)
    finding = _leveled(held, ctx.tables.political_theory.level, node.min_political_theory,
                       _min_text("Lý luận chính trị", "Political theory", node.min_political_theory))
    if held:
        finding = attrs.evolve(finding, found=_labels([p.diploma for p in held],
                                                      [p.awarded_on for p in held]))
    return finding


_ISO_639_1 = re.compile(r"^[a-z]{2}$")


def is_foreign_language(language: str) -> bool:
    """A foreign language is recorded by its ISO 639-1 code (other than ``vi``); ethnic-minority
    languages are recorded by name and are not graded on the six-level framework."""
    return bool(_ISO_639_1.match(language)) and language != "vi"


def min_language(node: n.MinLanguage, ctx: Context) -> Finding:
    """A language (the given one, or any) at or above the level; certificates via the table."""
    spec = node.min_language
    which = f" ({spec.language})" if spec.language else ""
    required = Text(vi=f"Ngoại ngữ{which} từ {spec.level.vi} trở lên",
                      en=f"Foreign language{which} at least {spec.level.en}")
    held = held_on(ctx.official.languages, ctx.on)
    if held is not None and spec.language:
        held = [s for s in held if s.language.casefold() == spec.language.casefold()]
    elif held is not None:
        held = [s for s in held if is_foreign_language(s.language)]
    finding = _leveled(held, ctx.tables.languages.level, spec.level, required)
    if held:
        shown = [f"{s.language}: {s.level.code if s.level else f'{s.certificate} {s.score}'}"
                 for s in held]
        finding = attrs.evolve(finding, found=Text(vi=_list(shown), en=_list(shown)))
    return finding


def min_it_skill(node: n.MinITSkill, ctx: Context) -> Finding:
    """IT-skill standard reached by the date."""
    return _leveled(held_on(ctx.official.it_skills, ctx.on), lambda s: s.level, node.min_it_skill,
                    _min_text("Tin học", "IT skill", node.min_it_skill))


def _one_of(accepted: tuple[Term, ...], held: list[Any] | None, code: Callable[[Any], Term],
            vi: str, en: str) -> Finding:
    """One of the ``accepted`` codes among the items held by the date; none recorded is unknown."""
    required = Text(vi=f"{vi}: " + _list(a.vi for a in accepted),
                    en=f"{en}: " + _list(a.en for a in accepted))
    if held is None:
        return Finding(outcome=Outcome.UNKNOWN, required=required, found=_NO_DATA)
    met = any(code(item) in accepted for item in held)
    return Finding(outcome=Outcome.MET if met else Outcome.UNMET, required=required,
                   found=_labels([code(item) for item in held], [item.awarded_on for item in held]))


def state_management(node: n.StateManagement, ctx: Context) -> Finding:
    """One of the accepted state-management programmes completed by the date."""
    return _one_of(node.state_management, held_on(ctx.official.state_management, ctx.on),
                   lambda c: c.programme, "Bồi dưỡng QLNN", "State-management training")


def political_theory_diploma(node: n.HoldsPoliticalTheoryDiploma, ctx: Context) -> Finding:
    """One of the accepted political-theory diplomas held by the date, by its own name."""
    return _one_of(node.political_theory_diploma, held_on(ctx.official.political_theory, ctx.on),
                   lambda p: p.diploma, "Văn bằng", "Diploma")


def _bounds_text(vi: str, en: str, bounds: n.AgeBounds) -> Text:
    parts_vi, parts_en = [], []
    if bounds.min is not None:
        parts_vi.append(f"từ {bounds.min}")
        parts_en.append(f"at least {bounds.min}")
    if bounds.max is not None:
        parts_vi.append(f"không quá {bounds.max}")
        parts_en.append(f"at most {bounds.max}")
    return Text(vi=f"{vi} {' và '.join(parts_vi)}", en=f"{en} {' and '.join(parts_en)}")


def _within(value: int, bounds: n.AgeBounds) -> Outcome:
    ok = (bounds.min is None or value >= bounds.min) and (bounds.max is None or value <= bounds.max)
    return Outcome.MET if ok else Outcome.UNMET


def age(node: n.Age, ctx: Context) -> Finding:
    """Age in whole years at the as-of date."""
    required = _bounds_text("Tuổi", "Age", node.age)
    born = ctx.official.birth_date
    if born is None:
        return Finding(outcome=Outcome.UNKNOWN, required=required, found=_NO_DATA)
    years = whole_years(born, ctx.on)
    return Finding(outcome=_within(years, node.age), required=required,
                   found=Text(vi=f"{years} tuổi", en=f"{years} years"))


def remaining_working_months(node: n.RemainingWorkingMonths, ctx: Context) -> Finding:
    """Months from the first appointment (or the as-of date) to statutory retirement."""
    spec = node.remaining_working_months
    counted = "bổ nhiệm lần đầu" if spec.at is n.RemainingFrom.FIRST_APPOINTED else "ngày xét"
    counted_en = "first appointment" if spec.at is n.RemainingFrom.FIRST_APPOINTED else "the as-of date"
    required = Text(vi=f"Còn ít nhất {spec.min} tháng công tác đến tuổi nghỉ hưu, tính từ {counted}",
                      en=f"At least {spec.min} months of working time left from {counted_en}")
    official = ctx.official
    start: dt.date | None = ctx.on
    if spec.at is n.RemainingFrom.FIRST_APPOINTED:
        a = ctx.assignment
        start = None if a is None else (a.first_appointed or a.start)
    if official.birth_date is None or official.gender is None or start is None:
        return Finding(outcome=Outcome.UNKNOWN, required=required, found=_NO_DATA)
    retires = ctx.tables.retirement.retirement_date(official.birth_date, official.gender)
    if retires is None:
        return Finding(outcome=Outcome.UNKNOWN, required=required,
                       found=Text(vi="ngoài bảng tuổi nghỉ hưu", en="outside the retirement table"))
    left = months_between(start, retires)
    found = Text(vi=f"{left} tháng (nghỉ hưu {retires.isoformat()})",
                   en=f"{left} months (retires {retires.isoformat()})")
    return Finding(outcome=Outcome.MET if left >= spec.min else Outcome.UNMET,
                   required=required, found=found)


def years_of_service(node: n.YearsOfService, ctx: Context) -> Finding:
    """Whole years since service start (or recruitment)."""
    required = _bounds_text("Số năm công tác", "Years of service", node.years_of_service)
    start = ctx.official.service_start or ctx.official.recruited_on
    if start is None:
        return Finding(outcome=Outcome.UNKNOWN, required=required, found=_NO_DATA)
    years = whole_years(start, ctx.on)
    return Finding(outcome=_within(years, node.years_of_service), required=required,
                   found=Text(vi=f"{years} năm", en=f"{years} years"))


def min_competency_level(node: n.MinCompetencyLevel, ctx: Context) -> Finding:
    """Assessed level of a competency (from the assessments passed in)."""
    spec = node.min_competency_level
    required = Text(vi=f"Năng lực {spec.competency} từ cấp độ {spec.level}",
                      en=f"Competency {spec.competency} at level {spec.level} or above")
    level = (ctx.assessments or {}).get(spec.competency)
    if level is None:
        return Finding(outcome=Outcome.UNKNOWN, required=required, found=_NO_DATA)
    return Finding(outcome=Outcome.MET if level >= spec.level else Outcome.UNMET,
                   required=required, found=Text(vi=f"cấp độ {level}", en=f"level {level}"))


def unit(node: n.UnitCondition, ctx: Context) -> Finding:
    """Facts about the post's unit; unknown when the record lacks them."""
    spec = node.unit
    required_vi, required_en, checks = [], [], []
    where = ctx.unit
    if spec.disadvantaged_area is not None:
        required_vi.append("vùng khó khăn" if spec.disadvantaged_area else "không thuộc vùng khó khăn")
        required_en.append("disadvantaged area" if spec.disadvantaged_area else "not a disadvantaged area")
        value = None if where is None else where.disadvantaged_area
        checks.append(None if value is None else value is spec.disadvantaged_area)
    if spec.levels is not None:
        required_vi.append(_list(lv.vi for lv in spec.levels))
        required_en.append(_list(lv.en for lv in spec.levels))
        value = None if where is None else where.level
        checks.append(None if value is None else value in spec.levels)
    if spec.area_types is not None:
        required_vi.append(_list(a.vi for a in spec.area_types))
        required_en.append(_list(a.en for a in spec.area_types))
        kinds = None if where is None else where.area_types
        checks.append(None if kinds is None else bool(set(kinds) & set(spec.area_types)))
    if False in checks:
        outcome = Outcome.UNMET
    elif None in checks:
        outcome = Outcome.UNKNOWN
    else:
        outcome = Outcome.MET
    found = _NO_DATA if where is None else Text(
        vi=f"{where.name or where.id or 'đơn vị'}, vùng khó khăn: "
           f"{_YES_NO['vi'][where.disadvantaged_area]}",
        en=f"{where.name or where.id or 'unit'}, disadvantaged area: "
           f"{_YES_NO['en'][where.disadvantaged_area]}")
    return Finding(outcome=outcome, found=found,
                   required=Text(vi="Đơn vị: " + "; ".join(required_vi),
                                   en="Unit: " + "; ".join(required_en)))


def _term_condition(value: Term | None, accepted: Iterable[Term], vi: str, en: str) -> Finding:
    accepted = list(accepted)
    required = Text(vi=f"{vi}: {_list(a.vi for a in accepted)}",
                      en=f"{en}: {_list(a.en for a in accepted)}")
    if value is None:
        return Finding(outcome=Outcome.UNKNOWN, required=required, found=_NO_DATA)
    return Finding(outcome=Outcome.MET if value in accepted else Outcome.UNMET,
                   required=required, found=Text(vi=value.vi, en=value.en))


def category(node: n.CategoryCondition, ctx: Context) -> Finding:
    """Personnel category as recorded."""
    return _term_condition(ctx.official.category, node.category, "Đối tượng", "Category")


def gender(node: n.GenderCondition, ctx: Context) -> Finding:
    """Gender as recorded."""
    return _term_condition(ctx.official.gender, [node.gender], "Giới tính", "Gender")


def ethnicity(node: n.EthnicityCondition, ctx: Context) -> Finding:
    """Recorded ethnic group in (or not in) the listed groups."""
    spec = node.ethnicity
    parts_vi, parts_en, checks = [], [], []
    value = ctx.official.ethnicity
    folded = None if value is None else fold(value)
    if spec.any_of is not None:
        parts_vi.append(f"thuộc {_list(spec.any_of)}")
        parts_en.append(f"one of {_list(spec.any_of)}")
        checks.append(None if folded is None else folded in {fold(g) for g in spec.any_of})
    if spec.none_of is not None:
        parts_vi.append(f"không phải {_list(spec.none_of)}")
        parts_en.append(f"not {_list(spec.none_of)}")
        checks.append(None if folded is None else folded not in {fold(g) for g in spec.none_of})
    required = Text(vi="Dân tộc: " + "; ".join(parts_vi), en="Ethnic group: " + "; ".join(parts_en))
    if None in checks:
        return Finding(outcome=Outcome.UNKNOWN, required=required, found=_NO_DATA)
    return Finding(outcome=Outcome.MET if all(checks) else Outcome.UNMET, required=required,
                   found=Text(vi=value or "", en=value or ""))


def ratings(node: n.Ratings, ctx: Context) -> Finding:
    """Each of the last N years before the as-of date rated at or above the minimum."""
    spec = node.ratings
    required = Text(vi=f"{spec.years} năm liền kề gần nhất xếp loại từ {spec.min.vi} trở lên",
                      en=f"Last {spec.years} years rated at least {spec.min.en}")
    if ctx.official.ratings is None:
        return Finding(outcome=Outcome.UNKNOWN, required=required, found=_NO_DATA)
    by_year = {r.year: r.rating for r in ctx.official.ratings}
    years = range(ctx.on.year - 1, ctx.on.year - 1 - spec.years, -1)
    got = [by_year.get(y) for y in years]
    if any(r is not None and r < spec.min for r in got):
        outcome = Outcome.UNMET
    elif None in got:
        outcome = Outcome.UNKNOWN
    else:
        outcome = Outcome.MET
    shown = [f"{y}: {r.code if r else '?'}" for y, r in zip(years, got, strict=True)]
    return Finding(outcome=outcome, required=required,
                   found=Text(vi=_list(shown), en=_list(shown)))


_EVIDENCE = {
    n.InternationalEvidence.ASSIGNMENT: ("công tác đối ngoại", "a post in international relations work"),
    n.InternationalEvidence.TRAINING_ABROAD: ("đào tạo, bồi dưỡng ở nước ngoài", "training abroad"),
    n.InternationalEvidence.DEGREE_ABROAD: ("văn bằng nước ngoài", "a degree earned abroad"),
}


def international_experience(node: n.InternationalExperience, ctx: Context) -> Finding:
    """Any accepted evidence by the date: an international-relations post started, a course
    abroad ended (not recorded as abandoned), or a diploma earned abroad. A post, course or
    diploma that does not say whether it was international or abroad makes a missing
    finding unknown."""
    accepted = node.international_experience
    required = Text(vi="Kinh nghiệm quốc tế: " + " hoặc ".join(_EVIDENCE[k][0] for k in accepted),
                      en="International experience: " + " or ".join(_EVIDENCE[k][1] for k in accepted))
    official, on = ctx.official, ctx.on
    found: list[str] = []
    unknown = False
    if n.InternationalEvidence.ASSIGNMENT in accepted:
        if official.assignments is None:
            unknown = True
        for post in official.assignments or ():
            if post.start is not None and post.start > on:
                continue
            if post.international is True:
                found.append(post.title)
            unknown = unknown or post.international is None
    if n.InternationalEvidence.TRAINING_ABROAD in accepted:
        if official.training is None:
            unknown = True
        for course in official.training or ():
            day = course.end or course.start
            if day is not None and day > on:
                continue
            if course.abroad is True and course.completed is not False:
                found.append(f"{course.programme} ({course.country or '?'})")
            unknown = unknown or course.abroad is None
    if n.InternationalEvidence.DEGREE_ABROAD in accepted:
        held = held_on(official.education, on)
        if held is None:
            unknown = True
        for diploma in held or ():
            if diploma.abroad is True:
                found.append(f"{diploma.level.code} ({diploma.institution or '?'})")
            unknown = unknown or diploma.abroad is None
    if found:
        return Finding(outcome=Outcome.MET, required=required,
                       found=Text(vi=_list(found), en=_list(found)))
    return Finding(outcome=Outcome.UNKNOWN if unknown else Outcome.UNMET, required=required,
                   found=_NO_DATA if unknown else _NONE)


def fact(node: n.Fact, ctx: Context) -> Finding:
    """A fact the record states (the latest check on or before the date); unstated is unknown."""
    required = Text(vi=f"Hồ sơ ghi nhận: {node.fact}", en=f"The record states: {node.fact}")
    stated = [f for f in ctx.official.facts or () if f.code == node.fact
              and (f.on is None or f.on <= ctx.on)]
    if not stated:
        return Finding(outcome=Outcome.UNKNOWN, required=required, found=_NO_DATA)
    latest = max(stated, key=lambda f: (f.on is not None, f.on or ctx.on))
    return Finding(outcome=Outcome.MET if latest.value else Outcome.UNMET, required=required,
                   found=Text(vi=_YES_NO["vi"][latest.value], en=_YES_NO["en"][latest.value]))


def born_on_or_after(node: n.BornOnOrAfter, ctx: Context) -> Finding:
    """Birth date at or after the cutoff."""
    cutoff = node.born_on_or_after.isoformat()
    required = Text(vi=f"Sinh từ ngày {cutoff}", en=f"Born on or after {cutoff}")
    born = ctx.official.birth_date
    if born is None:
        return Finding(outcome=Outcome.UNKNOWN, required=required, found=_NO_DATA)
    return Finding(outcome=Outcome.MET if born >= node.born_on_or_after else Outcome.UNMET,
                   required=required, found=Text(vi=born.isoformat(), en=born.isoformat()))


def placed_in_job_position(node: n.JobPositionPlacement, ctx: Context) -> Finding:
    """The post's placement in a job position, as recorded on the assignment."""
    required = Text(vi="Được bố trí vào vị trí việc làm và ngạch tương ứng",
                    en="Placed in a job position and the matching rank")
    post = ctx.assignment
    placed = None if post is None else (True if post.job_position else post.placed_in_job_position)
    if placed is None:
        return Finding(outcome=Outcome.UNKNOWN, required=required, found=_NO_DATA)
    shown = (post.job_position if post is not None and post.job_position else None)
    found = Text(vi=shown or _YES_NO["vi"][placed], en=shown or _YES_NO["en"][placed])
    met = placed is node.placed_in_job_position
    return Finding(outcome=Outcome.MET if met else Outcome.UNMET, required=required, found=found)


def training_periods(node: n.TrainingPeriods, ctx: Context) -> Finding:
    """Periods of the courses ended in the year (by the date), summed. A course that may fall
    in that year (undated) or gives no length makes a shortfall unknown."""
    spec = node.training_periods
    year = spec.year if spec.year is not None else ctx.on.year - 1
    required = Text(vi=f"Bồi dưỡng ít nhất {spec.min} tiết trong năm {year}",
                    en=f"At least {spec.min} periods of fostering in {year}")
    if ctx.official.training is None:
        return Finding(outcome=Outcome.UNKNOWN, required=required, found=_NO_DATA)
    total, unsure = 0, False
    for course in ctx.official.training:
        day = course.end or course.start
        if course.completed is False or (day is not None and (day.year != year or day > ctx.on)):
            continue
        if day is None or course.periods is None:
            unsure = True
            continue
        total += course.periods
    outcome = (Outcome.MET if total >= spec.min
               else Outcome.UNKNOWN if unsure else Outcome.UNMET)
    return Finding(outcome=outcome, required=required,
                   found=Text(vi=f"{total} tiết", en=f"{total} periods"))


def open_question(node: n.OpenQuestion, ctx: Context) -> Finding:
    """Never decided by the record: the sources leave it open (the node says why)."""
    return Finding(outcome=Outcome.UNKNOWN, required=node.open_question,
                   found=Text(vi="chưa mã hóa", en="not encoded"))


LEAVES: dict[type, Callable[[Any, Context], Finding]] = {
    n.MinEducation: min_education,
    n.HighSchool: high_school,
    n.FieldOfStudy: field_of_study,
    n.MinPoliticalTheory: min_political_theory,
    n.HoldsPoliticalTheoryDiploma: political_theory_diploma,
    n.MinLanguage: min_language,
    n.MinITSkill: min_it_skill,
    n.StateManagement: state_management,
    n.Age: age,
    n.RemainingWorkingMonths: remaining_working_months,
    n.YearsOfService: years_of_service,
    n.MinCompetencyLevel: min_competency_level,
    n.UnitCondition: unit,
    n.CategoryCondition: category,
    n.GenderCondition: gender,
    n.EthnicityCondition: ethnicity,
    n.Ratings: ratings,
    n.InternationalExperience: international_experience,
    n.Fact: fact,
    n.BornOnOrAfter: born_on_or_after,
    n.JobPositionPlacement: placed_in_job_position,
    n.TrainingPeriods: training_periods,
    n.OpenQuestion: open_question,
}
"""Leaf kind → the function that evaluates it."""
