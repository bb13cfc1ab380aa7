"""What every command shares: the consoles, dates, exit codes, reading a roster, error printing."""

from __future__ import annotations

import contextlib
import datetime as dt
import enum
import sys
import time
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any, Literal, TextIO, TypeVar

import typer
from rich.console import Console
from rich.text import Text

from competency.cli._messages import message, record_error
from competency.io import Progress
from competency.io.assessments import Checked
from competency.io.roster import CheckedRecord, Tally, after_notes, checked_records
from competency.model.official import Official
from competency.standards.catalogue import Catalog

__all__ = ["EXIT_INVALID", "EXIT_OK", "EXIT_UNUSABLE", "LANG", "PROGRESS_DELAY", "REDACT", "Format", "Lang",
           "checked_roster", "err", "exit_status", "load_catalog", "out", "parse_date",
           "print_invalid", "print_wrote", "reading", "tally_counts", "valid_officials",
           "valid_values", "write_stdout"]

T = TypeVar("T")

Lang = Literal["vi", "en"]
"""The languages every message and report is written in."""

LANG = typer.Option("vi", "--lang", help="vi (tiếng Việt) or en (English)")
"""The ``--lang`` option of every command that writes for people."""

EXIT_OK = 0
EXIT_INVALID = 1
EXIT_UNUSABLE = 2

# Tables keep a readable width when piped to a file (rich assumes 80 columns off a terminal).
out = Console(highlight=False, markup=False, emoji=False,
              width=None if sys.stdout.isatty() else 160)
err = Console(stderr=True, soft_wrap=True, highlight=False, markup=False, emoji=False)


class Format(str, enum.Enum):
    """Output formats of the reporting commands."""

    TABLE = "table"
    TEXT = "text"
    JSON = "json"
    JSONL = "jsonl"
    CSV = "csv"
    XLSX = "xlsx"
    PARQUET = "parquet"


def parse_date(value: str | None) -> dt.date:
    """An ISO date from an option; today when absent."""
    if value is None:
        return dt.date.today()
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise typer.BadParameter(f"expected a date YYYY-MM-DD, got {value!r}") from None


def load_catalog(overlays: list[Path] | None, lang: str = "en") -> Catalog:
    """The built-in catalogue plus any overlay files, in the order given.

    Each standard an overlay replaces is named on standard error (in ``lang``): a
    province's rule never changes a national result without a word.
    """
    catalog = national = Catalog.builtin()
    for path in overlays or ():
        catalog = catalog.with_file(path)
        for new, old in catalog.replacements(str(path)):
            key = "replaces-national" if old.id in national.standards else "replaces"
            err.print(message(key, lang, path=path, new=new.id, old=old.id,
                              cite=old.legal_basis[0].cite(lang)), markup=False)
    return catalog


def print_invalid(record: CheckedRecord | Checked[Any], lang: str = "en") -> None:
    """One line per error: ``file:line: /pointer: message`` on standard error, in ``lang``."""
    for error in record.errors:
        err.print(f"{record.raw.location}: {record_error(error, lang)}", markup=False)


def valid_values(records: Iterable[Checked[T]], lang: str = "en") -> tuple[list[T], Tally]:
    """The valid values of an assessments or participations file, and the counts; each
    invalid record printed with its location, in ``lang``."""
    tally, valid = Tally(), []
    for checked in records:
        tally.read += 1
        if checked.value is None:
            tally.invalid += 1
            print_invalid(checked, lang)
        else:
            tally.valid += 1
            valid.append(checked.value)
    return valid, tally


AFTER_NOTES_SHOWN = 5
"""Notes of dates after the as-of date shown by a report command; the rest are counted."""

PROGRESS_DELAY = 1.0
"""Seconds of reading before a progress bar appears: short runs never show one."""


def _isatty(stream: TextIO | Any) -> bool:
    isatty = getattr(stream, "isatty", None)
    try:
        return bool(isatty is not None and isatty())
    except ValueError:  # a closed stream
        return False


