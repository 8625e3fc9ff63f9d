from __future__ import annotations

import socket

import pytest

from checker.cli import ports


@pytest.fixture
def held_port(monkeypatch):
    """A port something already listens on, made the default one: as when another server holds 8000."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as holder:
        holder.bind(("127.0.0.1", 0))
        holder.listen()
        port = holder.getsockname()[1]
        monkeypatch.setattr(ports, "DEFAULT", port)
        yield port
