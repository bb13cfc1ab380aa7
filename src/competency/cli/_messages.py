"""The words the commands print, in Vietnamese and English, in one place.

A message is looked up by key and language and filled with ``str.format`` fields, so that a
command written for ``--lang vi`` prints no English word but codes and ids.
"""

from __future__ import annotations

from competency.rules.outcome import Outcome

__all__ = ["MESSAGES", "message", "state_label"]

MESSAGES: dict[str, tuple[str, str]] = {
    "records": ("hồ sơ: đọc {read}, hợp lệ {valid}, không hợp lệ {invalid}",
                "records: read {read}, valid {valid}, invalid {invalid}"),
    "results": ("kết quả: {results}; số người không có tiêu chuẩn áp dụng: {without}",
                "results: {results}; officials without an applicable standard: {without}"),
    "none": ("không có", "none"),
    "failing-rules": ("yêu cầu chưa đạt:", "failing rules:"),
    "col-official": ("mã hồ sơ", "official"),
    "col-post": ("chức danh", "post"),
    "col-instrument": ("văn bản", "instrument"),
    "col-outcome": ("kết quả", "outcome"),
    "col-due": ("thời hạn", "due"),
    "col-why": ("lý do", "why"),
    "n-results": ("{n} kết quả", "{n} results"),
    "due": ("hạn", "due"),
}
"""Key → (Vietnamese, English)."""


def message(key: str, lang: str = "vi", **fields: object) -> str:
    """The message ``key`` in ``lang`` (``vi`` or ``en``), its fields filled."""
    vi, en = MESSAGES[key]
    return (vi if lang == "vi" else en).format(**fields)


def state_label(state: str, lang: str = "vi") -> str:
    """A summary state (``unmet (due 2024-12-25)``, ``met``) in words of ``lang``."""
    code, _, rest = state.partition(" (due ")
    label = Outcome(code).label(lang)
    return f"{label} ({message('due', lang)} {rest.rstrip(')')})" if rest else label
