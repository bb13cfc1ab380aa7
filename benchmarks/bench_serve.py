"""Bounded load test of ``competency serve``: throughput, latency and the server's peak memory.

A server is started on the loopback address (``competency serve --port 0 --no-access-log``);
``--clients`` concurrent clients (httpx, async, one connection each) send ``--requests``
requests in all, each ``POST /check?on=2020-06-01`` with one record of
``examples/sample-roster.jsonl`` (the records in turn), after ``--warmup`` requests that are
not counted. Every answer must be 200 with the one record counted valid; anything else is a
failed request (the script exits 1 when there is one). The server's peak RSS is its
``VmHWM`` just before it is stopped.

Baseline, measured in the same run in a fresh process: the same requests' work done in
process with the library, one record after another: ``json.loads`` of the record's text, the
official schema's verdict, structuring, ``results_for`` and the JSON document of the answer
(``check_document``, ``json.dumps``). The ratios say what the HTTP layer, the event loop
and the worker threads cost on top of the library's own work.

Run:  make bench-serve   (or .venv/bin/python benchmarks/bench_serve.py)
Needs the ``serve`` extra and httpx (the ``test`` extra).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import re
import resource
import shlex
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import _bench

ROSTER = _bench.ROOT / "examples" / "sample-roster.jsonl"
ON = "2020-06-01"


def _bodies() -> list[bytes]:
    return [line.strip() for line in ROSTER.read_bytes().splitlines() if line.strip()]


def baseline_worker(argv: list[str]) -> None:
    """In process, one record at a time: what each request asks of the library."""
    import datetime as dt

    from competency.io.roster import Tally
    from competency.model.official import Official
    from competency.schema.convert import structure
    from competency.schema.validate import validator
    from competency.standards.catalogue import Catalog
    from competency.standards.summary import CheckCounts, check_document, results_for

    total, warmup = int(argv[0]), int(argv[1])
    bodies, catalog, check = _bodies(), Catalog.builtin(), validator("official")
    day = dt.date.fromisoformat(ON)

    def one(body: bytes) -> str:
        data = json.loads(body)
        assert not check.errors(data)
        official = structure(data, Official)
        tally, counts = Tally(read=1, valid=1), CheckCounts()
        results = results_for(official, day, catalog)
        counts.add(results)
        return json.dumps(check_document(day, counts.summary(tally), results),
                          ensure_ascii=False)

    for i in range(warmup):
        one(bodies[i % len(bodies)])
    times = []
    started = time.perf_counter()
    for i in range(total):
        t = time.perf_counter()
        one(bodies[i % len(bodies)])
        times.append(time.perf_counter() - t)
    wall = time.perf_counter() - started
    print(json.dumps({"wall": wall, "times": times}))


def _percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def _start_server(log: Path) -> tuple[subprocess.Popen[bytes], str]:
    sink = log.open("wb")
    proc = subprocess.Popen([sys.executable, "-m", "competency", "serve", "--port", "0",
                             "--no-access-log"], stdout=subprocess.DEVNULL, stderr=sink,
                            cwd=_bench.ROOT)
    import httpx

    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise SystemExit(f"the server exited {proc.returncode}:\n{log.read_text()}")
        found = re.search(r"listening on (http://\S+)", log.read_text(errors="replace"))
        if found:
            try:
                if httpx.get(f"{found[1]}/openapi.json", timeout=2).status_code == 200:
                    return proc, found[1]
            except httpx.TransportError:
                pass
        time.sleep(0.1)
    proc.kill()
    raise SystemExit(f"the server did not answer in 60 s:\n{log.read_text()}")


def _cpu_seconds(pid: int) -> float:
    """User and system CPU time of a live process, from /proc."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _peak_kib(pid: int) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1])
    return 0


