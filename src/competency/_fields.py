"""Field metadata shared by the model and the schema generator."""

from __future__ import annotations

from typing import Any

__all__ = ["describe"]


def describe(en: str, vi: str, *, pii: bool = False, **schema: Any) -> dict[str, Any]:
    """Metadata for an attrs field: English and Vietnamese descriptions, PII flag.

    Extra keyword arguments are JSON Schema keywords added to the field's schema
    (for example ``minimum=1900``); the generated schema is the single place they act.
    """
    return {"en": en, "vi": vi, "pii": pii, "schema": schema}
