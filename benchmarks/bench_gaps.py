"""Gap-analysis throughput (``competency gaps``), against validation alone, on one roster.

Generates the roster of ``bench_validate.py`` (same seed, 1% invalid records) in a
temporary directory, then measures, each in a fresh process, and in the same run:

(v) baseline: the validate-only library path, ``competency.roster.checked_records``
    consumed to the end (read, validate, structure);
(g) the library path: ``competency.gaps.cohort_gaps(competency.roster.officials(path),
    on=DATE)``: every valid official's gap report (standards of the matching position
    profiles, or of every current post, and competency requirements), aggregated by unit,
    position and level, with the training needs kept for planning;
(c) the command ``competency gaps FILE --on DATE --by level --format json`` with its
    output written to a file (wall time of the whole process).

Run:  .venv/bin/python benchmarks/bench_gaps.py --n 100000
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


def gaps_worker(argv: list[str]) -> None:
    """(g) Every valid official's gaps, aggregated, through the library."""
    roster = Path(argv[0])
    start = time.perf_counter()
    import datetime as dt  # noqa: PLC0415

    from competency.gaps import cohort_gaps  # noqa: PLC0415
    from competency.roster import officials  # noqa: PLC0415

    day = dt.date.fromisoformat(argv[1])
    imported = time.perf_counter()
    cohort = cohort_gaps(officials(roster), on=day)
    end = time.perf_counter()
    _bench.emit({"officials": cohort.officials, "with_gaps": cohort.with_gaps,
                 "kinds": {k.code: v for k, v in cohort.kinds.items()},
                 "needs": len(cohort.need_rows), "seconds": end - imported,
                 "import_seconds": imported - start})


def summary_worker(argv: list[str]) -> None:
    """The counts of a ``competency gaps --format json`` output file, read in a child process
    so that the orchestrating process never holds the output."""
    import json  # noqa: PLC0415

    path = Path(argv[0])
    output = json.loads(path.read_text(encoding="utf-8"))
    _bench.emit({"officials": output["officials"], "with_gaps": output["with_gaps"],
                 "kinds": output["kinds"], "needs": output["needs"],
                 "bytes": path.stat().st_size})


WORKERS = {"generate": _bench.generate_worker, "validate": bench_validate.library_worker,
           "gaps": gaps_worker, "summary": summary_worker}

_RECORDS = re.compile(r"^records: read (\d+), valid (\d+), invalid (\d+)\s*$")


def _cli_records(path: Path) -> tuple[int, int]:
    for line in path.read_text(encoding="utf-8").splitlines():
        if match := _RECORDS.match(line):
            return int(match[1]), int(match[3])
    msg = f"no summary in {path}"
    raise AssertionError(msg)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, default=100_000, help="officials (default 100000)")
    parser.add_argument("--seed", type=int, default=_bench.DEFAULT_SEED)
    parser.add_argument("--on", default=_bench.DEFAULT_ON,
                        help="date the roster describes and the gaps are computed on")
    parser.add_argument("--repeat", type=int, default=1,
                        help="runs of each measurement; the table shows the median time")
    parser.add_argument("--keep", action="store_true", help="keep the temporary directory")
    args = parser.parse_args()
    command = shlex.join([Path(sys.executable).as_posix(), *sys.argv])
    print(_bench.environment(command), flush=True)

    workdir = Path(tempfile.mkdtemp(prefix="competency-bench-gaps-"))
    try:
        roster = _bench.generate_roster(SCRIPT, workdir, args.n, args.seed, args.on)
        path, n = roster["path"], roster["records"]
        validate = _bench.Row("(v) library validate only", n)
        library = _bench.Row("(g) library cohort_gaps", n)
        command_row = _bench.Row("(c) CLI competency gaps --format json", n)
        cli_cmd = [*_bench.cli(), "gaps", str(path), "--on", args.on, "--by", "level",
                   "--format", "json"]

        def validate_job() -> tuple[float, _bench.Run, int, dict[str, object]]:
            done = _bench.run(_bench.worker(SCRIPT, "validate", str(path)),
                              workdir / "validate.out", workdir / "validate.err")
            report = done.report()
            assert report["records"] == n, report
            return report["seconds"], done, report["invalid"], report

        def gaps_job() -> tuple[float, _bench.Run, int, dict[str, object]]:
            done = _bench.run(_bench.worker(SCRIPT, "gaps", str(path), args.on),
                              workdir / "gaps.out", workdir / "gaps.err")
            report = done.report()
            return report["seconds"], done, n - report["officials"], report

        def cli_job() -> tuple[float, _bench.Run, int, dict[str, object]]:
            done = _bench.run(cli_cmd, workdir / "cli.out", workdir / "cli.err")
            assert done.code in (0, 1), f"competency gaps exited {done.code}"
            read, invalid = _cli_records(done.stderr)
            assert read == n, (read, n)
            counts = _bench.run(_bench.worker(SCRIPT, "summary", str(done.stdout)),
                                workdir / "summary.out", workdir / "summary.err").report()
            return done.wall, done, invalid, counts

        _bench.measure([(validate, validate_job), (library, gaps_job), (command_row, cli_job)],
                       args.repeat)

        one = workdir / "one-record.jsonl"
        with path.open("rb") as stream:
            one.write_bytes(stream.readline())
        startup = _bench.run([*_bench.cli(), "gaps", str(one), "--on", args.on, "--format",
                              "json"], Path(os.devnull), workdir / "one.err")
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
    lib, cli = library.extra, command_row.extra
    print(f"invalid records found: validate {validate.invalid}, gaps loop {library.invalid}, "
          f"CLI {command_row.invalid}; generator broke {expected}")
    print(f"officials with gaps: library {lib['with_gaps']} of {lib['officials']}, CLI "
          f"{cli['with_gaps']} of {cli['officials']}; by kind (officials): "
          f"{', '.join(f'{k} {v}' for k, v in sorted(lib['kinds'].items()))}; "
          f"training needs: {lib['needs']}")
    print(f"CLI JSON output: {cli['bytes'] / 2**20:.1f} MB")
    print(f"import time (not in 'seconds' of rows v, g): validate "
          f"{validate.extra['import_seconds']:.2f} s, gaps {lib['import_seconds']:.2f} s")
    print(f"CLI fixed cost (same command on a 1-record file): {startup.wall:.2f} s, "
          f"peak RSS {startup.maxrss_kib / 1024:.1f} MB")
    print(f"orchestrating process peak RSS (floor under every figure): "
          f"{_bench.parent_peak_mb():.1f} MB")
    print(f"load average at end (1, 5, 15 min): {', '.join(f'{x:.2f}' for x in os.getloadavg())}")
    assert validate.invalid == library.invalid == command_row.invalid == expected, \
        "the paths disagree on the number of invalid records"
    assert (lib["officials"], lib["with_gaps"], lib["kinds"], lib["needs"]) == \
        (cli["officials"], cli["with_gaps"], cli["kinds"], cli["needs"]), \
        "library and CLI gap counts differ"


if __name__ == "__main__":
    if len(sys.argv) > 2 and sys.argv[1] == "--worker":
        WORKERS[sys.argv[2]](sys.argv[3:])
    else:
        main()
