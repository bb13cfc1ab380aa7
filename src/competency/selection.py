"""Selection for training schemes as data, and the ranked selection itself.

A :class:`SelectionScheme` holds dated :class:`Regime` entries (the eligibility rules and
the service commitment of the instrument in force on the dispatch date), a scoring of
weighted, capped criteria read from the record, quotas, and tie-breaks. :func:`select`
sorts every candidate into exactly one place: ranked (selected or held in reserve by a
quota), ineligible (with the failing rules and their citations), unknown (data missing
for a rule or a criterion), or outside the scheme's scope.

Ranking is deterministic: higher score first, then the scheme's tie-breaks in their
order, then the official id, then (for duplicate ids) the record itself; the input
order never matters.
"""

from __future__ import annotations

import datetime as dt
import difflib
import enum
import functools
import json
import re
import types
from collections.abc import Callable, Iterable, Mapping
from typing import Any, Union

import attrs

from competency._data import data_files, load_list_file
from competency._fields import describe
from competency.catalog import Catalog
from competency.errors import CompetencyError, DataFileError
from competency.law import Confidence, LegalReference
from competency.model import Official
from competency.population import Selector, match, unit_key, unit_label
from competency.rules.evaluate import Evaluation, evaluate_node
from competency.rules.leaves import Context, whole_years
from competency.rules.nodes import Node, Text, walk
from competency.rules.outcome import Outcome
from competency.serialize import unstructure
from competency.vocab import Gender, LanguageLevel, PerformanceRating, fold

__all__ = [
    "TIE_BREAK_FACTS",
    "AgeCriterion",
    "Candidate",
    "Commitment",
    "Criterion",
    "CriterionScore",
    "LanguageCriterion",
    "NoRegimeError",
    "Quota",
    "QuotaGroup",
    "RatingsCriterion",
    "Regime",
    "Rejection",
    "RuleCriterion",
    "Selection",
    "SelectionScheme",
    "ServiceCriterion",
    "UnknownSchemeError",
    "Unresolved",
    "builtin_schemes",
    "get_scheme",
    "load_scheme_file",
    "select",
]

_ID = {"pattern": r"^[a-z0-9][a-z0-9-]*$"}


# -- scoring criteria ---------------------------------------------------------------------

@attrs.frozen(kw_only=True)
class _Criterion:
    """Fields shared by every criterion."""

    id: str = attrs.field(metadata=describe(
        "Identifier, unique within the scheme (kebab-case).", "Mã tiêu chí.", **_ID))
    title: Text | None = attrs.field(default=None, metadata=describe(
        "Name shown in the score breakdown.", "Tên tiêu chí."))
    weight: float = attrs.field(default=1.0, metadata=describe(
        "Multiplier applied to the capped points.", "Trọng số.", minimum=0))
    cap: float | None = attrs.field(default=None, metadata=describe(
        "Most points the criterion gives before weighting.", "Điểm tối đa trước trọng số.",
        minimum=0))


@attrs.frozen(kw_only=True)
class PerYear:
    """Points per whole year."""

    points_per_year: float = attrs.field(metadata=describe(
        "Points per whole year.", "Điểm cho mỗi năm.", minimum=0))


@attrs.frozen(kw_only=True)
class ServiceCriterion(_Criterion):
    """Whole years of service (from service start, else recruitment) at the date."""

    years_of_service: PerYear = attrs.field(metadata=describe(
        "Points per year of service.", "Điểm theo số năm công tác."))


@attrs.frozen(kw_only=True)
class RatingPoints:
    """Points for one annual rating."""

    rating: PerformanceRating = attrs.field(metadata=describe("Rating.", "Mức xếp loại."))
    points: float = attrs.field(metadata=describe("Points.", "Điểm.", minimum=0))


@attrs.frozen(kw_only=True)
class RatingScale:
    """Sum of the points of the last ``years`` rated years before the date."""

    years: int = attrs.field(metadata=describe("Years counted.", "Số năm tính.", minimum=1))
    points: tuple[RatingPoints, ...] = attrs.field(metadata=describe(
        "Points per rating; ratings not listed give none.", "Điểm theo mức xếp loại.",
        minItems=1))


