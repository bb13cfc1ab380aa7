"""What a gap report is made of: kinds of gap, training needs, the posts they belong to.

The report classes carry their own text and JSON forms, so that the CLI, the plan and
the tests all show a gap the same way.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import attrs

from competency.law import Confidence
from competency.model.official import Assignment, Official, Unit
from competency.standards.evaluate import StandardResult
from competency.vocab import OrderedTerm, Term, Text

__all__ = ["Gap", "GapKind", "GapReport", "Need", "NeedArea", "NeedSource", "PostRef"]


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
    TITLE = ("title", "Bồi dưỡng theo tiêu chuẩn chức danh", "Title-based training")
    PROGRAMME = ("programme", "Chương trình bồi dưỡng", "Training programme")


class NeedSource(OrderedTerm):
    """Where a training need comes from, most binding first, so a plan reads back to its cause."""

    LEGAL = ("legal", "Tiêu chuẩn chưa đạt", "Unmet legal standard")
    TITLE = ("title", "Bồi dưỡng theo tiêu chuẩn chức danh", "Title-based training")
    PLANNING = ("planning", "Quy hoạch cán bộ", "Planning pool")
    TARGET = ("target", "Chỉ tiêu đội ngũ", "Workforce target")
    COMPETENCY = ("competency", "Thiếu hụt năng lực", "Competency shortfall")


def _default_source(need: Need) -> NeedSource:
    return NeedSource.LEGAL if need.legal else NeedSource.COMPETENCY


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
    label: Text
    language: str | None = None
    accepted: tuple[str, ...] = ()
    legal: bool
    due: dt.date | None = None
    size: int = 1
    sources: tuple[str, ...] = ()
    origin: NeedSource = attrs.field(default=attrs.Factory(_default_source, takes_self=True))
    """The kind of cause (``sources`` holds the ids: standard, title rule, target…)."""

    def key(self) -> tuple[str, ...]:
        """Needs with the same key are one need (the higher level is kept)."""
        if self.area is NeedArea.STATE_MANAGEMENT:
            return (self.area.code, *sorted(self.accepted))
        if self.area in (NeedArea.COMPETENCY, NeedArea.TITLE, NeedArea.PROGRAMME):
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
    required: Text
    found: Text
    size: int | None
    due: dt.date | None
    provision: str | None
    reference: str
    confidence: Confidence
    label: Text

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
                           "sources": list(nd.sources), "origin": nd.origin.code,
                           "label": {"vi": nd.label.vi, "en": nd.label.en}}
                          for nd in self.needs]}
