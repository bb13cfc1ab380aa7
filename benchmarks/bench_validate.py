"""Validation throughput: plain ``jsonschema`` against ``competency validate``.

Generates a synthetic roster (fixed seed, 1% invalid records) in a temporary directory,
then measures, each in a fresh process, and in the same run:

(a) baseline: the JSON Lines file read line by line, ``json.loads``, and
    ``jsonschema.Draft202012Validator(schema, format_checker=...).iter_errors`` with the
    schema file ``schemas/official.schema.json``;
(b) the library path behind ``competency validate``: ``competency.io.roster.checked_records``
    consumed to the end (read, fast-path validation, reference errors for invalid
    records, structuring of valid ones into attrs objects);
(c) the command ``competency validate FILE`` (wall time of the whole process);
(d) validate's own path, ``competency.io.roster.reported_records`` with the notes
    ``validate`` takes, on one process, with the msgspec verdict (the ``fast`` extra);
(e) the same with the msgspec verdict turned off: orjson and jsonschema-rs for every line.

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


def reported_worker(argv: list[str]) -> None:
    """(d) and (e) ``reported_records`` on one process; ``off`` turns the msgspec verdict off."""
    roster, verdict = Path(argv[0]), argv[1]
    start = time.perf_counter()
    import functools  # noqa: PLC0415

    from competency.io import roster as roster_module  # noqa: PLC0415
    from competency.standards.consistency import (  # noqa: PLC0415
        builtin_term_periods,
        period_notes,
    )

    if verdict == "off":
        roster_module.struct_verdict = lambda kind: None
    elif roster_module.struct_verdict("official") is None:
        msg = "msgspec is not installed: no msgspec verdict to measure"
        raise RuntimeError(msg)
    notes = functools.partial(period_notes, table=builtin_term_periods())
    imported = time.perf_counter()
    tally = roster_module.Tally()
    reported = sum(1 for _ in roster_module.reported_records(roster, tally, notes=notes, jobs=1))
    end = time.perf_counter()
    _bench.emit({"records": tally.read, "invalid": tally.invalid, "reported": reported,
                 "seconds": end - imported, "import_seconds": imported - start})


WORKERS = {"baseline": baseline_worker, "library": library_worker, "reported": reported_worker}

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
        structs = _bench.Row("(d) reported_records, msgspec verdict, 1 process", n)
        compiled = _bench.Row("(e) reported_records, msgspec off, 1 process", n)

        def cli_job() -> tuple[float, _bench.Run, int, dict[str, object]]:
            done = _bench.run_cli(["validate", str(path)], workdir / "cli.out", workdir / "cli.err")
            read, _, invalid = _cli_summary(done.stdout)
            assert read == n, (read, n)
            return done.wall, done, invalid, {}

        _bench.measure([
            (baseline, _bench.records_job(SCRIPT, workdir, "baseline", n, str(path),
                                          str(_bench.SCHEMA_FILE))),
            (library, _bench.records_job(SCRIPT, workdir, "library", n, str(path))),
            (command_row, cli_job),
            (structs, _bench.records_job(SCRIPT, workdir, "reported", n, str(path), "on")),
            (compiled, _bench.records_job(SCRIPT, workdir, "reported", n, str(path), "off"))],
            args.repeat)
        startup = _bench.fixed_cost(path, workdir, "validate", stdout=workdir / "one.out")

    rows = [baseline, library, command_row, structs, compiled]
    _bench.print_table(rows, baseline)
    expected = roster["expected_invalid"]
    _bench.print_invalid(expected, [("baseline", baseline), ("library", library),
                                    ("CLI", command_row), ("msgspec", structs),
                                    ("msgspec off", compiled)])
    print(f"import time (not in 'seconds' of rows a, b): baseline "
          f"{baseline.extra['import_seconds']:.2f} s, "
          f"library {library.extra['import_seconds']:.2f} s")
    seconds = {row: sorted(row.seconds)[len(row.seconds) // 2] for row in (structs, compiled)}
    print(f"(d) against (e): {seconds[compiled] / seconds[structs]:.2f} times the records/s")
    _bench.print_cli_footer(startup)
    _bench.assert_invalid_agree(rows, expected)


if __name__ == "__main__":
    _bench.dispatch(WORKERS, main)
