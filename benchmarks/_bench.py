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
import threading
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

def arguments(doc: str, on_help: str = "date the roster describes", *, sized: bool = True,
              options: Callable[[argparse.ArgumentParser], None] | None = None
              ) -> argparse.Namespace:
    """The options every benchmark takes (the README documents them once, for all scripts);
    prints the environment first, so that no table is ever read without where it was made.

    ``sized=False`` leaves out ``--n`` (for a script that takes its sizes otherwise);
    ``options`` adds the script's own. The environment text is kept as ``args.environment``.
    """
    parser = argparse.ArgumentParser(description=doc.split("\n\n")[0])
    if sized:
        parser.add_argument("--n", type=int, default=100_000, help="officials (default 100000)")
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED)
    parser.add_argument("--on", default=DEFAULT_ON, help=on_help)
    parser.add_argument("--repeat", type=int, default=1,
                        help="runs of each measurement; the table shows the median time")
    parser.add_argument("--keep", action="store_true", help="keep the temporary directory")
    if options is not None:
        options(parser)
    args = parser.parse_args()
    args.environment = environment(shlex.join([Path(sys.executable).as_posix(), *sys.argv]))
    print(args.environment, flush=True)
    return args


def dispatch(workers: Mapping[str, Callable[[list[str]], None]], main: Callable[[], None]) -> None:
    """Entry point of a script: one of its workers when :func:`worker` started it (the roster
    generator is every script's worker, as :func:`generate_roster` calls it), else ``main``."""
    if len(sys.argv) > 2 and sys.argv[1] == "--worker":
        {"generate": generate_worker, "versions": versions_worker, **workers}[sys.argv[2]](
            sys.argv[3:])
    else:
        main()


@contextlib.contextmanager
def scratch(name: str, keep: bool, parent: Path | None = None) -> Iterator[Path]:
    """A temporary directory for the roster and every output (a roster of 100,000 is 129 MB),
    removed at the end even on failure, unless ``--keep`` asks to look at it; made under
    ``parent`` when given (the system's temporary directory may be held in memory)."""
    if parent is not None:
        parent.mkdir(parents=True, exist_ok=True)
    workdir = Path(tempfile.mkdtemp(prefix=f"competency-bench-{name}-", dir=parent))
    try:
        yield workdir
    finally:
        if keep:
            print(f"kept {workdir}")
        else:
            shutil.rmtree(workdir, ignore_errors=True)


# -- child processes ----------------------------------------------------------------------------

class Run:
    """One finished child process: wall time, peak RSS, exit code and its output files.

    ``maxrss_kib`` is ``ru_maxrss`` from ``os.wait4``. On Linux that is the largest peak of
    any single process among the child and the descendants it waited for, not their sum
    (checked: a child whose two spawned workers peak at 200 and 120 MB side by side reports
    about 215 MB). ``tree_kib``, when sampled, is the peak of the summed RSS of the child
    and all its live descendants, read from /proc every :data:`TREE_INTERVAL` seconds.
    """

    def __init__(self, cmd: Sequence[str], wall: float, maxrss_kib: int, code: int,
                 stdout: Path, stderr: Path, tree_kib: int | None = None) -> None:
        self.cmd = list(cmd)
        self.wall = wall
        self.maxrss_kib = maxrss_kib
        self.code = code
        self.stdout = stdout
        self.stderr = stderr
        self.tree_kib = tree_kib

    def failure(self, what: str = "worker") -> str:
        """What failed, with the end of its standard error."""
        tail = self.stderr.read_text(encoding="utf-8", errors="replace")[-3000:]
        return f"{what} failed (exit {self.code}): {shlex.join(self.cmd)}\n{tail}"

    def report(self) -> dict[str, Any]:
        """The JSON object a worker printed as the last line of its standard output."""
        lines = self.stdout.read_text(encoding="utf-8").strip().splitlines()
        if self.code != 0 or not lines:
            raise RuntimeError(self.failure())
        return json.loads(lines[-1])


TREE_INTERVAL = 0.1
"""Seconds between two samples of a process tree's resident size."""

_PAGE_KIB = os.sysconf("SC_PAGE_SIZE") // 1024 if hasattr(os, "sysconf") else 4


