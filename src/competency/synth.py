"""Synthetic rosters: realistic, reproducible official records for tests, demos and benchmarks.

:func:`generate` yields JSON-ready records shaped exactly like
``schemas/official.schema.json``: codes rather than labels, ISO dates, and unknown fields
left out (never ``null``). The roster looks like a Vietnamese one: Vietnamese and
ethnic-minority names with realistic frequencies, real province, district and commune
names and codes, commune cadres (cán bộ cấp xã) and civil servants (công chức cấp xã),
provincial and district leaders and specialists, public employees (viên chức), with
qualifications, political theory, languages, IT skills, state-management certificates,
ratings, Party membership and planning pools whose shares depend on the post, the area
and the as-of date.

Determinism
    The same arguments always give the same records, in the same order. Every record
    draws from its own ``random.Random`` seeded with the text ``"{seed}:{index}"`` and
    the generator only ever calls ``random()`` (whose sequence Python keeps stable across
    versions for a given seed), never the global generator. Tables are sorted before
    use, so nothing depends on dict or set iteration order or on hash seeds. Record
    ``i`` does not depend on ``n`` or ``invalid_share``: a shorter roster is a prefix of a
    longer one, and breaking a record changes no other. The administrative units come
    from package data and, after 2025-07-01, from the ``vietnam-provinces`` package, so
    the output is fixed for a given version of that package.

Administrative units
    Before 2025-07-01 (three-level local government) units come from
    ``data/synth/units-before-2025-07.json``: the 63 provinces and 696 districts of the
    General Statistics Office list of the first half of 2025, with every commune of
    Quảng Ninh (22) and Bến Tre (83) and up to four communes per district elsewhere.
    Mergers of communes before 2025 are not modelled: an as-of date in 2015 still
    uses the 2025 list. From 2025-07-01 units come from ``vietnam_provinces`` (34
    provinces, about 3,300 communes, wards and special zones) and no district level
    exists. :func:`units_source` names the list used for a date.

Profiles
    ``"mixed"`` (default): commune, district (before 2025-07-01 only) and provincial
    staff in realistic proportions. ``"commune"``: only commune staff, filled commune by
    commune (one secretary, one People's Committee chair, two vice-chairs, … per
    commune), as a province would list them for a training plan such as Bến Tre's.

Deliberately invalid records
    With ``invalid_share`` > 0, exactly :func:`invalid_count` records (``n *
    invalid_share`` rounded half up) are broken in one of several ways (wrong type,
    unknown code, impossible date, missing ``id``, unknown field, bad pattern, missing
    required nested field, out-of-range number), each of which the schema rejects.
"""

from __future__ import annotations

import bisect
import dataclasses
import datetime as dt
import functools
import importlib.resources
import json
import math
import random
import types
import zlib
from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import Any, Literal

import yaml

from competency.vocab import fold

__all__ = [
    "INVALID_KINDS",
    "PROFILES",
    "TWO_LEVEL_FROM",
    "Profile",
    "generate",
    "invalid_count",
    "titles",
    "units_source",
]

Profile = Literal["mixed", "commune"]
PROFILES: tuple[str, ...] = ("mixed", "commune")
"""Roster profiles accepted by :func:`generate`."""

TWO_LEVEL_FROM = dt.date(2025, 7, 1)
"""First day of two-level local government: no district level from this date."""

INVALID_KINDS: tuple[str, ...] = (
    "wrong_type",
    "unknown_code",
    "impossible_date",
    "missing_id",
    "unknown_field",
    "bad_pattern",
    "missing_required",
    "out_of_range",
)
"""The ways a deliberately invalid record is broken."""

_TT13_FROM = dt.date(2019, 12, 25)  # commune civil servants need a university degree
_NO_STAFF = frozenset({"20333"})  # Đặc khu Hoàng Sa
_DAY = dt.timedelta(days=1)
_YEAR_DAYS = 365.2425


# -- package data ---------------------------------------------------------------------------

def _data_text(*parts: str) -> str:
    resource = importlib.resources.files("competency") / "data"
    for part in parts:
        resource = resource / part
    return resource.read_text(encoding="utf-8")


@functools.cache
def _yaml(*parts: str) -> Any:
    return yaml.safe_load(_data_text(*parts))


@functools.cache
def titles() -> Mapping[str, Mapping[str, Any]]:
    """The title codes of ``data/titles.yaml``, by code (read-only).

    Each entry has ``code``, ``name`` (``vi``/``en``), ``category``, ``levels``,
    ``leadership`` and, for titles that have ended, ``valid_until`` (a date).
    """
    entries = _yaml("titles.yaml")["titles"]
    return types.MappingProxyType({e["code"]: types.MappingProxyType(e) for e in entries})


# -- small helpers ----------------------------------------------------------------------------

class _Weighted:
    """A weighted choice over fixed items; picks with one ``random()`` call."""

    __slots__ = ("_cum", "_items", "_total")

    def __init__(self, pairs: Iterable[tuple[Any, float]]) -> None:
        items: list[Any] = []
        cum: list[float] = []
        total = 0.0
        for item, weight in pairs:
            if weight > 0:
                total += float(weight)
                items.append(item)
                cum.append(total)
        if not items:
            msg = "a weighted choice needs at least one positive weight"
            raise ValueError(msg)
        self._items = tuple(items)
        self._cum = tuple(cum)
        self._total = total

    @classmethod
    def of(cls, weights: Mapping[str, float]) -> _Weighted:
        """From a mapping, in sorted key order (independent of the mapping's order)."""
        return cls(sorted(weights.items()))

    def pick(self, rng: random.Random) -> Any:
        index = bisect.bisect_right(self._cum, rng.random() * self._total)
        return self._items[min(index, len(self._items) - 1)]


def _chance(rng: random.Random, p: float) -> bool:
    return rng.random() < p


def _index(rng: random.Random, n: int) -> int:
    return min(int(rng.random() * n), n - 1)


def _item(rng: random.Random, items: Sequence[Any]) -> Any:
    return items[_index(rng, len(items))]


def _uniform(rng: random.Random, lo: float, hi: float) -> float:
    return lo + (hi - lo) * rng.random()


def _triangular(rng: random.Random, lo: float, hi: float, mode: float) -> float:
    u = rng.random()
    c = (mode - lo) / (hi - lo)
    if u < c:
        return lo + math.sqrt(u * (hi - lo) * (mode - lo))
    return hi - math.sqrt((1 - u) * (hi - lo) * (hi - mode))


def _between(rng: random.Random, lo: dt.date, hi: dt.date) -> dt.date:
    """A uniform date in ``[lo, hi]``; ``hi`` when the window is empty."""
    span = (hi - lo).days
    if span <= 0:
        return hi
    return lo + dt.timedelta(days=int(rng.random() * (span + 1)))


def _plus_years(day: dt.date, years: float) -> dt.date:
    return day + dt.timedelta(days=round(years * _YEAR_DAYS))


def _add_months(day: dt.date, months: int) -> dt.date:
    total = day.year * 12 + day.month - 1 + months
    year, month = divmod(total, 12)
    month += 1
    for last in (31, 30, 29, 28):
        try:
            return dt.date(year, month, min(day.day, last))
        except ValueError:
            continue
    raise AssertionError  # pragma: no cover


def _years(a: dt.date, b: dt.date) -> float:
    return (b - a).days / _YEAR_DAYS


def _stable_fraction(*parts: str) -> float:
    """A number in [0, 1) fixed by its arguments (same in every run and roster)."""
    return zlib.crc32(":".join(parts).encode("utf-8")) / 2**32


def _retirement_months(gender: str, year: int) -> int:
    """Normal retirement age in months in ``year`` (Labour Code 2019, Decree 135/2020)."""
    if gender == "male":
        return 720 + 3 * min(max(year - 2020, 0), 8)
    return 660 + 4 * min(max(year - 2020, 0), 15)


def _retirement_date(birth: dt.date, gender: str) -> dt.date:
    """The day the normal retirement age is reached under the roadmap."""
    for year in range(birth.year + 55, birth.year + 64):
        day = _add_months(birth, _retirement_months(gender, year))
        if day.year <= year:
            return day
    return _add_months(birth, _retirement_months(gender, birth.year + 63))


def _lower_first(text: str) -> str:
    """``Tỉnh Bến Tre`` → ``tỉnh Bến Tre``; ``Thành phố Hà Nội`` → ``thành phố Hà Nội``."""
    for prefix in ("Thành phố", "Thị xã", "Thị trấn", "Tỉnh", "Huyện", "Quận", "Xã", "Phường",
                   "Đặc khu"):
        if text.startswith(prefix + " "):
            return prefix.lower() + text[len(prefix):]
    return text


def _strip_prefix(text: str) -> str:
    for prefix in ("Thành phố ", "Tỉnh "):
        if text.startswith(prefix):
            return text[len(prefix):]
    return text


# -- administrative units -------------------------------------------------------------------

@dataclasses.dataclass(frozen=True, slots=True)
class _Commune:
    code: str
    name: str
    province: str
    district: str | None
    old_province: str
    island: bool


@dataclasses.dataclass(frozen=True, slots=True)
class _District:
    code: str
    name: str
    province: str


