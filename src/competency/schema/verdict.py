"""The fast verdict on a JSON Lines line: decoded and checked in one pass by msgspec.

The Structs written from a kind's schema (:mod:`competency.schema.structs`) refuse every
line the schema refuses, and more (see there). So a line they accept is valid; a line
they refuse is for the reference path, whose messages and pointers are the report's.
Without msgspec (the ``fast`` extra), or for a kind without Structs, there is no fast
verdict and the reference path takes every line.
"""

from __future__ import annotations

import functools
import importlib
from collections.abc import Callable
from typing import Any

__all__ = ["struct_verdict"]

Verdict = Callable[[bytes], Any]
"""A line to its decoded Struct when valid, else None."""


@functools.cache
def struct_verdict(kind: str) -> Verdict | None:
    """The fast verdict of ``kind``, or None without msgspec or without Structs for it."""
    try:
        import msgspec  # noqa: PLC0415  (optional extra)

        module = importlib.import_module(f"competency.schema._structs_{kind.replace('-', '_')}")
    except ImportError:
        return None
    decode = msgspec.json.Decoder(module.ROOT).decode
    encode = msgspec.json.Encoder().encode
    refused = msgspec.DecodeError  # a ValidationError is one too

    def verdict(line: bytes) -> Any:
        try:
            record = decode(line)
        except refused:
            return None
        # msgspec keeps the last of a key given twice; the reference refuses the line.
        # Each key is followed by one colon and strings are written back as they were
        # (unless a colon was escaped), so a dropped key leaves fewer colons.
        if b"\\u003" in line or line.count(b":") != encode(record).count(b":"):
            return None
        return record

    return verdict
