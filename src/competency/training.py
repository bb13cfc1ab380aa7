"""Training programmes, training participation records and the training-quality bands.

A programme (chương trình đào tạo, bồi dưỡng) says which shortfalls it closes (an
education level reached, a political-theory level, a state-management programme, a
language level, IT skill, or a competency at a level), how long it lasts, how many
participants a class takes, what it costs per participant and how it is delivered.
Programmes are data (``data/training/programmes.yaml``, or a file of the same format);
unit costs are illustrative unless a source gives them.

A participation record says who attended which programme (class, dates, result, and the
class's general evaluation index under Circular 10/2017/TT-BNV); the quality bands of that
circular are a table (``data/training/quality-bands.yaml``).
"""

from __future__ import annotations

import datetime as dt
import difflib
import enum
import functools
import importlib.resources
import itertools
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Union

import attrs

from competency._data import (
    index_by_id,
    load_list_file,
    parse_yaml,
    read_data_file,
    schema_problems,
    structured,
)
from competency._fields import describe
from competency.errors import CompetencyError, DataFileError
from competency.law import Confidence, LegalReference
from competency.rules.nodes import CompetencyLevel, LanguageSpec, Text
from competency.vocab import (
    EducationLevel,
    ITSkillLevel,
    PoliticalTheoryLevel,
    StateManagementProgramme,
    Term,
)

__all__ = [
    "ClassSize",
    "Closes",
    "ClosesCompetency",
    "ClosesEducation",
    "ClosesITSkill",
    "ClosesLanguage",
    "ClosesPoliticalTheory",
    "ClosesStateManagement",
    "DeliveryMode",
    "Duration",
    "DurationUnit",
    "Participation",
    "Programme",
    "ProgrammeCatalog",
    "QualityBand",
    "QualityBandTable",
    "UnknownProgrammeError",
    "load_programme_file",
    "quality_bands",
]


class DeliveryMode(Term):
    """Hình thức tổ chức lớp."""

    IN_PERSON = ("in_person", "Tập trung, trực tiếp", "In person", ("truc tiep", "tap trung"))
    ONLINE = ("online", "Trực tuyến", "Online", ("truc tuyen",))
    HYBRID = ("hybrid", "Kết hợp trực tiếp và trực tuyến", "Hybrid", ("ket hop",))


class DurationUnit(enum.Enum):
    """Unit of a programme's length."""

    DAYS = "days"
    WEEKS = "weeks"
    MONTHS = "months"
    YEARS = "years"


_UNIT_TEXT = {DurationUnit.DAYS: ("ngày", "days"), DurationUnit.WEEKS: ("tuần", "weeks"),
              DurationUnit.MONTHS: ("tháng", "months"), DurationUnit.YEARS: ("năm", "years")}


@attrs.frozen(kw_only=True)
class Duration:
    """Length of a programme."""

    amount: float = attrs.field(metadata=describe("How many units.", "Số lượng.",
                                                  exclusiveMinimum=0))
    unit: DurationUnit = attrs.field(metadata=describe("days, weeks, months or years.",
                                                       "Đơn vị thời gian."))

    def text(self, lang: str = "vi") -> str:
        """``4 tuần`` / ``4 weeks``."""
        amount = int(self.amount) if float(self.amount).is_integer() else self.amount
        return f"{amount} {_UNIT_TEXT[self.unit][0 if lang == 'vi' else 1]}"


@attrs.frozen(kw_only=True)
class ClassSize:
    """Participants per class."""

    min: int = attrs.field(metadata=describe(
        "Fewest participants for a class to open.", "Số học viên tối thiểu để mở lớp.", minimum=1))
    max: int = attrs.field(metadata=describe(
        "Most participants per class.", "Số học viên tối đa mỗi lớp.", minimum=1))


# What a programme closes: a keyed union, one kind key per member (like rule nodes).

