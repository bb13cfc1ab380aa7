"""International-facing posts: which posts carry the task, and who lacks which part of the
capability. The example roster (docs/examples/international-posts-roster.jsonl) is built so that
each official tests one case; the expected counts follow from the records, not from a run."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import attrs
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from competency import Official, structure
from competency.errors import DataFileError
from competency.frameworks.catalogue import FrameworkCatalog
from competency.frameworks.model import (
    PositionRef,
    PositionTask,
    PostTaskTable,
    TaskCompetency,
)
from competency.frameworks.tasks import _checks, carries, post_tasks, task_posts
from competency.model.assessment import Assessment
from competency.model.assessment_index import AssessmentIndex
from competency.model.selector import Selector
from competency.rules.outcome import Outcome
from competency.schema.convert import structure as structure_any
from competency.targets import capability_predicate, international
from competency.targets.catalogue import get_target_set
from tests import strategies as s

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "docs" / "examples"
ON = dt.date(2026, 1, 1)


def _officials() -> dict[str, Official]:
    lines = (EXAMPLES / "international-posts-roster.jsonl").read_text("utf-8").splitlines()
    return {o.id: o for o in (structure(json.loads(line), Official) for line in lines)}


def _assessments() -> AssessmentIndex:
    lines = (EXAMPLES / "international-posts-assessments.jsonl").read_text("utf-8").splitlines()
    return AssessmentIndex(structure_any(json.loads(line), Assessment) for line in lines)


OFFICIALS = _officials()
OVERLAY = FrameworkCatalog.builtin().with_file(EXAMPLES / "international-posts-overlay.yaml")


def _count(frameworks: FrameworkCatalog, assessments: AssessmentIndex | None = None, **kw):
    posts = international(ON, frameworks=frameworks, assessments=assessments, **kw)
    for official in OFFICIALS.values():
        posts.add(official)
    return posts


# -- the data ---------------------------------------------------------------------------------

def test_the_capability_is_the_indicator_predicate_not_a_copy():
    """The task names the Resolution 26 indicator; its predicate is the same rule object."""
    task = post_tasks().get(PositionTask.INTERNATIONAL)
    indicator = {i.id: i for i in get_target_set("vn.nq-26-2018-tw.province").indicators}
    assert capability_predicate(task) is indicator["international"].predicate
    assert task.illustrative and task.confidence.value == "illustrative"
    assert {c.instrument for c in task.legal_basis} >= {"62/2020/NĐ-CP"}


def test_table_checks_name_an_unknown_competency_with_its_pointer():
    table = post_tasks()
    task = table.tasks[0]
    bad = attrs.evolve(task, competencies=(TaskCompetency(
        framework="vn.minh-hoa.khung-nang-luc-cong-chuc", competency="juggling", level=2),))
    problems = _checks(PostTaskTable(tasks=(bad, task)))
    assert "/tasks/0/competencies/0/competency: vn.minh-hoa.khung-nang-luc-cong-chuc has no " \
           "competency 'juggling'" in problems
    assert "/tasks: task 'international' listed twice" in problems


def test_a_malformed_overlay_profile_task_is_a_located_error(tmp_path):
    text = (EXAMPLES / "international-posts-overlay.yaml").read_text("utf-8")
    path = tmp_path / "bad.yaml"
    path.write_text(text.replace("tasks: [international]", "tasks: [internationl]"), "utf-8")
    with pytest.raises(DataFileError) as caught:
        FrameworkCatalog.builtin().with_file(path)
    assert "/profiles/0/tasks/0" in str(caught.value)


# -- which posts carry the task ---------------------------------------------------------------

def test_job_position_selects_posts():
    """A selector with job_positions matches only posts that name one of them."""
    official = OFFICIALS["QT-01"]
    post = official.assignments[0]
    assert Selector(job_positions=("hop_tac_quoc_te",)).matches(official, post)
    assert not Selector(job_positions=("QN.XTDL.01",)).matches(official, post)
    assert not Selector(job_positions=("hop_tac_quoc_te",)).matches(official, None)
    ref = PositionRef(title="chuyen_vien", job_position="QN.XTDL.01")
    assert not ref.selector().matches(official, post)


@pytest.mark.parametrize(("who", "builtin", "overlay"), [
    ("QT-01", True, True),    # job position hop_tac_quoc_te: the built-in profile lists the task
    ("QT-02", True, True),
    ("QT-03", True, True),    # the record flags the post (international: true)
    ("QT-04", True, True),
    ("QT-05", False, True),   # the province's own job position, marked by the overlay only
    ("QT-06", False, False),  # an ordinary post
])
def test_which_posts_carry_the_international_task(who, builtin, overlay):
    official = OFFICIALS[who]
    post = official.assignments[0]
    task = PositionTask.INTERNATIONAL
    assert carries(task, official, post, FrameworkCatalog.builtin()) is builtin
    assert carries(task, official, post, OVERLAY) is overlay


def test_a_post_not_yet_started_is_not_counted():
    official = OFFICIALS["QT-02"]
    assert task_posts(PositionTask.INTERNATIONAL, official, dt.date(2024, 8, 31),
                      FrameworkCatalog.builtin()) == ()


# -- who lacks the capability -----------------------------------------------------------------

def test_counts_by_construction_with_assessments_and_overlay():
    """QT-01 capable; QT-02 lacks language and competency (experience unknown: not missing);
    QT-03 meets the rule but is not assessed (unknown); QT-04 lacks language and competency;
    QT-05 lacks experience only; QT-06 holds no such post."""
    posts = _count(OVERLAY, _assessments())
    total = posts.total
    assert (total.posts, len(total.holders), total.capable) == (5, 5, 1)
    assert total.lacking == ["QT-02", "QT-04", "QT-05"]
    assert total.unknown == ["QT-03"]
    assert total.gap == 3
    assert {k: sorted(v) for k, v in total.missing.items()} == {
        "language-bac-4": ["QT-02", "QT-04"], "foreign-language": ["QT-02", "QT-04"],
        "international-experience": ["QT-05"]}
    assert list(posts.parts) == ["language-bac-4", "international-experience", "foreign-language"]


def test_without_assessments_the_competency_is_unknown_never_missing():
    posts = _count(FrameworkCatalog.builtin())
    total = posts.total
    assert total.posts == 4
    assert "foreign-language" not in total.missing
    # QT-01 meets the rule, QT-03 too: without an assessment both are undecided, not capable.
    assert total.unknown == ["QT-01", "QT-03"] and total.capable == 0
    assert total.lacking == ["QT-02", "QT-04"]


def test_groups_by_unit_position_and_level_add_up():
    posts = _count(OVERLAY, _assessments())
    units = {g.key: (g.posts, g.gap) for g in posts.by("unit")}
    assert units == {"QN-VP": (2, 1), "QN-SCT": (1, 0), "QN-SVHTTDL": (2, 2)}
    assert sum(g.posts for g in posts.by("position")) == posts.total.posts
    assert {g.key for g in posts.by("position")} == {
        "chuyen_vien/hop_tac_quoc_te", "chuyen_vien/QN.XTDL.01", "giam_doc_so", "pho_giam_doc_so"}
    assert [(g.key, g.posts) for g in posts.by("level")] == [("province", 5)]


def test_population_limits_the_count_to_the_indicator():
    indicator = {i.id: i for i in get_target_set("vn.nq-26-2018-tw.province").indicators}
    posts = _count(OVERLAY, population=indicator["international"].population)
    assert sorted(posts.total.holders) == ["QT-03", "QT-04"]
    assert posts.total.lacking == ["QT-04"]


def test_part_outcomes_of_one_official():
    posts = international(ON, assessments=_assessments())
    official = OFFICIALS["QT-02"]
    parts = {p.id: p.outcome for p in posts.assess(official, official.assignments[0])}
    assert parts == {"language-bac-4": Outcome.UNMET, "international-experience": Outcome.UNKNOWN,
                     "foreign-language": Outcome.UNMET}


def test_as_dict_lists_missing_in_the_order_of_the_parts():
    data = _count(OVERLAY, _assessments()).as_dict(["unit"])
    assert list(data["total"]["missing"]) == ["language-bac-4", "international-experience",
                                              "foreign-language"]
    assert data["capability"] == {"target_set": "vn.nq-26-2018-tw.province",
                                  "indicator": "international"}
    assert data["illustrative"] is True


# -- invariants over drawn records ------------------------------------------------------------

@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(s.officials, max_size=6), st.sampled_from([ON, dt.date(2019, 12, 25)]))
def test_every_holder_is_capable_lacking_or_unknown_and_groups_add_up(people, on):
    people = [attrs.evolve(o, id=f"O{i}") for i, o in enumerate(people)]
    posts = international(on, frameworks=OVERLAY)
    for official in people:
        posts.add(official)
    total = posts.total
    holding = [o.id for o in people if task_posts(PositionTask.INTERNATIONAL, o, on, OVERLAY)]
    assert total.holders == holding
    assert total.capable + len(total.lacking) + len(total.unknown) == len(holding)
    assert total.capable >= 0 and not set(total.lacking) & set(total.unknown)
    assert set().union(*map(set, total.missing.values())) == set(total.lacking)
    assert "foreign-language" not in total.missing          # no assessments: never missing
    assert total.capable == 0                               # … so nobody is shown capable
    for dimension in ("unit", "position", "level"):
        assert sum(g.posts for g in posts.by(dimension)) == total.posts
