"""The requirement tree as nested Markdown lists, one list per language.

Each item shows the node's title, what the data encodes (thresholds with their
vocabulary labels), the node id, its own citations and a flag when it is not confirmed.
"""

from __future__ import annotations

import json
from collections.abc import Callable

from competency.docgen._md import both, code, esc, mark, reference_cite
from competency.rules import nodes as n
from competency.schema.convert import unstructure
from competency.standards.facts import fact_codes
from competency.vocab import Term

__all__ = ["DESCRIBED", "describe_leaf", "inline", "tree_lines"]

_COMBINATORS = {
    "vi": {n.AllOf: "đáp ứng tất cả các yêu cầu sau", n.AnyOf: "đáp ứng một trong các yêu cầu sau",
           n.Not: "không được thỏa mãn điều sau", n.When: "chỉ áp dụng khi điều kiện thỏa mãn"},
    "en": {n.AllOf: "all of the following", n.AnyOf: "any one of the following",
           n.Not: "the following must not hold", n.When: "applies only when the condition holds"},
}
_WHEN_PARTS = {"vi": ("Điều kiện", "Yêu cầu"), "en": ("If", "Then")}


def _label(value: Term, lang: str) -> str:
    return f"{esc(value.label(lang))} ({code(value.code)})"


def _labels(values: tuple[Term, ...], lang: str) -> str:
    return ", ".join(_label(v, lang) for v in values)


def _bounds(bounds: n.AgeBounds, unit_vi: str, unit_en: str, lang: str) -> str:
    low, high = bounds.min, bounds.max
    if lang == "vi":
        if low is not None and high is not None:
            return f"từ {low} đến {high} {unit_vi}"
        return f"từ {low} {unit_vi} trở lên" if low is not None else f"không quá {high} {unit_vi}"
    if low is not None and high is not None:
        return f"{low} to {high} {unit_en}"
    return f"at least {low} {unit_en}" if low is not None else f"at most {high} {unit_en}"


def _education(node: n.MinEducation, lang: str) -> str:
    level = _label(node.min_education, lang)
    if lang == "vi":
        return f"trình độ chuyên môn từ {level} trở lên"
    return f"education {level} or higher"


def _high_school(node: n.HighSchool, lang: str) -> str:
    if lang == "vi":
        return "tốt nghiệp trung học phổ thông" if node.high_school else "chưa tốt nghiệp THPT"
    return "upper-secondary (THPT) graduation" if node.high_school else "no THPT graduation"


def _field(node: n.FieldOfStudy, lang: str) -> str:
    spec = node.field_of_study
    fields = ", ".join(esc(f) for f in spec.fields)
    if lang == "vi":
        level = f", trình độ từ {_label(spec.min_level, lang)} trở lên" if spec.min_level else ""
        return f"chuyên ngành {fields}{level}"
    level = f", at {_label(spec.min_level, lang)} or higher" if spec.min_level else ""
    return f"field of study {fields}{level}"


def _political(node: n.MinPoliticalTheory, lang: str) -> str:
    level = _label(node.min_political_theory, lang)
    if lang == "vi":
        return f"lý luận chính trị từ {level} trở lên (tính theo bảng tương đương)"
    return f"political theory {level} or higher (diplomas counted through the equivalence table)"


def _language(node: n.MinLanguage, lang: str) -> str:
    spec = node.min_language
    level = _label(spec.level, lang)
    if lang == "vi":
        which = f"ngoại ngữ {code(spec.language)}" if spec.language else "một ngoại ngữ bất kỳ"
        return f"{which} từ {level} trở lên"
    which = f"foreign language {code(spec.language)}" if spec.language else "any foreign language"
    return f"{which} at {level} or higher"


def _it(node: n.MinITSkill, lang: str) -> str:
    level = _label(node.min_it_skill, lang)
    return f"tin học từ {level} trở lên" if lang == "vi" else f"IT skill {level} or higher"


def _state_management(node: n.StateManagement, lang: str) -> str:
    programmes = _labels(node.state_management, lang)
    if lang == "vi":
        return f"đã hoàn thành một trong các chương trình bồi dưỡng quản lý nhà nước: {programmes}"
    return f"completed one of the state-management programmes: {programmes}"


def _diploma(node: n.HoldsPoliticalTheoryDiploma, lang: str) -> str:
    diplomas = _labels(node.political_theory_diploma, lang)
    if lang == "vi":
        return f"có một trong các văn bằng lý luận chính trị: {diplomas}"
    return f"holds one of the political-theory diplomas: {diplomas}"


