"""A refused request as data: an HTTP status and a JSON body that says why and where."""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from typing import Any

from competency.errors import UnknownItemError

__all__ = ["Problem", "close_matches", "not_found"]


class Problem(Exception):
    """A request the service refuses; the body is ``{"status", "error", …details}``.

    Raised anywhere under a handler and turned into a response by the application, so that
    every refusal has the same shape and none carries a traceback.
    """

    def __init__(self, status: int, message: str, **details: Any) -> None:
        super().__init__(message)
        self.status = status
        self.message = message
        self.details = details

    def body(self) -> dict[str, Any]:
        """The JSON body of the response."""
        return {"status": self.status, "error": self.message, **self.details}


def not_found(exc: UnknownItemError, location: str) -> Problem:
    """404 for an id a catalogue does not hold, with the closest known ids."""
    return Problem(404, str(exc), location=location,
                   did_you_mean=close_matches(exc.item_id, exc.known))


def close_matches(word: str, known: Iterable[str]) -> list[str]:
    """Up to three known words close to ``word`` (as :class:`UnknownItemError` suggests)."""
    return difflib.get_close_matches(word, list(known), n=3, cutoff=0.5)
