"""SQL text with Python's operators, and the compiler backend that builds it.

:class:`Sql` is a fragment of SQL with the precedence of its outermost operator, so that
operands are parenthesised only where needed, and the Python value of a literal, so that
literal arithmetic and the date parts of a date literal are computed here rather than in
the query. Conditions are SQL booleans; ``&``, ``|`` and ``~`` are ``AND``, ``OR`` and
``NOT``; bitwise AND on integers is :meth:`SqlBackend.bit_and`.
"""

from __future__ import annotations

import datetime as dt
import operator
import re
from collections.abc import Callable, Sequence
from typing import Any

from competency.rules import nodes as n
from competency.vector._compile import MET, UNMET

__all__ = ["Sql", "SqlBackend", "identifier", "literal"]

_ATOM = 99
_PREC = {"OR": 1, "AND": 2, "NOT": 3, "=": 4, "<>": 4, "<": 4, "<=": 4, ">": 4, ">=": 4,
         "IS NULL": 4, "IN": 4, "+": 6, "-": 6, "*": 7}
_ASSOCIATIVE = {"OR", "AND", "+", "*"}
_COMPARE = {"=": operator.eq, "<>": operator.ne, "<": operator.lt, "<=": operator.le,
            ">": operator.gt, ">=": operator.ge}
_ARITHMETIC = {"+": operator.add, "-": operator.sub, "*": operator.mul}
_NO_VALUE = object()
_PLAIN = re.compile(r"^[a-z_][a-z0-9_]*$")


def identifier(name: str) -> str:
    """A column name, double-quoted unless it is plain lower-case snake."""
    return name if _PLAIN.match(name) else '"' + name.replace('"', '""') + '"'


def literal(value: Any) -> Sql:
    """A Python scalar (bool, int, str, date, None) as a SQL literal."""
    if isinstance(value, Sql):
        return value
    if value is None:
        return Sql("NULL", value=None)
    if isinstance(value, bool):
        return Sql("TRUE" if value else "FALSE", value=value)
    if isinstance(value, int):
        return Sql(str(value) if value >= 0 else f"({value})", value=value)
    if isinstance(value, str):
        return Sql("'" + value.replace("'", "''") + "'", value=value)
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return Sql(f"DATE '{value.isoformat()}'", value=value)
    raise TypeError(f"no SQL literal for {value!r}")


def _known(value: Any) -> bool:
    return value is not _NO_VALUE and value is not None


def _integer(value: Any) -> bool:
    return type(value) is int


