"""Qualification-check throughput, against validation alone, on the same synthetic roster.

Generates the roster of ``bench_validate.py`` (same seed, 1% invalid records) in a
temporary directory, then measures, each in a fresh process, and in the same run:

(v) baseline: the validate-only library path, ``competency.roster.checked_records``
    consumed to the end (read, validate, structure);
(l) the library loop: ``competency.check.check(official, on, catalog=Catalog.builtin())``
    for every official of ``competency.roster.officials(path)``;
(c) the command ``competency check FILE --on DATE --format jsonl > /dev/null``
    (wall time of the whole process).

Run:  .venv/bin/python benchmarks/bench_check.py --n 100000
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
import bench_validate  # noqa: E402

SCRIPT = Path(__file__).resolve()


def check_worker(argv: list[str]) -> None:
    """(l) Every valid official checked against the built-in standards on a date."""
    roster = Path(argv[0])
    start = time.perf_counter()
    import datetime as dt  # noqa: PLC0415

    from competency.catalog import Catalog  # noqa: PLC0415
    from competency.check import check  # noqa: PLC0415
    from competency.roster import officials  # noqa: PLC0415

    day = dt.date.fromisoformat(argv[1])
    imported = time.perf_counter()
    catalog = Catalog.builtin()
    count = 0
    outcomes: dict[str, int] = {}
    for official in officials(roster):
        count += 1
        for result in check(official, day, catalog=catalog):
            outcomes[result.outcome.code] = outcomes.get(result.outcome.code, 0) + 1
    end = time.perf_counter()
    _bench.emit({"officials": count, "outcomes": outcomes, "seconds": end - imported,
                 "import_seconds": imported - start})


WORKERS = {"generate": _bench.generate_worker, "validate": bench_validate.library_worker,
           "check": check_worker}

_RECORDS = re.compile(r"^records: read (\d+), valid (\d+), invalid (\d+)\s*$")
_RESULTS = re.compile(r"^results: (.*); officials without an applicable standard: (\d+)\s*$")


def _cli_summary(path: Path) -> tuple[int, int, dict[str, int]]:
    """Records read and invalid, and results by outcome, from the summary on stderr."""
    read = invalid = None
    outcomes: dict[str, int] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if match := _RECORDS.match(line):
            read, invalid = int(match[1]), int(match[3])
        elif match := _RESULTS.match(line):
            outcomes = {}
            for part in match[1].split(", "):
                if part == "none":
                    continue
                state, count = part.rsplit(" ", 1)
                code = state.split(" ", 1)[0]  # "unmet (due 2026-01-01)" counts as unmet
                outcomes[code] = outcomes.get(code, 0) + int(count)
    if read is None or invalid is None:
        msg = f"no summary in {path}"
        raise AssertionError(msg)
    return read, invalid, outcomes


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, default=100_000, help="officials (default 100000)")
    parser.add_argument("--seed", type=int, default=_bench.DEFAULT_SEED)
    parser.add_argument("--on", default=_bench.DEFAULT_ON,
                        help="date the roster describes and the check is made on")
    parser.add_argument("--repeat", type=int, default=1,
                        help="runs of each measurement; the table shows the median time")
    parser.add_argument("--keep", action="store_true", help="keep the temporary directory")
    args = parser.parse_args()
    command = shlex.join([Path(sys.executable).as_posix(), *sys.argv])
    print(_bench.environment(command), flush=True)

    workdir = Path(tempfile.mkdtemp(prefix="competency-bench-check-"))
    try:
        roster = _bench.generate_roster(SCRIPT, workdir, args.n, args.seed, args.on)
        path, n = roster["path"], roster["records"]
        validate = _bench.Row("(v) library validate only", n)
        library = _bench.Row("(l) library check loop", n)
        command_row = _bench.Row("(c) CLI competency check --format jsonl", n)
        cli_cmd = [*_bench.cli(), "check", str(path), "--on", args.on, "--format", "jsonl"]

        def validate_job() -> tuple[float, _bench.Run, int, dict[str, object]]:
            done = _bench.run(_bench.worker(SCRIPT, "validate", str(path)),
                              workdir / "validate.out", workdir / "validate.err")
            report = done.report()
            assert report["records"] == n, report
            return report["seconds"], done, report["invalid"], report

        def check_job() -> tuple[float, _bench.Run, int, dict[str, object]]:
            done = _bench.run(_bench.worker(SCRIPT, "check", str(path), args.on),
                              workdir / "check.out", workdir / "check.err")
            report = done.report()
            return report["seconds"], done, n - report["officials"], report

        def cli_job() -> tuple[float, _bench.Run, int, dict[str, object]]:
            done = _bench.run(cli_cmd, Path(os.devnull), workdir / "cli.err")
            assert done.code in (0, 1), f"competency check exited {done.code}"
            read, invalid, outcomes = _cli_summary(done.stderr)
            assert read == n, (read, n)
            return done.wall, done, invalid, {"outcomes": outcomes}

        _bench.measure([(validate, validate_job), (library, check_job), (command_row, cli_job)],
                       args.repeat)

        one = workdir / "one-record.jsonl"
        with path.open("rb") as stream:
            one.write_bytes(stream.readline())
        startup = _bench.run([*_bench.cli(), "check", str(one), "--on", args.on,
                              "--format", "jsonl"], Path(os.devnull), workdir / "one.err")
    finally:
        if args.keep:
            print(f"kept {workdir}")
        else:
            shutil.rmtree(workdir, ignore_errors=True)

    rows = [validate, library, command_row]
    print()
    print(_bench.table(rows, validate))
    print()
    expected = roster["expected_invalid"]
    lib_outcomes, cli_outcomes = library.extra["outcomes"], command_row.extra["outcomes"]
    total = sum(lib_outcomes.values())
    print(f"invalid records found: validate {validate.invalid}, check loop {library.invalid}, "
          f"CLI {command_row.invalid}; generator broke {expected}")
    print(f"results (official x applicable standard): library {total} "
          f"({', '.join(f'{k} {v}' for k, v in sorted(lib_outcomes.items()))}), "
          f"CLI {sum(cli_outcomes.values())}; "
          f"{total / (n - library.invalid):.2f} per valid official")
    print(f"import time (not in 'seconds' of rows v, l): validate "
          f"{validate.extra['import_seconds']:.2f} s, "
          f"check {library.extra['import_seconds']:.2f} s")
    print(f"CLI fixed cost (same command on a 1-record file): {startup.wall:.2f} s, "
          f"peak RSS {startup.maxrss_kib / 1024:.1f} MB")
    print(f"orchestrating process peak RSS (floor under every figure): "
          f"{_bench.parent_peak_mb():.1f} MB")
    print(f"load average at end (1, 5, 15 min): {', '.join(f'{x:.2f}' for x in os.getloadavg())}")
    assert validate.invalid == library.invalid == command_row.invalid == expected, \
        "the paths disagree on the number of invalid records"
    assert lib_outcomes == cli_outcomes, ("library and CLI results differ", lib_outcomes,
                                          cli_outcomes)


if __name__ == "__main__":
    if len(sys.argv) > 2 and sys.argv[1] == "--worker":
        WORKERS[sys.argv[2]](sys.argv[3:])
    else:
        main()
