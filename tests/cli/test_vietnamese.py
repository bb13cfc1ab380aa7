"""``competency check --lang vi`` speaks Vietnamese: no English word but codes and ids.

Every word of the table, the notes and the summary is taken; codes (rule ids, title and
standard codes, dates, instruments) are words with a digit, dot, hyphen or underscore, or
the rule ids of the catalogue. What is left must be Vietnamese: a word with a Vietnamese
letter, or one of the accentless Vietnamese words listed here.
"""

from __future__ import annotations

import datetime as dt
import json
import re

from competency.io.roster import after_notes
from competency.rules.nodes import walk
from competency.standards.catalogue import Catalog
from tests.cli.test_cli import SAMPLE, run

ACCENTLESS_VIETNAMESE = {"Cao", "Trung", "danh", "do", "ghi", "sau", "Phong", "tra"}
"""Vietnamese words written without diacritics (syllables such as "Cao đẳng", "lý do")."""

WORD = re.compile(r"[^\W\d_][\w.\-/]*")
VIETNAMESE_LETTER = re.compile(r"[À-ỹđĐ]")


def _codes() -> set[str]:
    """Rule ids of every standard: shown as the code of each failing requirement."""
    return {node.id for s in Catalog.builtin() for node in walk(s.requirements)}


def test_check_in_vietnamese_prints_no_english_word():
    for on in ("2020-06-01", "2024-06-01", "2025-07-01"):
        result = run("check", str(SAMPLE), "--on", on, "--lang", "vi", "--all")
        assert result.returncode == 0, result.stderr
        codes = _codes()
        english = sorted({w for w in WORD.findall(result.stdout + result.stderr)
                          if not re.search(r"[\d._\-/]", w) and w not in codes
                          and not VIETNAMESE_LETTER.search(w)
                          and w not in ACCENTLESS_VIETNAMESE})
        assert english == [], on


def test_the_same_check_in_english_says_so():
    """The guard can fail: English output has English words."""
    result = run("check", str(SAMPLE), "--on", "2020-06-01", "--lang", "en")
    assert "records: read 38, valid 38, invalid 0" in result.stderr
    assert "officials without an applicable standard" in result.stderr


def test_dates_after_the_as_of_date_are_noted_a_few_then_counted():
    """The sample roster holds many dates after 2020-06-01: five notes, then one count."""
    result = run("check", str(SAMPLE), "--on", "2020-06-01", "--lang", "en")
    notes = [line for line in result.stderr.splitlines() if ": note: /" in line]
    assert len(notes) == 5
    last = next(line for line in result.stderr.splitlines() if "more dates after" in line)
    hidden = int(last.split("note: ")[1].split()[0])
    total = sum(len(after_notes(json.loads(line), dt.date(2020, 6, 1)))
                for line in SAMPLE.read_text(encoding="utf-8").splitlines())
    assert hidden == total - 5
