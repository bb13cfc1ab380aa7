"""Spreadsheet cells to JSON values.

People type the same fact many ways: "Nữ" or "female", "01/05/1990" or a date cell,
"x" for yes. Each converter accepts the usual spellings, returns the value the record
schema expects, and otherwise raises :class:`CellError` saying what it accepts.
"""

from __future__ import annotations

import datetime as dt
import difflib
import math
import re
import unicodedata
from typing import Any

import attrs

from competency.errors import UnknownTermError
from competency.vocab import LanguageLevel, Term, fold

__all__ = ["NONE_MARKERS", "CellError", "Code", "Date", "Flag", "Language", "LanguageLevelCell",
           "Number", "Schooling", "Text", "Vocabulary", "VocabularyList", "With", "cell_text",
           "is_blank", "is_none_marker", "vocabulary_values"]

NONE_MARKERS = ("không", "không có", "chưa có", "chưa", "none", "-", "–", "—")
"""Cell texts that record "none" in a qualification column (accents and case ignored)."""

_DASHES = frozenset(m for m in NONE_MARKERS if not fold(m))
_NONE_FOLDED = frozenset(fold(m) for m in NONE_MARKERS) - {""}


class CellError(ValueError):
    """A cell value that its column does not accept; the message names the value."""


@attrs.frozen
class With:
    """A cell value that also filled sibling fields of the same record part."""

    value: Any
    siblings: dict[str, Any]


def is_blank(value: Any) -> bool:
    """An empty cell: the record does not say (unknown)."""
    return value is None or (isinstance(value, str) and not value.strip())


def is_none_marker(value: Any) -> bool:
    """A cell that explicitly records none ("không", "chưa có", "-")."""
    return isinstance(value, str) and (value.strip() in _DASHES or fold(value) in _NONE_FOLDED)


_FORMULA_SIGNS = ("=", "+", "-", "@")
"""What a spreadsheet reads a formula from, at the start of a cell."""


def cell_text(value: Any) -> str:
    """Cell text, NFC-normalised so that composed and decomposed Vietnamese compare equal,
    without the whitespace around it.

    Whitespace before a formula sign (``\t=1+2``) is kept: it is what makes the text
    inert in a spreadsheet, and trimming it would hand the formula on.
    """
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = unicodedata.normalize("NFC", str(value))
    stripped = text.strip()
    if stripped.startswith(_FORMULA_SIGNS) and stripped[0] != text[0]:
        return text.rstrip()
    return stripped


@attrs.frozen
class Text:
    """Free text, kept as written."""

    accepted = "text"

    def __call__(self, value: Any) -> str:
        return cell_text(value)


@attrs.frozen
class Code:
    """A numeric administrative code; leading zeros lost by spreadsheets are restored."""

    width: int

    @property
    def accepted(self) -> str:
        return f"a {self.width}-digit code (a shorter number gets its leading zeros back)"

    def __call__(self, value: Any) -> str:
        text = cell_text(value)
        if not text.isdigit() or len(text) > self.width:
            msg = f"{text!r} is not a {self.width}-digit code"
            raise CellError(msg)
        return text.zfill(self.width)


_DMY = re.compile(r"^([0-9]{1,2})[/.-]([0-9]{1,2})[/.-]([0-9]{4})$")
_ISO = re.compile(r"^([0-9]{4})-([0-9]{2})-([0-9]{2})(?:[ T]00:00(?::00)?)?$")


@attrs.frozen
class Date:
    """A date as ``YYYY-MM-DD``, Vietnamese ``dd/mm/yyyy`` or a spreadsheet date cell."""

    accepted = "a date: YYYY-MM-DD, dd/mm/yyyy or a date cell"

    def __call__(self, value: Any) -> str:
        if isinstance(value, dt.datetime):
            return value.date().isoformat()
        if isinstance(value, dt.date):
            return value.isoformat()
        text = cell_text(value)
        if match := _ISO.match(text):
            year, month, day = match.groups()
        elif match := _DMY.match(text):
            day, month, year = match.groups()
        else:
            msg = f"{text!r} is not {self.accepted}"
            raise CellError(msg)
        try:
            return dt.date(int(year), int(month), int(day)).isoformat()
        except ValueError as exc:
            msg = f"{text!r} is not a valid date ({exc})"
            raise CellError(msg) from None


_TRUE = frozenset({"co", "x", "yes", "true", "1", "dung", "y"})
_FALSE = frozenset({"khong", "no", "false", "0", "sai", "n"})


@attrs.frozen
class Flag:
    """A yes/no cell."""

    accepted = "có/không, x, yes/no, true/false, 1/0"

    def __call__(self, value: Any) -> bool:
        if isinstance(value, bool):
            return value
        folded = fold(cell_text(value))
        if folded in _TRUE:
            return True
        if folded in _FALSE:
            return False
        msg = f"{cell_text(value)!r} is not yes or no; expected {self.accepted}"
        raise CellError(msg)


_SCHOOLING = re.compile(r"^([0-9]{1,2}) ?/ ?(10|12)$")


