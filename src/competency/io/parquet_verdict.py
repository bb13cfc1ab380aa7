"""The fast verdict on the rows of a Parquet roster: the schema compiled to polars expressions.

The Parquet file gives the types: when its columns are those of the kind
(:func:`~competency.io.parquet.parquet_columns`, or some of them, structs with some of
their fields), every value already has the type the schema wants, and what is left of
the schema (``required``, ``enum``, ``pattern``, ``format``, bounds, lengths, ``$ref``,
``anyOf`` with null, …) is compiled here into one boolean expression per row. A row it
accepts is valid; a row it refuses goes to the reference validator, whose messages are
the report's. The expression is conservative, never more lenient than the reference: a
keyword it does not translate (a pattern Rust's regex may read otherwise than Python's
``re``, ``not``, ``multipleOf``, …) refuses every row where that part is present, and
a file whose columns are not the kind's has no fast verdict at all.

A null cell is a field left out, as :func:`~competency.io.parquet.read_parquet` presents
it; a null element of a list is a JSON null, which no item schema here is asked to take.
Beyond the schema, a date after :data:`~competency.io.limits.LATEST_DATE` is refused, as
the JSON path refuses it (the converter's stricter numbers cannot occur: an integer
column is 64-bit integers, a number column floats).
"""

from __future__ import annotations

import contextlib
import itertools
import math
import re
from collections.abc import Collection, Iterator, Mapping
from pathlib import Path
from typing import Any

from competency.errors import InputError
from competency.io import limits
from competency.io._progress import Progress, Reporter
from competency.io._records import RawRecord
from competency.io.parquet import BATCH_ROWS, _polars, parquet_columns, read_frame, row_record
from competency.schema.validate import load_schema

__all__ = ["accepted_rows", "compatible", "judged_rows", "row_verdict", "rust_pattern"]

_ANNOTATIONS = frozenset({"$schema", "$id", "$defs", "$comment", "title", "description",
                          "default", "examples", "deprecated", "readOnly", "writeOnly"})
"""Keywords that never make a value invalid."""

_SAFE_PATTERN = re.compile(r"""
    (?: \[ (?: [A-Za-z0-9_ ] | \\[-.\\\]] | - )+ \]   # a class of literals and ranges
      | \\[.\-\\/()\[\]{}|*+?^$]                      # an escaped punctuation mark
      | [A-Za-z0-9_\-:/,@ ]                           # a literal
      | \{ [0-9]+ (?: ,[0-9]* )? \} | [*+?]           # a quantifier
      | \(\?: | \((?!\?) | [)|]                       # a group, an alternative
    )*""", re.VERBOSE)
"""The part of regular expressions that Python's ``re`` and Rust's ``regex`` read alike
(no ``\\d``, ``\\w``, ``.``, flags or lookarounds, whose meaning differs or is missing)."""

_DATE_SHAPE = r"^[0-9]{4}-[0-9]{2}-[0-9]{2}\z"
"""What ``format: date`` asks of the text before it is read as a date (jsonschema's
``\\d{4}-\\d{2}-\\d{2}`` in ASCII, the whole text)."""


def rust_pattern(pattern: str) -> str | None:
    """``pattern`` as Rust's regex reads it with Python's ``re.search`` meaning, or None
    when the two might differ.

    ``^`` is the start of the text in both; Python's final ``$`` also matches before a
    final newline, which Rust writes ``\\n?\\z``.
    """
    body, start, end = pattern, "", ""
    if body.startswith("^"):
        body, start = body[1:], "^"
    if body.endswith("$") and not body.endswith("\\$"):
        body, end = body[:-1], r"\n?\z"
    if _SAFE_PATTERN.fullmatch(body) is None:
        return None
    translated = f"{start}(?:{body}){end}"
    pl = _polars()
    try:
        re.compile(body)
        pl.Series([""]).str.contains(translated)  # Rust reads it too
    except (re.error, pl.exceptions.PolarsError):
        return None
    return translated


def compatible(found: Any, expected: Any) -> bool:
    """Whether a column of type ``found`` holds only values of type ``expected``: the same
    type, or a struct with some of the expected fields, each compatible."""
    pl = _polars()
    if isinstance(expected, pl.Struct):
        if not isinstance(found, pl.Struct):
            return False
        wanted = {field.name: field.dtype for field in expected.fields}
        return all(field.name in wanted and compatible(field.dtype, wanted[field.name])
                   for field in found.fields)
    if isinstance(expected, pl.List):
        return isinstance(found, pl.List) and compatible(found.inner, expected.inner)
    return found == expected


