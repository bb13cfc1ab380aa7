"""Every reader, on broken and hostile files: records or one InputError, never a traceback,
and every record counted (read = valid + invalid) the same way by every path."""

from __future__ import annotations

import functools
import io
import tempfile
import zipfile
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from competency.errors import CompetencyError, InputError
from competency.io import RawRecord, read_records
from competency.io.roster import Tally, checked_records, reported_records
from competency.io.safe_yaml import load_yaml
from tests.fuzz import mutations as mu
from tests.fuzz.conftest import FUZZ

_DIR = Path(tempfile.mkdtemp(prefix="competency-fuzz-"))


def _file(name: str, data: bytes) -> Path:
    path = _DIR / name
    path.write_bytes(data)
    return path


def assert_accounted(path: Path) -> None:
    """The reader's records, ``validate``'s tally and the analyses' records agree."""
    try:
        records = list(read_records(path))
    except InputError:
        return
    assert all(isinstance(r, RawRecord) for r in records)
    tally = Tally()
    try:
        for _ in reported_records(path, tally, jobs=1):
            pass
    except InputError as exc:
        assert not records, exc
        assert "no records in the file" in str(exc)
        return
    assert tally.read == len(records) == tally.valid + tally.invalid
    checked = list(checked_records(path))
    assert len(checked) == tally.read
    assert sum(bool(c.errors) for c in checked) == tally.invalid
    assert all(c.errors or c.official is not None for c in checked)


@pytest.mark.parametrize(("name", "render"), [("r.jsonl", mu.jsonl_text),
                                              ("r.json", mu.json_text)])
@FUZZ
@given(st.data())
def test_json_files(name, render, data):
    """JSON Lines and JSON arrays, mutated: every record accounted for, no traceback."""
    raw = data.draw(mu.mutated(data.draw(mu.encoded(render(data.draw(mu.records()))))))
    assert_accounted(_file(name, raw))


@FUZZ
@given(st.data())
def test_csv(data):
    rows = data.draw(mu.records())
    text = mu.csv_text(rows, data.draw(st.sampled_from([",", ";", "\t"])))
    raw = data.draw(mu.mutated(data.draw(mu.encoded(text))))
    assert_accounted(_file("r.csv", raw))


@functools.cache
def _workbook(chosen: tuple[int, ...]) -> bytes:
    return mu.xlsx_bytes([mu.RECORDS[i] for i in chosen])


@FUZZ
@given(st.data())
def test_xlsx(data):
    chosen = tuple(data.draw(st.lists(st.integers(0, len(mu.RECORDS) - 1), min_size=1,
                                      max_size=3)))
    book = _workbook(chosen)
    how = data.draw(st.sampled_from(["zip", "part"]))
    if how == "zip":  # bytes of the archive itself: mostly refused as not a workbook
        raw = data.draw(mu.mutated(book))
    else:  # a part of the workbook mutated and zipped again: openpyxl parses it
        with zipfile.ZipFile(io.BytesIO(book)) as archive:
            names = sorted(n for n in archive.namelist() if n.endswith(".xml"))
            part = data.draw(st.sampled_from(names))
            content = archive.read(part)
        raw = mu.rezipped(book, part, data.draw(mu.mutated(content)))
    assert_accounted(_file("r.xlsx", raw))


DATA_FILE = (Path(__file__).resolve().parents[2] / "src" / "competency" / "data" / "standards"
             / "vn" / "nd-33-2023.yaml").read_bytes()


@FUZZ
@given(st.data())
def test_yaml_data_file(data):
    """A data file (standard, overlay, framework): parsed, or one ValueError with a message."""
    base = data.draw(st.sampled_from([DATA_FILE[:4000], b"a: &a [x, x]\nb: [*a, *a]\n",
                                      b"id: x\nlist: [1, 2]\n"]))
    raw = data.draw(mu.mutated(base))
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        return
    try:
        load_yaml(text)
    except ValueError as exc:
        assert str(exc)


@FUZZ
@given(st.data())
def test_overlay_file(data):
    """An overlay file through the catalogue: loaded without replacing any shipped standard, or
    a CompetencyError (exit 2); never another exception."""
    raw = data.draw(mu.mutated(DATA_FILE))
    path = _file("overlay.yaml", raw)
    try:
        loaded = _catalog().with_file(path)
    except CompetencyError:
        return
    shipped = _catalog()
    assert all(loaded.standards[i] is shipped.standards[i] for i in shipped.ids())
    assert all(loaded.sources[i] == str(path) for i in set(loaded.ids()) - set(shipped.ids()))


@functools.cache
def _catalog():
    from competency.standards.catalogue import Catalog
    return Catalog.builtin()


@pytest.mark.parametrize("snippet", mu.SNIPPETS)
def test_each_snippet_in_each_reader(snippet):
    """Every hostile snippet at the start, middle and end of every kind of file, once."""
    rows = mu.RECORDS
    for name, text in [("r.jsonl", mu.jsonl_text(rows)), ("r.json", mu.json_text(rows)),
                       ("r.csv", mu.csv_text(rows))]:
        data = text.encode()
        for at in (0, len(data) // 2, len(data)):
            assert_accounted(_file(name, data[:at] + snippet + data[at:]))


@functools.cache
def _vector_worker():
    import datetime as dt

    from competency.vector._bulk import Job, _Worker
    return _Worker(Job(file=str(_DIR / "v.jsonl"), on=dt.date(2025, 6, 30)))


@FUZZ
@given(st.data())
def test_jsonl_by_the_vector_engine(data):
    """``check --engine vector`` reads the same lines: every one counted, no traceback."""
    pytest.importorskip("polars")
    text = mu.jsonl_text(data.draw(mu.records()))
    raw = data.draw(mu.mutated(text.encode()))
    path = _file("v.jsonl", raw)
    report = _vector_worker().run(0, len(raw))
    lines = sum(1 for line in raw.removeprefix(b"\xef\xbb\xbf").split(b"\n") if line.strip())
    assert report.read == lines
    assert report.invalid == len(report.invalid_records) <= report.read
    assert path.stat().st_size == len(raw)
