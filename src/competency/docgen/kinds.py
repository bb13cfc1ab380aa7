"""The top-level record kinds, each with its generated JSON Schema.

Adding a kind here is all it takes for ``competency schemas`` to write its schema,
for ``competency validate --kind`` to accept it and for the docs to list it.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import attrs

from competency.frameworks.model import Framework, PositionProfile, PostTaskTable
from competency.model.assessment import Assessment
from competency.model.official import Official
from competency.model.participation import Participation
from competency.rules.tables import (
    LanguageCertificateTable,
    PoliticalTheoryTable,
    RegimeTable,
    RetirementAgeTable,
    TermPeriodTable,
)
from competency.schema.generate import generate
from competency.schema.structs import structs_source
from competency.selection import SelectionScheme
from competency.standards.it_modules import ITModuleTable
from competency.standards.model import Standard
from competency.targets.model import TargetSet
from competency.targets.plan_overlay import PlanOverlay
from competency.targets.staffing import StaffingTable
from competency.training.contents import ContentTable
from competency.training.model import NeedSourceTable, Programme, QualityBandTable

__all__ = ["KINDS", "STRUCTS", "Kind", "render_all", "render_structs", "stale_schemas",
           "stale_structs", "write_schemas", "write_structs"]


@attrs.frozen(kw_only=True)
class Kind:
    """A record kind: its name, root class and bilingual title."""

    name: str
    cls: type
    title_en: str
    title_vi: str

    def document(self) -> dict[str, Any]:
        """The generated schema document."""
        return generate(self.name, self.cls, title_en=self.title_en, title_vi=self.title_vi)


KINDS: dict[str, Kind] = {
    kind.name: kind
    for kind in (
        Kind(name="official", cls=Official,
             title_en="Official's record (cadre, civil servant or public employee)",
             title_vi="Hồ sơ cán bộ, công chức, viên chức"),
        Kind(name="standard", cls=Standard,
             title_en="Qualification standard with its requirement tree and legal basis",
             title_vi="Tiêu chuẩn chức danh, ngạch kèm căn cứ pháp lý"),
        Kind(name="table-retirement-age", cls=RetirementAgeTable,
             title_en="Statutory retirement age by gender and birth period",
             title_vi="Tuổi nghỉ hưu theo giới tính và thời điểm sinh"),
        Kind(name="table-political-theory", cls=PoliticalTheoryTable,
             title_en="Political-theory diploma equivalences",
             title_vi="Tương đương văn bằng lý luận chính trị"),
        Kind(name="table-term-periods", cls=TermPeriodTable,
             title_en="When vocabulary members exist in law (district level, new ranks)",
             title_vi="Thời kỳ tồn tại của cấp hành chính, ngạch"),
        Kind(name="table-regimes", cls=RegimeTable,
             title_en="Which regime governs a post: commune titles or ranks, by level and period",
             title_vi="Chế độ áp dụng theo cấp hành chính và thời kỳ"),
        Kind(name="table-language-certificates", cls=LanguageCertificateTable,
             title_en="Language certificates and the six-level framework",
             title_vi="Quy đổi chứng chỉ ngoại ngữ sang khung 6 bậc"),
        Kind(name="table-it-modules", cls=ITModuleTable,
             title_en="IT-skill standard: modules IU01-IU15 and the level they reach",
             title_vi="Chuẩn kỹ năng sử dụng CNTT: mô đun IU01-IU15 và chuẩn đạt được"),
        Kind(name="table-commune-staffing", cls=StaffingTable,
             title_en="Commune staffing ceilings by kind and type of unit (2023-2025)",
             title_vi="Số lượng cán bộ, công chức cấp xã tối đa theo loại đơn vị (2023-2025)"),
        Kind(name="framework", cls=Framework,
             title_en="Competency framework: groups, competencies and level descriptors",
             title_vi="Khung năng lực: nhóm năng lực, năng lực và mô tả cấp độ"),
        Kind(name="position-profile", cls=PositionProfile,
             title_en="Position profile: standards that apply and competency levels required",
             title_vi="Hồ sơ vị trí việc làm: tiêu chuẩn áp dụng và cấp độ năng lực yêu cầu"),
        Kind(name="table-post-tasks", cls=PostTaskTable,
             title_en="Tasks of posts (international) and the capability each requires",
             title_vi="Nhiệm vụ đặc thù của vị trí (quốc tế) và năng lực người giữ vị trí phải có"),
        Kind(name="assessment", cls=Assessment,
             title_en="Competency assessment of an official",
             title_vi="Kết quả đánh giá năng lực của cán bộ, công chức"),
        Kind(name="training-programme", cls=Programme,
             title_en="Training programme: what it closes, length, class size and cost",
             title_vi="Chương trình đào tạo, bồi dưỡng: nội dung, thời gian, quy mô lớp, kinh phí"),
        Kind(name="training-participation", cls=Participation,
             title_en="Participation in a training programme, with its result",
             title_vi="Kết quả tham gia đào tạo, bồi dưỡng"),
        Kind(name="table-training-quality", cls=QualityBandTable,
             title_en="Training-quality evaluation bands (general index 0–10)",
             title_vi="Mức xếp loại chất lượng đào tạo, bồi dưỡng (chỉ số chung 0–10)"),
        Kind(name="table-training-needs", cls=NeedSourceTable,
             title_en="Training needs from titles and planning pools",
             title_vi="Nhu cầu bồi dưỡng theo tiêu chuẩn chức danh và theo quy hoạch"),
        Kind(name="table-training-contents", cls=ContentTable,
             title_en="Contents of civil-servant fostering, by period",
             title_vi="Nội dung bồi dưỡng công chức theo thời kỳ"),
        Kind(name="plan-overlay", cls=PlanOverlay,
             title_en="A province's plan overlay: programmes, unit costs, targets and priorities",
             title_vi="Tệp bổ sung kế hoạch của tỉnh: chương trình, đơn giá, chỉ tiêu, thứ tự ưu tiên"),
        Kind(name="target-set", cls=TargetSet,
             title_en="Workforce targets: indicators with population, predicate, target and deadline",
             title_vi="Bộ chỉ tiêu về đội ngũ cán bộ: đối tượng, tiêu chí, tỷ lệ phải đạt, thời hạn"),
        Kind(name="selection-scheme", cls=SelectionScheme,
             title_en="Selection scheme for training: eligibility, scoring, quotas, commitment",
             title_vi="Chương trình cử đi đào tạo: điều kiện, chấm điểm, chỉ tiêu, cam kết"),
    )
}


def render_all() -> dict[str, str]:
    """File name → text of every schema, as written to disk."""
    return {f"{name}.schema.json": json.dumps(kind.document(), ensure_ascii=False, indent=2) + "\n"
            for name, kind in sorted(KINDS.items())}


def write_schemas(folder: Path) -> list[Path]:
    """Write every schema into ``folder``, removing schemas of kinds that no longer exist."""
    folder.mkdir(parents=True, exist_ok=True)
    rendered = render_all()
    for old in folder.glob("*.schema.json"):
        if old.name not in rendered:
            old.unlink()
    written = []
    for name, text in rendered.items():
        path = folder / name
        path.write_text(text, encoding="utf-8")
        written.append(path)
    return written


def stale_schemas(folder: Path) -> list[str]:
    """Names of schema files in ``folder`` that differ from a fresh generation."""
    rendered = render_all()
    present = {p.name for p in folder.glob("*.schema.json")}
    stale = [name for name, text in rendered.items()
             if not (folder / name).is_file() or (folder / name).read_text("utf-8") != text]
    return sorted(stale + sorted(present - rendered.keys()))


STRUCTS = {"official": "Official"}
"""The kinds read in bulk, whose msgspec Structs give the fast verdict, and their root class."""


def render_structs() -> dict[str, str]:
    """Module file name (in ``competency/schema/``) → source of each kind's Structs."""
    return {f"_structs_{kind.replace('-', '_')}.py":
            structs_source(KINDS[kind].document(), root, source=f"schemas/{kind}.schema.json")
            for kind, root in STRUCTS.items()}


def write_structs(folder: Path) -> list[Path]:
    """Write the Structs modules into ``folder`` (the package's ``schema`` folder)."""
    written = []
    for name, text in render_structs().items():
        path = folder / name
        path.write_text(text, encoding="utf-8")
        written.append(path)
    return written


def stale_structs(folder: Path) -> list[str]:
    """Names of Structs modules in ``folder`` that differ from a fresh generation."""
    return sorted(name for name, text in render_structs().items()
                  if not (folder / name).is_file() or (folder / name).read_text("utf-8") != text)