def row_verdict(kind: str, columns: Mapping[str, Any]) -> Any | None:
    """The polars expression, true for each row certainly valid, of a frame of ``kind``
    with ``columns`` (name → polars type); None when the columns are not the kind's (an
    unknown column, or one of another type): no row has a fast verdict then."""
    try:
        expected = parquet_columns(kind)
    except InputError:  # a kind whose records have no columns: read row by row
        return None
    if not all(name in expected and compatible(dtype, expected[name])
               for name, dtype in columns.items()):
        return None
    schema = load_schema(kind)
    return _Compiler(schema, limits.LATEST_DATE.isoformat()).root(schema, columns)


def accepted_rows(frame: Any, kind: str, unique: str | None = None) -> Any:
    """A boolean Series, true for each row of ``frame`` the fast verdict accepts (all false
    when the frame has none, see :func:`row_verdict`).

    A row whose ``unique`` column holds a value another row holds too is not accepted:
    which of them comes first is for the reader to say.
    """
    pl = _polars()
    verdict = row_verdict(kind, dict(frame.schema))
    if verdict is not None and unique in frame.columns:
        verdict = verdict & ~pl.col(unique).is_duplicated()
    if verdict is not None:
        with contextlib.suppress(pl.exceptions.PolarsError):  # the reference is always right
            return frame.select(verdict.alias("accepted")).to_series()
    return pl.repeat(False, frame.height, eager=True)


def judged_rows(path: Path, file: str, kind: str, *, unique: str | None = None,
                fields: Collection[str] | None = None, progress: Progress | None = None
                ) -> Iterator[tuple[bool, RawRecord]]:
    """Each row of a Parquet file of ``kind`` as :func:`~competency.io.parquet.read_parquet`
    reads it, with whether the fast verdict accepts it (:func:`accepted_rows`, ``unique``
    as there).

    An accepted row is read with the parts named by ``fields`` alone, when given (most of
    the time of a valid row is spent making it a record): dotted paths, where a step into a
    list is a step into each of its elements (``assignments.start``). A file polars cannot
    read raises :class:`~competency.errors.InputError`.
    """
    pl = _polars()
    frame = read_frame(path, file)
    accepted = accepted_rows(frame, kind, unique)
    kept = [pl.all()] if fields is None else _projection(frame.schema, fields)
    report = Reporter(progress, frame.height, "rows")
    number = 0
    for start in range(0, frame.height, BATCH_ROWS):
        part, verdicts = frame.slice(start, BATCH_ROWS), accepted.slice(start, BATCH_ROWS)
        refused = part.filter(~verdicts).iter_rows(named=True)
        valid = part.filter(verdicts).select(kept).iter_rows(named=True) if kept \
            else itertools.repeat({})  # a frame of no column has no rows
        for ok in verdicts:
            number += 1
            yield ok, row_record(next(valid if ok else refused), file, number)
        report(number)
    report.end(number)


def _projection(columns: Mapping[str, Any], fields: Collection[str]) -> list[Any]:
    """The expressions that keep the parts of each row that ``fields`` names."""
    pl = _polars()
    paths = [field.split(".") for field in fields]

    def keep(expr: Any, dtype: Any, rests: list[list[str]]) -> Any:
        if any(not rest for rest in rests):
            return expr  # the whole value
        if isinstance(dtype, pl.List):
            return expr.list.eval(keep(pl.element(), dtype.inner, rests))
        names = {f.name: f.dtype for f in dtype.fields} if isinstance(dtype, pl.Struct) else {}
        wanted = [name for name in dict.fromkeys(rest[0] for rest in rests) if name in names]
        if not wanted:
            return expr  # nothing of it named here: kept whole, as small as it is
        parts = [keep(expr.struct.field(name), names[name],
                      [rest[1:] for rest in rests if rest[0] == name]).alias(name)
                 for name in wanted]
        return pl.when(expr.is_null()).then(None).otherwise(pl.struct(*parts))

    return [keep(pl.col(name), dtype, [p[1:] for p in paths if p[0] == name]).alias(name)
            for name, dtype in columns.items() if any(p[0] == name for p in paths)]


