"""A roster uploaded from the page: the multipart form read, the file checked from a temporary
copy, the results workbook written as ``competency check --format xlsx`` writes it.

The roster readers work on files (the format comes from the suffix, workbooks are zip
archives), so the upload is written to a private temporary directory that is removed as
soon as the check is done, whatever happens. Only the suffix of the uploaded name is used;
the name itself is shown, never opened.
"""

from __future__ import annotations

import datetime as dt
import tempfile
from collections.abc import AsyncIterator, Mapping
from pathlib import Path, PurePosixPath, PureWindowsPath
from typing import Any

import attrs

from competency.errors import CompetencyError
from competency.io import FORMATS
from competency.io.report import invalid_entry
from competency.io.roster import CheckedRecord, Tally, checked_records
from competency.serve.problem import Problem
from competency.standards.catalogue import Catalog
from competency.standards.summary import CheckCounts, results_for
from competency.standards.workbook import write_results_workbook

__all__ = ["Checked", "Upload", "check_upload", "read_form"]

SUFFIXES = tuple(f".{s}" for s in FORMATS)
"""The file name endings a roster can have (as ``competency check`` reads them)."""


@attrs.frozen(kw_only=True)
class Upload:
    """What the form sent: the file's name and bytes, the as-of date and the language."""

    name: str
    content: bytes
    on: dt.date
    lang: str = "vi"


@attrs.frozen(kw_only=True)
class Checked:
    """The check of an upload: counts, summary, invalid records (located by the uploaded
    name) and the results workbook as bytes."""

    upload: Upload
    tally: Tally
    summary: dict[str, Any]
    invalid: tuple[dict[str, Any], ...]
    workbook: bytes


async def _replay(body: bytes) -> AsyncIterator[bytes]:
    yield body


def _base_name(name: str) -> str:
    """The name without any folder a browser may send (``C:\\fakepath\\x.xlsx``)."""
    return PureWindowsPath(PurePosixPath(name).name).name


async def read_form(body: bytes, headers: Mapping[str, str], today: dt.date) -> Upload:
    """The upload in a ``multipart/form-data`` body already read within the size limit."""
    from starlette.datastructures import Headers, UploadFile
    from starlette.formparsers import MultiPartException, MultiPartParser

    media = headers.get("content-type", "").split(";", 1)[0].strip().lower()
    if media != "multipart/form-data":
        raise Problem(400, "the form must be sent as multipart/form-data (a file upload)")
    try:
        form = await MultiPartParser(Headers(headers=dict(headers)), _replay(body), max_files=1,
                                     max_fields=8).parse()
    except MultiPartException as exc:
        raise Problem(400, f"the form cannot be read: {exc.message}") from None
    try:
        file = form.get("roster")
        if not isinstance(file, UploadFile) or not file.filename:
            raise Problem(400, "no roster file was chosen")
        content = await file.read()
    finally:
        await form.close()
    return Upload(name=_base_name(file.filename), content=content,
                  on=_date(form.get("on"), today), lang=_lang(form.get("lang")))


def _date(value: Any, today: dt.date) -> dt.date:
    if not isinstance(value, str) or not value.strip():
        return today
    try:
        return dt.date.fromisoformat(value.strip())
    except ValueError:
        raise Problem(400, f"expected an as-of date YYYY-MM-DD, got {value[:40]!r}") from None


def _lang(value: Any) -> str:
    if value in (None, ""):
        return "vi"
    if value not in ("vi", "en"):
        raise Problem(400, f"expected the language vi or en, got {str(value)[:20]!r}")
    return value


def _suffix(name: str) -> str:
    suffix = PurePosixPath(name).suffix.lower()
    if suffix not in SUFFIXES:
        raise Problem(400, f"{name}: a roster is a file ending in {', '.join(SUFFIXES)} "
                           f"(XLSX or CSV with Vietnamese headers, or JSON Lines)")
    return suffix


def _entry(record: CheckedRecord, name: str) -> dict[str, Any]:
    """:func:`~competency.io.report.invalid_entry`, located by the uploaded name."""
    shown = attrs.evolve(record, raw=attrs.evolve(
        record.raw, location=attrs.evolve(record.raw.location, file=name)))
    return invalid_entry(shown)


def check_upload(upload: Upload, catalog: Catalog) -> Checked:
    """Check the uploaded roster as ``competency check ROSTER --on DATE --format xlsx`` does.

    Runs in a worker thread; the temporary directory is gone when this returns or raises.
    """
    suffix = _suffix(upload.name)
    with tempfile.TemporaryDirectory(prefix="competency-upload-") as scratch:
        path = Path(scratch) / f"roster{suffix}"
        path.write_bytes(upload.content)
        tally, counts, invalid, results = Tally(), CheckCounts(), [], []
        try:
            for record in checked_records(path):
                tally.add(record)
                if record.official is None:
                    invalid.append(_entry(record, upload.name))
                    continue
                these = results_for(record.official, upload.on, catalog)
                counts.add(these)
                results.extend(these)
            book = Path(scratch) / "ket-qua.xlsx"
            write_results_workbook(results, book)
            workbook = book.read_bytes()
        except CompetencyError as exc:
            message = str(getattr(exc, "message", exc)).replace(str(path), upload.name)
            raise Problem(400, f"{upload.name}: {message}") from None
    return Checked(upload=upload, tally=tally, summary=counts.summary(tally),
                   invalid=tuple(invalid), workbook=workbook)
