"""Deliberately invalid records, each broken in one way the schema rejects.

They exercise a validator's error paths with realistic mistakes: a code written out,
a date that does not exist, a field from another system.
"""

from __future__ import annotations

import math
import random
from collections.abc import Callable
from typing import Any

from competency.synth._draw import Weighted, chance, index, item

__all__ = ["INVALID_KINDS", "break_record", "invalid_count"]


def invalid_count(n: int, invalid_share: float) -> int:
    """How many of ``n`` records :func:`generate` breaks: ``n * invalid_share`` rounded half up."""
    return math.floor(n * invalid_share + 0.5)


def _impossible_date(rng: random.Random, original: Any) -> str:
    year = original[:4] if isinstance(original, str) and original[:4].isdigit() else "2023"
    return f"{year}-{item(rng, ('02-30', '02-31', '04-31', '13-01', '06-31', '00-10'))}"


def _wrong_type(record: dict[str, Any], rng: random.Random) -> None:
    choice = index(rng, 5)
    if choice == 0 and "birth_date" in record:
        record["birth_date"] = int(record["birth_date"].replace("-", ""))
    elif choice == 1 and record.get("ratings"):
        record["ratings"][0]["year"] = str(record["ratings"][0]["year"])
    elif choice == 2:
        record["high_school"] = "có"
    elif choice == 3 and record.get("languages") and "score" in record["languages"][0]:
        record["languages"][0]["score"] = str(record["languages"][0]["score"])
    else:
        record["party_member"] = "yes"


def _unknown_code(record: dict[str, Any], rng: random.Random) -> None:
    choice = index(rng, 5)
    if choice == 0:
        record["category"] = item(rng, ("congchuc", "Công chức", "civil_servant"))
    elif choice == 1 and record.get("education"):
        record["education"][0]["level"] = item(rng, ("đại học", "university", "DH"))
    elif choice == 2 and record.get("ratings"):
        record["ratings"][0]["rating"] = item(rng, ("tot", "A", "xuat_sac"))
    elif choice == 3:
        record["unit"]["level"] = item(rng, ("xa", "huyện", "ward"))
    else:
        record["gender"] = item(rng, ("nam", "nữ", "M"))


def _impossible(record: dict[str, Any], rng: random.Random) -> None:
    choice = index(rng, 3)
    if choice == 0 and record.get("education") and "awarded_on" in record["education"][0]:
        record["education"][0]["awarded_on"] = _impossible_date(
            rng, record["education"][0]["awarded_on"])
    elif choice == 1 and record.get("assignments"):
        record["assignments"][-1]["start"] = _impossible_date(
            rng, record["assignments"][-1].get("start"))
    else:
        record["birth_date"] = _impossible_date(rng, record.get("birth_date"))


def _missing_id(record: dict[str, Any], rng: random.Random) -> None:
    del record["id"]


def _unknown_field(record: dict[str, Any], rng: random.Random) -> None:
    choice = index(rng, 3)
    if choice == 0:
        record["unit"]["ma_xa"] = record["unit"].get("commune_code", "00000")
    elif choice == 1:
        record["ho_ten"] = record.get("full_name", "Nguyễn Văn A")
    else:
        record["email"] = f"{record.get('id', 'x').lower()}@example.gov.vn"


def _bad_pattern(record: dict[str, Any], rng: random.Random) -> None:
    choice = index(rng, 3)
    if choice == 0:
        record["unit"]["province_code"] = "0" + record["unit"]["province_code"]
    elif choice == 1 and record.get("planning_pools"):
        record["planning_pools"][0]["term"] = "nhiệm kỳ 2025 - 2030"
    else:
        record["unit"]["commune_code"] = record["unit"].get("commune_code", "1234")[:4]


def _missing_required(record: dict[str, Any], rng: random.Random) -> None:
    choice = index(rng, 3)
    if choice == 0 and record.get("education"):
        del record["education"][0]["level"]
    elif choice == 1 and record.get("languages"):
        del record["languages"][0]["language"]
    else:
        del record["assignments"][-1]["title"]


def _out_of_range(record: dict[str, Any], rng: random.Random) -> None:
    if record.get("ratings") and chance(rng, 0.5):
        record["ratings"][0]["year"] = 1900
    else:
        record.setdefault("languages", []).append(
            {"language": "en", "certificate": "IELTS", "score": -6.5})


_BREAK: dict[str, Callable[[dict[str, Any], random.Random], None]] = {
    "wrong_type": _wrong_type,
    "unknown_code": _unknown_code,
    "impossible_date": _impossible,
    "missing_id": _missing_id,
    "unknown_field": _unknown_field,
    "bad_pattern": _bad_pattern,
    "missing_required": _missing_required,
    "out_of_range": _out_of_range,
}
INVALID_KINDS: tuple[str, ...] = tuple(_BREAK)
"""The ways a deliberately invalid record is broken."""

_INVALID = Weighted([(kind, 1) for kind in INVALID_KINDS])


def break_record(record: dict[str, Any], rng: random.Random) -> str:
    """Break ``record`` in place so that the schema rejects it; return the kind used."""
    kind = _INVALID.pick(rng)
    _BREAK[kind](record, rng)
    return kind