class _Compiler:
    """Schema nodes to polars expressions over values of known polars types."""

    def __init__(self, schema: Mapping[str, Any], latest: str) -> None:
        self.pl = _polars()
        self.defs = schema.get("$defs", {})
        self.latest = latest

    def root(self, node: Mapping[str, Any], columns: Mapping[str, Any]) -> Any:
        """A row (its columns the fields of one object) valid against ``node``."""
        pl = self.pl
        fields = {name: (pl.col(name), dtype) for name, dtype in columns.items()}
        return pl.all_horizontal(self._object(node, fields), pl.lit(True)).fill_null(False)

    # -- one value -------------------------------------------------------------------

    def value(self, node: Any, expr: Any, dtype: Any) -> Any:
        """``expr`` (of ``dtype``, not null) valid against ``node``; never null."""
        pl = self.pl
        if node is True or node == {}:
            return pl.lit(True)
        if not isinstance(node, Mapping):
            return pl.lit(False)
        checks = [expr.is_finite()] if dtype == pl.Float64 else []  # NaN: the reference's
        for key, argument in node.items():
            if key in _ANNOTATIONS or key in _OBJECT_KEYWORDS or key.startswith("x-"):
                continue
            check = self._keyword(key, argument, expr, dtype)
            if check is None:
                return pl.lit(False)  # not translated: the reference decides
            checks.append(check)
        if isinstance(dtype, pl.Struct) and not _OBJECT_KEYWORDS.isdisjoint(node):
            fields = {f.name: (expr.struct.field(f.name), f.dtype) for f in dtype.fields}
            checks.append(self._object({k: v for k, v in node.items() if k in _OBJECT_KEYWORDS},
                                       fields))
        return pl.all_horizontal(*checks, pl.lit(True)).fill_null(False)

    def _keyword(self, key: str, argument: Any, expr: Any, dtype: Any) -> Any | None:
        pl = self.pl
        if key == "$ref":
            if not isinstance(argument, str) or not argument.startswith("#/$defs/"):
                return None
            target = self.defs.get(argument.removeprefix("#/$defs/"))
            return None if target is None else self.value(target, expr, dtype)
        if key in ("anyOf", "oneOf"):
            # A value is not null: only the branches that take something else can match.
            branches = [b for b in argument if not _only_null(b)]
            if len(branches) != 1:
                return None
            return self.value(branches[0], expr, dtype)
        if key == "allOf":
            return pl.all_horizontal(*(self.value(b, expr, dtype) for b in argument), pl.lit(True))
        if key == "type":
            return pl.lit(_json_type(pl, dtype) in _types(argument))
        if key in ("enum", "const"):
            return self._enum(argument if key == "enum" else [argument], expr, dtype)
        applies = _KEYWORDS.get(key)
        if applies is None:
            return None
        if _json_type(pl, dtype) not in applies:
            return pl.lit(True)  # the keyword asks nothing of a value of this type
        return getattr(self, f"_{key}")(argument, expr, dtype)

    def _enum(self, values: list[Any], expr: Any, dtype: Any) -> Any | None:
        pl = self.pl
        kind = _json_type(pl, dtype)
        if kind not in ("string", "boolean"):
            return None  # numbers (1 == 1.0), objects, lists: the reference decides
        python = str if kind == "string" else bool
        usable = [v for v in values if type(v) is python]
        return expr.is_in(usable) if usable else pl.lit(False)

    # -- objects ---------------------------------------------------------------------

    def _object(self, node: Any, fields: Mapping[str, tuple[Any, Any]]) -> Any:
        """An object whose present fields are ``fields`` (name → expression, type), each
        null where the field is left out, valid against ``node``."""
        pl = self.pl
        if not isinstance(node, Mapping):
            return pl.lit(node is True)
        checks = []
        for key, argument in node.items():
            if key in _ANNOTATIONS or key.startswith("x-"):
                continue
            if key == "type":
                checks.append(pl.lit("object" in _types(argument)))
            elif key == "properties":
                checks += [pl.when(fields[name][0].is_null()).then(True)
                           .otherwise(self.value(sub, *fields[name]))
                           for name, sub in argument.items() if name in fields]
            elif key == "required":
                checks += [fields[name][0].is_not_null() if name in fields else pl.lit(False)
                           for name in argument]
            elif key == "additionalProperties":
                declared = node.get("properties", {})
                checks += [pl.when(expr.is_null()).then(True)
                           .otherwise(self.value(argument, expr, dtype))
                           for name, (expr, dtype) in fields.items() if name not in declared]
            else:
                checks.append(pl.lit(False))  # not translated: the reference decides
        return pl.all_horizontal(*checks, pl.lit(True)).fill_null(False)

    # -- strings ---------------------------------------------------------------------

    def _pattern(self, argument: Any, expr: Any, dtype: Any) -> Any | None:
        translated = rust_pattern(argument) if isinstance(argument, str) else None
        return None if translated is None else expr.str.contains(translated)

    def _format(self, argument: Any, expr: Any, dtype: Any) -> Any | None:
        if argument != "date":
            return None
        # jsonschema: the whole text \d{4}-\d{2}-\d{2} (ASCII) and date.fromisoformat, which
        # has no year 0; the JSON path also refuses a date after LATEST_DATE.
        return (expr.str.contains(_DATE_SHAPE) & ~expr.str.starts_with("0000")
                & expr.str.to_date("%Y-%m-%d", strict=False).is_not_null()
                & (expr <= self.latest))

    def _minLength(self, argument: Any, expr: Any, dtype: Any) -> Any:
        return expr.str.len_chars() >= argument

    def _maxLength(self, argument: Any, expr: Any, dtype: Any) -> Any:
        return expr.str.len_chars() <= argument

    # -- numbers ---------------------------------------------------------------------

    def _bound(self, argument: Any, expr: Any, dtype: Any, compare: str) -> Any | None:
        if type(argument) not in (int, float) or not math.isfinite(argument):
            return None
        finite = expr.is_finite() if dtype == self.pl.Float64 else self.pl.lit(True)
        return finite & getattr(expr, compare)(argument)

    def _minimum(self, argument: Any, expr: Any, dtype: Any) -> Any | None:
        return self._bound(argument, expr, dtype, "__ge__")

    def _maximum(self, argument: Any, expr: Any, dtype: Any) -> Any | None:
        return self._bound(argument, expr, dtype, "__le__")

    def _exclusiveMinimum(self, argument: Any, expr: Any, dtype: Any) -> Any | None:
        return self._bound(argument, expr, dtype, "__gt__")

    def _exclusiveMaximum(self, argument: Any, expr: Any, dtype: Any) -> Any | None:
        return self._bound(argument, expr, dtype, "__lt__")

    # -- arrays ----------------------------------------------------------------------

    def _items(self, argument: Any, expr: Any, dtype: Any) -> Any:
        pl = self.pl
        element = pl.element()
        check = element.is_not_null() & self.value(argument, element, dtype.inner)
        return expr.list.eval(check.fill_null(False)).list.all()

    def _minItems(self, argument: Any, expr: Any, dtype: Any) -> Any:
        return expr.list.len() >= argument

    def _maxItems(self, argument: Any, expr: Any, dtype: Any) -> Any:
        return expr.list.len() <= argument

    def _uniqueItems(self, argument: Any, expr: Any, dtype: Any) -> Any | None:
        pl = self.pl
        if argument is not True:
            return pl.lit(True)
        if dtype.inner not in (pl.String, pl.Int64, pl.Boolean):
            return expr.list.len() <= 1  # equal structs or floats: the reference decides
        return expr.list.n_unique() == expr.list.len()