class Sql:
    """A SQL expression: its text, the precedence of its outermost operator, its value if a
    literal. Comparisons and arithmetic with Python scalars give new expressions."""

    __slots__ = ("op", "prec", "text", "value")
    __hash__ = None  # type: ignore[assignment]  (``==`` builds an expression)

    def __init__(self, text: str, op: str | None = None, value: Any = _NO_VALUE) -> None:
        self.text = text
        self.op = op
        self.prec = _ATOM if op is None else _PREC[op]
        self.value = value

    def __str__(self) -> str:
        return self.text

    def __repr__(self) -> str:
        return f"Sql({self.text!r})"

    def __bool__(self) -> bool:
        raise TypeError("a SQL expression has no truth value; use & | ~")

    def wrapped(self, below: int) -> str:
        """The text, parenthesised when its operator binds less tightly than ``below``."""
        return f"({self.text})" if self.prec < below else self.text

    # -- operators ------------------------------------------------------------------------

    def _binary(self, op: str, other: Any, reflected: bool = False) -> Sql:
        left, right = (literal(other), self) if reflected else (self, literal(other))
        if op in _ARITHMETIC and _integer(left.value) and _integer(right.value):
            return literal(_ARITHMETIC[op](left.value, right.value))
        if (op in _COMPARE and _known(left.value) and _known(right.value)
                and type(left.value) is type(right.value)):
            return literal(_COMPARE[op](left.value, right.value))
        if op == "AND":
            for a, b in ((left, right), (right, left)):
                if a.value is True:
                    return b
                if a.value is False:
                    return a
        if op == "OR":
            for a, b in ((left, right), (right, left)):
                if a.value is False:
                    return b
                if a.value is True:
                    return a
        p = _PREC[op]
        compare = p == _PREC["="]
        lhs = left.wrapped(p + 1 if compare else p)
        same = op in _ASSOCIATIVE and right.op == op
        rhs = right.wrapped(p if same else p + 1)
        if op == "OR":  # AND binds tighter, but the parentheses are kept for the reader
            lhs, rhs = (f"({x.text})" if x.op == "AND" else text
                        for x, text in ((left, lhs), (right, rhs)))
        return Sql(f"{lhs} {op} {rhs}", op)

    def __and__(self, other: Any) -> Sql:
        return self._binary("AND", other)

    def __rand__(self, other: Any) -> Sql:
        return self._binary("AND", other, reflected=True)

    def __or__(self, other: Any) -> Sql:
        return self._binary("OR", other)

    def __ror__(self, other: Any) -> Sql:
        return self._binary("OR", other, reflected=True)

    def __invert__(self) -> Sql:
        if isinstance(self.value, bool):
            return literal(not self.value)
        return Sql(f"NOT {self.wrapped(_ATOM)}", "NOT")

    def __eq__(self, other: object) -> Sql:  # type: ignore[override]
        return self._binary("=", other)

    def __ne__(self, other: object) -> Sql:  # type: ignore[override]
        return self._binary("<>", other)

    def __lt__(self, other: Any) -> Sql:
        return self._binary("<", other)

    def __le__(self, other: Any) -> Sql:
        return self._binary("<=", other)

    def __gt__(self, other: Any) -> Sql:
        return self._binary(">", other)

    def __ge__(self, other: Any) -> Sql:
        return self._binary(">=", other)

    def __add__(self, other: Any) -> Sql:
        return self._binary("+", other)

    def __radd__(self, other: Any) -> Sql:
        return self._binary("+", other, reflected=True)

    def __sub__(self, other: Any) -> Sql:
        return self._binary("-", other)

    def __rsub__(self, other: Any) -> Sql:
        return self._binary("-", other, reflected=True)

    def __mul__(self, other: Any) -> Sql:
        return self._binary("*", other)

    def __rmul__(self, other: Any) -> Sql:
        return self._binary("*", other, reflected=True)


def _call(name: str, parts: Sequence[Sql]) -> Sql:
    return Sql(f"{name}({', '.join(p.text for p in parts)})")


def _comment(text: str) -> str:
    return " ".join(text.split())


