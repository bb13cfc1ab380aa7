"""Gap-analysis throughput (``competency gaps``), against validation alone, on one roster.

Generates the roster of ``bench_validate.py`` (same seed, 1% invalid records) in a
temporary directory, then measures, each in a fresh process, and in the same run:

(v) baseline: the validate-only library path, ``competency.io.roster.checked_records``
    consumed to the end (read, validate, structure);
(g) the library path: ``competency.frameworks.gaps.cohort_gaps(competency.io.roster.officials(path),
    on=DATE)``: every valid official's gap report (standards of the matching position
    profiles, or of every current post, and competency requirements), aggregated by unit,
    position and level, with the training needs kept for planning;
(c) the command ``competency gaps FILE --on DATE --by level --format json`` with its
    output written to a file (wall time of the whole process).

Run:  .venv/bin/python benchmarks/bench_gaps.py --n 100000
"""

from __future__ import annotations

import sys
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

    from competency.frameworks.gaps import cohort_gaps  # noqa: PLC0415
    from competency.io.roster import officials  # noqa: PLC0415

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


WORKERS = {"validate": bench_validate.library_worker, "gaps": gaps_worker,
           "summary": summary_worker}


def main() -> None:
    args = _bench.arguments(__doc__, "date the roster describes and the gaps are computed on")
    with _bench.scratch("gaps", args.keep) as workdir:
        roster = _bench.generate_roster(SCRIPT, workdir, args.n, args.seed, args.on)
        path, n = roster["path"], roster["records"]
        validate = _bench.Row("(v) library validate only", n)
        library = _bench.Row("(g) library cohort_gaps", n)
        command_row = _bench.Row("(c) CLI competency gaps --format json", n)

        def cli_job() -> tuple[float, _bench.Run, int, dict[str, object]]:
            done = _bench.run_cli(["gaps", str(path), "--on", args.on, "--by", "level",
                                   "--format", "json"], workdir / "cli.out", workdir / "cli.err")
            read, invalid = _bench.cli_records(done.stderr)
            assert read == n, (read, n)
            _, counts = _bench.run_worker(SCRIPT, workdir, "summary", str(done.stdout))
            return done.wall, done, invalid, counts

        _bench.measure([
            (validate, _bench.records_job(SCRIPT, workdir, "validate", n, str(path))),
            (library, _bench.officials_job(SCRIPT, workdir, "gaps", n, str(path), args.on)),
            (command_row, cli_job)], args.repeat)
        startup = _bench.fixed_cost(path, workdir, "gaps", "--on", args.on, "--format", "json")

    rows = [validate, library, command_row]
    _bench.print_table(rows, validate)
    expected = roster["expected_invalid"]
    lib, cli = library.extra, command_row.extra
    _bench.print_invalid(expected, [("validate", validate), ("gaps loop", library),
                                    ("CLI", command_row)])
    print(f"officials with gaps: library {lib['with_gaps']} of {lib['officials']}, CLI "
          f"{cli['with_gaps']} of {cli['officials']}; by kind (officials): "
          f"{_bench.counts(lib['kinds'])}; training needs: {lib['needs']}")
    print(f"CLI JSON output: {cli['bytes'] / 2**20:.1f} MB")
    print(f"import time (not in 'seconds' of rows v, g): validate "
          f"{validate.extra['import_seconds']:.2f} s, gaps {lib['import_seconds']:.2f} s")
    _bench.print_cli_footer(startup)
    _bench.assert_invalid_agree(rows, expected)
    assert (lib["officials"], lib["with_gaps"], lib["kinds"], lib["needs"]) == \
        (cli["officials"], cli["with_gaps"], cli["kinds"], cli["needs"]), \
        "library and CLI gap counts differ"


if __name__ == "__main__":
    _bench.dispatch(WORKERS, main)