@dataclasses.dataclass(frozen=True, slots=True)
class _Province:
    code: str
    name: str
    short: str
    districts: tuple[_District, ...]
    communes: tuple[_Commune, ...]

    @property
    def label(self) -> str:
        return _lower_first(self.name)


@dataclasses.dataclass(frozen=True)
class _Units:
    period: str  # "before" | "after"
    source: str
    provinces: tuple[_Province, ...]
    by_code: Mapping[str, _Province] = dataclasses.field(init=False, repr=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "by_code", {p.code: p for p in self.provinces})


@functools.cache
def _old_units_raw() -> dict[str, Any]:
    return json.loads(_data_text("synth", "units-before-2025-07.json"))


@functools.cache
def _old_province_runs() -> tuple[tuple[int, ...], tuple[str, ...]]:
    runs = _old_units_raw()["commune_code_runs"]
    return tuple(int(r[0]) for r in runs), tuple(r[1] for r in runs)


def _old_province_of(commune_code: str) -> str:
    starts, provinces = _old_province_runs()
    index = bisect.bisect_right(starts, int(commune_code)) - 1
    return provinces[max(index, 0)]


@functools.cache
def _units(period: str) -> _Units:
    return _units_before() if period == "before" else _units_after()


def _units_before() -> _Units:
    raw = _old_units_raw()
    islands = frozenset(_yaml("synth", "areas.yaml")["island_districts"])
    districts: dict[str, list[_District]] = {}
    district_province: dict[str, str] = {}
    for code, name, province in raw["districts"]:
        districts.setdefault(province, []).append(_District(code, name, province))
        district_province[code] = province
    communes: dict[str, list[_Commune]] = {}
    for code, name, district in raw["communes"]:
        province = district_province[district]
        communes.setdefault(province, []).append(
            _Commune(code, name, province, district, province, district in islands))
    provinces = tuple(
        _Province(code, name, _strip_prefix(name),
                  tuple(sorted(districts.get(code, ()), key=lambda d: d.code)),
                  tuple(sorted(communes.get(code, ()), key=lambda c: c.code)))
        for code, name in sorted(raw["provinces"]))
    return _Units("before", raw["source"], provinces)


def _units_after() -> _Units:
    try:
        # optional extra, imported only when units after 2025-07-01 are needed
        import vietnam_provinces
        from vietnam_provinces import Province, VietNamDivisionType, Ward
    except ImportError as error:  # pragma: no cover - depends on the environment
        msg = ("units after 2025-07-01 come from the vietnam-provinces package: "
               "pip install 'competency[synth]'")
        raise ImportError(msg) from error
    communes: dict[str, list[_Commune]] = {}
    for ward in Ward.iter_all():
        code = f"{int(ward.code):05d}"
        if code in _NO_STAFF:
            continue
        province = f"{int(ward.province_code):02d}"
        communes.setdefault(province, []).append(_Commune(
            code, ward.name, province, None, _old_province_of(code),
            ward.division_type == VietNamDivisionType.DAC_KHU))
    provinces = []
    for p in Province.iter_all():
        code = f"{int(p.code):02d}"
        name = p.name if p.division_type != VietNamDivisionType.TINH else f"Tỉnh {p.name}"
        provinces.append(_Province(code, name, _strip_prefix(name), (),
                                   tuple(sorted(communes.get(code, ()), key=lambda c: c.code))))
    source = (f"vietnam-provinces {vietnam_provinces.__version__} "
              f"(data of {vietnam_provinces.__data_version__}), two-level local government")
    return _Units("after", source, tuple(sorted(provinces, key=lambda p: p.code)))


def _period(on: dt.date) -> str:
    return "after" if on >= TWO_LEVEL_FROM else "before"


def units_source(on: dt.date) -> str:
    """Which list of administrative units :func:`generate` uses for the as-of date ``on``."""
    return _units(_period(on)).source


def _resolve_province(units: _Units, province: str | int, on: dt.date) -> _Province:
    text = str(province).strip()
    if text.isdigit():
        found = units.by_code.get(f"{int(text):02d}")
        if found is not None:
            return found
    else:
        wanted = fold(text)
        for p in units.provinces:
            if wanted in (fold(p.name), fold(p.short)):
                return p
    other = _units("before") if units.period == "after" else None
    hint = ""
    if other is not None and ((text.isdigit() and f"{int(text):02d}" in other.by_code)
                              or any(fold(text) in (fold(p.name), fold(p.short))
                                     for p in other.provinces)):
        hint = f" ({province!r} is a province of the list before {TWO_LEVEL_FROM})"
    valid = ", ".join(f"{p.code} {p.short}" for p in units.provinces)
    msg = f"no province {province!r} on {on.isoformat()}{hint}; expected one of: {valid}"
    raise ValueError(msg)


# -- area profiles and names ------------------------------------------------------------------

@dataclasses.dataclass(frozen=True, slots=True)
class _AreaProfile:
    share: float
    area_types: tuple[str, ...]
    designated: _Weighted
    elsewhere: _Weighted
    main_minority: str | None
    neighbours: tuple[str, ...]


@functools.cache
def _area_profiles() -> dict[str, _AreaProfile]:
    data = _yaml("synth", "areas.yaml")
    scale = float(data["elsewhere"])
    profiles = {}
    for code, entry in sorted(data["provinces"].items()):
        weights = entry["ethnicities"]
        minorities = sorted((w, k) for k, w in weights.items() if k != "kinh")
        profiles[code] = _AreaProfile(
            share=float(entry["share"]),
            area_types=tuple(entry["area_types"]),
            designated=_Weighted.of(weights),
            elsewhere=_Weighted.of({k: (w if k == "kinh" else w * scale)
                                    for k, w in weights.items()}),
            main_minority=minorities[-1][1] if minorities else None,
            neighbours=tuple(entry.get("neighbours", ())),
        )
    return profiles


_DEFAULT_PROFILE = _AreaProfile(0.0, (), _Weighted([("kinh", 1)]), _Weighted([("kinh", 1)]),
                                None, ())


@functools.cache
def _regions() -> tuple[tuple[int, int, str], ...]:
    bands = _yaml("synth", "areas.yaml")["regions"]
    return tuple(sorted((int(lo), int(hi), name) for name, (lo, hi) in bands.items()))


def _region(province_code: str) -> str:
    number = int(province_code)
    for lo, hi, name in _regions():
        if lo <= number <= hi:
            return name
    return "south"


@dataclasses.dataclass(frozen=True, slots=True)
class _NameStyle:
    pattern: str
    family: dict[str, _Weighted]  # by region
    middle: dict[tuple[str, int], _Weighted]  # by (gender, cohort)
    given: dict[str, tuple[str, ...]]
    prefix: dict[str, str]
    language: str | None


@functools.cache
def _name_styles() -> dict[str, _NameStyle]:
    data = _yaml("synth", "names.yaml")
    kinh = data["kinh"]
    regional = kinh["regional"]

    def family_by_region(weights: Mapping[str, float]) -> dict[str, _Weighted]:
        out = {}
        for region in ("north", "central", "south"):
            pairs: dict[str, float] = {}
            for name, weight in weights.items():
                if "|" in name:
                    first, second = name.split("|")
                    share = regional[name][region]
                    pairs[first] = pairs.get(first, 0) + weight * share
                    pairs[second] = pairs.get(second, 0) + weight * (1 - share)
                else:
                    pairs[name] = pairs.get(name, 0) + weight
            out[region] = _Weighted.of(pairs)
        return out

    def middle_by_cohort(tables: Mapping[str, Mapping[str, float]],
                         traditional: Mapping[str, str]) -> dict[tuple[str, int], _Weighted]:
        out = {}
        for gender in ("male", "female"):
            for cohort, factor in enumerate((1.6, 1.0, 0.45)):
                special = traditional.get(gender)
                weights = {("" if k is None else str(k)): (w * factor if k == special else w)
                           for k, w in tables[gender].items()}
                out[(gender, cohort)] = _Weighted.of(weights)
        return out

    kinh_family = family_by_region(kinh["family"])
    kinh_middle = middle_by_cohort(kinh["middle"], kinh["traditional_middle"])
    kinh_given = {g: tuple(kinh["given"][g]) for g in ("male", "female")}
    styles = {}
    for entry in data["ethnicities"]:
        family = family_by_region(entry["family"]) if "family" in entry else kinh_family
        middle = (middle_by_cohort(entry["middle"], {}) if "middle" in entry else kinh_middle)
        given = ({g: tuple(entry["given"][g]) for g in ("male", "female")} if "given" in entry
                 else kinh_given)
        styles[entry["code"]] = _NameStyle(
            pattern=entry.get("pattern", "family_middle_given"), family=family, middle=middle,
            given=given, prefix=dict(entry.get("prefix", {})), language=entry.get("language"))
    return styles


