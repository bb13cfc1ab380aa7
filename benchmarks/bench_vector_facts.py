"""The vector engine end to end with its two sources of fact columns, on the same roster.

Generates the roster of ``bench_check.py`` (same seed, 1% invalid records) in a temporary
directory, then runs, each in a fresh process, in the same run:

(p) baseline: ``competency check ROSTER --on D --engine vector --jobs J --format jsonl`` with
    ``COMPETENCY_FACTS=python``: the facts taken record by record from the JSON in Python;
(s) the same command with the facts of each batch computed in one DuckDB query (the default
    with the ``sql`` extra);

for ``--jobs 1`` and ``--jobs 2``; peak RSS is that of the whole process tree. The result
lines of every run must be byte for byte those of the baseline, and the invalid counts agree.

Run:  .venv/bin/python benchmarks/bench_vector_facts.py --n 200000
Needs the ``vector``, ``sql``, ``fast`` and ``synth`` extras.
"""

from __future__ import annotations

import filecmp
import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import _bench

SCRIPT = Path(__file__).resolve()
JOBS = (1, 2)
SOURCES = {"p": "python", "s": "sql"}


def main() -> None:
    args = _bench.arguments(__doc__, "date the roster describes and the check is made on")
    with _bench.scratch("vector-facts", args.keep) as workdir:
        roster = _bench.generate_roster(SCRIPT, workdir, args.n, args.seed, args.on)
        path, n = roster["path"], roster["records"]
        rows: dict[tuple[str, int], _bench.Row] = {}
        jobs = []
        for j in JOBS:
            for key, source in SOURCES.items():
                row = rows[key, j] = _bench.Row(
                    f"({key}) check --engine vector --jobs {j}, {source} facts", n)
                jobs.append((row, _job(workdir, path, n, args.on, source, j)))
        _bench.measure(jobs, args.repeat)
        baseline = workdir / "python-1.jsonl"
        for (_, j), row in rows.items():
            source = row.label.split(", ")[1].split()[0]
            assert filecmp.cmp(baseline, workdir / f"{source}-{j}.jsonl", shallow=False), \
                f"{row.label}: result lines differ from the baseline's"
    ordered = [rows[key, j] for j in JOBS for key in SOURCES]
    _bench.print_table(ordered, rows["p", 1])
    _bench.print_invalid(roster["expected_invalid"], [(r.label, r) for r in ordered])
    print("result lines: identical in every run")
    _bench.assert_invalid_agree(ordered, roster["expected_invalid"])


def _job(workdir: Path, roster: Path, n: int, on: str, source: str, jobs: int) -> _bench.Job:
    def job() -> tuple[float, _bench.Run, int, dict[str, object]]:
        os.environ["COMPETENCY_FACTS"] = source  # read by the child processes
        try:
            done = _bench.run_cli(["check", str(roster), "--on", on, "--engine", "vector",
                                   "--jobs", str(jobs), "--format", "jsonl"],
                                  workdir / f"{source}-{jobs}.jsonl",
                                  workdir / f"{source}-{jobs}.err", tree=True)
        finally:
            del os.environ["COMPETENCY_FACTS"]
        read, invalid = _bench.cli_records(done.stderr)
        assert read == n, (read, n)
        return done.wall, done, invalid, {}
    return job


if __name__ == "__main__":
    _bench.dispatch({}, main)