@attrs.frozen(kw_only=True)
class RatingsCriterion(_Criterion):
    """Annual ratings of recent years."""

    ratings: RatingScale = attrs.field(metadata=describe(
        "Years and points.", "Số năm và điểm theo xếp loại."))


@attrs.frozen(kw_only=True)
class LevelPoints:
    """Points from a language level up."""

    level: LanguageLevel = attrs.field(metadata=describe("Level.", "Bậc."))
    points: float = attrs.field(metadata=describe("Points.", "Điểm.", minimum=0))


@attrs.frozen(kw_only=True)
class LanguageScale:
    """Points for the highest level held (certificates through the equivalence table)."""

    language: str | None = attrs.field(default=None, metadata=describe(
        "ISO 639-1 code; absent means any foreign language (an entry recorded with an ISO "
        "639-1 code other than vi; entries naming an ethnic-minority language do not count).",
        "Mã ngôn ngữ ISO 639-1; để trống là bất kỳ ngoại ngữ nào."))
    points: tuple[LevelPoints, ...] = attrs.field(metadata=describe(
        "The highest listed level at or below the level held gives its points.",
        "Điểm theo bậc.", minItems=1))


@attrs.frozen(kw_only=True)
class LanguageCriterion(_Criterion):
    """Foreign-language level."""

    language: LanguageScale = attrs.field(metadata=describe(
        "Language and points by level.", "Ngôn ngữ và điểm theo bậc."))


@attrs.frozen(kw_only=True)
class YoungerSpec:
    """Points for each whole year below an age."""

    below: int = attrs.field(metadata=describe("Age.", "Tuổi mốc.", minimum=0))
    points_per_year: float = attrs.field(metadata=describe(
        "Points per year below that age.", "Điểm cho mỗi năm dưới tuổi mốc.", minimum=0))


@attrs.frozen(kw_only=True)
class AgeCriterion(_Criterion):
    """Younger candidates score more: (below − age) × points, never negative."""

    younger: YoungerSpec = attrs.field(metadata=describe(
        "Age and points per year.", "Tuổi mốc và điểm."))


@attrs.frozen(kw_only=True)
class RuleBonus:
    """Points when a rule is met."""

    condition: Node = attrs.field(metadata=describe(
        "Rule that earns the points.", "Điều kiện được cộng điểm.", json_name="if"))
    points: float = attrs.field(metadata=describe("Points.", "Điểm.", minimum=0))


@attrs.frozen(kw_only=True)
class RuleCriterion(_Criterion):
    """A bonus for meeting a rule (e.g. priority to women)."""

    bonus: RuleBonus = attrs.field(metadata=describe(
        "Rule and points.", "Điều kiện và điểm cộng."))


Criterion = Union[  # noqa: UP007  (a runtime union that cattrs and the schema generator read)
    ServiceCriterion, RatingsCriterion, LanguageCriterion, AgeCriterion, RuleCriterion]


# -- schemes ------------------------------------------------------------------------------

@attrs.frozen(kw_only=True)
class Commitment:
    """What a selected official undertakes, shown with every result."""

    service_multiple: float | None = attrs.field(default=None, metadata=describe(
        "Minimum service after training, as a multiple of the training period.",
        "Thời gian cam kết phục vụ, tính bằng số lần thời gian đào tạo.", minimum=1))
    text: Text = attrs.field(metadata=describe(
        "The service commitment.", "Cam kết thời gian phục vụ."))
    repayment: Text | None = attrs.field(default=None, metadata=describe(
        "When training costs must be repaid.", "Trường hợp phải đền bù chi phí đào tạo."))
    legal_basis: tuple[LegalReference, ...] = attrs.field(metadata=describe(
        "Citations.", "Căn cứ pháp lý.", minItems=1))