def _full_name(rng: random.Random, ethnicity: str, gender: str, region: str,
               birth: dt.date) -> str:
    style = _name_styles()[ethnicity]
    given = _item(rng, style.given[gender])
    prefix = style.prefix.get(gender, "")
    if style.pattern == "prefix_given_family":
        return f"{prefix}{given} {style.family[region].pick(rng)}"
    if style.pattern == "family_prefix_given":
        return f"{style.family[region].pick(rng)} {prefix}{given}"
    if style.pattern == "prefix_given":
        return f"{prefix}{given}"
    cohort = 0 if birth.year < 1975 else 1 if birth.year < 1990 else 2
    middle_table = style.middle[(gender, cohort)]
    middle = middle_table.pick(rng)
    if middle == given:
        middle = middle_table.pick(rng)
    parts = [style.family[region].pick(rng)]
    if middle:
        parts.append(middle)
        if middle == "Thị" and _chance(rng, 0.15):
            second = middle_table.pick(rng)
            if second not in ("Thị", given, ""):
                parts.append(second)
    parts.append(given)
    return " ".join(parts)


# -- posts ------------------------------------------------------------------------------------

@dataclasses.dataclass(frozen=True, slots=True)
class _Post:
    """Per-title parameters: age range and mode, share of women, political-theory mix."""

    age: tuple[float, float, float]
    female: float
    theory: str
    party: float
    group: str  # cadre | commune | leader | staff | employee


_CADRE_HEAD = "cadre_head"
_POSTS: dict[str, _Post] = {
    "cb_xa.bi_thu": _Post((33, 60, 48), 0.15, _CADRE_HEAD, 1.0, "cadre"),
    "cb_xa.pho_bi_thu": _Post((30, 59, 44), 0.3, "cadre_deputy", 1.0, "cadre"),
    "cb_xa.chu_tich_hdnd": _Post((35, 60, 50), 0.15, _CADRE_HEAD, 1.0, "cadre"),
    "cb_xa.pho_chu_tich_hdnd": _Post((30, 58, 43), 0.35, "cadre_deputy", 0.99, "cadre"),
    "cb_xa.chu_tich_ubnd": _Post((32, 60, 45), 0.12, _CADRE_HEAD, 1.0, "cadre"),
    "cb_xa.pho_chu_tich_ubnd": _Post((28, 58, 40), 0.25, "cadre_deputy", 0.99, "cadre"),
    "cb_xa.chu_tich_mttq": _Post((35, 60, 50), 0.35, "cadre_front", 0.99, "cadre"),
    "cc_xa.chi_huy_truong_quan_su": _Post((25, 55, 38), 0.02, "commune_staff", 0.95, "commune"),
    "cc_xa.van_phong_thong_ke": _Post((22, 60, 36), 0.55, "commune_staff", 0.6, "commune"),
    "cc_xa.dia_chinh_xay_dung": _Post((22, 60, 37), 0.25, "commune_staff", 0.55, "commune"),
    "cc_xa.tai_chinh_ke_toan": _Post((22, 60, 37), 0.6, "commune_staff", 0.55, "commune"),
    "cc_xa.tu_phap_ho_tich": _Post((22, 60, 36), 0.45, "commune_staff", 0.6, "commune"),
    "cc_xa.van_hoa_xa_hoi": _Post((22, 60, 36), 0.5, "commune_staff", 0.6, "commune"),
    "giam_doc_so": _Post((42, 60, 53), 0.12, "director", 0.99, "leader"),
    "pho_giam_doc_so": _Post((36, 59, 49), 0.25, "deputy_director", 0.98, "leader"),
    "truong_phong": _Post((31, 60, 46), 0.35, "head", 0.95, "leader"),
    "pho_truong_phong": _Post((28, 59, 41), 0.42, "deputy_head", 0.9, "leader"),
    "chuyen_vien": _Post((23, 62, 37), 0.5, "staff", 0.5, "staff"),
    "vc.giam_doc": _Post((40, 60, 50), 0.3, "unit_head", 0.95, "employee"),
    "vc.pho_giam_doc": _Post((34, 59, 45), 0.4, "unit_deputy", 0.85, "employee"),
    "vc.chuyen_mon": _Post((22, 60, 35), 0.55, "employee", 0.3, "employee"),
}

# Highest political-theory diploma held, by post kind ("" = none recorded).
_THEORY: dict[str, _Weighted] = {k: _Weighted.of(v) for k, v in {
    "director": {"cao_cap": 78, "cao_cap_hanh_chinh": 6, "cu_nhan_chinh_tri": 4,
                 "xac_nhan_cao_cap": 2, "trung_cap": 8, "so_cap": 2},
    "deputy_director": {"cao_cap": 55, "cao_cap_hanh_chinh": 3, "cu_nhan_chinh_tri": 2,
                        "trung_cap": 32, "trung_cap_hanh_chinh": 3, "xac_nhan_trung_cap": 1,
                        "so_cap": 4},
    "head": {"cao_cap": 15, "trung_cap": 60, "trung_cap_hanh_chinh": 5, "so_cap": 17, "": 3},
    "deputy_head": {"cao_cap": 5, "trung_cap": 50, "trung_cap_hanh_chinh": 3, "so_cap": 35,
                    "": 7},
    "staff": {"cao_cap": 2, "trung_cap": 15, "so_cap": 45, "": 38},
    _CADRE_HEAD: {"cao_cap": 6, "trung_cap": 78, "trung_cap_hanh_chinh": 6,
                  "xac_nhan_trung_cap": 1, "so_cap": 8, "": 1},
    "cadre_deputy": {"cao_cap": 2, "trung_cap": 70, "trung_cap_hanh_chinh": 5, "so_cap": 20,
                     "": 3},
    "cadre_front": {"cao_cap": 2, "trung_cap": 75, "so_cap": 20, "": 3},
    "commune_staff": {"trung_cap": 20, "so_cap": 50, "": 30},
    "unit_head": {"cao_cap": 20, "trung_cap": 60, "so_cap": 15, "": 5},
    "unit_deputy": {"cao_cap": 5, "trung_cap": 55, "so_cap": 30, "": 10},
    "employee": {"trung_cap": 8, "so_cap": 40, "": 52},
}.items()}

# Level of each diploma on the three-level scale, for ordering the award dates.
_THEORY_RANK = {"so_cap": 0, "trung_cap": 1, "trung_cap_hanh_chinh": 1, "xac_nhan_trung_cap": 1,
                "cao_cap": 2, "cao_cap_hanh_chinh": 2, "cu_nhan_chinh_tri": 2,
                "xac_nhan_cao_cap": 2}
_THEORY_AGE = {0: (23, 35), 1: (28, 45), 2: (35, 52)}

# Title slots: mixed-profile weights by level and period; commune-profile slots per commune.
_CADRES = ("cb_xa.bi_thu", "cb_xa.pho_bi_thu", "cb_xa.chu_tich_hdnd", "cb_xa.pho_chu_tich_hdnd",
           "cb_xa.chu_tich_ubnd", "cb_xa.pho_chu_tich_ubnd", "cb_xa.pho_chu_tich_ubnd",
           "cb_xa.chu_tich_mttq")
_COMMUNE_SLOTS = {
    "before": _CADRES + ("cc_xa.van_phong_thong_ke", "cc_xa.van_phong_thong_ke",
                         "cc_xa.dia_chinh_xay_dung", "cc_xa.dia_chinh_xay_dung",
                         "cc_xa.tai_chinh_ke_toan", "cc_xa.tu_phap_ho_tich",
                         "cc_xa.tu_phap_ho_tich", "cc_xa.van_hoa_xa_hoi",
                         "cc_xa.van_hoa_xa_hoi", "cc_xa.chi_huy_truong_quan_su"),
    "after": _CADRES + ("truong_phong",) * 3 + ("pho_truong_phong",) * 3
    + ("chuyen_vien",) * 18 + ("vc.chuyen_mon",) * 2,
}
_LEVELS = {
    "before": _Weighted([("commune", 50), ("district", 20), ("province", 30)]),
    "after": _Weighted([("commune", 60), ("province", 40)]),
}
_LEVEL_TITLES = {
    ("before", "commune"): _Weighted([(t, 1) for t in _COMMUNE_SLOTS["before"]]),
    ("after", "commune"): _Weighted([(t, 1) for t in _COMMUNE_SLOTS["after"]]),
    ("before", "district"): _Weighted.of({"truong_phong": 10, "pho_truong_phong": 14,
                                          "chuyen_vien": 50, "vc.giam_doc": 1,
                                          "vc.pho_giam_doc": 1.5, "vc.chuyen_mon": 8}),
    ("before", "province"): _Weighted.of({"giam_doc_so": 2, "pho_giam_doc_so": 5,
                                          "truong_phong": 10, "pho_truong_phong": 14,
                                          "chuyen_vien": 45, "vc.giam_doc": 1,
                                          "vc.pho_giam_doc": 2, "vc.chuyen_mon": 14}),
}
_LEVEL_TITLES[("after", "province")] = _LEVEL_TITLES[("before", "province")]

