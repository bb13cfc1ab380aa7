"""The vectorised evaluator: the requirement trees compiled to polars expressions.

For bulk checks. :func:`check_frame` gives, for every official and every (post, standard)
pair that :meth:`Catalog.applicable <competency.standards.Catalog.applicable>` yields, the
same outcome, deadline and transitional provision as :func:`competency.check`, in the
same order, as a :class:`polars.DataFrame`. It builds no explanations: re-run the reference
evaluator (:func:`competency.check` or
:func:`competency.standards.evaluate.evaluate_standard`) for the rows to explain.

Officials are flattened into columns in batches (``batch_size`` rows); per-record facts
that polars cannot read from attrs objects (evidence held by the as-of date, table lookups
such as the retirement date or certificate equivalences) are computed in Python, while the
combinators and every threshold of the tree are polars expressions compiled from the data.
A standard that uses a node kind the compiler does not know is evaluated by the reference
evaluator instead (see :func:`compile_catalog` and :attr:`CompiledStandard.fallback`);
every leaf kind of :data:`competency.rules.leaves.LEAVES` compiles today.

Needs the ``vector`` extra (``pip install competency[vector]``).
"""

from __future__ import annotations

from competency.vector._engine import (
    SCHEMA,
    CompiledStandard,
    UnsupportedLeafError,
    check_batches,
    check_frame,
    check_records,
    compile_catalog,
    supported_kinds,
)

__all__ = [
    "SCHEMA",
    "CompiledStandard",
    "UnsupportedLeafError",
    "check_batches",
    "check_frame",
    "check_records",
    "compile_catalog",
    "supported_kinds",
]
