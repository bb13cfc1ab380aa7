"""Kleene's strong three-valued logic, checked against its truth tables."""

import itertools

import pytest

from competency.rules.outcome import Outcome, conjunction, disjunction, negation

M, U, K = Outcome.MET, Outcome.UNMET, Outcome.UNKNOWN

AND = {(M, M): M, (M, U): U, (M, K): K, (U, M): U, (U, U): U, (U, K): U,
       (K, M): K, (K, U): U, (K, K): K}
OR = {(M, M): M, (M, U): M, (M, K): M, (U, M): M, (U, U): U, (U, K): K,
      (K, M): M, (K, U): K, (K, K): K}


@pytest.mark.parametrize(("a", "b"), list(itertools.product([M, U, K], repeat=2)))
def test_binary_truth_tables(a, b):
    """AND and OR of two outcomes follow Kleene's tables."""
    assert conjunction([a, b]) is AND[a, b]
    assert disjunction([a, b]) is OR[a, b]


def test_negation_keeps_unknown():
    """NOT swaps met and unmet; what is unknown stays unknown."""
    assert [negation(o) for o in (M, U, K)] == [U, M, K]


@pytest.mark.parametrize("values", list(itertools.product([M, U, K], repeat=3)))
def test_n_ary_is_the_fold_of_binary(values):
    """all_of/any_of over many children equal the left fold of the binary tables."""
    a, b, c = values
    assert conjunction(values) is AND[AND[a, b], c]
    assert disjunction(values) is OR[OR[a, b], c]


def test_empty_combinations():
    """An empty all_of is met, an empty any_of is unmet (the identities of AND and OR)."""
    assert conjunction([]) is M
    assert disjunction([]) is U
