"""The gaps of one official: unmet or undecided standards, and competency shortfalls.

Each gap carries its citation or framework reference and, for a legal requirement, its
deadline, so that a report says not only what is missing but under which text.
"""

from __future__ import annotations

from collections.abc import Mapping

from competency.frameworks.gaps._needs import CONDITIONS, leaf_need
from competency.frameworks.gaps._report import Gap, GapKind, Need, NeedArea
from competency.frameworks.model import Framework, PositionProfile
from competency.model.assessment import Assessment
from competency.model.official import Official
from competency.rules import nodes as n
from competency.rules.outcome import Outcome
from competency.rules.tables import Tables
from competency.standards.evaluate import StandardResult
from competency.vocab import Text

__all__ = ["competency_gaps", "standard_gaps"]


def standard_gaps(result: StandardResult, official: Official, profile: str | None,
                  nodes: Mapping[str, n.Node], tables: Tables,
                  assessed: Mapping[str, int]) -> list[Gap]:
    """A gap per failing rule of a standard not met or undecided, with its citation."""
    kind = GapKind.LEGAL_UNMET if result.outcome is Outcome.UNMET else GapKind.LEGAL_UNKNOWN
    gaps = []
    for ev in result.failing():
        node = nodes.get(ev.rule_id)
        if isinstance(node, CONDITIONS) and ev.outcome is Outcome.UNMET:
            continue  # a condition that does not hold is not a shortfall of the person
        raw = None if node is None else leaf_need(node, official, result.on, tables,
                                                  assessed, ev.due)
        cites = ev.citations or result.standard.legal_basis
        reference = "; ".join(c.cite() for c in cites)
        if ev.needs_check and "[needs-check]" not in reference:
            reference += " [needs-check]"
        gaps.append(Gap(
            kind=kind,
            official_id=official.id, post=result.title, profile=profile,
            source=result.standard.id, rule=ev.rule_id,
            required=ev.required or ev.title or Text(vi=ev.rule_id, en=ev.rule_id),
            found=ev.found or Text(vi="không có dữ liệu", en="no data"),
            size=raw[6] if raw is not None and ev.outcome is Outcome.UNMET else None,
            due=ev.due or result.due, provision=ev.provision or
            (result.provision.id if result.provision else None),
            reference=f"{result.standard.id}: {reference}",
            confidence=result.standard.confidence,
            label=ev.title or ev.required or Text(vi=ev.rule_id, en=ev.rule_id)))
    return gaps


def competency_gaps(official: Official, profile: PositionProfile, framework: Framework,
                    levels: Mapping[str, int], chosen: Mapping[str, Assessment],
                    post: str) -> tuple[list[Gap], list[Need]]:
    """Required competencies below their level or not assessed, and the needs they make."""
    gaps, needs = [], []
    flag = framework.flag()
    for required in profile.required:
        competency = framework.competency(required.competency)
        name = competency.name if competency else Text(vi=required.competency,
                                                         en=required.competency)
        found_level = levels.get(required.competency)
        need_text = Text(vi=f"cấp độ {required.level}", en=f"level {required.level}")
        reference = f"{framework.id} › {required.competency}{flag}; {profile.id}{profile.flag()}"
        if found_level is None:
            gaps.append(Gap(kind=GapKind.COMPETENCY_UNASSESSED, official_id=official.id,
                            post=post, profile=profile.id, source=framework.id,
                            rule=required.competency, required=need_text,
                            found=Text(vi="chưa đánh giá", en="not assessed"), size=None,
                            due=None, provision=None, reference=reference,
                            confidence=framework.confidence, label=name))
            continue
        if found_level >= required.level:
            continue
        assessment = chosen.get(required.competency)
        how = "" if assessment is None else (
            f" ({assessment.assessed_on.isoformat()}, {assessment.method.vi.lower()})",
            f" ({assessment.assessed_on.isoformat()}, {assessment.method.en.lower()})")
        found = Text(vi=f"cấp độ {found_level}{how[0] if how else ''}",
                       en=f"level {found_level}{how[1] if how else ''}")
        size = required.level - found_level
        gaps.append(Gap(kind=GapKind.COMPETENCY, official_id=official.id, post=post,
                        profile=profile.id, source=framework.id, rule=required.competency,
                        required=need_text, found=found, size=size, due=None, provision=None,
                        reference=reference, confidence=framework.confidence, label=name))
        needs.append(Need(area=NeedArea.COMPETENCY, target=required.competency,
                          level=required.level, legal=False, size=size,
                          sources=(framework.id,),
                          label=Text(vi=f"{NeedArea.COMPETENCY.vi}: {name.vi} "
                                          f"(cấp độ {required.level})",
                                       en=f"{NeedArea.COMPETENCY.en}: {name.en} "
                                          f"(level {required.level})")))
    return gaps, needs