@attrs.frozen(kw_only=True)
class Regime:
    """The eligibility rules and commitment of one instrument, for its period."""

    id: str = attrs.field(metadata=describe("Identifier.", "Mã.", **_ID))
    title: Text = attrs.field(metadata=describe("Title.", "Tên."))
    valid_from: dt.date | None = attrs.field(metadata=describe(
        "First dispatch date it governs (inclusive); null when unknown.", "Áp dụng từ ngày."))
    valid_until: dt.date | None = attrs.field(default=None, metadata=describe(
        "Last dispatch date it governs (inclusive); absent while in force.",
        "Áp dụng đến ngày."))
    confidence: Confidence = attrs.field(metadata=describe("Confidence.", "Mức độ tin cậy."))
    legal_basis: tuple[LegalReference, ...] = attrs.field(metadata=describe(
        "Citations.", "Căn cứ pháp lý.", minItems=1))
    note: Text | None = attrs.field(default=None, metadata=describe("Remarks.", "Ghi chú."))
    eligibility: Node = attrs.field(metadata=describe(
        "Conditions a candidate must meet on the dispatch date.", "Điều kiện được cử đi."))
    commitment: Commitment = attrs.field(metadata=describe(
        "Service commitment and repayment.", "Cam kết phục vụ và đền bù."))

    def in_force(self, day: dt.date) -> bool:
        """True when ``day`` is in the regime's period (an unknown start is open)."""
        return ((self.valid_from is None or self.valid_from <= day)
                and (self.valid_until is None or day <= self.valid_until))


class QuotaGroup(enum.Enum):
    """What a per-group quota counts by."""

    UNIT = "unit"
    PROVINCE = "province"
    FIELD = "field"  # field of study of the highest diploma held


@attrs.frozen(kw_only=True)
class Quota:
    """How many are selected: overall and per unit, province or field of study."""

    total: int | None = attrs.field(default=None, metadata=describe(
        "Places in all.", "Tổng chỉ tiêu.", minimum=0))
    per: QuotaGroup | None = attrs.field(default=None, metadata=describe(
        "Group with its own limit.", "Nhóm có giới hạn riêng."))
    max_per_group: int | None = attrs.field(default=None, metadata=describe(
        "Places per group.", "Chỉ tiêu mỗi nhóm.", minimum=1))
    note: Text | None = attrs.field(default=None, metadata=describe(
        "Where the figures come from.", "Nguồn số liệu."))


TIE_BREAK_FACTS: Mapping[str, Text] = types.MappingProxyType({
    "younger_first": Text(vi="người trẻ hơn trước", en="younger first"),
    "older_first": Text(vi="người nhiều tuổi hơn trước", en="older first"),
    "longer_service_first": Text(vi="thời gian công tác dài hơn trước",
                                 en="longer service first"),
    "women_first": Text(vi="ưu tiên nữ", en="women first"),
})
"""Tie-breaks read from the record (an unknown birth date, service start or gender sorts
last); a criterion id also works (more points first)."""


@attrs.frozen(kw_only=True)
class SelectionScheme:
    """A training scheme: who may go, how candidates are ranked, how many places."""

    id: str = attrs.field(metadata=describe(
        "Identifier, e.g. vn.postgraduate-dispatch.", "Mã chương trình.",
        pattern=r"^[a-z0-9][a-z0-9.-]*$"))
    title: Text = attrs.field(metadata=describe("Title.", "Tên."))
    confidence: Confidence = attrs.field(metadata=describe(
        "How sure the scheme is as a whole.", "Mức độ tin cậy."))
    illustrative: bool = attrs.field(default=False, metadata=describe(
        "An example built by this project, not an official text.", "Ví dụ minh họa."))
    legal_basis: tuple[LegalReference, ...] = attrs.field(metadata=describe(
        "Citations.", "Căn cứ pháp lý.", minItems=1))
    note: Text | None = attrs.field(default=None, metadata=describe("Remarks.", "Ghi chú."))
    scope: tuple[Selector, ...] | None = attrs.field(default=None, metadata=describe(
        "Who may be a candidate at all (e.g. one province); absent means anyone.",
        "Phạm vi đối tượng."))
    regimes: tuple[Regime, ...] = attrs.field(metadata=describe(
        "Eligibility and commitment by period.", "Điều kiện theo từng thời kỳ.", minItems=1))
    criteria: tuple[Criterion, ...] = attrs.field(metadata=describe(
        "Scoring criteria, summed.", "Các tiêu chí chấm điểm.", minItems=1))
    scoring_confidence: Confidence = attrs.field(metadata=describe(
        "Confidence of the scoring (illustrative where no instrument sets one).",
        "Mức độ tin cậy của cách chấm điểm."))
    scoring_note: Text | None = attrs.field(default=None, metadata=describe(
        "Where the scoring comes from.", "Nguồn cách chấm điểm."))
    tie_breaks: tuple[str, ...] = attrs.field(default=(), metadata=describe(
        "After the score, in order: criterion ids (more points first) or younger_first, "
        "older_first, longer_service_first, women_first; the official id always comes last.",
        "Thứ tự ưu tiên khi bằng điểm; cuối cùng luôn là mã hồ sơ."))
    quota: Quota | None = attrs.field(default=None, metadata=describe(
        "Places.", "Chỉ tiêu."))

    def regime(self, day: dt.date) -> Regime:
        """The regime in force on ``day``."""
        for regime in self.regimes:
            if regime.in_force(day):
                return regime
        raise NoRegimeError(self, day)