def _age(node: n.Age, lang: str) -> str:
    text = _bounds(node.age, "tuổi", "years", lang)
    return f"{text} tại ngày xét" if lang == "vi" else f"aged {text} on the as-of date"


def _remaining(node: n.RemainingWorkingMonths, lang: str) -> str:
    spec = node.remaining_working_months
    first = spec.at is n.RemainingFrom.FIRST_APPOINTED
    if lang == "vi":
        since = "ngày bổ nhiệm lần đầu vào chức vụ" if first else "ngày xét"
        return (f"thời gian công tác còn lại đến tuổi nghỉ hưu ít nhất {spec.min} tháng, "
                f"tính từ {since}")
    since = "first appointment to the post" if first else "the as-of date"
    return (f"at least {spec.min} months of working time left before the statutory retirement "
            f"age, counted from {since}")


def _years(node: n.YearsOfService, lang: str) -> str:
    text = _bounds(node.years_of_service, "năm", "years", lang)
    return f"thời gian công tác {text}" if lang == "vi" else f"service of {text}"


def _competency(node: n.MinCompetencyLevel, lang: str) -> str:
    spec = node.min_competency_level
    if lang == "vi":
        return f"năng lực {code(spec.competency)} đạt cấp độ {spec.level} trở lên"
    return f"competency {code(spec.competency)} at level {spec.level} or higher"


def _unit(node: n.UnitCondition, lang: str) -> str:
    spec = node.unit
    parts = []
    if spec.disadvantaged_area is not None:
        flag = spec.disadvantaged_area
        if lang == "vi":
            parts.append("thuộc vùng khó khăn" if flag else "không thuộc vùng khó khăn")
        else:
            parts.append("in a disadvantaged area" if flag else "not in a disadvantaged area")
    if spec.levels:
        parts.append(("cấp " if lang == "vi" else "level ") + _labels(spec.levels, lang))
    if spec.area_types:
        label = "loại vùng: " if lang == "vi" else "area type: "
        parts.append(label + _labels(spec.area_types, lang))
    prefix = "đơn vị công tác " if lang == "vi" else "unit of the post "
    return prefix + "; ".join(parts)


def _category(node: n.CategoryCondition, lang: str) -> str:
    label = "đối tượng: " if lang == "vi" else "personnel category: "
    return label + _labels(node.category, lang)


def _gender(node: n.GenderCondition, lang: str) -> str:
    return ("giới tính: " if lang == "vi" else "gender: ") + _label(node.gender, lang)


def _ratings(node: n.Ratings, lang: str) -> str:
    spec = node.ratings
    level = _label(spec.min, lang)
    if lang == "vi":
        return f"xếp loại {spec.years} năm gần nhất đều từ {level} trở lên"
    return f"rated {level} or better in each of the last {spec.years} years"


def _ethnicity(node: n.EthnicityCondition, lang: str) -> str:
    spec = node.ethnicity
    parts = []
    if spec.any_of:
        groups = ", ".join(esc(g) for g in spec.any_of)
        parts.append(f"dân tộc là một trong: {groups}" if lang == "vi"
                     else f"ethnic group one of: {groups}")
    if spec.none_of:
        groups = ", ".join(esc(g) for g in spec.none_of)
        parts.append(f"không thuộc dân tộc: {groups}" if lang == "vi"
                     else f"ethnic group not: {groups}")
    return "; ".join(parts)


_EVIDENCE = {
    "assignment": ("chức vụ làm công tác đối ngoại", "a post in international relations work"),
    "training_abroad": ("khóa đào tạo, bồi dưỡng ở nước ngoài", "a course attended abroad"),
    "degree_abroad": ("văn bằng đào tạo ở nước ngoài", "a diploma earned abroad"),
}


def _international(node: n.InternationalExperience, lang: str) -> str:
    kinds = []
    for evidence in node.international_experience:
        vi, en = _EVIDENCE.get(evidence.value, (evidence.value, evidence.value))
        kinds.append(f"{esc(vi if lang == 'vi' else en)} ({code(evidence.value)})")
    if lang == "vi":
        return "kinh nghiệm quốc tế, có một trong: " + ", ".join(kinds)
    return "international experience, any one of: " + ", ".join(kinds)


def _fact(node: n.Fact, lang: str) -> str:
    entry = fact_codes().get(node.fact)
    name = (entry.name.vi if lang == "vi" else entry.name.en) if entry else node.fact
    prefix = "hồ sơ ghi nhận: " if lang == "vi" else "the record states: "
    return f"{prefix}{esc(name)} ({code(node.fact)})"


