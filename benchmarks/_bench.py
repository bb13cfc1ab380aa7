"""Shared helpers of the benchmark scripts (not part of the package or of the test suite).

The parent process of a benchmark only orchestrates: it imports nothing from
``competency`` and never holds the roster, so that it stays small. Every measurement,
and the generation of the roster, runs in a fresh child process whose peak resident set
size is read from ``os.wait4`` (what ``/usr/bin/time -v`` reports as "Maximum resident
set size"). On Linux a child's peak starts at the parent's resident size at fork time,
so the parent's own peak is printed too: it is a floor under every figure.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import json
import os
import platform
import re
import resource
import shlex
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
SCHEMA_FILE = ROOT / "schemas" / "official.schema.json"
DEFAULT_SEED = 2025
DEFAULT_ON = "2025-06-30"
INVALID_SHARE = 0.01


# -- the script around a benchmark ---------------------------------------------------------------

def arguments(doc: str, on_help: str = "date the roster describes") -> argparse.Namespace:
    """The options every benchmark takes (the README documents them once, for all scripts);
    prints the environment first, so that no table is ever read without where it was made."""
    parser = argparse.ArgumentParser(description=doc.split("\n\n")[0])
    parser.add_argument("--n", type=int, default=100_000, help="officials (default 100000)")
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED)
    parser.add_argument("--on", default=DEFAULT_ON, help=on_help)
    parser.add_argument("--repeat", type=int, default=1,
                        help="runs of each measurement; the table shows the median time")
    parser.add_argument("--keep", action="store_true", help="keep the temporary directory")
    args = parser.parse_args()
    print(environment(shlex.join([Path(sys.executable).as_posix(), *sys.argv])), flush=True)
    return args


def dispatch(workers: Mapping[str, Callable[[list[str]], None]], main: Callable[[], None]) -> None:
    """Entry point of a script: one of its workers when :func:`worker` started it (the roster
    generator is every script's worker, as :func:`generate_roster` calls it), else ``main``."""
    if len(sys.argv) > 2 and sys.argv[1] == "--worker":
        {"generate": generate_worker, **workers}[sys.argv[2]](sys.argv[3:])
    else:
        main()


@contextlib.contextmanager
def scratch(name: str, keep: bool) -> Iterator[Path]:
    """A temporary directory for the roster and every output (a roster of 100,000 is 129 MB),
    removed at the end even on failure, unless ``--keep`` asks to look at it."""
    workdir = Path(tempfile.mkdtemp(prefix=f"competency-bench-{name}-"))
    try:
        yield workdir
    finally:
        if keep:
            print(f"kept {workdir}")
        else:
            shutil.rmtree(workdir, ignore_errors=True)


# -- child processes ----------------------------------------------------------------------------

class Run:
    """One finished child process: wall time, peak RSS, exit code and its output files."""

    def __init__(self, cmd: Sequence[str], wall: float, maxrss_kib: int, code: int,
                 stdout: Path, stderr: Path) -> None:
        self.cmd = list(cmd)
        self.wall = wall
        self.maxrss_kib = maxrss_kib
        self.code = code
        self.stdout = stdout
        self.stderr = stderr

    def report(self) -> dict[str, Any]:
        """The JSON object a worker printed as the last line of its standard output."""
        lines = self.stdout.read_text(encoding="utf-8").strip().splitlines()
        if self.code != 0 or not lines:
            tail = self.stderr.read_text(encoding="utf-8", errors="replace")[-3000:]
            msg = f"worker failed (exit {self.code}): {shlex.join(self.cmd)}\n{tail}"
            raise RuntimeError(msg)
        return json.loads(lines[-1])


def run(cmd: Sequence[str], stdout: Path, stderr: Path) -> Run:
    """Run ``cmd`` with its output in files; wall time and peak RSS of that child alone."""
    with stdout.open("wb") as out, stderr.open("wb") as err:
        start = time.perf_counter()
        proc = subprocess.Popen(list(cmd), stdin=subprocess.DEVNULL, stdout=out, stderr=err)
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - start
    proc.returncode = code = os.waitstatus_to_exitcode(status)
    return Run(cmd, wall, usage.ru_maxrss, code, stdout, stderr)


def worker(script: Path, name: str, *args: str) -> list[str]:
    """The command line that runs worker ``name`` of ``script`` in a fresh interpreter."""
    return [sys.executable, str(script), "--worker", name, *args]


def run_worker(script: Path, workdir: Path, name: str, *args: str) -> tuple[Run, dict[str, Any]]:
    """Run worker ``name`` with its output in ``workdir/NAME.out|err``; the run and its report."""
    done = run(worker(script, name, *args), workdir / f"{name}.out", workdir / f"{name}.err")
    return done, done.report()


Job = Callable[[], tuple[float, Run, int, dict[str, Any]]]
"""One measurement for :func:`measure`: seconds, the run, invalid records, the report."""


def records_job(script: Path, workdir: Path, name: str, n: int, *args: str) -> Job:
    """Measure a validating worker, which reports every record it read and the invalid ones;
    it must have read the whole roster of ``n`` records."""
    def job() -> tuple[float, Run, int, dict[str, Any]]:
        done, report = run_worker(script, workdir, name, *args)
        assert report["records"] == n, report
        return report["seconds"], done, report["invalid"], report
    return job


def officials_job(script: Path, workdir: Path, name: str, n: int, *args: str) -> Job:
    """Measure a worker that sees only the valid officials of the roster of ``n`` records:
    the ones it did not see are the invalid records."""
    def job() -> tuple[float, Run, int, dict[str, Any]]:
        done, report = run_worker(script, workdir, name, *args)
        return report["seconds"], done, n - report["officials"], report
    return job


def cli() -> list[str]:
    """The installed ``competency`` command of the interpreter running the benchmark."""
    script = Path(sys.executable).parent / "competency"
    return [str(script)] if script.exists() else [sys.executable, "-m", "competency"]


def run_cli(args: Sequence[str], stdout: Path, stderr: Path) -> Run:
    """Run ``competency ARGS`` as a user does; exit 1 only says that invalid records were found."""
    done = run([*cli(), *args], stdout, stderr)
    assert done.code in (0, 1), f"competency {args[0]} exited {done.code}"
    return done


def fixed_cost(roster: Path, workdir: Path, subcommand: str, *options: str,
               stdout: Path | None = None) -> Run:
    """The CLI's start-up cost (interpreter, imports, schema): ``competency SUBCOMMAND`` on a
    file holding only the roster's first record; standard output discarded unless ``stdout``."""
    one = workdir / "one-record.jsonl"
    with roster.open("rb") as stream:
        one.write_bytes(stream.readline())
    return run([*cli(), subcommand, str(one), *options], stdout or Path(os.devnull),
               workdir / "one.err")


_RECORDS = re.compile(r"^records: read (\d+), valid (\d+), invalid (\d+)\s*$")


def cli_records(path: Path) -> tuple[int, int]:
    """Records read and invalid, from the summary ``competency check`` and ``gaps`` write to
    standard error: the CLI row's invalid count, and proof that it read the whole roster."""
    for line in path.read_text(encoding="utf-8").splitlines():
        if match := _RECORDS.match(line):
            return int(match[1]), int(match[3])
    msg = f"no summary in {path}"
    raise AssertionError(msg)


def emit(report: dict[str, Any]) -> None:
    """Worker side: print the report, with the process's own peak RSS (VmHWM)."""
    report["vmhwm_kib"] = _vmhwm_kib()
    sys.stdout.write(json.dumps(report) + "\n")


def _vmhwm_kib() -> int | None:
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    except OSError:
        pass
    return None


# -- the synthetic roster ------------------------------------------------------------------------

def generate_worker(argv: Sequence[str]) -> None:
    """Worker: write ``n`` synthetic officials (1% invalid) to a JSON Lines file."""
    n, seed, on, out = int(argv[0]), int(argv[1]), dt.date.fromisoformat(argv[2]), Path(argv[3])
    start = time.perf_counter()
    from competency.synth import generate, invalid_count  # noqa: PLC0415

    written = 0
    with out.open("w", encoding="utf-8") as stream:
        for record in generate(n, seed=seed, on=on, invalid_share=INVALID_SHARE):
            stream.write(json.dumps(record, ensure_ascii=False) + "\n")
            written += 1
    emit({"versions": _versions(), "records": written,
          "expected_invalid": invalid_count(n, INVALID_SHARE),
          "seconds": time.perf_counter() - start, "bytes": out.stat().st_size})


def _versions() -> str:
    import importlib.metadata  # noqa: PLC0415  (kept out of the small parent process)

    found = []
    for name in ("competency", "jsonschema", "jsonschema-rs", "attrs", "cattrs"):
        try:
            found.append(f"{name} {importlib.metadata.version(name)}")
        except importlib.metadata.PackageNotFoundError:
            found.append(f"{name} not installed")
    return ", ".join(found)


def generate_roster(script: Path, workdir: Path, n: int, seed: int, on: str) -> dict[str, Any]:
    """Generate the roster in a child process; its report (records, expected invalid, …)."""
    roster = workdir / f"roster-{n}-seed{seed}.jsonl"
    done = run(worker(script, "generate", str(n), str(seed), on, str(roster)),
               workdir / "generate.out", workdir / "generate.err")
    report = done.report()
    report["path"] = roster
    print(f"versions: {report['versions']}")
    print(f"roster: {n} officials, seed {seed}, as of {on}, {INVALID_SHARE:.0%} invalid "
          f"(invalid_share={INVALID_SHARE}) -> {report['bytes'] / 2**20:.1f} MB JSON Lines, "
          f"generated in {report['seconds']:.1f} s", flush=True)
    return report


# -- measurements and the table ------------------------------------------------------------------

class Row:
    """One measured path: its label, record count, and the runs of its repetitions."""

    def __init__(self, label: str, records: int) -> None:
        self.label = label
        self.records = records
        self.seconds: list[float] = []
        self.rss_kib: list[int] = []
        self.invalid: int | None = None
        self.extra: dict[str, Any] = {}

    @property
    def median_seconds(self) -> float:
        ordered = sorted(self.seconds)
        middle = len(ordered) // 2
        return ordered[middle] if len(ordered) % 2 else (ordered[middle - 1] + ordered[middle]) / 2

    @property
    def rate(self) -> float:
        return self.records / self.median_seconds

    @property
    def peak_mb(self) -> float:
        return max(self.rss_kib) / 1024


def measure(rows: Sequence[tuple[Row, Callable[[], tuple[float, Run, int, dict[str, Any]]]]],
            repeat: int) -> None:
    """Run every measurement ``repeat`` times, round robin, filling the rows."""
    for attempt in range(1, repeat + 1):
        for row, job in rows:
            seconds, done, invalid, extra = job()
            if row.invalid is not None and row.invalid != invalid:
                msg = f"{row.label}: invalid count changed between runs ({row.invalid}, {invalid})"
                raise AssertionError(msg)
            row.seconds.append(seconds)
            row.rss_kib.append(done.maxrss_kib)
            row.invalid = invalid
            row.extra = extra
            note = f" (run {attempt}/{repeat})" if repeat > 1 else ""
            print(f"  measured {row.label}{note}: {seconds:.2f} s, peak RSS "
                  f"{done.maxrss_kib / 1024:.1f} MB, {invalid} invalid", flush=True)


def table(rows: Sequence[Row], baseline: Row) -> str:
    """The results table, with ratios against ``baseline`` measured in the same run."""
    head = ("path", "records", "seconds", "records/s", "peak RSS MB", "speed vs base",
            "RSS vs base", "invalid")
    body = [(r.label, f"{r.records}", f"{r.median_seconds:.2f}", f"{r.rate:,.0f}",
             f"{r.peak_mb:.1f}", f"{r.rate / baseline.rate:.2f}x",
             f"{r.peak_mb / baseline.peak_mb:.2f}x", f"{r.invalid}") for r in rows]
    widths = [max(len(line[i]) for line in (head, *body)) for i in range(len(head))]

    def fmt(line: Sequence[str]) -> str:
        cells = [line[0].ljust(widths[0])] + [c.rjust(w) for c, w in zip(line[1:], widths[1:])]
        return "| " + " | ".join(cells) + " |"

    rule = "|" + "|".join("-" * (w + 1) + (":" if i else "-") for i, w in enumerate(widths)) + "|"
    lines = [fmt(head), rule, *(fmt(line) for line in body)]
    runs = len(baseline.seconds)
    if runs > 1:
        lines.append(f"(seconds: median of {runs} runs, each listed above; "
                     f"peak RSS: the largest of the {runs} runs)")
    return "\n".join(lines)


def print_table(rows: Sequence[Row], baseline: Row) -> None:
    """The table set apart by blank lines, so that it can be pasted into the README as is."""
    print()
    print(table(rows, baseline))
    print()


def counts(by_code: Mapping[str, int]) -> str:
    """``met 2268, unknown 205, unmet 605``: counts by outcome or kind in a stable order, so
    that two runs (or two paths) can be compared by eye."""
    return ", ".join(f"{k} {v}" for k, v in sorted(by_code.items()))


def print_invalid(expected: int, found: Sequence[tuple[str, Row]]) -> None:
    """The invalid records each path found, beside the number the generator broke."""
    print(f"invalid records found: {', '.join(f'{label} {row.invalid}' for label, row in found)}"
          f"; generator broke {expected}")


def assert_invalid_agree(rows: Sequence[Row], expected: int) -> None:
    """Every path must reject exactly the records the generator broke; otherwise the paths did
    not do the same work and the table compares nothing."""
    assert all(row.invalid == expected for row in rows), \
        "the paths disagree on the number of invalid records"


def print_cli_footer(startup: Run) -> None:
    """The lines under a table with a CLI row: the CLI's start-up cost (part of every CLI
    figure), the parent's floor under every peak RSS, and the load the run ended under."""
    print(f"CLI fixed cost (same command on a 1-record file): {startup.wall:.2f} s, "
          f"peak RSS {startup.maxrss_kib / 1024:.1f} MB")
    print_parent_peak()
    print(f"load average at end (1, 5, 15 min): {_load_average()}")


def print_parent_peak() -> None:
    """The orchestrating process's own peak RSS: no child's figure can be lower."""
    print(f"orchestrating process peak RSS (floor under every figure): {parent_peak_mb():.1f} MB")


def _load_average() -> str:
    return ", ".join(f"{x:.2f}" for x in os.getloadavg())


def environment(command: str) -> str:
    """Date, machine and interpreter: printed with every table (versions come with the roster)."""
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    load = _load_average()
    try:
        head = subprocess.run(["git", "-C", str(ROOT), "rev-parse", "--short", "HEAD"],
                              capture_output=True, text=True, check=True).stdout.strip()
        changed = subprocess.run(["git", "-C", str(ROOT), "status", "--porcelain", "--", "src"],
                                 capture_output=True, text=True, check=True).stdout.splitlines()
        source = f"git {head}, {len(changed)} changed or untracked path(s) under src/"
    except (OSError, subprocess.CalledProcessError):
        source = "not a git checkout"
    return "\n".join([
        f"date: {dt.datetime.now().astimezone().isoformat(timespec='seconds')}",
        f"command: {command}",
        f"machine: {platform.system()} {platform.release()}, {os.cpu_count()} CPUs, {cpu}",
        f"python: {platform.python_implementation()} {platform.python_version()} "
        f"({sys.executable})",
        f"source: {source}",
        f"load average (1, 5, 15 min): {load}",
    ])


def parent_peak_mb() -> float:
    """Peak RSS of the orchestrating process itself (a floor under the children's figures)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