@attrs.frozen(kw_only=True)
class ClosesEducation:
    """Brings participants to an education level."""

    education: EducationLevel = attrs.field(metadata=describe(
        "Education level reached.", "Trình độ chuyên môn đạt được."))


@attrs.frozen(kw_only=True)
class ClosesPoliticalTheory:
    """Brings participants to a political-theory level."""

    political_theory: PoliticalTheoryLevel = attrs.field(metadata=describe(
        "Political-theory level reached.", "Trình độ lý luận chính trị đạt được."))


@attrs.frozen(kw_only=True)
class ClosesStateManagement:
    """Is (or counts as) a state-management programme."""

    state_management: StateManagementProgramme = attrs.field(metadata=describe(
        "State-management programme completed.", "Chương trình bồi dưỡng QLNN."))


@attrs.frozen(kw_only=True)
class ClosesLanguage:
    """Brings participants to a language level."""

    language: LanguageSpec = attrs.field(metadata=describe(
        "Level reached (and language taught; absent = counts for any foreign language).",
        "Bậc ngoại ngữ đạt được."))


@attrs.frozen(kw_only=True)
class ClosesITSkill:
    """Brings participants to an IT-skill level."""

    it_skill: ITSkillLevel = attrs.field(metadata=describe("IT-skill level reached.",
                                                           "Trình độ tin học đạt được."))


@attrs.frozen(kw_only=True)
class ClosesCompetency:
    """Brings participants to a level of a framework competency."""

    competency: CompetencyLevel = attrs.field(metadata=describe(
        "Competency and the level expected after the programme.",
        "Năng lực và cấp độ đạt được."))


Closes = Union[  # noqa: UP007  (a runtime union that cattrs and the schema generator read)
    ClosesEducation, ClosesPoliticalTheory, ClosesStateManagement, ClosesLanguage, ClosesITSkill,
    ClosesCompetency,
]


@attrs.frozen(kw_only=True)
class Programme:
    """Chương trình đào tạo, bồi dưỡng: what it closes, length, class size, cost."""

    id: str = attrs.field(metadata=describe(
        "Identifier, e.g. vn.minh-hoa.dai-hoc-vua-lam-vua-hoc.", "Mã chương trình.",
        pattern=r"^[a-z0-9][a-z0-9.-]*$"))
    name: Text = attrs.field(metadata=describe("Name.", "Tên chương trình."))
    closes: tuple[Closes, ...] = attrs.field(metadata=describe(
        "Shortfalls the programme closes.", "Nhu cầu chương trình đáp ứng.", minItems=1))
    duration: Duration = attrs.field(metadata=describe("Length.", "Thời gian đào tạo."))
    class_size: ClassSize = attrs.field(metadata=describe("Participants per class.",
                                                          "Quy mô lớp."))
    unit_cost: int = attrs.field(metadata=describe(
        "Cost per participant in VND.", "Kinh phí cho mỗi học viên (đồng).", minimum=0))
    cost_confidence: Confidence = attrs.field(metadata=describe(
        "How sure the unit cost is; illustrative unless a source gives it.",
        "Mức độ tin cậy của đơn giá."))
    delivery: DeliveryMode = attrs.field(metadata=describe("How classes are held.",
                                                           "Hình thức tổ chức."))
    abroad: bool = attrs.field(default=False, metadata=describe(
        "Held abroad.", "Đào tạo, bồi dưỡng ở nước ngoài."))
    provider: str | None = attrs.field(default=None, metadata=describe(
        "Training institution.", "Cơ sở đào tạo, bồi dưỡng."))
    confidence: Confidence = attrs.field(metadata=describe(
        "How sure the description (content, length, class size) is.", "Mức độ tin cậy."))
    legal_basis: tuple[LegalReference, ...] = attrs.field(default=(), metadata=describe(
        "Instruments that require or regulate the programme.", "Căn cứ pháp lý."))
    note: Text | None = attrs.field(default=None, metadata=describe("Remarks.", "Ghi chú."))