# Term anchors of commune cadres: Party congresses, People's Council elections, Front congresses.
_TERMS = {
    "party": (dt.date(2010, 6, 15), dt.date(2015, 6, 15), dt.date(2020, 6, 20),
              TWO_LEVEL_FROM),
    "council": (dt.date(2011, 6, 25), dt.date(2016, 6, 25), dt.date(2021, 6, 25),
                TWO_LEVEL_FROM),
    "front": (dt.date(2009, 6, 15), dt.date(2014, 6, 15), dt.date(2019, 6, 15),
              dt.date(2024, 6, 15), TWO_LEVEL_FROM),
}
_TERM_OF = {"cb_xa.bi_thu": "party", "cb_xa.pho_bi_thu": "party", "cb_xa.chu_tich_mttq": "front"}
_PROMOTED_FROM = {
    "cb_xa.bi_thu": ("cb_xa.pho_bi_thu", "cb_xa.chu_tich_ubnd", "cb_xa.chu_tich_hdnd"),
    "cb_xa.pho_bi_thu": ("cb_xa.pho_chu_tich_ubnd", "cb_xa.pho_chu_tich_hdnd"),
    "cb_xa.chu_tich_ubnd": ("cb_xa.pho_chu_tich_ubnd", "cb_xa.pho_bi_thu"),
    "cb_xa.chu_tich_hdnd": ("cb_xa.pho_bi_thu", "cb_xa.pho_chu_tich_hdnd"),
    "cb_xa.pho_chu_tich_ubnd": ("cc_xa.dia_chinh_xay_dung", "cc_xa.van_phong_thong_ke",
                                "cc_xa.tai_chinh_ke_toan"),
    "cb_xa.pho_chu_tich_hdnd": ("cc_xa.van_phong_thong_ke", "cc_xa.tu_phap_ho_tich"),
    "cb_xa.chu_tich_mttq": ("cc_xa.van_hoa_xa_hoi",),
    "giam_doc_so": ("pho_giam_doc_so",),
    "pho_giam_doc_so": ("truong_phong",),
    "truong_phong": ("pho_truong_phong",),
    "pho_truong_phong": ("chuyen_vien",),
    "vc.giam_doc": ("vc.pho_giam_doc",),
    "vc.pho_giam_doc": ("vc.chuyen_mon",),
}
_POOL_FOR = {
    "cb_xa.pho_bi_thu": "cb_xa.bi_thu",
    "cb_xa.pho_chu_tich_ubnd": "cb_xa.chu_tich_ubnd",
    "cb_xa.pho_chu_tich_hdnd": "cb_xa.chu_tich_hdnd",
    "cb_xa.chu_tich_ubnd": "cb_xa.bi_thu",
    "pho_giam_doc_so": "giam_doc_so",
    "truong_phong": "pho_giam_doc_so",
    "pho_truong_phong": "truong_phong",
    "chuyen_vien": "pho_truong_phong",
    "vc.pho_giam_doc": "vc.giam_doc",
}
_CC_XA = ("cc_xa.van_phong_thong_ke", "cc_xa.dia_chinh_xay_dung", "cc_xa.tai_chinh_ke_toan",
          "cc_xa.tu_phap_ho_tich", "cc_xa.van_hoa_xa_hoi")
_RATINGS = {
    True: _Weighted.of({"hoan_thanh_xuat_sac": 20, "hoan_thanh_tot": 65, "hoan_thanh": 13,
                        "khong_hoan_thanh": 2}),
    False: _Weighted.of({"hoan_thanh_xuat_sac": 12, "hoan_thanh_tot": 62, "hoan_thanh": 23,
                         "khong_hoan_thanh": 3}),
}
_SECOND_LANGUAGES = _Weighted.of({"fr": 3, "zh": 3, "ja": 2, "ko": 2, "ru": 2, "de": 1})
_INVALID = _Weighted([(kind, 1) for kind in INVALID_KINDS])


@dataclasses.dataclass(frozen=True, slots=True)
class _Slot:
    title: str
    level: str
    province: _Province
    commune: _Commune | None = None
    district: _District | None = None


@functools.cache
def _roster_data() -> dict[str, Any]:
    data = _yaml("synth", "roster.yaml")
    return {
        "departments": tuple(sorted(((d["name"], d.get("from"), d.get("until"),
                                      float(d.get("international", 0.0)))
                                     for d in data["departments"]), key=lambda d: d[0])),
        "district_offices": tuple(sorted(data["district_offices"])),
        "service_units": {k: tuple(sorted(v)) for k, v in data["service_units"].items()},
        "fields": {k: _Weighted.of(v) for k, v in data["fields"].items()},
        "universities": {k: tuple(sorted(v)) for k, v in data["universities"].items()},
        "abroad": tuple(sorted((k, tuple(v)) for k, v in data["universities_abroad"].items())),
        "courses": tuple(sorted((c for c in data["courses"]), key=lambda c: c["programme"])),
        "countries": _Weighted.of(data["abroad_countries"]),
        "upgrade": data["upgrade_course"],
    }


# -- the record builder -----------------------------------------------------------------------

