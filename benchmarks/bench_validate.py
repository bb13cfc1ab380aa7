"""Validation throughput: plain ``jsonschema`` against ``competency validate``.

Generates a synthetic roster (fixed seed, 1% invalid records) in a temporary directory,
then measures, each in a fresh process, and in the same run:

(a) baseline: the JSON Lines file read line by line, ``json.loads``, and
    ``jsonschema.Draft202012Validator(schema, format_checker=...).iter_errors`` with the
    schema file ``schemas/official.schema.json``;
(b) the library path behind ``competency validate``: ``competency.roster.checked_records``
    consumed to the end (read, fast-path validation, reference errors for invalid
    records, structuring of valid ones into attrs objects);
(c) the command ``competency validate FILE`` (wall time of the whole process).

Run:  .venv/bin/python benchmarks/bench_validate.py --n 100000
"""

from __future__ import annotations

import argparse
import os
import re
import shlex
import shutil
import sys
import tempfile
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
    from competency.model import Official  # noqa: PLC0415
    from competency.roster import checked_records  # noqa: PLC0415

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


WORKERS = {"generate": _bench.generate_worker, "baseline": baseline_worker,
           "library": library_worker}

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
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, default=100_000, help="officials (default 100000)")
    parser.add_argument("--seed", type=int, default=_bench.DEFAULT_SEED)
    parser.add_argument("--on", default=_bench.DEFAULT_ON, help="date the roster describes")
    parser.add_argument("--repeat", type=int, default=1,
                        help="runs of each measurement; the table shows the median time")
    parser.add_argument("--keep", action="store_true", help="keep the temporary directory")
    args = parser.parse_args()
    command = shlex.join([Path(sys.executable).as_posix(), *sys.argv])
    print(_bench.environment(command), flush=True)

    tmp = tempfile.mkdtemp(prefix="competency-bench-validate-")
    workdir = Path(tmp)
    try:
        roster = _bench.generate_roster(SCRIPT, workdir, args.n, args.seed, args.on)
        path, n = roster["path"], roster["records"]
        baseline = _bench.Row("(a) jsonschema baseline", n)
        library = _bench.Row("(b) library checked_records", n)
        command_row = _bench.Row("(c) CLI competency validate", n)

        def job(name: str) -> tuple[float, _bench.Run, int, dict[str, object]]:
            extra = [str(_bench.SCHEMA_FILE)] if name == "baseline" else []
            done = _bench.run(_bench.worker(SCRIPT, name, str(path), *extra),
                              workdir / f"{name}.out", workdir / f"{name}.err")
            report = done.report()
            assert report["records"] == n, report
            return report["seconds"], done, report["invalid"], report

        def cli_job() -> tuple[float, _bench.Run, int, dict[str, object]]:
            done = _bench.run([*_bench.cli(), "validate", str(path)],
                              workdir / "cli.out", workdir / "cli.err")
            assert done.code in (0, 1), f"competency validate exited {done.code}"
            read, _, invalid = _cli_summary(done.stdout)
            assert read == n, (read, n)
            return done.wall, done, invalid, {}

        _bench.measure([(baseline, lambda: job("baseline")), (library, lambda: job("library")),
                        (command_row, cli_job)], args.repeat)

        one = workdir / "one-record.jsonl"
        with path.open("rb") as stream:
            one.write_bytes(stream.readline())
        startup = _bench.run([*_bench.cli(), "validate", str(one)],
                             workdir / "one.out", workdir / "one.err")
    finally:
        if args.keep:
            print(f"kept {workdir}")
        else:
            shutil.rmtree(workdir, ignore_errors=True)

    rows = [baseline, library, command_row]
    print()
    print(_bench.table(rows, baseline))
    print()
    expected = roster["expected_invalid"]
    print(f"invalid records found: baseline {baseline.invalid}, library {library.invalid}, "
          f"CLI {command_row.invalid}; generator broke {expected}")
    print(f"import time (not in 'seconds' of rows a, b): baseline "
          f"{baseline.extra['import_seconds']:.2f} s, "
          f"library {library.extra['import_seconds']:.2f} s")
    print(f"CLI fixed cost (same command on a 1-record file): {startup.wall:.2f} s, "
          f"peak RSS {startup.maxrss_kib / 1024:.1f} MB")
    print(f"orchestrating process peak RSS (floor under every figure): "
          f"{_bench.parent_peak_mb():.1f} MB")
    print(f"load average at end (1, 5, 15 min): "
          f"{', '.join(f'{x:.2f}' for x in os.getloadavg())}")
    assert baseline.invalid == library.invalid == command_row.invalid == expected, \
        "the three paths disagree on the number of invalid records"


if __name__ == "__main__":
    if len(sys.argv) > 2 and sys.argv[1] == "--worker":
        WORKERS[sys.argv[2]](sys.argv[3:])
    else:
        main()
