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

from competency.synth._data import titles
from competency.synth._generate import generate
from competency.synth._invalid import INVALID_KINDS, invalid_count
from competency.synth._posts import PROFILES, Profile
from competency.synth._units import TWO_LEVEL_FROM, units_source

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