async def _load(url: str, bodies: list[bytes], total: int, clients: int,
                warmup: int) -> tuple[float, list[float], int, list[str]]:
    import httpx

    headers = {"Content-Type": "application/json"}
    failures: list[str] = []

    async def send(client: httpx.AsyncClient, i: int) -> float:
        t = time.perf_counter()
        try:
            answer = await client.post(f"/check?on={ON}", content=bodies[i % len(bodies)],
                                       headers=headers)
            ok = (answer.status_code == 200
                  and answer.json()["summary"]["records"] == {"read": 1, "valid": 1,
                                                                "invalid": 0})
            if not ok:
                failures.append(f"{answer.status_code}: {answer.text[:200]}")
        except httpx.HTTPError as exc:
            failures.append(repr(exc))
        return time.perf_counter() - t

    counter = iter(range(total))
    times: list[float] = []

    async def client_loop() -> None:
        async with httpx.AsyncClient(base_url=url, timeout=60) as client:
            for i in counter:
                times.append(await send(client, i))

    async with httpx.AsyncClient(base_url=url, timeout=60) as client:
        for i in range(warmup):
            await send(client, i)
    failures.clear()
    started = time.perf_counter()
    await asyncio.gather(*(client_loop() for _ in range(clients)))
    return time.perf_counter() - started, times, len(failures), failures[:5]


def _baseline(total: int, warmup: int) -> tuple[dict, int]:
    with tempfile.TemporaryFile() as out:
        proc = subprocess.Popen([sys.executable, str(Path(__file__).resolve()), "--worker",
                                 "baseline", str(total), str(warmup)], stdout=out)
        _, status, usage = os.wait4(proc.pid, 0)
        proc.returncode = os.waitstatus_to_exitcode(status)
        if proc.returncode:
            raise SystemExit(f"baseline failed (exit {proc.returncode})")
        out.seek(0)
        return json.loads(out.read()), usage.ru_maxrss


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--requests", type=int, default=2000)
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--warmup", type=int, default=40)
    args = parser.parse_args()
    print(_bench.environment(shlex.join([Path(sys.executable).as_posix(), *sys.argv])))
    bodies = _bodies()
    base, base_kib = _baseline(args.requests, args.warmup)
    with tempfile.TemporaryDirectory() as scratch:
        log = Path(scratch) / "server.log"
        proc, url = _start_server(log)
        try:
            server_cpu, own_cpu = _cpu_seconds(proc.pid), time.process_time()
            wall, times, failed, examples = asyncio.run(
                _load(url, bodies, args.requests, args.clients, args.warmup))
            server_cpu = _cpu_seconds(proc.pid) - server_cpu
            own_cpu = time.process_time() - own_cpu
            server_kib = _peak_kib(proc.pid)
        finally:
            proc.terminate()
            proc.wait(timeout=30)
    rate, base_rate = args.requests / wall, args.requests / base["wall"]
    p50, p99 = _percentile(times, 0.50), _percentile(times, 0.99)
    b50, b99 = _percentile(base["times"], 0.50), _percentile(base["times"], 0.99)
    client_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"\n{args.requests} requests (POST /check, one record each) from {args.clients} "
          f"concurrent clients, after {args.warmup} warm-up requests\n")
    print("| | requests/s | p50 ms | p99 ms | mean ms | peak RSS MB | failed |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    print(f"| HTTP service | {rate:,.0f} | {p50 * 1e3:.2f} | {p99 * 1e3:.2f} | "
          f"{statistics.fmean(times) * 1e3:.2f} | {server_kib / 1024:.0f} (server) | {failed} |")
    print(f"| baseline: library in process, one record at a time | {base_rate:,.0f} | "
          f"{b50 * 1e3:.2f} | {b99 * 1e3:.2f} | {statistics.fmean(base['times']) * 1e3:.2f} | "
          f"{base_kib / 1024:.0f} | - |")
    print(f"| ratio service / baseline | {rate / base_rate:.2f} | {p50 / b50:.1f} | "
          f"{p99 / b99:.1f} | | {server_kib / base_kib:.2f} | |")
    sent = args.requests + args.warmup
    print(f"\nCPU per request (warm-up included): server {server_cpu / sent * 1e3:.2f} ms, load "
          f"generator {own_cpu / sent * 1e3:.2f} ms; baseline {base['wall'] / args.requests * 1e3:.2f}"
          f" ms wall; all share this machine's {os.cpu_count()} cores")
    print(f"load generator's own peak RSS: {client_mb:.0f} MB")
    if failed:
        print("failed requests, first ones:\n" + "\n".join(examples))
        raise SystemExit(1)


if __name__ == "__main__":
    _bench.dispatch({"baseline": baseline_worker}, main)
