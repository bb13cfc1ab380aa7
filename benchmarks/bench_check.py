"""Qualification-check throughput, against validation alone, on the same synthetic roster.

Generates the roster of ``bench_validate.py`` (same seed, 1% invalid records) in a
temporary directory, then measures, each in a fresh process, and in the same run:

(v) baseline: the validate-only library path, ``competency.io.roster.checked_records``
    consumed to the end (read, validate, structure);
(l) the library loop: ``competency.check(official, on, catalog=Catalog.builtin())``
    for every official of ``competency.io.roster.officials(path)``;
(c) the command ``competency check FILE --on DATE --format jsonl > /dev/null``
    (wall time of the whole process).

Run:  .venv/bin/python benchmarks/bench_check.py --n 100000
"""

from __future__ import annotations

import os
import re
import sys
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

    from competency.io.roster import officials  # noqa: PLC0415
    from competency.standards.catalogue import Catalog  # noqa: PLC0415
    from competency.standards.checking import check  # noqa: PLC0415

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
    _bench.emit({"officials": count, "rows": sum(outcomes.values()), "outcomes": outcomes,
                 "seconds": end - imported, "import_seconds": imported - start})


WORKERS = {"validate": bench_validate.library_worker, "check": check_worker}

_RESULTS = re.compile(r"^results: (.*); officials without an applicable standard: (\d+)\s*$")


def _cli_outcomes(path: Path) -> dict[str, int]:
    """Results by outcome, from the summary on stderr."""
    outcomes: dict[str, int] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if match := _RESULTS.match(line):
            outcomes = {}
            for part in match[1].split(", "):
                if part == "none":
                    continue
                state, count = part.rsplit(" ", 1)
                # "Unmet (due 2026-01-01)" counts as unmet; the summary writes labels
                code = state.split(" ", 1)[0].lower()
                outcomes[code] = outcomes.get(code, 0) + int(count)
    return outcomes


def main() -> None:
    args = _bench.arguments(__doc__, "date the roster describes and the check is made on")
    with _bench.scratch("check", args.keep) as workdir:
        roster = _bench.generate_roster(SCRIPT, workdir, args.n, args.seed, args.on)
        path, n = roster["path"], roster["records"]
        validate = _bench.Row("(v) library validate only", n)
        library = _bench.Row("(l) library check loop", n)
        command_row = _bench.Row("(c) CLI competency check --format jsonl", n)

        def cli_job() -> tuple[float, _bench.Run, int, dict[str, object]]:
            done = _bench.run_cli(["check", str(path), "--on", args.on, "--format", "jsonl"],
                                  Path(os.devnull), workdir / "cli.err")
            read, invalid = _bench.cli_records(done.stderr)
            assert read == n, (read, n)
            return done.wall, done, invalid, {"outcomes": _cli_outcomes(done.stderr)}

        _bench.measure([
            (validate, _bench.records_job(SCRIPT, workdir, "validate", n, str(path))),
            (library, _bench.officials_job(SCRIPT, workdir, "check", n, str(path), args.on)),
            (command_row, cli_job)], args.repeat)
        startup = _bench.fixed_cost(path, workdir, "check", "--on", args.on, "--format", "jsonl")

    rows = [validate, library, command_row]
    _bench.print_table(rows, validate)
    expected = roster["expected_invalid"]
    lib_outcomes, cli_outcomes = library.extra["outcomes"], command_row.extra["outcomes"]
    total = sum(lib_outcomes.values())
    _bench.print_invalid(expected, [("validate", validate), ("check loop", library),
                                    ("CLI", command_row)])
    print(f"results (official x applicable standard): library {total} "
          f"({_bench.counts(lib_outcomes)}), CLI {sum(cli_outcomes.values())}; "
          f"{total / (n - library.invalid):.2f} per valid official")
    print(f"import time (not in 'seconds' of rows v, l): validate "
          f"{validate.extra['import_seconds']:.2f} s, "
          f"check {library.extra['import_seconds']:.2f} s")
    _bench.print_cli_footer(startup)
    _bench.assert_invalid_agree(rows, expected)
    assert lib_outcomes == cli_outcomes, ("library and CLI results differ", lib_outcomes,
                                          cli_outcomes)


if __name__ == "__main__":
    _bench.dispatch(WORKERS, main)