class _Builder:
    """Builds the records of one roster: the arguments, the units and the tables."""

    def __init__(self, *, seed: int, on: dt.date, province: _Province | None, profile: str,
                 units: _Units) -> None:
        self.seed = seed
        self.on = on
        self.period = units.period
        self.units = units
        self.province = province
        self.profile = profile
        self.scope = (province,) if province is not None else units.provinces
        self.communes = tuple(c for p in self.scope for c in p.communes)
        self.districts = tuple(d for p in self.scope for d in p.districts)
        if not self.communes:
            msg = f"no communes known for the province {province!r}"
            raise ValueError(msg)
        self.titles = titles()
        self.areas = _area_profiles()
        self.data = _roster_data()
        self.departments = tuple(
            d for d in self.data["departments"]
            if (d[1] is None or d[1] <= on) and (d[2] is None or on <= d[2]))
        self.old_provinces = tuple(sorted({c.old_province for c in self.communes}
                                          | set(_old_province_runs()[1])))
        self.island_districts = frozenset(_yaml("synth", "areas.yaml")["island_districts"])
        self._ranks: dict[str, _Weighted] = {}
        self._old_of: dict[str, tuple[str, ...]] = {}

    # slots ----------------------------------------------------------------------------------

    def slots(self) -> Iterator[_Slot]:
        """The posts to fill, one per record, in order."""
        if self.profile == "commune":
            yield from self._commune_slots()
            return
        index = 0
        while True:
            rng = random.Random(f"{self.seed}:slot:{index}")
            index += 1
            level = _LEVELS[self.period].pick(rng)
            title = _LEVEL_TITLES[(self.period, level)].pick(rng)
            if level == "commune":
                commune = _item(rng, self.communes)
                yield _Slot(title, level, self.units.by_code[commune.province], commune=commune)
            elif level == "district":
                district = _item(rng, self.districts)
                yield _Slot(title, level, self.units.by_code[district.province],
                            district=district)
            else:
                yield _Slot(title, level, _item(rng, self.scope))

    def _commune_slots(self) -> Iterator[_Slot]:
        posts = _COMMUNE_SLOTS[self.period]
        round_ = 0
        while True:
            order = list(self.communes)
            rng = random.Random(f"{self.seed}:communes:{round_}")
            for i in range(len(order) - 1, 0, -1):  # Fisher-Yates with random() only
                j = _index(rng, i + 1)
                order[i], order[j] = order[j], order[i]
            for commune in order:
                province = self.units.by_code[commune.province]
                for title in posts:
                    yield _Slot(title, "commune", province, commune=commune)
            round_ += 1

    # one record -----------------------------------------------------------------------------

    def record(self, index: int, slot: _Slot) -> dict[str, Any]:
        rng = random.Random(f"{self.seed}:{index}")
        on = self.on
        title = self.titles[slot.title]
        post = _POSTS[slot.title]
        category = title["category"]
        area = self._area(rng, slot)
        profile = area["profile"]
        designated = area["disadvantaged"] is True
        ethnicity = (profile.designated if designated else profile.elsewhere).pick(rng)
        gender = "female" if _chance(rng, post.female) else "male"
        home = area["old_province"]

        # Age, career and posts, redrawn (a few times at most) until the commune-cadre age
        # rule holds for most cadres: 60 months of working time at first appointment.
        for _attempt in range(6):
            birth = self._birth(rng, post, gender)
            career_start = _between(rng, _plus_years(birth, 21.5),
                                    min(_plus_years(birth, 30.0), on - dt.timedelta(days=60)))
            assignments_info = self._posts(rng, slot, post, birth, career_start)
            first = assignments_info["first_appointed"]
            if (post.group != "cadre" or first is None
                    or (_retirement_date(birth, gender) - first).days >= 60 * 30.44
                    or _chance(rng, 0.2)):
                break
        if post.group == "cadre" and first is not None and _chance(rng, 0.015):
            birth = self._late_birth(rng, gender, first) or birth
        recruited = assignments_info["recruited"]
        career_start = assignments_info["career_start"]
        region = _region(home if slot.level == "commune" else slot.province.code)

        record: dict[str, Any] = {"id": ""}
        if not _chance(rng, 0.002):
            record["full_name"] = _full_name(rng, ethnicity, gender, region, birth)
        if not _chance(rng, 0.01):
            record["birth_date"] = birth.isoformat()
        if not _chance(rng, 0.005):
            record["gender"] = gender
        if not _chance(rng, 0.02):
            record["ethnicity"] = ethnicity
        if not _chance(rng, 0.1):
            record["national_id"] = self._national_id(rng, birth, gender, home)
        record["category"] = category
        if not _chance(rng, 0.03):
            record["recruited_on"] = recruited.isoformat()
        if not _chance(rng, 0.15):
            record["service_start"] = min(career_start, recruited).isoformat()
        record["unit"] = area["unit"]

        education, highest, upgrade = self._education(
            rng, slot, post, birth, recruited, designated, area["international"] > 0.5)
        rank = self._rank(rng, slot, highest, birth)
        record["assignments"] = self._assignment_dicts(rng, slot, assignments_info, rank, area)
        if not _chance(rng, 0.04):
            record["high_school"] = True
        roll = rng.random()
        if roll >= 0.03:
            if roll < 0.033 and post.group in ("commune", "cadre") and birth.year < 1975:
                record["education"] = []
            else:
                record["education"] = education

        party = _chance(rng, post.party + (0.15 if post.group == "staff"
                                           and _years(birth, on) > 35 else 0.0))
        theory = self._political_theory(rng, post, birth, party)
        if not _chance(rng, 0.03):
            record["political_theory"] = theory
        if not _chance(rng, 0.05):
            record["languages"] = self._languages(rng, slot, post, birth, ethnicity, designated,
                                                  profile)
        if not _chance(rng, 0.04):
            record["it_skills"] = self._it_skills(rng, slot, birth, recruited)
        if not _chance(rng, 0.05):
            record["state_management"] = self._state_management(rng, slot, post, rank, birth,
                                                                recruited)
        training = self._training(rng, slot, post, upgrade, recruited)
        if training:
            record["training"] = training
        ratings = self._ratings(rng, post, recruited)
        if ratings and not _chance(rng, 0.03):
            record["ratings"] = ratings
        pools = self._pools(rng, slot, birth)
        if pools:
            record["planning_pools"] = pools
        if not _chance(rng, 0.02):
            record["party_member"] = party
            if party and not _chance(rng, 0.05):
                joined = _between(rng, max(_plus_years(birth, 20.0), career_start
                                           - dt.timedelta(days=1500)),
                                  min(_plus_years(birth, 36.0), on))
                record["party_joined_on"] = min(joined, on).isoformat()
        return record

    # parts ----------------------------------------------------------------------------------

    def _area(self, rng: random.Random, slot: _Slot) -> dict[str, Any]:
        """The unit record, its area profile and whether it is a disadvantaged area."""
        service = slot.title.startswith("vc.")
        international = 0.0
        if slot.commune is not None:
            commune = slot.commune
            old_province = commune.old_province
            profile = self.areas.get(old_province, _DEFAULT_PROFILE)
            if commune.island:
                disadvantaged, types_ = True, ["island"]
            else:
                disadvantaged = _stable_fraction("disadvantaged", commune.code) < profile.share
                types_ = self._area_types(profile, commune.code) if disadvantaged else []
            name = commune.name
            if service:
                name = (f"{_item(rng, self.data['service_units']['commune'])} "
                        f"{_lower_first(commune.name)}")
            unit: dict[str, Any] = {"name": name, "level": "commune",
                                    "province_code": commune.province}
            if commune.district is not None:
                unit["district_code"] = commune.district
            unit["commune_code"] = commune.code
        elif slot.district is not None:
            district = slot.district
            old_province = district.province
            profile = self.areas.get(old_province, _DEFAULT_PROFILE)
            if district.code in self.island_districts:
                disadvantaged, types_ = True, ["island"]
            else:
                disadvantaged = (_stable_fraction("disadvantaged", district.code)
                                 < profile.share * 0.7)
                types_ = self._area_types(profile, district.code) if disadvantaged else []
            offices = (self.data["service_units"]["district"] if service
                       else self.data["district_offices"])
            unit = {"name": f"{_item(rng, offices)} {_lower_first(district.name)}",
                    "level": "district", "province_code": district.province,
                    "district_code": district.code}
        else:
            province = slot.province
            old_province = _item(rng, self._old_provinces_of(province))
            profile = self.areas.get(old_province, _DEFAULT_PROFILE)
            if service:
                name = _item(rng, self.data["service_units"]["province"])
            else:
                name, _, _, international = _item(rng, self.departments)
            unit = {"name": f"{name} {province.label}", "level": "province",
                    "province_code": province.code}
            disadvantaged, types_ = False, []
        if not _chance(rng, 0.03):
            unit["disadvantaged_area"] = disadvantaged
            if disadvantaged and types_:
                unit["area_types"] = types_
        return {"unit": unit, "profile": profile, "disadvantaged": disadvantaged,
                "old_province": old_province, "international": international}

    def _old_provinces_of(self, province: _Province) -> tuple[str, ...]:
        """Provinces (before 2025-07-01) whose communes make up ``province``."""
        found = self._old_of.get(province.code)
        if found is None:
            found = self._old_of[province.code] = tuple(sorted(
                {c.old_province for c in province.communes} or {province.code}))
        return found

    @staticmethod
    def _area_types(profile: _AreaProfile, code: str) -> list[str]:
        if not profile.area_types:
            return []
        chosen = [profile.area_types[0]]
        chosen += [t for t in profile.area_types[1:] if _stable_fraction("type", code, t) < 0.5]
        return chosen

    def _birth(self, rng: random.Random, post: _Post, gender: str) -> dt.date:
        on = self.on
        lo, hi, mode = post.age
        age = _triangular(rng, lo, hi, mode)
        birth = on - dt.timedelta(days=int(age * _YEAR_DAYS))
        retirement = _retirement_date(birth, gender)
        if retirement <= on:
            # too old: move the birth date to within the last years before retirement
            months = _retirement_months(gender, on.year)
            birth = _add_months(on, -months) + dt.timedelta(days=30 + _index(rng, 1500))
        return birth

    def _late_birth(self, rng: random.Random, gender: str, first: dt.date) -> dt.date | None:
        """Pick a birth date leaving under 60 months of working time at ``first``.

        The official is still at work on the as-of date; None when no such date exists.
        """
        elapsed = (self.on.year - first.year) * 12 + self.on.month - first.month
        lo = max(12, elapsed + 2)
        if lo >= 58:
            return None
        target = _add_months(first, lo + _index(rng, 58 - lo))
        birth = _add_months(target, -_retirement_months(gender, target.year))
        retirement = _retirement_date(birth, gender)
        if self.on < retirement and (retirement - first).days < 60 * 30.44:
            return birth
        return None

    def _national_id(self, rng: random.Random, birth: dt.date, gender: str, home: str) -> str:
        if _chance(rng, 0.2):
            home = _item(rng, self.old_provinces)
        century = 0 if birth.year < 2000 else 2
        digit = century + (1 if gender == "female" else 0)
        return f"0{home}{digit}{birth.year % 100:02d}{_index(rng, 1_000_000):06d}"

    def _posts(self, rng: random.Random, slot: _Slot, post: _Post, birth: dt.date,
               career_start: dt.date) -> dict[str, Any]:
        """Current post and at most one earlier one, with recruitment date."""
        on = self.on
        title = slot.title
        earliest = max(career_start, _plus_years(birth, 22.0))
        previous: list[dict[str, Any]] = []
        if post.group == "cadre":
            anchors = [a for a in _TERMS[_TERM_OF.get(title, "council")] if a <= on]
            anchor = anchors[-1] if anchors else on
            if _chance(rng, 0.75):
                start = min(anchor + dt.timedelta(days=_index(rng, 45)), on)
            else:
                start = _between(rng, anchor, on)
            start = max(start, min(earliest, on))
            first = start
            earlier = [a for a in anchors[:-1] if a >= _plus_years(birth, 26.0)]
            if earlier and _chance(rng, 0.45):
                first = earlier[-1] if _chance(rng, 0.7) else _item(rng, earlier)
            if _chance(rng, 0.45) and first - dt.timedelta(days=400) > earliest:
                before = _item(rng, _PROMOTED_FROM[title])
                p_start = _between(rng, max(earliest, first - dt.timedelta(days=3650)),
                                   first - dt.timedelta(days=400))
                previous.append({"title": before, "start": p_start, "end": first - _DAY})
            cadre_dates = [first] + [p["start"] for p in previous
                                     if self.titles[p["title"]]["category"] == "can_bo"]
            career = min([career_start] + [p["start"] for p in previous])
            return {"start": start, "first_appointed": first, "previous": previous,
                    "recruited": min(cadre_dates), "career_start": career}
        # civil servants and public employees
        recruited = min(earliest, on)
        if _chance(rng, 0.4):
            recruited = _between(rng, recruited, min(_plus_years(recruited, 6.0), on))
        leader = self.titles[title]["leadership"]
        if self.period == "after" and slot.level == "commune":
            # posts of the new communes start with two-level local government
            if recruited < TWO_LEVEL_FROM:
                start = TWO_LEVEL_FROM if _chance(rng, 0.85) else _between(rng, TWO_LEVEL_FROM,
                                                                            on)
                if leader and _chance(rng, 0.5):
                    before, district = _item(rng, ("truong_phong", "pho_truong_phong")), True
                elif _chance(rng, 0.75):
                    before, district = _item(rng, _CC_XA), False
                else:
                    before, district = "chuyen_vien", True
                p_start = recruited if not leader else _between(
                    rng, recruited, max(recruited, TWO_LEVEL_FROM - dt.timedelta(days=730)))
                previous.append({"title": before, "start": p_start,
                                 "end": TWO_LEVEL_FROM - _DAY, "district": district})
            else:
                start = recruited
            return {"start": start, "first_appointed": start if leader else None,
                    "previous": previous, "recruited": recruited, "career_start": career_start}
        if leader:
            lo = min(_plus_years(recruited, 4.0), on)
            start = _between(rng, max(lo, on - dt.timedelta(days=int(9 * _YEAR_DAYS))), on)
            first = start
            if _chance(rng, 0.3) and start - dt.timedelta(days=1826) > lo:
                first = start - dt.timedelta(days=1826)
            before_titles = _PROMOTED_FROM.get(title)
            if before_titles and _chance(rng, 0.6) and first - dt.timedelta(days=730) > recruited:
                p_start = _between(rng, recruited, first - dt.timedelta(days=730))
                previous.append({"title": before_titles[0], "start": p_start,
                                 "end": first - _DAY})
            return {"start": start, "first_appointed": first, "previous": previous,
                    "recruited": recruited, "career_start": career_start}
        start = recruited if _chance(rng, 0.7) else _between(rng, recruited, on)
        return {"start": start, "first_appointed": start if title.startswith("cc_xa.") else None,
                "previous": previous, "recruited": recruited, "career_start": career_start}

    def _assignment_dicts(self, rng: random.Random, slot: _Slot, info: dict[str, Any],
                          rank: str | None, area: dict[str, Any]) -> list[dict[str, Any]]:
        out = []
        for past in info["previous"]:
            entry: dict[str, Any] = {"title": past["title"]}
            past_title = self.titles[past["title"]]
            if past.get("district"):
                entry["unit"] = {"level": "district", "province_code": area["old_province"]}
            entry["start"] = past["start"].isoformat()
            entry["end"] = past["end"].isoformat()
            entry["leadership"] = past_title["leadership"]
            out.append(entry)
        current: dict[str, Any] = {"title": slot.title}
        if rank is not None:
            current["rank"] = rank
        current["start"] = info["start"].isoformat()
        if info["first_appointed"] is not None:
            current["first_appointed"] = info["first_appointed"].isoformat()
        current["leadership"] = self.titles[slot.title]["leadership"]
        if area["international"] and _chance(rng, area["international"]):
            current["international"] = True
        elif slot.level == "province" and not _chance(rng, 0.1):
            current["international"] = False
        out.append(current)
        return out

    def _education(self, rng: random.Random, slot: _Slot, post: _Post, birth: dt.date,
                   recruited: dt.date, designated: bool,
                   international: bool,
                   ) -> tuple[list[dict[str, Any]], str | None, dict[str, Any] | None]:
        """Draw the diplomas held on the as-of date, in award order.

        Also returns the highest level among them and the in-service degree (held or still
        to come) of a lower-qualified official, which the training history mentions.
        """
        on = self.on
        commune_staff = post.group == "commune" or (slot.level == "commune"
                                                     and post.group != "cadre")
        lower = 0.0
        postgraduate, doctorate = 0.02, 0.0
        if commune_staff:
            if recruited < _TT13_FROM:
                lower = 0.45 if designated else 0.32
            else:
                lower = 0.25 if designated else 0.03
        elif post.group == "cadre":
            lower = 0.3 if recruited < _TT13_FROM else 0.05
            postgraduate = 0.05
        elif post.group == "leader":
            postgraduate = 0.55 if slot.title == "giam_doc_so" else 0.4
            doctorate = 0.12 if slot.title == "giam_doc_so" else 0.04
            if slot.level != "province":
                postgraduate, doctorate = postgraduate / 2, 0.0
        elif post.group == "staff":
            lower = 0.06
            postgraduate = 0.25 if slot.level == "province" else 0.1
            doctorate = 0.02 if slot.level == "province" else 0.0
        else:  # public employees
            lower = 0.1
            postgraduate, doctorate = 0.2, 0.03
        if slot.title.startswith("cc_xa.") or slot.title in self.data["fields"]:
            fields = self.data["fields"].get(slot.title, self.data["fields"]["default"])
        elif post.group == "cadre":
            fields = self.data["fields"]["cadre"]
        elif international:
            fields = self.data["fields"]["international"]
        else:
            fields = self.data["fields"]["default"]
        region = _region(slot.province.code)
        universities = self.data["universities"][region]
        diplomas: list[dict[str, Any]] = []
        first_award = _between(rng, _plus_years(birth, 19.5), _plus_years(birth, 24.0))
        first_award = min(first_award, recruited, on)
        if _chance(rng, lower):
            level = "trung_cap" if _chance(rng, 0.72) else "cao_dang"
            diploma: dict[str, Any] = {"level": level, "field": fields.pick(rng)}
            if level == "cao_dang" and _chance(rng, 0.5):
                diploma["institution"] = f"Trường Cao đẳng {slot.province.short}"
            diploma["awarded_on"] = first_award
            diplomas.append(diploma)
            # Many lower-qualified commune staff later earn a degree (liên thông classes).
            if (commune_staff or post.group == "cadre") and _chance(rng, 0.75):
                award = _between(rng, max(dt.date(2017, 6, 1), recruited),
                                 dt.date(2025, 12, 31))
                diplomas.append({"level": "dai_hoc", "field": diploma["field"],
                                 "institution": _item(rng, universities),
                                 "awarded_on": award, "_upgrade": True})
        else:
            diploma = {"level": "dai_hoc", "field": fields.pick(rng)}
            if _chance(rng, 0.7):
                diploma["institution"] = _item(rng, universities)
            award = _between(rng, _plus_years(birth, 21.5), _plus_years(birth, 24.5))
            # a degree is held when recruited, except some cadres who earned it in service
            if post.group != "cadre" or _chance(rng, 0.7):
                award = min(award, recruited - dt.timedelta(days=_index(rng, 300)))
            diploma["awarded_on"] = max(award, _plus_years(birth, 20.0))
            diplomas.append(diploma)
            if _chance(rng, postgraduate):
                award = _between(rng, _plus_years(birth, 27.0), _plus_years(birth, 45.0))
                master: dict[str, Any] = {"level": "thac_si",
                                          "field": self.data["fields"]["postgraduate"].pick(rng)}
                if slot.level == "province" and _chance(rng, 0.2):
                    _country, names = _item(rng, self.data["abroad"])
                    master["institution"] = _item(rng, names)
                    master["awarded_on"] = award
                    master["abroad"] = True
                else:
                    master["institution"] = _item(rng, universities)
                    master["awarded_on"] = award
                diplomas.append(master)
                if _chance(rng, doctorate / max(postgraduate, 1e-9)):
                    diplomas.append({"level": "tien_si", "field": master["field"],
                                     "institution": _item(rng, universities),
                                     "awarded_on": _between(rng, _plus_years(award, 3.0),
                                                            _plus_years(award, 8.0))})
        held = [d for d in diplomas if d["awarded_on"] <= on]
        order = ("trung_cap", "cao_dang", "dai_hoc", "thac_si", "tien_si")
        highest = max((d["level"] for d in held), key=order.index, default=None)
        out = []
        for diploma in held:
            entry = {k: v for k, v in diploma.items() if k != "_upgrade"}
            if _chance(rng, 0.05):
                del entry["awarded_on"]
            else:
                entry["awarded_on"] = entry["awarded_on"].isoformat()
            out.append(entry)
        upgrade = next((d for d in diplomas if d.get("_upgrade")), None)
        return out, highest, upgrade

    def _rank_table(self, key: str, weights: Mapping[str, float]) -> _Weighted:
        table = self._ranks.get(key)
        if table is None:
            table = self._ranks[key] = _Weighted.of(weights)
        return table

    def _rank(self, rng: random.Random, slot: _Slot, highest: str | None,
              birth: dt.date) -> str | None:
        if self.titles[slot.title]["category"] != "cong_chuc" or _chance(rng, 0.02):
            return None
        title, level = slot.title, slot.level
        age = _years(birth, self.on)
        if title.startswith("cc_xa.") or (level == "commune" and title == "chuyen_vien"):
            if highest == "trung_cap":
                return "01.004" if _chance(rng, 0.7) else "01.005"
            if highest == "cao_dang":
                return "01.004"
            if highest is None:
                return "01.003" if _chance(rng, 0.7) else "01.004"
            return "01.002" if age > 40 and _chance(rng, 0.05) else "01.003"
        if title == "giam_doc_so":
            return self._rank_table("gd", {"01.001": 55, "01.002": 45}).pick(rng)
        if title == "pho_giam_doc_so":
            return self._rank_table("pgd", {"01.001": 15, "01.002": 80,
                                            "01.003": 5}).pick(rng)
        if title in ("truong_phong", "pho_truong_phong"):
            senior = {("truong_phong", "province"): 55, ("truong_phong", "district"): 20,
                      ("truong_phong", "commune"): 10, ("pho_truong_phong", "province"): 25,
                      ("pho_truong_phong", "district"): 5,
                      ("pho_truong_phong", "commune"): 3}[(title, level)]
            return "01.002" if _chance(rng, senior / 100) else "01.003"
        # chuyen_vien at province or district level
        if highest == "cao_dang":
            return "01.004"
        if highest == "trung_cap":
            return "01.005" if _chance(rng, 0.6) else "01.004"
        if age >= 45 and _chance(rng, 0.04):
            return "01.001"
        if age >= 32 and _chance(rng, 0.22):
            return "01.002"
        return "01.003"

    def _political_theory(self, rng: random.Random, post: _Post, birth: dt.date,
                          party: bool) -> list[dict[str, Any]]:
        on = self.on
        highest = _THEORY[post.theory].pick(rng)
        if not party and highest and _THEORY_RANK[highest] > 0 and _chance(rng, 0.95):
            highest = "so_cap" if _chance(rng, 0.5) else ""
        if not highest:
            return []
        chain = [highest]
        level = _THEORY_RANK[highest]
        if level >= 2 and _chance(rng, 0.5):
            chain.insert(0, "trung_cap")
        if level >= 1 and _chance(rng, 0.35):
            chain.insert(0, "so_cap")
        out = []
        previous = _plus_years(birth, 22.0)
        for diploma in chain:
            lo_age, hi_age = _THEORY_AGE[_THEORY_RANK[diploma]]
            lo = max(_plus_years(birth, lo_age), previous + dt.timedelta(days=365))
            award = _between(rng, lo, min(_plus_years(birth, hi_age), on))
            award = min(award, on)
            previous = award
            entry: dict[str, Any] = {"diploma": diploma}
            if not _chance(rng, 0.04):
                entry["awarded_on"] = award.isoformat()
            out.append(entry)
        return out

    def _languages(self, rng: random.Random, slot: _Slot, post: _Post, birth: dt.date,
                   ethnicity: str, designated: bool,
                   profile: _AreaProfile) -> list[dict[str, Any]]:
        on = self.on
        out: list[dict[str, Any]] = []
        province_level = slot.level == "province"
        young = _years(birth, on) < 40
        roll = rng.random()
        earliest = _plus_years(birth, 20.0)
        awarded = _between(rng, max(earliest, on - dt.timedelta(days=int(15 * _YEAR_DAYS))), on)
        english: dict[str, Any] | None = {"language": "en"}
        if province_level or post.group == "leader":
            cut = (0.08, 0.23, 0.63, 0.85, 0.89, 0.95)
        else:
            cut = (0.30, 0.35, 0.70, 0.90, 0.93, 0.96) if not young else \
                (0.18, 0.21, 0.50, 0.78, 0.86, 0.93)
        if roll < cut[0]:
            english = None
        elif roll < cut[1]:
            english["level"] = "bac_1" if not province_level else "bac_2"
        elif roll < cut[2]:
            english["level"] = "bac_2" if not province_level else "bac_3"
        elif roll < cut[3]:
            english["level"] = "bac_3"
            if _chance(rng, 0.4):
                english["certificate"] = "VSTEP"
        elif roll < cut[4]:
            english["level"] = "bac_4"
            if _chance(rng, 0.5):
                english["certificate"] = "VSTEP"
        elif roll < cut[5]:
            score = 5.0 + 0.5 * _index(rng, 6)
            english["certificate"] = "IELTS"
            english["score"] = score
            if _chance(rng, 0.6):
                english["level"] = "bac_3" if score < 5.5 else "bac_4" if score < 7.0 else "bac_5"
        else:
            score = float(400 + 5 * _index(rng, 110))
            english["certificate"] = "TOEIC"
            english["score"] = score
            if _chance(rng, 0.6):
                english["level"] = ("bac_2" if score < 450 else "bac_3" if score < 600
                                    else "bac_4" if score < 850 else "bac_5")
        if english is not None and not province_level and _chance(rng, 0.1) \
                and awarded.year < 2016:
            english = {"language": "en", "certificate": "Chứng chỉ B"}
        if english is not None:
            if not _chance(rng, 0.05):
                english["awarded_on"] = awarded.isoformat()
            out.append(english)
        if province_level and _chance(rng, 0.06):
            neighbours = profile.neighbours
            language = (_item(rng, neighbours) if neighbours and _chance(rng, 0.5)
                        else _SECOND_LANGUAGES.pick(rng))
            out.append({"language": language,
                        "level": "bac_3" if _chance(rng, 0.6) else "bac_4"})
        own = _name_styles()[ethnicity].language
        if ethnicity != "kinh" and own and own != "zh":
            if _chance(rng, 0.6 if designated else 0.2):
                out.append({"language": own})
        elif designated and profile.main_minority and _chance(rng, 0.1):
            minority = _name_styles()[profile.main_minority].language
            if minority:
                out.append({"language": minority,
                            "certificate": "Chứng chỉ tiếng dân tộc thiểu số",
                            "awarded_on": _between(rng, max(earliest, on - dt.timedelta(
                                days=3650)), on).isoformat()})
        return out

    def _it_skills(self, rng: random.Random, slot: _Slot, birth: dt.date,
                   recruited: dt.date) -> list[dict[str, Any]]:
        on = self.on
        roll = rng.random()
        none_share = 0.12 if slot.level == "commune" else 0.08
        if roll < none_share:
            return []
        awarded = _between(rng, max(_plus_years(birth, 19.0), recruited - dt.timedelta(days=2000)),
                           on)
        advanced_share = 0.05 if slot.level == "commune" else 0.15
        if roll < none_share + advanced_share:
            entry = {"level": "advanced", "certificate": "Chứng chỉ ứng dụng CNTT nâng cao"}
        elif awarded.year < 2016:
            entry = {"level": "basic", "certificate": "Chứng chỉ Tin học văn phòng trình độ B"}
        else:
            entry = {"level": "basic", "certificate": "Chứng chỉ ứng dụng CNTT cơ bản"}
        entry["awarded_on"] = awarded.isoformat()
        return [entry]

    def _state_management(self, rng: random.Random, slot: _Slot, post: _Post, rank: str | None,
                          birth: dt.date, recruited: dt.date) -> list[dict[str, Any]]:
        on = self.on
        held: list[tuple[str, dt.date]] = []

        def add(programme: str, lo_age: float, hi_age: float) -> None:
            lo = max(_plus_years(birth, lo_age), recruited + dt.timedelta(days=200))
            held.append((programme, min(_between(rng, lo, min(_plus_years(birth, hi_age), on)),
                                        on)))

        tenure = _years(recruited, on)
        if rank == "01.001":
            if _chance(rng, 0.7):
                add("chuyen_vien_chinh", 33, 48)
            if _chance(rng, 0.75):
                add("chuyen_vien_cao_cap", 42, 57)
        elif rank == "01.002":
            if _chance(rng, 0.55):
                add("chuyen_vien", 24, 35)
            if _chance(rng, 0.8):
                add("chuyen_vien_chinh", 32, 50)
        elif rank == "01.003":
            if _chance(rng, 0.75 if tenure >= 2 else 0.3):
                add("chuyen_vien", 23, 45)
        elif rank in ("01.004", "01.005"):
            if _chance(rng, 0.1):
                add("chuyen_vien", 25, 50)
        elif post.group == "cadre":
            if _chance(rng, 0.45):
                add("chuyen_vien", 25, 50)
        elif (post.group == "employee" and slot.title != "vc.chuyen_mon"
              and _chance(rng, 0.2)):
            add("chuyen_vien", 28, 50)
        if slot.title == "giam_doc_so" and rank != "01.001" and _chance(rng, 0.6):
            add("chuyen_vien_cao_cap", 42, 57)
        if slot.title in ("giam_doc_so", "pho_giam_doc_so") and _chance(rng, 0.5):
            add("lanh_dao_cap_so", 40, 57)
        if slot.title in ("truong_phong", "pho_truong_phong") and _chance(rng, 0.55):
            add("lanh_dao_cap_phong", 30, 55)
        seen: dict[str, dt.date] = {}
        for programme, day in held:
            seen.setdefault(programme, day)
        return [{"programme": p, "awarded_on": d.isoformat()}
                for p, d in sorted(seen.items(), key=lambda item: (item[1], item[0]))]

    def _training(self, rng: random.Random, slot: _Slot, post: _Post,
                  upgrade: dict[str, Any] | None, recruited: dt.date) -> list[dict[str, Any]]:
        on = self.on
        out: list[dict[str, Any]] = []
        if upgrade is not None:
            end = upgrade["awarded_on"]
            start = end - dt.timedelta(days=int(_uniform(rng, 2.0, 3.5) * _YEAR_DAYS))
            if start <= on:
                entry: dict[str, Any] = {"programme": self.data["upgrade"]["programme"],
                                         "name": self.data["upgrade"]["name"],
                                         "start": start.isoformat()}
                if end <= on:
                    entry["end"] = end.isoformat()
                    entry["completed"] = True
                else:
                    entry["completed"] = False
                entry["abroad"] = False
                out.append(entry)
        leader = post.group in ("leader", "cadre") or slot.title in ("vc.giam_doc",
                                                                      "vc.pho_giam_doc")
        if not _chance(rng, 0.6 if leader else 0.3):
            return out
        abroad_share = 0.0
        if slot.level == "province":
            abroad_share = 0.12 if leader else 0.03
            if slot.province.code == "01" and on.year >= 2023 and leader:
                abroad_share = 0.3  # Hà Nội's overseas training scheme (Đề án 19-ĐA/TU)
        count = 1 + (1 if _chance(rng, 0.3) else 0)
        courses = [c for c in self.data["courses"] if leader or not c.get("leaders")]
        for _ in range(count):
            abroad = _chance(rng, abroad_share)
            pool = [c for c in courses if bool(c.get("abroad")) == abroad] or courses
            course = _item(rng, pool)
            lo = max(recruited, on - dt.timedelta(days=int(6 * _YEAR_DAYS)))
            start = _between(rng, lo, on - dt.timedelta(days=int(course["days"]) + 1))
            end = start + dt.timedelta(days=int(course["days"]) - 1)
            entry = {"programme": course["programme"], "name": course["name"],
                     "start": start.isoformat(), "end": end.isoformat(),
                     "abroad": bool(course.get("abroad", False))}
            if entry["abroad"]:
                entry["country"] = self.data["countries"].pick(rng)
            entry["completed"] = not _chance(rng, 0.03)
            if entry["completed"] and _chance(rng, 0.4):
                entry["result"] = _item(rng, ("Đạt", "Khá", "Giỏi", "Xuất sắc"))
            out.append(entry)
        return sorted(out, key=lambda e: (e["start"], e["programme"]))

    def _ratings(self, rng: random.Random, post: _Post, recruited: dt.date) -> list[dict[str, Any]]:
        on = self.on
        leader = post.group in ("leader", "cadre")
        first_year = recruited.year + (1 if recruited.month > 6 else 0)
        out = []
        for year in range(on.year - 3, on.year):
            if year < first_year or _chance(rng, 0.02):
                continue
            out.append({"year": year, "rating": _RATINGS[leader].pick(rng)})
        return out

    def _pools(self, rng: random.Random, slot: _Slot,
               birth: dt.date) -> list[dict[str, Any]]:
        target = _POOL_FOR.get(slot.title)
        if target is None:
            if slot.title.startswith("cc_xa.") and _years(birth, self.on) < 40 \
                    and _chance(rng, 0.08):
                target = "cb_xa.pho_chu_tich_ubnd"
            else:
                return []
        share = {"chuyen_vien": 0.12 if _years(birth, self.on) < 40 else 0.03}.get(slot.title, 0.4)
        if target != "cb_xa.pho_chu_tich_ubnd" and not _chance(rng, share):
            return []
        start = 5 * math.ceil((self.on.year + 1) / 5)
        level = slot.level
        if target in ("giam_doc_so", "pho_giam_doc_so"):
            level = "province"
        return [{"title": target, "term": f"{start}-{start + 5}", "level": level}]


