"""A spooled selection (candidates on disk, flat memory) says exactly what :func:`select` says."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

import competency.io.spool as spool
from competency.cli._common import valid_officials
from competency.io.json_stream import Rows, iter_json
from competency.io.roster import Tally
from competency.selection import Quota, QuotaGroup, select, select_spooled
from competency.selection.catalogue import load_quota_file
from competency.synth import generate

ROOT = Path(__file__).resolve().parents[2]
ON = dt.date(2025, 6, 30)
POOLS = ROOT / "docs" / "examples" / "ha-noi-quota-by-degree.yaml"


@pytest.fixture(scope="module")
def roster(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("spooled") / "roster.jsonl"
    records = generate(600, seed=3, on=ON, province="01")
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), "utf-8")
    return path


@pytest.mark.parametrize(("scheme", "quota"), [
    ("vn.postgraduate-dispatch", None),
    ("hn.de-an-19-2022.short-courses-abroad", 5),
    ("hn.de-an-19-2022.short-courses-abroad",
     Quota(total=9, per=QuotaGroup.UNIT, max_per_group=1)),
    ("hn.de-an-19-2022.postgraduate-abroad", "pools"),
])
def test_spooled_selection_is_the_selection(roster: Path, scheme: str, quota: object,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    if quota == "pools":
        quota = load_quota_file(POOLS.read_text(encoding="utf-8"), str(POOLS))
    monkeypatch.setattr(spool, "RUN", 7)  # many runs on disk, merged back
    whole = select(valid_officials(roster, Tally()), scheme, ON, quota=quota)
    spooled = select_spooled(valid_officials(roster, Tally()), scheme, ON, quota=quota)
    assert whole.ranked and whole.ineligible
    assert "".join(iter_json(spooled.as_dict(Rows))) == json.dumps(
        whole.as_dict(), ensure_ascii=False, indent=2)
    for lang in ("vi", "en"):
        assert [r.headlines(lang) for r in spooled.ineligible] == [
            r.headlines(lang) for r in whole.ineligible]
        assert [r.reasons(lang) for r in spooled.ineligible] == [
            r.reasons(lang) for r in whole.ineligible]
    assert spooled.counts() == whole.counts()
    spooled.close()
