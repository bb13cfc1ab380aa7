"""Validation throughput: plain ``jsonschema`` against ``competency validate``.

Generates a synthetic roster (fixed seed, 1% invalid records) in a temporary directory,
then measures, each in a fresh process, and in the same run:

(a) baseline: the JSON Lines file read line by line, ``json.loads``, and
    ``jsonschema.Draft202012Validator(schema, format_checker=...).iter_errors`` with the
    schema file ``schemas/official.schema.json``;
(b) the library path behind ``competency validate``: ``competency.io.roster.checked_records``
    consumed to the end (read, fast-path validation, reference errors for invalid
    records, structuring of valid ones into attrs objects);
(c) the command ``competency validate FILE`` (wall time of the whole process).

Run:  .venv/bin/python benchmarks/bench_validate.py --n 100000
"""

from __future__ import annotations

import re
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import _bench  # noqa: E402

SCRIPT = Path(__file__).resolve()


# -- workers (each runs in its own interpreter) ---------------------------------------------------

def baseline_worker(argv: list[str]) -> None:
    """(a) Plain jsonschema over the JSON Lines file."""
    roster, schema_file = Path(argv[0]), Path(argv[1])
    start = time.perf_counter()
    import json  # noqa: PLC0415

    import jsonschema  # noqa: PLC0415

    imported = time.perf_counter()
    schema = json.loads(schema_file.read_text(encoding="utf-8"))
    validator = jsonschema.Draft202012Validator(
        schema, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER)
    records = invalid = errors = 0
    with roster.open("rb") as stream:
        for line in stream:
            if not line.strip():
                continue
            records += 1
            found = list(validator.iter_errors(json.loads(line)))
            if found:
                invalid += 1
                errors += len(found)
    end = time.perf_counter()
    _bench.emit({"records": records, "invalid": invalid, "errors": errors,
                 "seconds": end - imported, "import_seconds": imported - start})


def library_worker(argv: list[str]) -> None:
    """(b) ``checked_records`` consumed to the end, as ``competency validate`` does."""
    roster = Path(argv[0])
    start = time.perf_counter()
    from competency.io.roster import checked_records  # noqa: PLC0415
    from competency.model.official import Official  # noqa: PLC0415

    imported = time.perf_counter()
    records = invalid = errors = structured = 0
    for record in checked_records(roster):
        records += 1
        if record.errors:
            invalid += 1
            errors += len(record.errors)
        elif isinstance(record.official, Official):
            structured += 1
    end = time.perf_counter()
    _bench.emit({"records": records, "invalid": invalid, "errors": errors,
                 "structured": structured, "seconds": end - imported,
                 "import_seconds": imported - start})


WORKERS = {"baseline": baseline_worker, "library": library_worker}

# -- the benchmark --------------------------------------------------------------------------------

_SUMMARY = re.compile(r": read (\d+), valid (\d+), invalid (\d+)\s*$")


def _cli_summary(path: Path) -> tuple[int, int, int]:
    for line in reversed(path.read_text(encoding="utf-8").splitlines()):
        match = _SUMMARY.search(line)
        if match:
            read, valid, invalid = map(int, match.groups())
            return read, valid, invalid
    msg = f"no summary line in {path}"
    raise AssertionError(msg)


def main() -> None:
    args = _bench.arguments(__doc__)
    with _bench.scratch("validate", args.keep) as workdir:
        roster = _bench.generate_roster(SCRIPT, workdir, args.n, args.seed, args.on)
        path, n = roster["path"], roster["records"]
        baseline = _bench.Row("(a) jsonschema baseline", n)
        library = _bench.Row("(b) library checked_records", n)
        command_row = _bench.Row("(c) CLI competency validate", n)

        def cli_job() -> tuple[float, _bench.Run, int, dict[str, object]]:
            done = _bench.run_cli(["validate", str(path)], workdir / "cli.out", workdir / "cli.err")
            read, _, invalid = _cli_summary(done.stdout)
            assert read == n, (read, n)
            return done.wall, done, invalid, {}

        _bench.measure([
            (baseline, _bench.records_job(SCRIPT, workdir, "baseline", n, str(path),
                                          str(_bench.SCHEMA_FILE))),
            (library, _bench.records_job(SCRIPT, workdir, "library", n, str(path))),
            (command_row, cli_job)], args.repeat)
        startup = _bench.fixed_cost(path, workdir, "validate", stdout=workdir / "one.out")

    rows = [baseline, library, command_row]
    _bench.print_table(rows, baseline)
    expected = roster["expected_invalid"]
    _bench.print_invalid(expected, [("baseline", baseline), ("library", library),
                                    ("CLI", command_row)])
    print(f"import time (not in 'seconds' of rows a, b): baseline "
          f"{baseline.extra['import_seconds']:.2f} s, "
          f"library {library.extra['import_seconds']:.2f} s")
    _bench.print_cli_footer(startup)
    _bench.assert_invalid_agree(rows, expected)


if __name__ == "__main__":
    _bench.dispatch(WORKERS, main)
