# Two commands set everything up on a fresh machine with Python 3.11+:
#   make demo   — create .venv, install with extras, run the main job on built-in data
#   make test   — create .venv the same way, check generated files, run the test suite
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
DEMO := build/demo
DEMO_DATE ?= 2025-06-30

.PHONY: venv test test-browser test-spark fuzz demo schemas docs docs-serve bench bench-quick bench-serve clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[all,test]'
	touch $(STAMP)

venv: $(STAMP)

test: $(STAMP)
	$(BIN)/competency schemas --check
	$(BIN)/competency docs --check
	HYPOTHESIS_PROFILE=ci $(BIN)/python -m pytest -m '(slow or not slow) and not spark'

# The upload page in a real headless Chromium (not part of `make test`, where these tests skip
# without a browser): Debian's chromium, driven by Playwright without its own browser download.
test-browser: $(STAMP)
	@test -x /usr/bin/chromium || (apt-get update && apt-get install -y chromium chromium-driver)
	PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 $(BIN)/python -m pip install --quiet playwright
	COMPETENCY_REQUIRE_BROWSER=1 $(BIN)/python -m pytest -q -rs tests/serve/test_browser.py

# The Spark SQL of every standard on a local Spark session (local[2]; needs Java 17+), against
# the reference evaluator on the differential data sets of tests/vector/test_sql.py.
test-spark: $(STAMP)
	$(BIN)/python -m pip install --quiet pyspark
	HYPOTHESIS_PROFILE=ci $(BIN)/python -m pytest -q -s -m spark tests/vector/test_sql_spark.py

# Hostile-input fuzzing (not part of `make test`, which runs a few examples of each): every
# reader on broken files, FUZZ_EXAMPLES examples per reader; no traceback, every record counted.
FUZZ_EXAMPLES ?= 10000
fuzz: $(STAMP)
	FUZZ_EXAMPLES=$(FUZZ_EXAMPLES) $(BIN)/python -m pytest -q -p no:cacheprovider --hypothesis-show-statistics tests/fuzz

schemas: $(STAMP)
	$(BIN)/competency schemas

docs: $(STAMP)
	$(BIN)/competency docs
	NO_MKDOCS_2_WARNING=1 $(BIN)/mkdocs build --strict -d build/site

docs-serve: $(STAMP)
	$(BIN)/competency docs
	NO_MKDOCS_2_WARNING=1 $(BIN)/mkdocs serve

# National-scale benchmark (not part of `make test`): every bulk path at 100,000 to 2,500,000
# officials against baselines from the same run; the roster is kept in build/bench and reused.
bench: $(STAMP)
	$(BIN)/python benchmarks/bench_scale.py --write build/bench/results.md
	$(BIN)/python benchmarks/bench_serve.py

# The same bulk paths at 200,000 officials only (a few minutes), for development; the tables
# go to build/bench/results-quick.md.
bench-quick: $(STAMP)
	$(BIN)/python benchmarks/bench_scale.py --sizes 200000 --baseline-n 100000 --write build/bench/results-quick.md
	$(BIN)/python benchmarks/bench_validate.py --n 200000

# Bounded load test of `competency serve` (2,000 requests from 8 clients), about 30 s.
bench-serve: $(STAMP)
	$(BIN)/python benchmarks/bench_serve.py

