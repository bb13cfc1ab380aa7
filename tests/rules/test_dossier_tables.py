"""Dated enumerations of the dossier read from data: fostering contents (R43), IT modules (R49),
commune titles (R14). Expected values are the dossier's (vn-standards.md §1.1, §5.4, §8.2-8.3)."""

from __future__ import annotations

import datetime as dt

import pytest

from competency.standards.it_modules import it_modules
from competency.synth._data import titles
from competency.training.contents import training_contents
from competency.vocab import ITSkillLevel

BASIC = [f"IU0{i}" for i in range(1, 7)]


@pytest.mark.parametrize(("day", "count"), [
    ("2021-12-09", None),  # before Decree 89/2021 took effect: no list encoded
    ("2021-12-10", 4), ("2025-06-30", 4),  # Decree 89/2021
    ("2025-07-01", 5),  # Decree 171/2025 adds S&T, innovation and digital skills
])
def test_fostering_contents_by_period(day, count):
    period = training_contents().on(dt.date.fromisoformat(day))
    assert (None if period is None else len(period.contents)) == count


def test_the_2025_list_adds_digital_skills_to_the_2021_list():
    table = training_contents()
    old = {c.code for c in table.on(dt.date(2024, 1, 1)).contents}
    new = {c.code for c in table.on(dt.date(2025, 7, 1)).contents}
    assert old < new and len(new - old) == 1


@pytest.mark.parametrize(("passed", "level"), [
    (BASIC[:5], None),                           # one basic module short
    (BASIC, ITSkillLevel.BASIC),                 # all six basic modules
    (BASIC + ["IU07", "IU10"], ITSkillLevel.BASIC),        # two advanced modules are not enough
    (BASIC + ["IU07", "IU10", "IU15"], ITSkillLevel.ADVANCED),
    (["IU07", "IU08", "IU09", "IU10"], None),    # advanced modules without the basic standard
    ([m.lower() for m in BASIC], ITSkillLevel.BASIC),     # codes read without case
])
def test_it_level_derived_from_modules(passed, level):
    assert it_modules().level(passed) is level


def test_fifteen_modules_six_basic():
    modules = it_modules().modules
    assert len(modules) == 15
    assert [m.code for m in modules if m.group == "basic"] == BASIC


def test_commune_titles_eight_cadre_posts_and_the_police_chief_before_2023():
    codes = titles()
    cadres = [c for c in codes if c.startswith("cb_xa.")]
    # 8 posts; secretary/deputy and the chair/vice-chair pairs are one post each with two codes
    assert len(cadres) == 11
    assert codes["cc_xa.truong_cong_an"]["valid_until"] == dt.date(2023, 7, 31)
    civil = [c for c, t in codes.items() if c.startswith("cc_xa.")
             and (t.get("valid_until") is None or t["valid_until"] >= dt.date(2023, 8, 1))]
    assert len(civil) == 6