class NoRegimeError(CompetencyError, LookupError):
    """No regime of a scheme governs the date asked for."""

    def __init__(self, scheme: SelectionScheme, day: dt.date) -> None:
        periods = "; ".join(f"{r.id}: {r.valid_from or '…'} → {r.valid_until or '…'}"
                            for r in scheme.regimes)
        super().__init__(f"{scheme.id}: no regime in force on {day.isoformat()} ({periods})")


@attrs.define(eq=False, str=False)
class UnknownSchemeError(CompetencyError, KeyError):
    """A scheme id that is not built in."""

    scheme_id: str
    known: tuple[str, ...]

    def __str__(self) -> str:
        close = difflib.get_close_matches(self.scheme_id, self.known, n=3, cutoff=0.5)
        hint = f"; did you mean: {', '.join(close)}?" if close else ""
        return f"unknown scheme {self.scheme_id!r}{hint}; known: {', '.join(self.known)}"


# -- loading ------------------------------------------------------------------------------

def _duplicates(ids: list[str]) -> list[str]:
    return sorted({i for i in ids if ids.count(i) > 1})


def _consistency(scheme: SelectionScheme, pointer: str) -> list[str]:
    problems = []
    if scheme.illustrative and scheme.confidence is not Confidence.ILLUSTRATIVE:
        problems.append(f"{pointer}/confidence: an illustrative scheme must have confidence "
                        "'illustrative'")
    problems += [f"{pointer}/regimes: duplicate regime id {i!r}"
                 for i in _duplicates([r.id for r in scheme.regimes])]
    for k, regime in enumerate(scheme.regimes):
        names = [node.id for node in walk(regime.eligibility)]
        problems += [f"{pointer}/regimes/{k}/eligibility: duplicate node id {i!r}"
                     for i in _duplicates(names)]
    criteria = [c.id for c in scheme.criteria]
    problems += [f"{pointer}/criteria: duplicate criterion id {i!r}" for i in _duplicates(criteria)]
    problems += [f"{pointer}/tie_breaks/{k}: {key!r} is neither a criterion id nor one of "
                 f"{', '.join(TIE_BREAK_FACTS)}"
                 for k, key in enumerate(scheme.tie_breaks)
                 if key not in criteria and key not in TIE_BREAK_FACTS]
    quota = scheme.quota
    if quota is not None and (quota.per is None) != (quota.max_per_group is None):
        problems.append(f"{pointer}/quota: 'per' and 'max_per_group' go together")
    return problems


def load_scheme_file(text: str, source: str) -> list[SelectionScheme]:
    """Parse, validate and structure a scheme file (``schemes: [...]``)."""
    schemes = load_list_file(text, source, key="schemes", kind="selection-scheme",
                             cls=SelectionScheme)
    problems = [p for i, s in enumerate(schemes) for p in _consistency(s, f"/schemes/{i}")]
    if problems:
        raise DataFileError(source=source, problems=tuple(problems))
    return schemes


@functools.cache
def builtin_schemes() -> Mapping[str, SelectionScheme]:
    """The schemes shipped in ``data/schemes/``, by id (read-only)."""
    found: dict[str, SelectionScheme] = {}
    sources: dict[str, str] = {}
    for source, text in data_files("schemes"):
        for scheme in load_scheme_file(text, source):
            if scheme.id in found:
                raise DataFileError(source=source, problems=(
                    f"scheme {scheme.id!r} already defined in {sources[scheme.id]}",))
            found[scheme.id] = scheme
            sources[scheme.id] = source
    return types.MappingProxyType(dict(sorted(found.items())))


