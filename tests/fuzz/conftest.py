"""How many examples each fuzz test runs: a few in ``make test``, ``FUZZ_EXAMPLES`` in ``make fuzz``."""

from __future__ import annotations

import os

from hypothesis import HealthCheck, settings

EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "15"))
"""Examples per reader; ``make fuzz`` sets 10,000."""

FUZZ = settings(max_examples=EXAMPLES, deadline=None, database=None,
                suppress_health_check=list(HealthCheck))
