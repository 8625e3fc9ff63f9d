"""The port a local server (`kata docs`, `kata serve`) listens on: the one asked for, or a free one.

Both servers would otherwise start on 8000 and die with a traceback when something already holds
it (often the other one). Without --port the first free port from 8000 is taken and said; a port
asked for that is taken is one clear line.
"""

from __future__ import annotations

import errno
import os
import socket
from typing import Annotated

import typer

from checker.cli.context import fail

DEFAULT = 8000
_TRIES = 100

PortOpt = Annotated[
    int | None,
    typer.Option(
        "--port",
        min=1,
        max=65535,
        help=f"Port to serve on (default: {DEFAULT}, or the first free one after).",
        show_default=False,
    ),
]


def is_free(host: str, port: int) -> bool:
    """Whether a server could listen on host:port now (as uvicorn and mkdocs bind, reusing the address)."""
    try:
        family = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)[0][0]
    except socket.gaierror:
        family = socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as probe:
        if os.name != "nt":  # on Windows the option would let the probe share a port in use
            probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind((host, port))
        except OSError as error:
            if error.errno in (errno.EADDRINUSE, errno.EACCES):
                return False
            fail(f"cannot listen on {host}:{port}: {error.strerror}. Choose another address with --host.")
    return True


def choose_port(host: str, asked: int | None, command: str) -> tuple[int, str]:
    """(the port to listen on, a line saying why when it is not the one expected); fails when none is free."""
    if asked is not None:
        if not is_free(host, asked):
            fail(
                f"port {asked} is taken on {host} (another server is running there): stop it, "
                f"or leave --port out and {command} picks a free port."
            )
        return asked, ""
    for port in range(DEFAULT, DEFAULT + _TRIES):
        if is_free(host, port):
            note = "" if port == DEFAULT else f"Port {DEFAULT} is taken; using {port}, the first free one."
            return port, note
    fail(f"ports {DEFAULT} to {DEFAULT + _TRIES - 1} are all taken on {host}: choose one with --port.")
