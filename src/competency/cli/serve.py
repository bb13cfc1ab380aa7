"""``competency serve``: the HTTP service, on the loopback address unless told otherwise."""

from __future__ import annotations

import re
import socket
from pathlib import Path

import typer

from competency.cli._common import EXIT_UNUSABLE, err, load_catalog
from competency.cli.gaps import FRAMEWORKS, OVERLAY, load_frameworks

__all__ = ["parse_size", "serve"]

_UNITS = {"": 1, "k": 2**10, "m": 2**20, "g": 2**30}
_SIZE = re.compile(r"\s*(\d+)\s*([kmg]?)(?:i?b)?\s*", re.IGNORECASE)


def parse_size(text: str) -> int:
    """``10MB``, ``512KiB``, ``1000000``: bytes (K, M, G are powers of 1024)."""
    match = _SIZE.fullmatch(text)
    if match is None or int(match[1]) == 0:
        raise typer.BadParameter(f"expected a size such as 10MB, 512KB or 1000000, got {text!r}")
    return int(match[1]) * _UNITS[match[2].lower()]


def _bind(host: str, port: int) -> socket.socket:
    """The listening socket, bound before the server starts so that port 0 can be reported."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind((host, port))
    except OSError as exc:
        sock.close()
        err.print(f"error: cannot listen on {host}:{port}: {exc.strerror or exc}", markup=False)
        raise typer.Exit(EXIT_UNUSABLE) from None
    sock.listen(2048)
    sock.set_inheritable(True)
    return sock


def serve(
    host: str = typer.Option("127.0.0.1", "--host",
                             help="Address to listen on (default: this machine only)"),
    port: int = typer.Option(8000, "--port", min=0, max=65535, help="Port (0: any free port)"),
    overlay: list[Path] = OVERLAY,
    frameworks: list[Path] = FRAMEWORKS,
    max_body: str = typer.Option("10MB", "--max-body",
                                 help="Largest request body; larger ones get 413"),
    access_log: bool = typer.Option(True, "--access-log/--no-access-log",
                                    help="Log one line per request on standard error"),
) -> None:
    """Serve validate, check, explain and gaps over HTTP, with an OpenAPI document and /docs."""
    limit = parse_size(max_body)
    try:
        import uvicorn

        from competency.serve import Service, create_app
    except ModuleNotFoundError as exc:
        err.print(f"error: the HTTP service needs {exc.name}: pip install 'competency[serve]'",
                  markup=False)
        raise typer.Exit(EXIT_UNUSABLE) from None
    service = Service(catalog=load_catalog(overlay), frameworks=load_frameworks(frameworks),
                      max_body=limit)
    sock = _bind(host, port)
    where = sock.getsockname()
    shown = f"[{where[0]}]" if sock.family == socket.AF_INET6 else where[0]
    err.print(f"competency serve: listening on http://{shown}:{where[1]} "
              f"(docs at /docs; body limit {limit:,} bytes; {len(service.catalog.standards)} "
              "standards)", markup=False)
    config = uvicorn.Config(create_app(service), log_level="info", access_log=access_log,
                            server_header=False)
    uvicorn.Server(config).run(sockets=[sock])
