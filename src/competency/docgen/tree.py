"""The requirement tree as nested Markdown lists, one list per language.

Each item shows the node's title, what the data encodes (thresholds with their
vocabulary labels), the node id, its own citations and a flag when it is not confirmed.
"""

from __future__ import annotations

from collections.abc import Callable

from competency.docgen._md import code, esc, mark, reference_cite
from competency.rules import nodes as n
from competency.vocab import Term

__all__ = ["describe_leaf", "tree_lines"]

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
    return f"trình độ chuyên môn từ {level} trở lên" if lang == "vi" else f"education {level} or higher"


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
        parts.append(("thuộc vùng khó khăn" if flag else "không thuộc vùng khó khăn") if lang == "vi"
                     else ("in a disadvantaged area" if flag else "not in a disadvantaged area"))
    if spec.levels:
        parts.append(("cấp " if lang == "vi" else "level ") + _labels(spec.levels, lang))
    if spec.area_types:
        parts.append(("loại vùng: " if lang == "vi" else "area type: ") + _labels(spec.area_types, lang))
    prefix = "đơn vị công tác " if lang == "vi" else "unit of the post "
    return prefix + "; ".join(parts)


def _category(node: n.CategoryCondition, lang: str) -> str:
    return ("đối tượng: " if lang == "vi" else "personnel category: ") + _labels(node.category, lang)


def _gender(node: n.GenderCondition, lang: str) -> str:
    return ("giới tính: " if lang == "vi" else "gender: ") + _label(node.gender, lang)


def _ratings(node: n.Ratings, lang: str) -> str:
    spec = node.ratings
    level = _label(spec.min, lang)
    if lang == "vi":
        return f"xếp loại {spec.years} năm gần nhất đều từ {level} trở lên"
    return f"rated {level} or better in each of the last {spec.years} years"


_LEAVES: dict[type, Callable[..., str]] = {
    n.MinEducation: _education, n.HighSchool: _high_school, n.FieldOfStudy: _field,
    n.MinPoliticalTheory: _political, n.MinLanguage: _language, n.MinITSkill: _it,
    n.StateManagement: _state_management, n.Age: _age, n.RemainingWorkingMonths: _remaining,
    n.YearsOfService: _years, n.MinCompetencyLevel: _competency, n.UnitCondition: _unit,
    n.CategoryCondition: _category, n.GenderCondition: _gender, n.Ratings: _ratings,
}


def describe_leaf(node: n.Node, lang: str) -> str:
    """What a leaf requires, in ``vi`` or ``en``, with vocabulary labels and codes."""
    return _LEAVES[type(node)](node, lang)


def _item(node: n.Node, lang: str) -> str:
    title = f"{esc(node.title[lang])} {code(node.id)}" if node.title else code(node.id)
    if type(node) in _COMBINATORS[lang]:
        text = f"**{title}** — {_COMBINATORS[lang][type(node)]}:"
    else:
        text = f"{title} — *{describe_leaf(node, lang)}*"
    if node.legal_basis:
        text += " — " + "; ".join(reference_cite(ref) for ref in node.legal_basis)
    flag = mark(node.confidence)
    return f"{text} {flag}" if flag else text


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
