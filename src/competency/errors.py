"""Exceptions. Each carries the bad input as fields and says what was expected."""

from __future__ import annotations

import difflib

import attrs

__all__ = [
    "CompetencyError",
    "DataFileError",
    "InputError",
    "UnknownItemError",
    "UnknownTermError",
]


class CompetencyError(Exception):
    """Root of every error this library raises on purpose."""


@attrs.define(eq=False, str=False)
class UnknownTermError(CompetencyError, KeyError):
    """A code or label that is not in a vocabulary."""

    vocabulary: str
    value: str
    valid: tuple[str, ...]

    def __str__(self) -> str:
        hint = difflib.get_close_matches(self.value, self.valid, n=1)
        did_you_mean = f" (did you mean {hint[0]!r}?)" if hint else ""
        return (f"unknown {self.vocabulary} {self.value!r}{did_you_mean}; "
                f"expected one of: {', '.join(self.valid)}")


@attrs.define(eq=False, str=False)
class InputError(CompetencyError, ValueError):
    """An input that cannot be used at all: missing file, unknown format."""

    message: str
    source: str = ""

    def __str__(self) -> str:
        return f"{self.source}: {self.message}" if self.source else self.message


@attrs.define(eq=False, str=False)
class DataFileError(CompetencyError, ValueError):
    """A bundled or overlay data file (standard, table) that does not match its schema."""

    source: str
    problems: tuple[str, ...]

    def __str__(self) -> str:
        return f"{self.source}: invalid data file\n" + "\n".join(f"  {p}" for p in self.problems)


@attrs.define(eq=False, str=False)
class UnknownItemError(CompetencyError, KeyError):
    """An id that a catalogue (of standards, frameworks, programmes, …) does not hold."""

    kind: str
    item_id: str
    known: tuple[str, ...]

    def __str__(self) -> str:
        close = difflib.get_close_matches(self.item_id, self.known, n=3, cutoff=0.5)
        hint = f"; did you mean: {', '.join(close)}?" if close else ""
        return f"unknown {self.kind} {self.item_id!r}{hint}"