# Demo commands exit 1 when a roster holds invalid records (the demo roster does, on purpose);
# any other failure stops the demo.
demo: $(STAMP)
	@mkdir -p $(DEMO)
	@echo "== Synthetic provincial roster: 5,000 officials as of $(DEMO_DATE), 1% deliberately broken"
	$(BIN)/competency synth 5000 --seed 2025 --on $(DEMO_DATE) --invalid-share 0.01 --out $(DEMO)/roster.jsonl
	@echo "== Validation against schemas/official.schema.json (first errors, then the summary)"
	$(BIN)/competency validate $(DEMO)/roster.jsonl 2>&1 | tail -n 8
	@echo "== Qualification check as of $(DEMO_DATE) against the standards in force, with citations"
	$(BIN)/competency check $(DEMO)/roster.jsonl --on $(DEMO_DATE) --format csv > $(DEMO)/check.csv 2> $(DEMO)/check.log || [ $$? -eq 1 ]
	@grep -v '^$(DEMO)/roster.jsonl:' $(DEMO)/check.log
	@echo "(every result in $(DEMO)/check.csv; invalid records listed in $(DEMO)/check.log)"
	@echo "== The same check by the vectorised engine (JSON Lines in batches): the same summary"
	$(BIN)/competency check $(DEMO)/roster.jsonl --on $(DEMO_DATE) --engine vector --format jsonl > $(DEMO)/check-vector.jsonl 2> $(DEMO)/check-vector.log || [ $$? -eq 1 ]
	@grep -v '^$(DEMO)/roster.jsonl:' $(DEMO)/check-vector.log
	@echo "== Decree 33/2023/NĐ-CP, commune civil servants, as one SQL query over a fact table (DuckDB)"
	$(BIN)/competency standards sql vn.nd-33-2023.cong-chuc-xa --on $(DEMO_DATE) > $(DEMO)/cong-chuc-xa.sql
	@head -n 12 $(DEMO)/cong-chuc-xa.sql
	@echo "(the whole query in $(DEMO)/cong-chuc-xa.sql)"
	@echo "== Who falls short on the sample roster, why, and under which instrument"
	$(BIN)/competency check examples/sample-roster.jsonl --on 2020-06-01 --lang en || [ $$? -eq 1 ]
	@echo "== Impact of Circular 13/2019/TT-BNV: who stops qualifying on 2019-12-25"
	$(BIN)/competency diff examples/sample-roster.jsonl --from 2019-12-24 --to 2019-12-25 || [ $$? -eq 1 ]
	@echo "== Workforce targets as of $(DEMO_DATE): Resolution 26-NQ/TW, Decisions 1659/QĐ-TTg and 2282/QĐ-TTg"
	$(BIN)/competency targets $(DEMO)/roster.jsonl --on $(DEMO_DATE) 2> $(DEMO)/targets.log || [ $$? -eq 1 ]
	$(BIN)/competency targets $(DEMO)/roster.jsonl --on $(DEMO_DATE) --by province --format xlsx --out $(DEMO)/targets.xlsx 2>> $(DEMO)/targets.log || [ $$? -eq 1 ]
	@grep -v '^$(DEMO)/roster.jsonl:' $(DEMO)/targets.log
	@echo "== Postgraduate dispatch on $(DEMO_DATE) (Decree 101/2017/NĐ-CP): 10 places, at most 1 per unit"
	$(BIN)/competency select $(DEMO)/roster.jsonl --scheme vn.postgraduate-dispatch --on $(DEMO_DATE) --quota 10 --per unit --max-per-group 1 --limit 12 2> $(DEMO)/select.log || [ $$? -eq 1 ]
	$(BIN)/competency select $(DEMO)/roster.jsonl --scheme vn.postgraduate-dispatch --on 2025-07-01 --quota 10 --per unit --max-per-group 1 --format xlsx --out $(DEMO)/select-2025-07-01.xlsx 2>> $(DEMO)/select.log || [ $$? -eq 1 ]
	@grep -v '^$(DEMO)/roster.jsonl:' $(DEMO)/select.log
	@echo "(from 2025-07-01 Decree 171/2025/NĐ-CP applies: age limit 45, service 3x; see $(DEMO)/select-2025-07-01.xlsx)"
	@echo "== Cohort gaps as of $(DEMO_DATE) by administrative level: standards unmet or undecided, competencies (illustrative profiles)"
	$(BIN)/competency gaps $(DEMO)/roster.jsonl --on $(DEMO_DATE) --by level 2> $(DEMO)/gaps.log || [ $$? -eq 1 ]
	@grep -v '^$(DEMO)/roster.jsonl:' $(DEMO)/gaps.log
	@echo "== Costed training plan for those needs, budget 5 billion VND, classes pooled across the roster (illustrative unit costs)"
	$(BIN)/competency plan $(DEMO)/roster.jsonl --on $(DEMO_DATE) --budget 5000000000 --area all --out $(DEMO)/plan.xlsx 2> $(DEMO)/plan.log || [ $$? -eq 1 ]
	@grep -v '^$(DEMO)/roster.jsonl:' $(DEMO)/plan.log

clean:
	rm -rf $(VENV) build .pytest_cache .hypothesis