def get_scheme(scheme_id: str) -> SelectionScheme:
    """The built-in scheme with this id."""
    schemes = builtin_schemes()
    try:
        return schemes[scheme_id]
    except KeyError:
        raise UnknownSchemeError(scheme_id, tuple(schemes)) from None


# -- results ------------------------------------------------------------------------------

def _pair(text: Text | None) -> dict[str, str] | None:
    return None if text is None else {"vi": text.vi, "en": text.en}


def _cite(refs: Iterable[LegalReference]) -> str:
    return "; ".join(ref.cite() for ref in refs)


@attrs.frozen(kw_only=True)
class CriterionScore:
    """One line of a score breakdown."""

    criterion: str
    title: Text | None
    raw: float
    points: float
    capped: bool
    weight: float
    found: Text

    def as_dict(self) -> dict[str, Any]:
        """JSON-ready data."""
        return {"criterion": self.criterion, "raw": self.raw, "capped": self.capped,
                "weight": self.weight, "points": self.points, "found": _pair(self.found)}


@attrs.frozen(kw_only=True)
class Candidate:
    """An eligible candidate, ranked; ``selected`` False means held in reserve by a quota."""

    official_id: str
    rank: int
    score: float
    breakdown: tuple[CriterionScore, ...]
    selected: bool
    reason: Text | None
    unit: str | None
    group: str | None
    eligibility: Evaluation

    def as_dict(self) -> dict[str, Any]:
        """JSON-ready data."""
        return {"rank": self.rank, "official_id": self.official_id, "unit": self.unit,
                "group": self.group, "score": self.score, "selected": self.selected,
                "reason": _pair(self.reason), "breakdown": [b.as_dict() for b in self.breakdown]}


@attrs.frozen(kw_only=True)
class Rejection:
    """An ineligible candidate and the rules that fail, each with its citation."""

    official_id: str
    unit: str | None
    failing: tuple[Evaluation, ...]
    eligibility: Evaluation

    def reasons(self, lang: str = "vi") -> list[str]:
        """One message per failing rule, with its citation."""
        return [ev.message(lang) for ev in self.failing]

    def as_dict(self) -> dict[str, Any]:
        """JSON-ready data."""
        return {"official_id": self.official_id, "unit": self.unit,
                "failing": [{"rule": ev.rule_id, "vi": ev.message("vi"), "en": ev.message("en")}
                            for ev in self.failing]}


@attrs.frozen(kw_only=True)
class Unresolved:
    """A candidate that cannot be decided or ranked: the record lacks data."""

    official_id: str
    unit: str | None
    missing: tuple[Text, ...]
    eligibility: Evaluation

    def as_dict(self) -> dict[str, Any]:
        """JSON-ready data."""
        return {"official_id": self.official_id, "unit": self.unit,
                "missing": [_pair(t) for t in self.missing]}