def tree_rss_kib(root: int) -> int:
    """Summed resident size of process ``root`` and all its live descendants (Linux /proc).

    Pages shared between the processes (the libraries' code) count once per process, so the
    sum overstates the memory the tree holds; it never understates it.
    """
    children: dict[int, list[int]] = {}
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit():
            continue
        try:
            stat = Path("/proc", entry.name, "stat").read_bytes()
        except OSError:
            continue
        ppid = int(stat[stat.rindex(b")") + 2:].split()[1])
        children.setdefault(ppid, []).append(int(entry.name))
    total, todo = 0, [root]
    while todo:
        pid = todo.pop()
        todo.extend(children.get(pid, ()))
        with contextlib.suppress(OSError, IndexError, ValueError):
            total += int(Path("/proc", str(pid), "statm").read_text().split()[1])
    return total * _PAGE_KIB


class _TreeSampler(threading.Thread):
    """Samples :func:`tree_rss_kib` of one process until stopped; keeps the peak."""

    def __init__(self, pid: int) -> None:
        super().__init__(daemon=True)
        self.pid = pid
        self.peak = 0
        self._done = threading.Event()

    def run(self) -> None:
        while True:
            self.peak = max(self.peak, tree_rss_kib(self.pid))
            if self._done.wait(TREE_INTERVAL):
                return

    def stop(self) -> int:
        self._done.set()
        self.join()
        return self.peak


def run(cmd: Sequence[str], stdout: Path, stderr: Path, *, tree: bool = False) -> Run:
    """Run ``cmd`` with its output in files; wall time and peak RSS of that child (see
    :class:`Run`); with ``tree``, also the sampled peak of its whole process tree."""
    with stdout.open("wb") as out, stderr.open("wb") as err:
        start = time.perf_counter()
        proc = subprocess.Popen(list(cmd), stdin=subprocess.DEVNULL, stdout=out, stderr=err)
        sampler = _TreeSampler(proc.pid) if tree and Path("/proc/self/stat").exists() else None
        if sampler is not None:
            sampler.start()
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - start
        tree_kib = sampler.stop() if sampler is not None else None
    proc.returncode = code = os.waitstatus_to_exitcode(status)
    return Run(cmd, wall, usage.ru_maxrss, code, stdout, stderr, tree_kib)


def worker(script: Path, name: str, *args: str) -> list[str]:
    """The command line that runs worker ``name`` of ``script`` in a fresh interpreter."""
    return [sys.executable, str(script), "--worker", name, *args]


def run_worker(script: Path, workdir: Path, name: str, *args: str) -> tuple[Run, dict[str, Any]]:
    """Run worker ``name`` with its output in ``workdir/NAME.out|err``; the run and its report."""
    done = run(worker(script, name, *args), workdir / f"{name}.out", workdir / f"{name}.err")
    return done, done.report()


Job = Callable[[], tuple[float, Run, int | None, dict[str, Any]]]
"""One measurement for :func:`measure`: seconds, the run, invalid records (None when the
path does not read whole records), the report."""


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


def run_cli(args: Sequence[str], stdout: Path, stderr: Path, *, tree: bool = False) -> Run:
    """Run ``competency ARGS`` as a user does; exit 1 only says that invalid records were found.
    ``tree`` samples the memory of its worker processes too (see :func:`run`). The summaries
    are asked for in English, the language the parsers below read."""
    done = run([*cli(), *args, *(() if "--lang" in args else ("--lang", "en"))], stdout, stderr,
               tree=tree)
    if done.code not in (0, 1):
        raise RuntimeError(done.failure(f"competency {args[0]}"))
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
_READ = re.compile(r"\bread (\d+), valid (\d+), invalid (\d+)(?:;|\s*$)")


def cli_records(path: Path) -> tuple[int, int]:
    """Records read and invalid, from the summary ``competency check`` and ``gaps`` write to
    standard error: the CLI row's invalid count, and proof that it read the whole roster."""
    for line in path.read_text(encoding="utf-8").splitlines():
        if match := _RECORDS.match(line):
            return int(match[1]), int(match[3])
    msg = f"no summary in {path}"
    raise AssertionError(msg)


def summary_counts(path: Path) -> tuple[int, int, int]:
    """Records read, valid and invalid, from the last summary line of any command that reads a
    roster (``FILE: read N, valid N, invalid N`` of ``validate``, ``records: read …`` of
    ``check`` and ``gaps``, ``FILE (DATE): records read …`` of ``targets``, ``records: read …;
    ranked …`` of ``select``)."""
    found = None
    for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
        if match := _READ.search(line):
            found = match
    if found is None:
        msg = f"no summary in {path}"
        raise AssertionError(msg)
    return int(found[1]), int(found[2]), int(found[3])


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
    from competency.synth import generate, invalid_count

    written = 0
    with out.open("w", encoding="utf-8") as stream:
        for record in generate(n, seed=seed, on=on, invalid_share=INVALID_SHARE):
            stream.write(json.dumps(record, ensure_ascii=False) + "\n")
            written += 1
    emit({"versions": _versions(), "records": written,
          "expected_invalid": invalid_count(n, INVALID_SHARE),
          "seconds": time.perf_counter() - start, "bytes": out.stat().st_size})