def _bar(console: Console) -> Any:
    """The progress display of :func:`reading` (rich's progress module loads only for it)."""
    from rich import progress as bars

    class Amount(bars.ProgressColumn):
        """``12.3/135.0 MB`` of a text file, ``1,200/5,000 rows`` of a workbook."""

        def __init__(self) -> None:
            super().__init__()
            self._bytes = bars.DownloadColumn()

        def render(self, task: bars.Task) -> Text:
            if task.fields.get("unit", "bytes") == "bytes":
                return self._bytes.render(task)
            done = f"{int(task.completed):,}"
            total = f"/{int(task.total):,}" if task.total is not None else ""
            return Text(f"{done}{total} rows", style="progress.download")

    return bars.Progress(bars.SpinnerColumn(), bars.TextColumn("{task.description}"),
                         bars.BarColumn(), Amount(), bars.TimeRemainingColumn(),
                         console=console, transient=True, redirect_stderr=False,
                         # output for the terminal too goes above the bar, not across it
                         redirect_stdout=_isatty(sys.stdout))


@contextlib.contextmanager
def reading(path: Path, *, console: Console | None = None,
            delay: float | None = None) -> Iterator[Progress | None]:
    """A progress bar on standard error while ``path`` is read; gives the readers' callback.

    The bar follows the bytes read (rows for a workbook), so nothing is counted before
    reading starts. It appears after ``delay`` seconds (:data:`PROGRESS_DELAY` unless
    given), only when the console (standard error unless given) writes to
    a terminal (never when standard error is piped or redirected, whatever ``FORCE_COLOR``
    says), and disappears when the reading ends. Without a terminal the callback is
    None and the readers do no extra work.
    """
    console = err if console is None else console
    delay = PROGRESS_DELAY if delay is None else delay
    if not (console.is_interactive and _isatty(console.file)):
        yield None
        return
    bar = _bar(console)
    task = bar.add_task(f"reading {path.name}", total=None, unit="bytes")
    started, shown = time.monotonic(), False

    def update(done: int, total: int | None, unit: str) -> None:
        nonlocal shown
        bar.update(task, completed=done, total=total, unit=unit)
        if not shown and time.monotonic() - started >= delay:
            bar.start()
            shown = True

    try:
        yield update
    finally:
        if shown:
            bar.stop()


def checked_roster(roster: Path, **options: Any) -> Iterator[CheckedRecord]:
    """:func:`~competency.io.roster.checked_records` of a roster, with :func:`reading`'s bar."""
    with reading(roster) as progress:
        yield from checked_records(roster, progress=progress, **options)


REDACT = typer.Option(False, "--redact",
                      help="Do not repeat personal values (x-pii fields) in messages")
"""The ``--redact`` option of every command that prints invalid records."""


def valid_officials(roster: Path, tally: Tally, on: dt.date | None = None, *,
                    redact: bool = False, lang: str = "en") -> Iterator[Official]:
    """The valid officials of a roster, one at a time; invalid records printed and counted.

    A generator, so that a large roster is never held in memory: ``tally`` is complete
    only once it has been consumed. A long read shows a progress bar on a terminal. With
    the as-of date ``on``, an event dated after it is noted (:func:`after_notes`).
    ``redact`` keeps personal values out of the messages (see ``--redact``); the notes are
    written in ``lang``, the first :data:`AFTER_NOTES_SHOWN` of them, the rest counted.
    """
    label = message("note", lang)
    shown = hidden = 0
    for record in checked_roster(roster, redact=redact):
        tally.add(record)
        if record.official is None:
            print_invalid(record, lang)
            continue
        if on is not None:
            for note in after_notes(record.raw.data, on, lang=lang):  # type: ignore[arg-type]
                if shown < AFTER_NOTES_SHOWN:
                    err.print(f"{record.raw.location}: {label}: {note}", markup=False)
                    shown += 1
                else:
                    hidden += 1
        yield record.official
    if hidden:
        err.print(f"{roster}: {label}: {message('more-after', lang, n=hidden, on=on)}",
                  markup=False)


def tally_counts(tally: Tally, lang: str = "en") -> str:
    """``read N, valid N, invalid N`` (in ``lang``): how every command reports what it read."""
    return message("counts", lang, read=tally.read, valid=tally.valid, invalid=tally.invalid)


def print_wrote(path: Path, lang: str = "en") -> None:
    """``wrote FILE`` on standard error, once a report file is complete."""
    err.print(message("wrote", lang, file=path), markup=False)


def exit_status(*tallies: Tally | None) -> int:
    """EXIT_INVALID when any input file had an invalid record, else EXIT_OK."""
    return EXIT_INVALID if any(t is not None and t.invalid for t in tallies) else EXIT_OK


def write_stdout(text: str) -> None:
    """Plain text to standard output, bypassing rich markup."""
    sys.stdout.write(text)