@attrs.frozen(kw_only=True)
class Selection:
    """The outcome of :func:`select`: every candidate in exactly one place."""

    scheme: SelectionScheme
    regime: Regime
    on: dt.date
    quota: Quota | None
    ranked: tuple[Candidate, ...]
    ineligible: tuple[Rejection, ...]
    unknown: tuple[Unresolved, ...]
    out_of_scope: int

    @property
    def selected(self) -> tuple[Candidate, ...]:
        """The ranked candidates within the quotas."""
        return tuple(c for c in self.ranked if c.selected)

    @property
    def commitment(self) -> Commitment:
        """The service commitment and repayment conditions of the regime applied."""
        return self.regime.commitment

    @property
    def illustrative(self) -> bool:
        """True when the scheme, its regime or its scoring is an example, not the text."""
        return (self.scheme.illustrative
                or Confidence.ILLUSTRATIVE in (self.scheme.confidence, self.regime.confidence))

    def tie_break_order(self, lang: str = "vi") -> list[str]:
        """The documented ranking order: score, the tie-breaks, the official id."""
        names = {c.id: c.title[lang] if c.title else c.id for c in self.scheme.criteria}
        score = "điểm cao hơn trước" if lang == "vi" else "higher score first"
        last = "mã hồ sơ (tăng dần)" if lang == "vi" else "official id (ascending)"
        more = "nhiều điểm hơn" if lang == "vi" else "more points"
        steps = [TIE_BREAK_FACTS[k][lang] if k in TIE_BREAK_FACTS else f"{names[k]}: {more}"
                 for k in self.scheme.tie_breaks]
        return [score, *steps, last]

    def counts(self) -> dict[str, int]:
        """How many candidates ended in each place."""
        return {"ranked": len(self.ranked), "selected": len(self.selected),
                "ineligible": len(self.ineligible), "unknown": len(self.unknown),
                "out_of_scope": self.out_of_scope}

    def as_dict(self) -> dict[str, Any]:
        """JSON-ready data: the scheme and regime applied, the commitment, every candidate."""
        scheme, regime, commitment, quota = self.scheme, self.regime, self.commitment, self.quota
        return {
            "scheme": scheme.id,
            "title": _pair(scheme.title),
            "on": self.on.isoformat(),
            "illustrative": self.illustrative,
            "confidence": scheme.confidence.value,
            "regime": {"id": regime.id, "title": _pair(regime.title),
                       "valid_from": regime.valid_from and regime.valid_from.isoformat(),
                       "valid_until": regime.valid_until and regime.valid_until.isoformat(),
                       "confidence": regime.confidence.value,
                       "citation": _cite(regime.legal_basis), "note": _pair(regime.note)},
            "scoring": {"confidence": scheme.scoring_confidence.value,
                        "note": _pair(scheme.scoring_note),
                        "order": {"vi": self.tie_break_order("vi"),
                                  "en": self.tie_break_order("en")}},
            "commitment": {"service_multiple": commitment.service_multiple,
                           "text": _pair(commitment.text),
                           "repayment": _pair(commitment.repayment),
                           "citation": _cite(commitment.legal_basis)},
            "quota": None if quota is None else {
                "total": quota.total, "per": quota.per and quota.per.value,
                "max_per_group": quota.max_per_group, "note": _pair(quota.note)},
            "counts": self.counts(),
            "ranked": [c.as_dict() for c in self.ranked],
            "ineligible": [r.as_dict() for r in self.ineligible],
            "unknown": [u.as_dict() for u in self.unknown],
        }


# -- scoring ------------------------------------------------------------------------------

_NO_DATA = Text(vi="không có dữ liệu", en="no data")
_FOREIGN = re.compile(r"^(?!vi$)[a-z]{2}$")


def _text(value: str) -> Text:
    return Text(vi=value, en=value)


def _score_service(c: ServiceCriterion, ctx: Context) -> tuple[float | None, Text]:
    start = ctx.official.service_start or ctx.official.recruited_on
    if start is None:
        return None, _NO_DATA
    years = whole_years(start, ctx.on)
    return max(years, 0) * c.years_of_service.points_per_year, Text(
        vi=f"{years} năm công tác", en=f"{years} years of service")


def _score_ratings(c: RatingsCriterion, ctx: Context) -> tuple[float | None, Text]:
    if ctx.official.ratings is None:
        return None, _NO_DATA
    by_year = {r.year: r.rating for r in ctx.official.ratings}
    points = {p.rating: p.points for p in c.ratings.points}
    years = range(ctx.on.year - 1, ctx.on.year - 1 - c.ratings.years, -1)
    got = [by_year.get(y) for y in years]
    shown = _text(", ".join(f"{y}: {r.code if r else '?'}"
                            for y, r in zip(years, got, strict=True)))
    if None in got:
        return None, shown
    return sum(points.get(r, 0.0) for r in got if r is not None), shown


def _score_language(c: LanguageCriterion, ctx: Context) -> tuple[float | None, Text]:
    held = ctx.official.languages
    if held is None:
        return None, _NO_DATA
    spec = c.language
    held = [s for s in held if (s.awarded_on is None or s.awarded_on <= ctx.on)
            and (s.language.casefold() == spec.language.casefold() if spec.language
                 else _FOREIGN.match(s.language) is not None)]
    levels = [ctx.tables.languages.level(s) for s in held]
    known = [lv for lv in levels if lv is not None]
    best = max(known) if known else None
    top = max(p.level for p in spec.points)
    if len(known) < len(levels) and (best is None or best < top):
        return None, _text(", ".join(f"{s.language}: {lv.code if lv else '?'}"
                                     for s, lv in zip(held, levels, strict=True)))
    reached = [p for p in spec.points if best is not None and p.level <= best]
    raw = max(reached, key=lambda p: p.level).points if reached else 0.0
    return raw, _text(best.code if best else "—")


