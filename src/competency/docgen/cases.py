"""The worked cases of a standard (``tests/standards/cases/<standard-id>.yaml``) as a table of examples.

Cases live beside the tests, outside the package; the folder is a parameter, by default
the repository's ``tests/standards/cases`` when the package runs from a source checkout.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import attrs

from competency.docgen._md import code, esc, table, term
from competency.errors import DataFileError
from competency.io.safe_yaml import load_yaml
from competency.model.official import Official
from competency.rules.outcome import Outcome
from competency.schema.convert import StructureError, structure

__all__ = ["Case", "default_cases_dir", "examples_lines", "key_facts", "load_cases"]


@attrs.frozen(kw_only=True)
class Case:
    """One worked example: what it shows, on which date, the record and the expected outcome."""

    name: str
    on: str
    title: str | None
    official: Official
    expected: Mapping[str, Any]


def default_cases_dir() -> Path | None:
    """``tests/standards/cases`` of the source checkout this package runs from, when there is one."""
    root = Path(__file__).resolve().parents[3]
    folder = root / "tests" / "standards" / "cases"
    return folder if (root / "pyproject.toml").is_file() and folder.is_dir() else None


def load_cases(folder: Path | None) -> dict[str, list[Case]]:
    """Standard id → its cases, in file order; empty without a folder."""
    found: dict[str, list[Case]] = {}
    if folder is None:
        return found
    for path in sorted(folder.glob("*.yaml")):
        data = load_yaml(path.read_text(encoding="utf-8"))
        try:
            cases = [Case(name=c["name"], on=str(c["on"]), title=c.get("title"),
                          official=structure(c["official"], Official), expected=c["expected"])
                     for c in data["cases"]]
        except (KeyError, TypeError, StructureError) as exc:
            raise DataFileError(source=str(path), problems=(f"unreadable case: {exc}",)) from None
        found.setdefault(str(data["standard"]), []).extend(cases)
    return found


def _levels(items: Sequence[Any] | None, attribute: str, label_vi: str,
            label_en: str) -> str | None:
    if items is None:
        return None
    if not items:
        return f"{label_vi} · {label_en}: không có · none"
    values = []
    for item in items:
        value = getattr(item, attribute)
        text = term(value, with_code=False) if value is not None else "?"
        extra = [esc(x) for x in (getattr(item, "field", None), getattr(item, "certificate", None),
                                  getattr(item, "language", None)) if x]
        score = getattr(item, "score", None)
        if score is not None:
            extra.append(f"{score:g}")
        if getattr(item, "year", None):
            extra.append(str(item.year))
        if getattr(item, "awarded_on", None):
            extra.append(item.awarded_on.isoformat())
        values.append(f"{text}{' — ' + ', '.join(extra) if extra else ''}")
    return f"{label_vi} · {label_en}: {'; '.join(values)}"


def key_facts(official: Official) -> list[str]:
    """The facts of a record that rules read, each bilingual; absent facts are left out."""
    facts = []
    if official.category is not None:
        facts.append(term(official.category, with_code=False))
    unit = official.unit
    if unit is not None:
        parts = [term(unit.level, with_code=False)] if unit.level else []
        if unit.name:
            parts.append(esc(unit.name))
        if unit.disadvantaged_area is not None:
            parts.append("vùng khó khăn · disadvantaged area: "
                         + ("có · yes" if unit.disadvantaged_area else "không · no"))
        if unit.area_types:
            parts.append(", ".join(term(a, with_code=False) for a in unit.area_types))
        if parts:
            facts.append("; ".join(parts))
    if official.birth_date is not None:
        gender = f" ({term(official.gender, with_code=False)})" if official.gender else ""
        facts.append(f"sinh · born {official.birth_date.isoformat()}{gender}")
    if official.recruited_on is not None:
        facts.append(f"tuyển dụng · recruited {official.recruited_on.isoformat()}")
    for assignment in official.assignments or ():
        rank = f", ngạch · rank {code(assignment.rank)}" if assignment.rank else ""
        since = assignment.first_appointed or assignment.start
        start = f" từ · since {since.isoformat()}" if since else ""
        facts.append(f"{code(assignment.title)}{rank}{start}")
    if official.high_school is not None:
        facts.append("THPT: " + ("có · yes" if official.high_school else "không · no"))
    for found in (
        _levels(official.education, "level", "chuyên môn", "education"),
        _levels(official.political_theory, "diploma", "lý luận chính trị", "political theory"),
        _levels(official.languages, "level", "ngoại ngữ", "languages"),
        _levels(official.it_skills, "level", "tin học", "IT"),
        _levels(official.state_management, "programme", "quản lý nhà nước", "state management"),
        _levels(official.ratings, "rating", "xếp loại", "ratings"),
    ):
        if found is not None:
            facts.append(found)
    return facts


def _expected(expected: Mapping[str, Any]) -> str:
    outcome = str(expected["outcome"])
    if outcome == "not_in_force":
        text = "chưa/hết hiệu lực · not in force"
    elif outcome == "not_applicable":
        text = "không áp dụng cho người này vào ngày đó · does not govern this person that day"
    else:
        text = f"**{term(Outcome(outcome), with_code=False)}**"
    failing = expected.get("failing")
    if failing:
        text += "; yêu cầu quyết định · deciding: " + ", ".join(code(f) for f in failing)
    if expected.get("due"):
        text += f"; hạn · due {expected['due']}"
    if expected.get("tested_on"):
        text += f"; xét tại ngày · tested on {expected['tested_on']}"
    if expected.get("next_test"):
        text += f"; xét lại · next test {expected['next_test']}"
    return text


def examples_lines(cases: Sequence[Case]) -> list[str]:
    """The cases as one table: name, date, post, key facts, expected outcome."""
    rows = []
    for number, case in enumerate(cases, start=1):
        facts = "<br>".join(key_facts(case.official))
        post = code(case.title) if case.title else "—"
        rows.append([str(number), esc(case.name), case.on, post, facts, _expected(case.expected)])
    return table(["#", "Tình huống · Case", "Ngày xét · On", "Chức danh · Post",
                  "Dữ kiện chính · Key facts", "Kết quả · Expected"], rows)