def _born(node: n.BornOnOrAfter, lang: str) -> str:
    day = node.born_on_or_after.isoformat()
    return f"sinh từ ngày {day}" if lang == "vi" else f"born on or after {day}"


def _job_position(node: n.JobPositionPlacement, lang: str) -> str:
    return ("được bố trí vào vị trí việc làm và ngạch tương ứng" if lang == "vi"
            else "placed in a job position and the matching rank")


def _periods(node: n.TrainingPeriods, lang: str) -> str:
    spec = node.training_periods
    if lang == "vi":
        year = f"năm {spec.year}" if spec.year else "năm trước ngày xét"
        return f"bồi dưỡng ít nhất {spec.min} tiết trong {year}"
    year = str(spec.year) if spec.year else "the calendar year before the date"
    return f"at least {spec.min} periods of fostering in {year}"


def _open(node: n.OpenQuestion, lang: str) -> str:
    text = node.open_question.vi if lang == "vi" else node.open_question.en
    return ("chưa xác định được (luôn là chưa rõ): " if lang == "vi"
            else "not decidable yet (always unknown): ") + esc(text)


def _generic(node: n.Node, lang: str) -> str:
    """A kind without its own wording: the data as written (kept readable, never dropped)."""
    data = unstructure(node)
    kind = next(k for k in data if k not in ("id", "title", "legal_basis", "confidence"))
    return f"{code(kind)}: {code(json.dumps(data[kind], ensure_ascii=False, sort_keys=True))}"


_LEAVES: dict[type, Callable[..., str]] = {
    n.MinEducation: _education, n.HighSchool: _high_school, n.FieldOfStudy: _field,
    n.MinPoliticalTheory: _political, n.MinLanguage: _language, n.MinITSkill: _it,
    n.StateManagement: _state_management, n.HoldsPoliticalTheoryDiploma: _diploma, n.Age: _age, n.RemainingWorkingMonths: _remaining,
    n.YearsOfService: _years, n.MinCompetencyLevel: _competency, n.UnitCondition: _unit,
    n.CategoryCondition: _category, n.GenderCondition: _gender, n.Ratings: _ratings,
    n.EthnicityCondition: _ethnicity, n.InternationalExperience: _international,
    n.Fact: _fact, n.BornOnOrAfter: _born, n.JobPositionPlacement: _job_position,
    n.TrainingPeriods: _periods, n.OpenQuestion: _open,
}
DESCRIBED = frozenset(_LEAVES) | frozenset(_COMBINATORS["en"])
"""Node kinds with their own wording; any other kind is shown as its data."""


def describe_leaf(node: n.Node, lang: str) -> str:
    """What a leaf requires, in ``vi`` or ``en``, with vocabulary labels and codes."""
    return _LEAVES.get(type(node), _generic)(node, lang)


def inline(node: n.Node) -> str:
    """A node on one line in both languages (for table cells): its title, else its content."""
    if node.title:
        return f"{both(node.title.vi, node.title.en)} {code(node.id)}"
    kids = n.children(node)
    if not kids:
        return f"{describe_leaf(node, 'vi')} · {describe_leaf(node, 'en')}"
    joiner = {n.AllOf: " và · and ", n.AnyOf: " hoặc · or "}.get(type(node), "; ")
    text = joiner.join(f"({inline(child)})" for child in kids)
    return f"không · not {text}" if isinstance(node, n.Not) else text


def _item(node: n.Node, lang: str) -> str:
    title = f"{esc(node.title[lang])} {code(node.id)}" if node.title else code(node.id)
    if type(node) in _COMBINATORS[lang]:
        text = f"**{title}** — {_COMBINATORS[lang][type(node)]}:"
    else:
        text = f"{title} — *{describe_leaf(node, lang)}*"
    if node.legal_basis:
        text += " — " + "; ".join(reference_cite(ref) for ref in node.legal_basis)
    flag = mark(node.confidence)
    return f"{text} {flag}" if flag and not text.endswith(flag) else text


def tree_lines(node: n.Node, lang: str, depth: int = 0, prefix: str = "") -> list[str]:
    """The node and its subtree as a nested list (4-space indentation per level)."""
    lines = [f"{'    ' * depth}- {prefix}{_item(node, lang)}"]
    if isinstance(node, n.When):
        cond, then = _WHEN_PARTS[lang]
        lines += tree_lines(node.when.condition, lang, depth + 1, f"*{cond}:* ")
        lines += tree_lines(node.when.then, lang, depth + 1, f"*{then}:* ")
        return lines
    for child in n.children(node):
        lines += tree_lines(child, lang, depth + 1)
    return lines
