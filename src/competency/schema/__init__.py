"""JSON Schemas: generation from the attrs classes, validation, and the one converter.

Each module has one job; import the public names from here.
"""

from __future__ import annotations

from competency.schema.convert import (
    CONVERTER,
    StructureError,
    configure_converter,
    make_converter,
    structure,
    unstructure,
)
from competency.schema.generate import (
    DATE_PATTERN,
    DIALECT,
    class_schema,
    generate,
    schema_id,
)
from competency.schema.validate import (
    SchemaIssue,
    Validator,
    load_schema,
    registry,
    validator,
)

__all__ = [
    "CONVERTER",
    "DATE_PATTERN",
    "DIALECT",
    "SchemaIssue",
    "StructureError",
    "Validator",
    "class_schema",
    "configure_converter",
    "generate",
    "load_schema",
    "make_converter",
    "registry",
    "schema_id",
    "structure",
    "unstructure",
    "validator",
]