@attrs.define(eq=False, str=False)
class UnknownProgrammeError(CompetencyError, KeyError):
    """A programme id the catalogue does not hold."""

    programme_id: str
    known: tuple[str, ...]

    def __str__(self) -> str:
        close = difflib.get_close_matches(self.programme_id, self.known, n=3, cutoff=0.5)
        hint = f"; did you mean: {', '.join(close)}?" if close else ""
        return f"unknown programme {self.programme_id!r}{hint}"


def _programme_problems(programme: Programme, pointer: str) -> list[str]:
    size = programme.class_size
    if size.min > (size.max + 1) // 2:
        # ceil(n / max) classes filled evenly never fall under min only when min <= (max + 1) // 2
        return [(f"{pointer}/class_size: min {size.min} must be at most half of max {size.max} "
                "(rounded up), so that classes split evenly never fall under the minimum")]
    return []


def load_programme_file(text: str, source: str) -> list[Programme]:
    """Parse, validate and check one programmes file; all problems reported together."""
    programmes = load_list_file(text, source, key="programmes", kind="training-programme",
                                cls=Programme)
    problems = [p for i, prog in enumerate(programmes)
                for p in _programme_problems(prog, f"/programmes/{i}")]
    ids = [p.id for p in programmes]
    problems += [f"/programmes: duplicate id {i!r}" for i in sorted({i for i in ids
                                                                     if ids.count(i) > 1})]
    if problems:
        raise DataFileError(source=source, problems=tuple(problems))
    return programmes


@attrs.frozen(kw_only=True)
class ProgrammeCatalog:
    """Training programmes by id, in file order."""

    programmes: Mapping[str, Programme]
    sources: Mapping[str, str]

    @classmethod
    @functools.cache
    def builtin(cls) -> ProgrammeCatalog:
        """The illustrative programmes shipped with the package."""
        programmes, sources = index_by_id("training", load_programme_file, "programme",
                                          only="programmes.yaml")
        return cls(programmes=programmes, sources=sources)

    @classmethod
    def from_file(cls, path: Path) -> ProgrammeCatalog:
        """The programmes of one file (they replace the built-in ones)."""
        text = read_data_file(path)
        found = load_programme_file(text, str(path))
        return cls(programmes={p.id: p for p in found}, sources={p.id: str(path) for p in found})

    @classmethod
    def of(cls, programmes: Iterable[Programme]) -> ProgrammeCatalog:
        """A catalogue of the given programmes."""
        found = list(programmes)
        return cls(programmes={p.id: p for p in found}, sources={p.id: "(given)" for p in found})

    def get(self, programme_id: str) -> Programme:
        """The programme with this id."""
        try:
            return self.programmes[programme_id]
        except KeyError:
            raise UnknownProgrammeError(programme_id, tuple(self.programmes)) from None

    def __iter__(self):  # type: ignore[no-untyped-def]
        return iter(self.programmes.values())

    def __len__(self) -> int:
        return len(self.programmes)


# -- after training -------------------------------------------------------------------------------

@attrs.frozen(kw_only=True)
class Participation:
    """Kết quả tham gia đào tạo, bồi dưỡng: one official in one class of a programme."""

    official_id: str = attrs.field(metadata=describe(
        "Id of the official's record.", "Mã hồ sơ.", minLength=1))
    programme: str = attrs.field(metadata=describe("Programme id.", "Mã chương trình.",
                                                   minLength=1))
    unit: str | None = attrs.field(default=None, metadata=describe(
        "Unit of the official (id or name), for grouping.", "Đơn vị công tác."))
    class_id: str | None = attrs.field(default=None, metadata=describe(
        "Class (lớp) attended.", "Mã lớp."))
    start: dt.date | None = attrs.field(default=None, metadata=describe("First day.",
                                                                        "Ngày bắt đầu."))
    end: dt.date | None = attrs.field(default=None, metadata=describe("Last day.",
                                                                      "Ngày kết thúc."))
    completed: bool | None = attrs.field(default=None, metadata=describe(
        "Whether the official completed the programme.", "Đã hoàn thành."))
    result: str | None = attrs.field(default=None, metadata=describe(
        "Result as recorded (grade or score).", "Kết quả học tập."))
    quality_index: float | None = attrs.field(default=None, metadata=describe(
        "General evaluation index of the class on the 0–10 scale (Circular 10/2017/TT-BNV).",
        "Chỉ số đánh giá chung chất lượng lớp (thang 0–10).", minimum=0, maximum=10))


