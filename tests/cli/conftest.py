from __future__ import annotations

import socket

import pytest
from typer.testing import CliRunner

from checker.cli import ports
from checker.cli.main import app


@pytest.fixture
def kata(sandbox):
    """Run `kata ARGS...` in the sandbox project; returns the click Result."""
    runner = CliRunner()

    def invoke(*args: str, input: str | None = None):
        return runner.invoke(app, list(args), input=input)

    return invoke


@pytest.fixture
def held_port(monkeypatch):
    """A port something already listens on, made the default one: as when another server holds 8000."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as holder:
        holder.bind(("127.0.0.1", 0))
        holder.listen()
        port = holder.getsockname()[1]
        monkeypatch.setattr(ports, "DEFAULT", port)
        yield port