@attrs.frozen
class Schooling:
    """Upper-secondary graduation: yes/no, or the grade reached as ``12/12`` or ``10/10``."""

    accepted = f"{Flag.accepted}, or the grade reached such as 12/12, 9/12, 10/10"

    def __call__(self, value: Any) -> bool:
        if match := _SCHOOLING.match(cell_text(value)):
            grade, system = (int(g) for g in match.groups())
            return grade >= system
        try:
            return Flag()(value)
        except CellError:
            msg = f"{cell_text(value)!r} is not yes, no or a grade; expected {self.accepted}"
            raise CellError(msg) from None


@attrs.frozen
class Number:
    """A finite number; a decimal comma ("6,5") is read as a decimal point.

    ``nan`` and ``inf``, which :class:`float` reads, are not numbers of a record.
    """

    accepted = "a number"

    def __call__(self, value: Any) -> float | int:
        if isinstance(value, int) and not isinstance(value, bool):
            return value
        if isinstance(value, float) and math.isfinite(value):
            return value
        text = cell_text(value).replace(",", ".")
        try:
            number = float(text)
        except ValueError:
            number = math.nan
        if not math.isfinite(number):
            msg = f"{cell_text(value)!r} is not a number"
            raise CellError(msg)
        return int(number) if number.is_integer() and "." not in text else number


def vocabulary_values(term: type[Term]) -> str:
    """The codes of a vocabulary with their Vietnamese labels, for messages and docs."""
    return ", ".join(f"{m.code} ({m.vi})" for m in term)


@attrs.frozen
class Vocabulary:
    """A vocabulary member, given as its code or a Vietnamese or English label; written as the code.

    An ``open`` vocabulary also accepts codes it does not list (ranks of other
    professions), kept as written.
    """

    term: type[Term]
    open: bool = False

    @property
    def accepted(self) -> str:
        other = "; or any other code" if self.open else ""
        return f"{vocabulary_values(self.term)}{other}"

    def __call__(self, value: Any) -> str:
        text = cell_text(value)
        try:
            return self.term.parse(text).code
        except UnknownTermError:
            if self.open:
                return text
            raise CellError(self._unknown(text)) from None

    def _unknown(self, text: str) -> str:
        spellings = {fold(s): m for m in self.term for s in (m.code, m.vi, m.en, *m.aliases)}
        close = difflib.get_close_matches(fold(text), spellings, n=1)
        hint = f" (did you mean {spellings[close[0]].vi!r}?)" if close else ""
        return f"unknown value {text!r}{hint}; expected one of: {vocabulary_values(self.term)}"


LANGUAGES: dict[str, str] = {
    "en": "en", "anh": "en", "tieng anh": "en", "anh van": "en", "english": "en",
    "fr": "fr", "phap": "fr", "tieng phap": "fr", "french": "fr",
    "zh": "zh", "trung": "zh", "tieng trung": "zh", "hoa": "zh", "tieng hoa": "zh",
    "chinese": "zh",
    "ru": "ru", "nga": "ru", "tieng nga": "ru", "russian": "ru",
    "ja": "ja", "nhat": "ja", "tieng nhat": "ja", "japanese": "ja",
    "ko": "ko", "han": "ko", "tieng han": "ko", "korean": "ko",
    "de": "de", "duc": "de", "tieng duc": "de", "german": "de",
    "lo": "lo", "lao": "lo", "tieng lao": "lo",
    "km": "km", "khmer": "km", "tieng khmer": "km",
}
"""Language names commonly written in rosters (folded) → ISO 639-1 code."""


@attrs.frozen
class Language:
    """A language: common names ("Tiếng Anh") become ISO 639-1 codes, others are kept as written."""

    accepted = "an ISO 639-1 code, a name such as Tiếng Anh, Pháp, Trung, or an ethnic language"

    def __call__(self, value: Any) -> str:
        text = cell_text(value)
        return LANGUAGES.get(fold(text), text)


@attrs.frozen
class LanguageLevelCell:
    """A level on the six-level framework, alone ("B1", "Bậc 3") or after its language
    ("Tiếng Anh B1"), the way the "Ngoại ngữ" column is usually filled."""

    accepted = (f"{vocabulary_values(LanguageLevel)}, or CEFR A1-C2; "
                "optionally after the language, as in Tiếng Anh B1")

    def __call__(self, value: Any) -> str | With:
        text = cell_text(value)
        try:
            return LanguageLevel.parse(text).code
        except UnknownTermError:
            pass
        folded = fold(text)
        for name in sorted(LANGUAGES, key=len, reverse=True):
            if folded.startswith(name + " "):
                try:
                    level = LanguageLevel.parse(folded[len(name) + 1:]).code
                except UnknownTermError:
                    break
                return With(level, {"language": LANGUAGES[name]})
        raise CellError(Vocabulary(LanguageLevel)._unknown(text))


@attrs.frozen
class VocabularyList:
    """Several members of a vocabulary in one cell, separated by ``;``, ``,`` or line breaks."""

    term: type[Term]

    @property
    def accepted(self) -> str:
        return f"one or more of: {vocabulary_values(self.term)}"

    def __call__(self, value: Any) -> list[str]:
        one = Vocabulary(self.term)
        return [one(part) for part in re.split(r"[;,\n]", cell_text(value)) if part.strip()]
