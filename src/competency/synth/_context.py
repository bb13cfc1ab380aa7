"""What every record of one roster shares: the arguments, the units and the tables."""

from __future__ import annotations

import datetime as dt

from competency.synth._data import tables, titles
from competency.synth._units import Province, Units, island_districts, old_province_runs

__all__ = ["Context"]


class Context:
    """The arguments of one roster and the tables they select, worked out once."""

    def __init__(self, *, seed: int, on: dt.date, province: Province | None, profile: str,
                 units: Units) -> None:
        self.seed = seed
        self.on = on
        self.period = units.period
        self.units = units
        self.profile = profile
        self.scope = (province,) if province is not None else units.provinces
        self.communes = tuple(c for p in self.scope for c in p.communes)
        self.districts = tuple(d for p in self.scope for d in p.districts)
        if not self.communes:
            msg = f"no communes known for the province {province!r}"
            raise ValueError(msg)
        self.titles = titles()
        self.data = tables()
        self.departments = tuple(
            d for d in self.data.departments
            if (d.start is None or d.start <= on) and (d.until is None or on <= d.until))
        self.old_provinces = tuple(sorted({c.old_province for c in self.communes}
                                          | set(old_province_runs()[1])))
        self.island_districts = island_districts()
        # provinces before 2025-07-01 whose communes make up each province in scope
        self.old_of = {p.code: tuple(sorted({c.old_province for c in p.communes} or {p.code}))
                       for p in self.scope}
