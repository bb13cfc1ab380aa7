"""The public entry point: check the arguments, then stream numbered records."""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Iterator
from typing import Any

from competency.synth._context import Context
from competency.synth._invalid import break_record, invalid_count
from competency.synth._posts import PROFILES, Profile, slots
from competency.synth._record import record
from competency.synth._units import resolve_province, units_on

__all__ = ["generate"]


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
    units = units_on(on)
    chosen = resolve_province(units, province, on) if province is not None else None
    roster = Context(seed=seed, on=on, province=chosen, profile=profile, units=units)
    return _stream(roster, n, invalid_count(n, invalid_share))


def _stream(roster: Context, n: int, broken: int) -> Iterator[dict[str, Any]]:
    """Arguments are checked eagerly by :func:`generate`; records are drawn lazily here."""
    selector = random.Random(f"{roster.seed}:invalid")
    width = max(7, len(str(n)))
    remaining = broken
    for index, slot in zip(range(n), slots(roster), strict=False):
        item = record(roster, index, slot)
        item["id"] = f"SYN-{index + 1:0{width}d}"
        # selection sampling: exactly `broken` of the n records, in one pass
        if remaining and selector.random() * (n - index) < remaining:
            remaining -= 1
            break_record(item, random.Random(f"{roster.seed}:{index}:broken"))
        yield item
