"""Field metadata shared by the model and the schema generator."""

from __future__ import annotations

from typing import Any

__all__ = ["describe", "json_names"]


def describe(en: str, vi: str, *, pii: bool = False, json_name: str | None = None,
             **schema: Any) -> dict[str, Any]:
    """Metadata for an attrs field: English and Vietnamese descriptions, PII flag.

    Extra keyword arguments are JSON Schema keywords added to the field's schema
    (for example ``minimum=1900``); the generated schema is the single place they act.
    ``json_name`` is the key in JSON and YAML when it cannot be a Python name (``if``, ``not``).
    """
    meta: dict[str, Any] = {"en": en, "vi": vi, "pii": pii, "schema": schema}
    if json_name is not None:
        meta["json_name"] = json_name
    return meta


def json_names(cls: type) -> dict[str, str]:
    """Python field name → JSON key, for the fields of an attrs class that are renamed."""
    import attrs  # noqa: PLC0415

    return {f.name: f.metadata["json_name"] for f in attrs.fields(cls) if "json_name" in f.metadata}
