"""The compiled forms of the leaves that read stated facts, birth-date cutoffs, job-position
placement, fostering periods and open questions agree with the reference evaluator on records
built to reach each branch (met, unmet, unknown), in polars and in DuckDB."""

from __future__ import annotations

import datetime as dt
import itertools

import attrs
import pytest

from competency import model as m
from competency import standards as std
from competency import structure
from competency.rules import nodes as n
from competency.standards.catalogue import Catalog
from competency.vector import check_frame, compile_catalog
from competency.vocab import Text
from tests.vector.test_sql import sql_rows

CATALOG = Catalog.builtin()
BASE = CATALOG.get("vn.nd-33-2023.cong-chuc-xa")

LEAVES = [
    n.Fact(id="fact", fact="du_suc_khoe"),
    n.BornOnOrAfter(id="born", born_on_or_after=dt.date(1970, 9, 1)),
    n.JobPositionPlacement(id="placed", placed_in_job_position=True),
    n.TrainingPeriods(id="periods", training_periods=n.TrainingPeriodsSpec(min=40)),
    n.TrainingPeriods(id="periods-2019",
                      training_periods=n.TrainingPeriodsSpec(min=40, year=2019)),
    n.OpenQuestion(id="open", open_question=Text(vi="x", en="x")),
]

FACTS = [None, [], [{"code": "du_suc_khoe", "value": True}],
         [{"code": "du_suc_khoe", "value": False, "on": "2019-01-01"},
          {"code": "du_suc_khoe", "value": True, "on": "2020-06-01"}],
         [{"code": "du_suc_khoe", "value": True}, {"code": "du_suc_khoe", "value": False}]]
BIRTHS = [None, "1970-08-31", "1970-09-01"]
POSTS = [{}, {"job_position": "Kế toán"}, {"placed_in_job_position": False},
         {"placed_in_job_position": True}]
TRAINING = [None, [],
            [{"programme": "a", "end": "2019-05-10", "periods": 40}],
            [{"programme": "a", "end": "2019-05-10", "periods": 24},
             {"programme": "b", "start": "2019-11-01", "periods": 16, "completed": True}],
            [{"programme": "a", "end": "2019-05-10", "periods": 40, "completed": False}],
            [{"programme": "a", "end": "2019-05-10"}, {"programme": "b", "periods": 8}]]


def _people():
    for k, (facts, born, post, training) in enumerate(
            itertools.product(FACTS, BIRTHS, POSTS, TRAINING)):
        record = {"id": f"N{k:03d}", "category": "cong_chuc",
                  "unit": {"level": "commune", "name": "Xã A"},
                  "assignments": [{"title": "cc_xa.van_hoa_xa_hoi", "start": "2015-01-01", **post}]}
        for key, value in (("facts", facts), ("birth_date", born), ("training", training)):
            if value is not None:
                record[key] = value
        yield structure(record, m.Official)


@pytest.mark.parametrize("leaf", LEAVES, ids=lambda leaf: leaf.id)
@pytest.mark.parametrize("on", [dt.date(2019, 6, 1), dt.date(2020, 3, 1), dt.date(2020, 7, 1)])
def test_compiled_leaf_matches_the_reference(leaf, on):
    standard = attrs.evolve(BASE, id="t.leaf", requirements=leaf, applies_to=std.AppliesTo(),
                            transitional=(), valid_from=None, valid_until=None)
    catalog = Catalog(standards={standard.id: standard}, tables=CATALOG.tables,
                      sources={standard.id: "test"})
    assert compile_catalog(on, catalog)["t.leaf"].vectorised
    people = list(_people())
    frame = check_frame(people, on, catalog)
    got = dict(zip(frame["official_id"], frame["outcome"], strict=True))
    expected = {p.id: std.evaluate(p, standard, on, catalog=catalog).outcome.code for p in people}
    assert got == expected
    assert len(set(expected.values())) >= (1 if leaf.id == "open" else 2)
    sql_rows(people, on, catalog, label="new leaves")  # DuckDB agrees too
