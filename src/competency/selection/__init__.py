"""Selection for training schemes as data, and the ranked selection itself.

A :class:`SelectionScheme` holds dated :class:`Regime` entries (the eligibility rules and
the service commitment of the instrument in force on the dispatch date), a scoring of
weighted, capped criteria read from the record, quotas, and tie-breaks. :func:`select`
sorts every candidate into exactly one place: ranked (selected or held in reserve by a
quota), ineligible (with the failing rules and their citations), unknown (data missing
for a rule or a criterion), or outside the scheme's scope.

Ranking is deterministic: higher score first, then the scheme's tie-breaks in their
order, then the official id, then (for duplicate ids) the record itself; the input
order never matters.

The parts live in private modules, one job each: the criteria (``_criteria``), the
scheme model (``model``), reading scheme files (``catalogue``), scoring (``_scoring``),
ranking and quotas (``_ranking``), the results (``_results``), :func:`select`
(``_select``) and :func:`select_spooled`, the same in flat memory for a national roster
(``_spooled``); import them from here.
"""

from __future__ import annotations

from competency.selection._criteria import (
    AgeCriterion,
    Criterion,
    LanguageCriterion,
    RatingsCriterion,
    RuleCriterion,
    ServiceCriterion,
)

# The parts of criteria stay importable from here, though not listed in __all__.
from competency.selection._criteria import LanguageScale as LanguageScale
from competency.selection._criteria import LevelPoints as LevelPoints
from competency.selection._criteria import PerYear as PerYear
from competency.selection._criteria import RatingPoints as RatingPoints
from competency.selection._criteria import RatingScale as RatingScale
from competency.selection._criteria import RuleBonus as RuleBonus
from competency.selection._criteria import YoungerSpec as YoungerSpec
from competency.selection._results import (
    Candidate,
    CriterionScore,
    Rejection,
    RejectionRow,
    Report,
    Selection,
    Unresolved,
)
from competency.selection._select import select
from competency.selection._spooled import SpooledSelection, select_spooled
from competency.selection.catalogue import builtin_schemes, get_scheme, load_scheme_file
from competency.selection.model import (
    TIE_BREAK_FACTS,
    Commitment,
    NoRegimeError,
    Quota,
    QuotaGroup,
    Regime,
    SelectionScheme,
    UnknownSchemeError,
)

__all__ = [
    "TIE_BREAK_FACTS",
    "AgeCriterion",
    "Candidate",
    "Commitment",
    "Criterion",
    "CriterionScore",
    "LanguageCriterion",
    "NoRegimeError",
    "Quota",
    "QuotaGroup",
    "RatingsCriterion",
    "Regime",
    "Rejection",
    "RejectionRow",
    "Report",
    "RuleCriterion",
    "Selection",
    "SelectionScheme",
    "ServiceCriterion",
    "SpooledSelection",
    "UnknownSchemeError",
    "Unresolved",
    "builtin_schemes",
    "get_scheme",
    "load_scheme_file",
    "select",
    "select_spooled",
]