class SqlBackend:
    """The compiler backend for SQL text (DuckDB dialect; see the SQL guide for others).

    Every leaf becomes a named column (``rule_<id>``) of the query's ``leaves`` step, listed
    in :attr:`leaves` with a comment naming the rule and its citation; the combinators read
    those columns.
    """

    def __init__(self) -> None:
        self.leaves: list[tuple[str, str, Sql]] = []  # (column, comment, expression)
        self._names: dict[Any, str] = {}
        self._used: set[str] = set()

    def unique(self, prefix: str, key: str) -> str:
        """A fresh plain column name ``prefix_key`` (``-`` and other marks as ``_``)."""
        base = prefix + "_" + (re.sub(r"[^a-z0-9]+", "_", key.lower()).strip("_") or "x")
        name, k = base, 1
        while name in self._used:
            k += 1
            name = f"{base}_{k}"
        self._used.add(name)
        return name

    # -- the Backend protocol --------------------------------------------------------------

    def col(self, name: str) -> Sql:
        return Sql(identifier(name))

    def outcome(self, value: int) -> Sql:
        return literal(value)

    def integer(self, value: int) -> Sql:
        return literal(value)

    def date(self, value: dt.date) -> Sql:
        return literal(value)

    def true(self) -> Sql:
        return literal(True)

    def case(self, branches: Sequence[tuple[Sql, Any]], otherwise: Any) -> Sql:
        kept = []
        for cond, value in branches:
            cond = literal(cond)
            if cond.value is False:
                continue
            if cond.value is True and not kept:
                return literal(value)
            kept.append((cond, literal(value)))
        if not kept:
            return literal(otherwise)
        whens = " ".join(f"WHEN {c.text} THEN {v.text}" for c, v in kept)
        return Sql(f"CASE {whens} ELSE {literal(otherwise).text} END")

    def _extreme(self, name: str, parts: Sequence[Sql], identity: int, absorbing: int) -> Sql:
        parts = [literal(p) for p in parts]
        if any(_integer(p.value) and p.value == absorbing for p in parts):
            return literal(absorbing)
        kept = [p for p in parts if not (_integer(p.value) and p.value == identity)]
        if not kept:
            return literal(identity)
        return kept[0] if len(kept) == 1 else _call(name, kept)

    def least(self, parts: Sequence[Sql]) -> Sql:
        return self._extreme("LEAST", parts, MET, UNMET)

    def greatest(self, parts: Sequence[Sql]) -> Sql:
        return self._extreme("GREATEST", parts, UNMET, MET)

    def is_null(self, value: Sql) -> Sql:
        return Sql(f"{value.wrapped(_ATOM)} IS NULL", "IS NULL")

    def is_in(self, value: Sql, values: Sequence[Any]) -> Sql:
        if not values:
            return literal(False)
        listed = ", ".join(literal(v).text for v in values)
        return Sql(f"{value.wrapped(_ATOM)} IN ({listed})", "IN")

    def bit_and(self, value: Sql, mask: int) -> Sql:
        return Sql(f"({value.wrapped(_ATOM)} & {literal(mask).text})")

    def as_int(self, condition: Sql) -> Sql:
        return Sql(f"CAST({condition.text} AS INTEGER)")

    def fill_false(self, condition: Sql) -> Sql:
        if _known(condition.value):
            return condition
        return _call("COALESCE", [condition, literal(False)])

    def _part(self, unit: str, value: Sql, of: Callable[[dt.date], int]) -> Sql:
        if isinstance(value.value, dt.date):
            return literal(of(value.value))
        return Sql(f"EXTRACT({unit} FROM {value.text})")

    def year(self, value: Sql) -> Sql:
        return self._part("YEAR", value, lambda d: d.year)

    def month(self, value: Sql) -> Sql:
        return self._part("MONTH", value, lambda d: d.month)

    def day(self, value: Sql) -> Sql:
        return self._part("DAY", value, lambda d: d.day)

    def not_month_end(self, value: Sql) -> Sql:
        # The next day is the first of a month exactly when ``value`` ends its month.
        if isinstance(value.value, dt.date):
            return literal((value.value + dt.timedelta(days=1)).day != 1)
        return Sql(f"EXTRACT(DAY FROM {value.wrapped(_PREC['+'] + 1)} + INTERVAL '1' DAY)"
                   ) != 1

    def any_item(self, column: str, predicate: Callable[[Callable[[str], Sql]], Sql]) -> Sql:
        condition = literal(predicate(lambda name: Sql(f"item.{identifier(name)}")))
        # array_length, not len (which also measures strings): sqlglot then knows it counts
        # a list in every dialect; Postgres gives NULL for an empty array, hence COALESCE.
        return Sql(f"COALESCE(array_length(list_filter({identifier(column)}, "
                   f"lambda item: {condition.text})), 0)") > 0

    def rule_ids(self, ids: Sequence[str]) -> Sql:
        items = ", ".join(literal(i).text for i in ids)
        return Sql(f"CAST([{items}] AS VARCHAR[])")

    def concat_lists(self, parts: Sequence[Sql]) -> Sql:
        joined = literal(parts[0])
        for part in parts[1:]:
            joined = Sql(f"list_concat({joined.text}, {literal(part).text})")
        return joined

    def leaf(self, node: n.Node, value: Sql) -> Sql:
        try:
            key: Any = (node.id, node)
            name = self._names.get(key)
        except TypeError:  # an unhashable node: one column per occurrence
            key, name = (node.id, id(node)), None
        if name is None:
            name = self._names[key] = self.unique("rule", node.id)
            what = node.title.en if node.title is not None else type(node).__name__
            cites = "; ".join(c.cite() for c in node.legal_basis or ())
            comment = _comment(f"[{node.id}] {what}" + (f" — {cites}" if cites else ""))
            self.leaves.append((name, comment, literal(value)))
        return Sql(name)