def _score_younger(c: AgeCriterion, ctx: Context) -> tuple[float | None, Text]:
    born = ctx.official.birth_date
    if born is None:
        return None, _NO_DATA
    age = whole_years(born, ctx.on)
    return max(0, c.younger.below - age) * c.younger.points_per_year, Text(
        vi=f"{age} tuổi", en=f"{age} years old")


def _score_bonus(c: RuleCriterion, ctx: Context) -> tuple[float | None, Text]:
    ev = evaluate_node(c.bonus.condition, ctx)
    if ev.outcome is Outcome.UNKNOWN:
        return None, ev.found or _NO_DATA
    found = ev.found or _text(ev.outcome.code)
    return (c.bonus.points if ev.outcome is Outcome.MET else 0.0), found


_SCORERS: dict[type, Callable[[Any, Context], tuple[float | None, Text]]] = {
    ServiceCriterion: _score_service,
    RatingsCriterion: _score_ratings,
    LanguageCriterion: _score_language,
    AgeCriterion: _score_younger,
    RuleCriterion: _score_bonus,
}


def _scores(criteria: Iterable[Criterion], ctx: Context) -> tuple[list[CriterionScore], list[Text]]:
    scores, missing = [], []
    for criterion in criteria:
        raw, found = _SCORERS[type(criterion)](criterion, ctx)
        name = criterion.title or _text(criterion.id)
        if raw is None:
            missing.append(Text(vi=f"Tiêu chí chấm điểm «{name.vi}»: {found.vi}",
                                en=f"Scoring criterion “{name.en}”: {found.en}"))
            continue
        capped = criterion.cap is not None and raw > criterion.cap
        kept = criterion.cap if capped else raw
        scores.append(CriterionScore(criterion=criterion.id, title=criterion.title, raw=raw,
                                     points=round(kept * criterion.weight, 6), capped=capped,
                                     weight=criterion.weight, found=found))
    return scores, missing


# -- selecting ----------------------------------------------------------------------------

def _field(official: Official, on: dt.date) -> str | None:
    held = [e for e in official.education or () if e.awarded_on is None or e.awarded_on <= on]
    if not held:
        return None
    top = max(held, key=lambda e: e.level)
    return fold(top.field) if top.field else None


def _quota_group(per: QuotaGroup | None, official: Official, ctx: Context) -> str | None:
    if per is QuotaGroup.UNIT:
        return unit_key(ctx.unit)
    if per is QuotaGroup.PROVINCE:
        return None if ctx.unit is None else ctx.unit.province_code
    if per is QuotaGroup.FIELD:
        return _field(official, ctx.on)
    return None


def _fact_key(name: str, official: Official) -> tuple[Any, ...]:
    born = official.birth_date
    if name == "younger_first":
        return (born is None, -(born.toordinal()) if born else 0)
    if name == "older_first":
        return (born is None, born.toordinal() if born else 0)
    if name == "longer_service_first":
        start = official.service_start or official.recruited_on
        return (start is None, start.toordinal() if start else 0)
    return (official.gender is not Gender.FEMALE,)  # women_first


@attrs.frozen
class _Entry:
    official: Official
    post_unit: str | None
    score: float
    breakdown: tuple[CriterionScore, ...]
    group: str | None
    eligibility: Evaluation


def _rank_key(scheme: SelectionScheme) -> Callable[[_Entry], tuple[Any, ...]]:
    def key(entry: _Entry) -> tuple[Any, ...]:
        points = {s.criterion: s.points for s in entry.breakdown}
        parts: list[Any] = [-entry.score]
        for name in scheme.tie_breaks:
            parts.append(_fact_key(name, entry.official) if name in TIE_BREAK_FACTS
                         else (-points.get(name, 0.0),))
        parts.append(entry.official.id)
        parts.append(json.dumps(unstructure(entry.official), sort_keys=True, ensure_ascii=False))
        return tuple(parts)
    return key


def _quota(scheme: SelectionScheme, quota: int | Quota | None) -> Quota | None:
    if isinstance(quota, Quota):
        return quota
    if isinstance(quota, int) and not isinstance(quota, bool):
        if quota < 0:
            msg = f"quota must be zero or more, got {quota}"
            raise ValueError(msg)
        return attrs.evolve(scheme.quota or Quota(), total=quota)
    return scheme.quota