# -- invalid records ----------------------------------------------------------------------------

def _impossible_date(rng: random.Random, original: Any) -> str:
    year = original[:4] if isinstance(original, str) and original[:4].isdigit() else "2023"
    return f"{year}-{_item(rng, ('02-30', '02-31', '04-31', '13-01', '06-31', '00-10'))}"


def _break(record: dict[str, Any], rng: random.Random) -> str:
    """Break ``record`` in place so that the schema rejects it; return the kind used."""
    kind = _INVALID.pick(rng)
    if kind == "wrong_type":
        choice = _index(rng, 5)
        if choice == 0 and "birth_date" in record:
            record["birth_date"] = int(record["birth_date"].replace("-", ""))
        elif choice == 1 and record.get("ratings"):
            record["ratings"][0]["year"] = str(record["ratings"][0]["year"])
        elif choice == 2:
            record["high_school"] = "có"
        elif choice == 3 and record.get("languages") and "score" in record["languages"][0]:
            record["languages"][0]["score"] = str(record["languages"][0]["score"])
        else:
            record["party_member"] = "yes"
    elif kind == "unknown_code":
        choice = _index(rng, 5)
        if choice == 0:
            record["category"] = _item(rng, ("congchuc", "Công chức", "civil_servant"))
        elif choice == 1 and record.get("education"):
            record["education"][0]["level"] = _item(rng, ("đại học", "university", "DH"))
        elif choice == 2 and record.get("ratings"):
            record["ratings"][0]["rating"] = _item(rng, ("tot", "A", "xuat_sac"))
        elif choice == 3:
            record["unit"]["level"] = _item(rng, ("xa", "huyện", "ward"))
        else:
            record["gender"] = _item(rng, ("nam", "nữ", "M"))
    elif kind == "impossible_date":
        choice = _index(rng, 3)
        if choice == 0 and record.get("education") and "awarded_on" in record["education"][0]:
            record["education"][0]["awarded_on"] = _impossible_date(
                rng, record["education"][0]["awarded_on"])
        elif choice == 1 and record.get("assignments"):
            record["assignments"][-1]["start"] = _impossible_date(
                rng, record["assignments"][-1].get("start"))
        else:
            record["birth_date"] = _impossible_date(rng, record.get("birth_date"))
    elif kind == "missing_id":
        del record["id"]
    elif kind == "unknown_field":
        choice = _index(rng, 3)
        if choice == 0:
            record["unit"]["ma_xa"] = record["unit"].get("commune_code", "00000")
        elif choice == 1:
            record["ho_ten"] = record.get("full_name", "Nguyễn Văn A")
        else:
            record["email"] = f"{record.get('id', 'x').lower()}@example.gov.vn"
    elif kind == "bad_pattern":
        choice = _index(rng, 3)
        if choice == 0:
            record["unit"]["province_code"] = "0" + record["unit"]["province_code"]
        elif choice == 1 and record.get("planning_pools"):
            record["planning_pools"][0]["term"] = "nhiệm kỳ 2025 - 2030"
        else:
            record["unit"]["commune_code"] = record["unit"].get("commune_code", "1234")[:4]
    elif kind == "missing_required":
        choice = _index(rng, 3)
        if choice == 0 and record.get("education"):
            del record["education"][0]["level"]
        elif choice == 1 and record.get("languages"):
            del record["languages"][0]["language"]
        else:
            del record["assignments"][-1]["title"]
    elif record.get("ratings") and _chance(rng, 0.5):  # out_of_range
        record["ratings"][0]["year"] = 1900
    else:  # out_of_range
        record.setdefault("languages", []).append(
            {"language": "en", "certificate": "IELTS", "score": -6.5})
    return kind