def versions_worker(argv: Sequence[str]) -> None:
    """Worker: the versions of the packages measured, when the roster was not generated now."""
    emit({"versions": _versions()})


def _versions() -> str:
    import importlib.metadata

    found = []
    for name in ("competency", "jsonschema", "jsonschema-rs", "attrs", "cattrs"):
        try:
            found.append(f"{name} {importlib.metadata.version(name)}")
        except importlib.metadata.PackageNotFoundError:
            found.append(f"{name} not installed")
    return ", ".join(found)


def generate_roster(script: Path, workdir: Path, n: int, seed: int, on: str,
                    out: Path | None = None) -> dict[str, Any]:
    """Generate the roster in a child process (to ``out``, else in ``workdir``); its report
    (records, expected invalid, …)."""
    roster = out or workdir / f"roster-{n}-seed{seed}.jsonl"
    done = run(worker(script, "generate", str(n), str(seed), on, str(roster)),
               workdir / "generate.out", workdir / "generate.err")
    report = done.report()
    report["path"] = roster
    print(f"versions: {report['versions']}")
    print(roster_line(report, n, seed, on), flush=True)
    return report


def roster_line(report: Mapping[str, Any], n: int, seed: int, on: str) -> str:
    """The line that says which roster a table was measured on."""
    return (f"roster: {n} officials, seed {seed}, as of {on}, {INVALID_SHARE:.0%} invalid "
            f"(invalid_share={INVALID_SHARE}) -> {report['bytes'] / 2**20:.1f} MB JSON Lines, "
            f"generated in {report['seconds']:.1f} s")


def cached_roster(script: Path, workdir: Path, directory: Path, n: int, seed: int, on: str,
                  *, fresh: bool = False) -> dict[str, Any]:
    """The roster of ``n`` officials kept in ``directory`` as ``roster-N-seedS-ON.jsonl``:
    generated the first time (or with ``fresh``), reused afterwards (2.5 million officials
    take minutes to generate). Its generation report is kept beside it as ``.json``."""
    directory.mkdir(parents=True, exist_ok=True)
    path = directory / f"roster-{n}-seed{seed}-{on}.jsonl"
    saved = path.with_suffix(".json")
    if fresh or not (path.exists() and saved.exists()):
        for old in (path, saved, *directory.glob(f"{path.stem}.first-*.jsonl")):
            old.unlink(missing_ok=True)
        partial = path.with_name(path.name + ".partial")
        report = generate_roster(script, workdir, n, seed, on, out=partial)
        partial.replace(path)
        saved.write_text(json.dumps({k: v for k, v in report.items() if k != "path"}) + "\n",
                         encoding="utf-8")
        report["path"] = path
        return report
    report = json.loads(saved.read_text(encoding="utf-8"))
    report["path"] = path
    _, current = run_worker(script, workdir, "versions")
    report["versions"] = current["versions"]
    print(f"versions: {report['versions']}")
    print(f"{roster_line(report, n, seed, on)} (kept in {path}; --fresh to regenerate)",
          flush=True)
    return report


def prefix(roster: Path, n: int, records: int) -> Path:
    """The first ``n`` lines of ``roster`` (of ``records`` lines), written once beside it as
    ``STEM.first-N.jsonl`` and reused while newer than the roster; the roster itself when
    ``n`` is all of it."""
    if n == records:
        return roster
    if n > records:
        msg = f"{roster} has {records} records, fewer than {n}"
        raise ValueError(msg)
    path = roster.with_name(f"{roster.stem}.first-{n}.jsonl")
    if path.exists() and path.stat().st_mtime >= roster.stat().st_mtime:
        return path
    partial = path.with_name(path.name + ".partial")
    with roster.open("rb") as source, partial.open("wb") as target:
        for _ in range(n):
            target.write(source.readline())
    partial.replace(path)
    return path


# -- measurements and the table ------------------------------------------------------------------

