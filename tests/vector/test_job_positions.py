"""A standard that applies to a job position (vị trí việc làm): the vectorised engine, which
memoises applicability on five values of the post, must not reuse an answer across posts that
differ only in their job position."""

from __future__ import annotations

import datetime as dt

import pytest

pytest.importorskip("polars")

from competency import model as m  # noqa: E402
from competency import standards as std  # noqa: E402
from competency.law import Confidence  # noqa: E402
from competency.rules import nodes as n  # noqa: E402
from competency.standards.catalogue import Catalog  # noqa: E402
from competency.vector import check_frame  # noqa: E402
from competency.vocab import AdministrativeLevel, LanguageLevel, Text  # noqa: E402

CATALOG = Catalog.builtin()
ON = dt.date(2026, 1, 1)


def _catalog() -> Catalog:
    standard = std.Standard(
        id="t.hop-tac-quoc-te", title=Text(vi="t", en="t"), subject="t",
        applies_to=std.AppliesTo(job_positions=("hop_tac_quoc_te",)), valid_from=None,
        confidence=Confidence.ILLUSTRATIVE,
        legal_basis=CATALOG.get("vn.nd-33-2023.cong-chuc-xa").legal_basis,
        requirements=n.MinLanguage(id="language", min_language=n.LanguageSpec(
            level=LanguageLevel.BAC_4)))
    return Catalog(standards={standard.id: standard}, tables=CATALOG.tables,
                   sources={standard.id: "test"})


def _official(i: int, job_position: str | None) -> m.Official:
    unit = m.Unit(id="QN-VP", level=AdministrativeLevel.PROVINCE, province_code="22")
    return m.Official(id=f"P{i}", unit=unit, languages=(), assignments=(m.Assignment(
        title="chuyen_vien", rank="01.003", start=dt.date(2020, 1, 1), job_position=job_position),))


def test_only_the_job_position_named_is_checked_by_both_engines():
    people = [_official(0, "hop_tac_quoc_te"), _official(1, None), _official(2, "van_thu"),
              _official(3, "hop_tac_quoc_te")]
    catalog = _catalog()
    reference = sorted((o.id, r.standard.id) for o in people
                       for r in std.check(o, ON, catalog=catalog))
    assert reference == [("P0", "t.hop-tac-quoc-te"), ("P3", "t.hop-tac-quoc-te")]
    frame = check_frame(people, ON, catalog)
    got = sorted((row["official_id"], row["standard"]) for row in frame.iter_rows(named=True))
    assert got == reference