# -- public API ---------------------------------------------------------------------------------

def invalid_count(n: int, invalid_share: float) -> int:
    """How many of ``n`` records :func:`generate` breaks: ``n * invalid_share`` rounded half up."""
    return math.floor(n * invalid_share + 0.5)


def generate(n: int, *, seed: int, on: dt.date, province: str | int | None = None,
             invalid_share: float = 0.0, profile: Profile = "mixed") -> Iterator[dict[str, Any]]:
    """Yield ``n`` synthetic official records as of ``on``, reproducibly from ``seed``.

    ``province`` restricts the roster to one province, by code (``"83"``) or name
    (``"Bến Tre"``), among the provinces in force on ``on``. ``profile="commune"`` gives
    a commune-only roster filled commune by commune; the default ``"mixed"`` adds
    district (before 2025-07-01) and provincial staff. With ``invalid_share`` in (0, 1],
    exactly :func:`invalid_count` records are deliberately invalid; with the default 0,
    every record validates against ``schemas/official.schema.json``.

    Ids are ``SYN-0000001``, ``SYN-0000002``, … in roster order (one record in a
    broken roster may lack its id).
    """
    if isinstance(n, bool) or not isinstance(n, int) or n < 0:
        msg = f"n must be a non-negative integer, got {n!r}"
        raise ValueError(msg)
    if isinstance(seed, bool) or not isinstance(seed, int):
        msg = f"seed must be an integer, got {seed!r}"
        raise TypeError(msg)
    if not isinstance(on, dt.date) or isinstance(on, dt.datetime):
        msg = f"on must be a datetime.date, got {on!r}"
        raise TypeError(msg)
    if not 0.0 <= invalid_share <= 1.0:
        msg = f"invalid_share must be between 0 and 1, got {invalid_share!r}"
        raise ValueError(msg)
    if profile not in PROFILES:
        msg = f"unknown profile {profile!r}; expected one of: {', '.join(PROFILES)}"
        raise ValueError(msg)
    units = _units(_period(on))
    chosen = _resolve_province(units, province, on) if province is not None else None
    builder = _Builder(seed=seed, on=on, province=chosen, profile=profile, units=units)
    return _stream(builder, n, invalid_count(n, invalid_share))


def _stream(builder: _Builder, n: int, broken: int) -> Iterator[dict[str, Any]]:
    selector = random.Random(f"{builder.seed}:invalid")
    width = max(7, len(str(n)))
    remaining = broken
    for index, slot in zip(range(n), builder.slots(), strict=False):
        record = builder.record(index, slot)
        record["id"] = f"SYN-{index + 1:0{width}d}"
        # selection sampling: exactly `broken` of the n records, in one pass
        if remaining and selector.random() * (n - index) < remaining:
            remaining -= 1
            _break(record, random.Random(f"{builder.seed}:{index}:broken"))
        yield record