def select(candidates: Iterable[Official], scheme: SelectionScheme | str,
           on: dt.date | None = None, *, quota: int | Quota | None = None,
           catalog: Catalog | None = None) -> Selection:
    """Rank the candidates for ``scheme`` as of ``on`` (the dispatch date; default today).

    The regime in force on ``on`` gives the eligibility rules and the commitment.
    ``quota`` replaces the scheme's total number of places (an int) or its whole quota
    (a :class:`Quota`). Every candidate ends in exactly one place of the result.
    """
    on = on or dt.date.today()
    plan = get_scheme(scheme) if isinstance(scheme, str) else scheme
    regime = plan.regime(on)
    tables = (catalog or Catalog.builtin()).tables
    places = _quota(plan, quota)
    per = None if places is None else places.per
    flagged = regime.confidence is Confidence.NEEDS_CHECK
    entries: list[_Entry] = []
    ineligible: list[Rejection] = []
    unknown: list[Unresolved] = []
    outside = 0
    for official in candidates:
        if plan.scope is not None:
            member, post = match(plan.scope, official, on)
            if not member:
                outside += 1
                continue
        else:
            post = next(iter(official.current_assignments(on)), None)
        ctx = Context(official=official, on=on, tables=tables, assignment=post)
        ev = attrs.evolve(evaluate_node(regime.eligibility, ctx, citations=regime.legal_basis,
                                        needs_check=flagged), cited_here=True)
        label = None if ctx.unit is None else unit_label(ctx.unit)
        if ev.outcome is Outcome.UNMET:
            ineligible.append(Rejection(official_id=official.id, unit=label,
                                        failing=tuple(ev.culprits()), eligibility=ev))
            continue
        if ev.outcome is Outcome.UNKNOWN:
            missing = tuple(Text(vi=c.message("vi"), en=c.message("en")) for c in ev.culprits())
            unknown.append(Unresolved(official_id=official.id, unit=label, missing=missing,
                                      eligibility=ev))
            continue
        scores, lacking = _scores(plan.criteria, ctx)
        if lacking:
            unknown.append(Unresolved(official_id=official.id, unit=label,
                                      missing=tuple(lacking), eligibility=ev))
            continue
        entries.append(_Entry(official=official, post_unit=label,
                              score=round(sum(s.points for s in scores), 6),
                              breakdown=tuple(scores), group=_quota_group(per, official, ctx),
                              eligibility=ev))
    entries.sort(key=_rank_key(plan))
    ranked = _allot(entries, places)
    return Selection(scheme=plan, regime=regime, on=on, quota=places, ranked=tuple(ranked),
                     ineligible=tuple(sorted(ineligible, key=_stable_order)),
                     unknown=tuple(sorted(unknown, key=_stable_order)), out_of_scope=outside)


def _stable_order(item: Rejection | Unresolved) -> tuple[str, str]:
    return item.official_id, json.dumps([m.message("en") for m in item.failing]
                                        if isinstance(item, Rejection)
                                        else [t.en for t in item.missing])


def _allot(entries: list[_Entry], places: Quota | None) -> list[Candidate]:
    total = None if places is None else places.total
    limit = None if places is None else places.max_per_group
    taken: dict[str | None, int] = {}
    chosen = 0
    ranked = []
    for rank, entry in enumerate(entries, start=1):
        reason = None
        if total is not None and chosen >= total:
            reason = Text(vi=f"Ngoài tổng chỉ tiêu ({total})", en=f"Beyond the {total} places")
        elif limit is not None and taken.get(entry.group, 0) >= limit:
            where = entry.group if entry.group is not None else "?"
            reason = Text(vi=f"Nhóm {where} đã đủ chỉ tiêu ({limit} người mỗi nhóm)",
                          en=f"Group {where} is full ({limit} per group)")
        selected = reason is None
        if selected:
            chosen += 1
            taken[entry.group] = taken.get(entry.group, 0) + 1
        ranked.append(Candidate(official_id=entry.official.id, rank=rank, score=entry.score,
                                breakdown=entry.breakdown, selected=selected, reason=reason,
                                unit=entry.post_unit, group=entry.group,
                                eligibility=entry.eligibility))
    return ranked
