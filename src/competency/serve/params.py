"""Query parameters read as the command line's options are: dates, choices, switches.

A parameter the endpoint does not know, or a value it cannot use, is a 400 that names the
parameter (``location: query parameter on``), never a silent default.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Mapping

from competency.serve.problem import Problem, close_matches

__all__ = ["Query"]

_TRUE = {"1", "true", "yes", "on", ""}
_FALSE = {"0", "false", "no", "off"}


class Query:
    """The query parameters of one request, checked against those the endpoint accepts."""

    def __init__(self, params: Mapping[str, str], accepted: Collection[str]) -> None:
        for name in params:
            if name not in accepted:
                hint = close_matches(name, accepted)
                said = f"; did you mean {hint[0]!r}?" if hint else ""
                raise Problem(400, f"unknown query parameter {name!r}{said} "
                                   f"(accepted: {', '.join(sorted(accepted)) or 'none'})",
                              location=f"query parameter {name}")
        self._params = params

    def text(self, name: str) -> str | None:
        """The value as given, None when absent."""
        return self._params.get(name)

    def date(self, name: str) -> dt.date:
        """An ISO date; today when absent."""
        value = self._params.get(name)
        if value is None:
            return dt.date.today()
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            raise Problem(400, f"expected a date YYYY-MM-DD, got {value!r}",
                          location=f"query parameter {name}") from None

    def choice(self, name: str, choices: tuple[str, ...], default: str) -> str:
        """One of ``choices``; ``default`` when absent."""
        value = self._params.get(name, default)
        if value not in choices:
            raise Problem(400, f"expected one of {', '.join(choices)}, got {value!r}",
                          location=f"query parameter {name}")
        return value

    def switch(self, name: str) -> bool:
        """A boolean: ``true``/``false`` (also 1/0, yes/no, or the bare name for true)."""
        value = self._params.get(name)
        if value is None:
            return False
        if value.lower() in _TRUE:
            return True
        if value.lower() in _FALSE:
            return False
        raise Problem(400, f"expected true or false, got {value!r}",
                      location=f"query parameter {name}")
