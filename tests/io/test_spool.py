"""The spool reads records back as ``sorted`` orders them; streamed JSON is ``json.dumps``'s text."""

from __future__ import annotations

import io
import json
import random
import tracemalloc

import pytest

import competency.io.spool as spool_module
from competency.io.json_stream import Rows, write_json
from competency.io.spool import Spool


@pytest.mark.parametrize("run", [1, 3, 7, 1000])
def test_spool_is_a_stable_sort(run: int) -> None:
    rng = random.Random(run)
    records = [((rng.randint(0, 5), rng.choice(["a", "b", "c"])), i) for i in range(200)]
    spool: Spool[int] = Spool(run=run)
    for key, value in records:
        spool.add(key, value)
    expected = [v for _, v in sorted(records, key=lambda r: r[0])]
    assert list(spool) == expected
    assert list(spool) == expected  # read again
    assert len(spool) == 200 and spool.head(5) == expected[:5]
    spool.close()


def test_empty_spool() -> None:
    assert list(Spool()) == [] and not Spool()


DOCS = [
    {"a": [], "b": [1, 2, {"c": []}], "d": {"e": [{"f": "x\ny"}, {"g": None}]}},
    {"x": "ơ ư", "rows": [{"id": i, "who": [str(i)] * i, "deep": {"z": []}} for i in range(4)]},
    [],
    [[], [[]], {"k": [1]}],
]


def _streamed(value: object) -> object:
    """Every list of ``value`` turned into a Rows over a generator (read once)."""
    if isinstance(value, list):
        return Rows((x for x in [_streamed(v) for v in value]), nested=True)
    if isinstance(value, dict):
        return {k: _streamed(v) for k, v in value.items()}
    return value


@pytest.mark.parametrize("doc", DOCS)
def test_streamed_json_is_the_dumped_text(doc: object) -> None:
    out = io.StringIO()
    write_json(_streamed(doc), out)
    assert out.getvalue() == json.dumps(doc, ensure_ascii=False, indent=2) + "\n"


@pytest.mark.parametrize("doc", DOCS[:2])
def test_flat_rows_are_dumped_whole(doc: dict) -> None:
    streamed = {k: Rows(iter(v)) if isinstance(v, list) else v for k, v in doc.items()}
    out = io.StringIO()
    write_json({"top": streamed}, out)
    assert out.getvalue() == json.dumps({"top": doc}, ensure_ascii=False, indent=2) + "\n"


def test_spilled_records_come_back_whole() -> None:
    records = [{"vi": f"bac_{i}", "en": f"level {i}", "more": [f"x{i}", (f"y{i}",)]}
               for i in range(50)]
    spool: Spool[dict] = Spool(run=4)
    for i, record in enumerate(records):
        spool.add(-i, record)
    assert list(spool) == records[::-1]


def _peak(n: int) -> int:
    """Peak traced bytes of spooling ``n`` records of about 1 kB and reading them back."""
    tracemalloc.start()
    try:
        spool: Spool[str] = Spool(run=1000)
        for i in range(n):
            spool.add((i * 7919) % n, f"{i:08d}" * 128)
        assert sum(1 for _ in spool) == n
        spool.close()
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def test_memory_is_flat_in_the_number_of_records() -> None:
    # ten times the records, less than twice the peak: one run in memory, one record per run
    assert _peak(20_000) < 2 * _peak(2_000)


def test_many_runs_are_merged_on_the_way(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(spool_module, "FAN_IN", 3)
    rng = random.Random(9)
    keys = [rng.randint(0, 40) for _ in range(500)]
    spool: Spool[int] = Spool(run=5)
    for i, key in enumerate(keys):
        spool.add(key, i)
    assert len(spool._files) < 3
    assert list(spool) == sorted(range(500), key=lambda i: keys[i])
