"""Text files in UTF-16 or UTF-32, told by their byte order mark (as Windows tools write them).

The readers work on UTF-8 bytes; a file in a wider encoding is decoded by its mark, and
read on one process (its lines cannot be found by byte offsets).
"""

from __future__ import annotations

import codecs
from pathlib import Path

__all__ = ["wide_encoding"]

_MARKS = ((codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
          (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))
"""UTF-32 first: its little-endian mark starts with UTF-16's."""


def wide_encoding(path: Path) -> str | None:
    """``utf-16`` or ``utf-32`` when the file starts with that byte order mark, else None."""
    with path.open("rb") as stream:
        start = stream.read(4)
    return next((name for mark, name in _MARKS if start.startswith(mark)), None)
