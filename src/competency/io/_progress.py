"""How far a reader has got in its file, for a progress display.

A reader calls its ``progress`` callback now and then (not once per record) with how
much of the file it has read, the total when known, and the unit: ``bytes`` for text
files, ``rows`` for workbooks (whose compressed size says little). The callback is
optional; without one, readers do no extra work.
"""

from __future__ import annotations

import math
from collections.abc import Callable

__all__ = ["STEP_BYTES", "STEP_ROWS", "Progress", "Reporter"]

Progress = Callable[[int, "int | None", str], None]
"""``progress(done, total, unit)``: ``done`` of ``total`` (None when unknown) ``unit``."""

STEP_BYTES = 1 << 20
"""Bytes read between two reports."""

STEP_ROWS = 1000
"""Rows read between two reports."""


class Reporter:
    """Calls ``progress`` each time ``done`` passes :attr:`next`, then once at the end.

    Readers compare their count with :attr:`next` themselves, so that a record costs one
    comparison; without a callback :attr:`next` is infinite.
    """

    __slots__ = ("next", "progress", "step", "total", "unit")

    def __init__(self, progress: Progress | None, total: int | None, unit: str,
                 step: int | None = None) -> None:
        self.progress = progress
        self.total = total
        self.unit = unit
        self.step = step or (STEP_BYTES if unit == "bytes" else STEP_ROWS)
        self.next: float = self.step if progress is not None else math.inf

    def __call__(self, done: int) -> None:
        """Report ``done``; the next report comes a step later."""
        if self.progress is not None:
            self.progress(done, self.total, self.unit)
            self.next = done + self.step

    def end(self, done: int) -> None:
        """Report the final count."""
        if self.progress is not None:
            self.progress(done, self.total, self.unit)