_KEYWORDS: dict[str, frozenset[str]] = {
    **dict.fromkeys(("pattern", "format", "minLength", "maxLength"), frozenset({"string"})),
    **dict.fromkeys(("minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum"),
                    frozenset({"integer", "number"})),
    **dict.fromkeys(("items", "minItems", "maxItems", "uniqueItems"), frozenset({"array"})),
}
"""The keywords translated, and the JSON types of the values each one looks at."""

_OBJECT_KEYWORDS = frozenset({"properties", "required", "additionalProperties"})


def _only_null(branch: Any) -> bool:
    return isinstance(branch, Mapping) and branch.get("type") == "null" and \
        set(branch) - _ANNOTATIONS == {"type"}


def _types(argument: Any) -> set[str]:
    names = {argument} if isinstance(argument, str) else set(argument)
    return names | {"integer"} if "number" in names else names


def _json_type(pl: Any, dtype: Any) -> str:
    """The JSON type of the values of a polars column type (as read back by the reader)."""
    if isinstance(dtype, pl.Struct):
        return "object"
    if isinstance(dtype, pl.List):
        return "array"
    for name, polars_type in (("integer", pl.Int64), ("string", pl.String),
                              ("number", pl.Float64), ("boolean", pl.Boolean)):
        if dtype == polars_type:
            return name
    return "?"
