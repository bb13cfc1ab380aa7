"""A real ``competency serve`` on the loopback address, started once for the module's tests."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import time
from pathlib import Path

import pytest

httpx = pytest.importorskip("httpx")
pytest.importorskip("starlette")
pytest.importorskip("uvicorn")

ROOT = Path(__file__).resolve().parents[2]
ROSTER = ROOT / "examples" / "sample-roster.jsonl"
MAX_BODY = 256 * 1024

OVERLAY = """
standards:
  - id: tinh-80.cong-chuc-xa
    title: {vi: Tiêu chuẩn bổ sung của tỉnh, en: Provincial addition}
    subject: commune-civil-servant-80
    applies_to: {categories: [cong_chuc], levels: [commune], provinces: ["80"]}
    valid_from: 2024-01-01
    confidence: illustrative
    legal_basis: [{instrument: 01/2024/QĐ-UBND, kind: overlay, confidence: illustrative}]
    requirements:
      id: all
      all_of:
        - {id: degree, min_education: dai_hoc}
"""


def run_cli(*args: str) -> subprocess.CompletedProcess[str]:
    """``competency ARGS`` in a fresh process, as a user runs it."""
    return subprocess.run([sys.executable, "-m", "competency", *args], capture_output=True,
                          text=True, cwd=ROOT, timeout=120, check=False)


@pytest.fixture(scope="session")
def overlay_file(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("overlay") / "tinh-80.yaml"
    path.write_text(OVERLAY, encoding="utf-8")
    return path


@pytest.fixture(scope="session")
def server(tmp_path_factory, overlay_file) -> str:
    """The base URL of a server started with ``--port 0``; stopped after the session."""
    log = tmp_path_factory.mktemp("serve") / "stderr.log"
    with log.open("wb") as sink:
        proc = subprocess.Popen(
            [sys.executable, "-m", "competency", "serve", "--port", "0", "--no-access-log",
             "--max-body", f"{MAX_BODY}", "--overlay", str(overlay_file)],
            stdout=subprocess.DEVNULL, stderr=sink, cwd=ROOT, env={**os.environ, "NO_COLOR": "1"})
    try:
        url = _wait(proc, log)
        yield url
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def _wait(proc: subprocess.Popen[bytes], log: Path, timeout: float = 30.0) -> str:
    """The URL the server reports, once it answers."""
    deadline = time.monotonic() + timeout
    url = None
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            pytest.fail(f"competency serve exited {proc.returncode}: {log.read_text()}")
        if url is None:
            found = re.search(r"listening on (http://\S+)", log.read_text(errors="replace"))
            url = found[1] if found else None
        if url is not None:
            try:
                if httpx.get(f"{url}/openapi.json", timeout=2).status_code == 200:
                    return url
            except httpx.TransportError:
                pass
        time.sleep(0.1)
    pytest.fail(f"competency serve did not answer in {timeout} s: {log.read_text()}")


@pytest.fixture(scope="session")
def client(server):
    with httpx.Client(base_url=server, timeout=30) as session:
        yield session