@attrs.frozen(kw_only=True)
class QualityBand:
    """One band of the general evaluation index: lower bound inclusive, upper exclusive."""

    code: str = attrs.field(metadata=describe("Band code.", "Mã mức.", pattern=r"^[a-z_]+$"))
    name: Text = attrs.field(metadata=describe("Name.", "Tên mức."))
    min: float = attrs.field(metadata=describe("Lowest index (inclusive).", "Từ (bao gồm).",
                                               minimum=0, maximum=10))
    below: float | None = attrs.field(default=None, metadata=describe(
        "Upper bound (exclusive); absent for the top band (up to 10 inclusive).",
        "Đến dưới; để trống với mức cao nhất."))


@attrs.frozen(kw_only=True)
class QualityBandTable:
    """Bands of the training-quality index (0–10), with the instrument that sets them."""

    legal_basis: tuple[LegalReference, ...] = attrs.field(metadata=describe(
        "Citations.", "Căn cứ pháp lý.", minItems=1))
    confidence: Confidence = attrs.field(metadata=describe("How sure the table is.",
                                                           "Mức độ tin cậy."))
    note: Text | None = attrs.field(default=None, metadata=describe("Remarks.", "Ghi chú."))
    bands: tuple[QualityBand, ...] = attrs.field(metadata=describe(
        "Bands, lowest first.", "Các mức, từ thấp đến cao.", minItems=1))

    def band(self, index: float) -> QualityBand:
        """The band an index on the 0–10 scale falls in."""
        if not 0 <= index <= 10:
            msg = f"a quality index is on the 0–10 scale, got {index}"
            raise ValueError(msg)
        for band in self.bands:
            if band.min <= index and (band.below is None or index < band.below):
                return band
        msg = f"no band covers {index}"
        raise ValueError(msg)

    def cite(self) -> str:
        """The citations, with the confidence flag."""
        text = "; ".join(c.cite() for c in self.legal_basis)
        flag = f"[{self.confidence.value}]"
        return text if self.confidence is Confidence.CONFIRMED or flag in text else f"{text} {flag}"


def _band_problems(table: QualityBandTable) -> list[str]:
    problems = []
    bands = table.bands
    if bands[0].min != 0:
        problems.append("/bands/0/min: the first band must start at 0")
    for i, (low, high) in enumerate(itertools.pairwise(bands)):
        if low.below != high.min:
            problems.append(f"/bands/{i}/below: must equal the next band's min ({high.min})")
    if bands[-1].below is not None:
        problems.append(f"/bands/{len(bands) - 1}/below: the top band has no upper bound")
    return problems


@functools.cache
def quality_bands() -> QualityBandTable:
    """The training-quality bands shipped with the package (Circular 10/2017/TT-BNV)."""
    source = "data/training/quality-bands.yaml"
    text = (importlib.resources.files("competency") / "data" / "training"
            / "quality-bands.yaml").read_text(encoding="utf-8")
    data = parse_yaml(text, source)
    problems = schema_problems(data, "table-training-quality")
    if problems:
        raise DataFileError(source=source, problems=tuple(problems))
    table: QualityBandTable = structured(data, QualityBandTable, source)
    problems = _band_problems(table)
    if problems:
        raise DataFileError(source=source, problems=tuple(problems))
    return table