class Row:
    """One measured path: its label, record count, and the runs of its repetitions."""

    def __init__(self, label: str, records: int) -> None:
        self.label = label
        self.records = records
        self.seconds: list[float] = []
        self.rss_kib: list[int] = []
        self.tree_kib: list[int] = []  # sampled process-tree sums, when the job sampled them
        self.invalid: int | None = None
        self.extra: dict[str, Any] = {}
        self.error: str | None = None  # why the path could not be measured (see measure)

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
        """The largest peak of the runs: of the largest process, or of the sampled process
        tree when that was larger (several processes side by side)."""
        return max([*self.rss_kib, *self.tree_kib]) / 1024

    def add(self, seconds: float, done: Run, invalid: int | None) -> None:
        """Record one run."""
        self.seconds.append(seconds)
        self.rss_kib.append(done.maxrss_kib)
        if done.tree_kib is not None:
            self.tree_kib.append(done.tree_kib)
        self.invalid = invalid


def measure(rows: Sequence[tuple[Row, Job]], repeat: int, *, tolerate: bool = False) -> None:
    """Run every measurement ``repeat`` times, round robin, filling the rows.

    With ``tolerate``, a path that fails (its command exits with an error, or its output
    does not add up) is reported, its row keeps the error, and the others go on.
    """
    for attempt in range(1, repeat + 1):
        for row, job in rows:
            if row.error is not None:
                continue
            try:
                seconds, done, invalid, extra = job()
            except (AssertionError, RuntimeError) as exc:
                if not tolerate:
                    raise
                row.error = str(exc) or type(exc).__name__
                print(f"  FAILED {row.label}: {row.error.strip()}", flush=True)
                continue
            if row.seconds and row.invalid != invalid:
                msg = f"{row.label}: invalid count changed between runs ({row.invalid}, {invalid})"
                raise AssertionError(msg)
            row.add(seconds, done, invalid)
            row.extra = extra
            note = f" (run {attempt}/{repeat})" if repeat > 1 else ""
            tree = f" (process tree {done.tree_kib / 1024:.1f} MB)" if done.tree_kib else ""
            shown = "" if invalid is None else f", {invalid} invalid"
            print(f"  measured {row.label}{note}: {seconds:.2f} s, peak RSS "
                  f"{done.maxrss_kib / 1024:.1f} MB{tree}{shown}", flush=True)


def table(rows: Sequence[Row], baseline: Row) -> str:
    """The results table, with ratios against ``baseline`` measured in the same run."""
    head = ("path", "records", "seconds", "records/s", "peak RSS MB", "speed vs base",
            "RSS vs base", "invalid")
    body = [(r.label, f"{r.records}", f"{r.median_seconds:.2f}", f"{r.rate:,.0f}",
             f"{r.peak_mb:.1f}", f"{r.rate / baseline.rate:.2f}x",
             f"{r.peak_mb / baseline.peak_mb:.2f}x", f"{r.invalid}") for r in rows]
    lines = [markdown_table(head, body)]
    runs = len(baseline.seconds)
    if runs > 1:
        lines.append(f"(seconds: median of {runs} runs, each listed above; "
                     f"peak RSS: the largest of the {runs} runs)")
    return "\n".join(lines)


def markdown_table(head: Sequence[str], body: Sequence[Sequence[str]], left: int = 1) -> str:
    """A Markdown table aligned for reading as text: the first ``left`` columns to the left,
    the others (figures) to the right."""
    widths = [max(len(line[i]) for line in (head, *body)) for i in range(len(head))]

    def fmt(line: Sequence[str]) -> str:
        cells = [c.ljust(w) if i < left else c.rjust(w)
                 for i, (c, w) in enumerate(zip(line, widths, strict=True))]
        return "| " + " | ".join(cells) + " |"

    rule = "|" + "|".join("-" * (w + 1) + ("-" if i < left else ":")
                          for i, w in enumerate(widths)) + "|"
    return "\n".join([fmt(head), rule, *(fmt(line) for line in body)])


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
    print(f"load average at end (1, 5, 15 min): {load_average()}")


def print_parent_peak() -> None:
    """The orchestrating process's own peak RSS: no child's figure can be lower."""
    print(f"orchestrating process peak RSS (floor under every figure): {parent_peak_mb():.1f} MB")


def load_average() -> str:
    """``1.40, 1.34, 0.98``: the load averages over 1, 5 and 15 minutes."""
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
    load = load_average()
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
        (f"python: {platform.python_implementation()} {platform.python_version()} "
         f"({sys.executable})"),
        f"source: {source}",
        f"load average (1, 5, 15 min): {load}",
    ])


def parent_peak_mb() -> float:
    """Peak RSS of the orchestrating process itself (a floor under the children's figures)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
