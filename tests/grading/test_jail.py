"""The confinement of `kata grade --unconfined` (no bubblewrap): the network is cut, and 127.0.0.1
still works, since suites serve their fakes there (06-guard's outside service)."""

from __future__ import annotations

import json
import os
import socket
import sys

import pytest

from checker.grading.jail import Confinement, isolate


def _in_a_confined_child() -> dict[str, object]:
    """Fork; the child cuts its network as a run does, tries both addresses, and tells what it saw."""
    readable, writable = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: never returns into pytest
        seen: dict[str, object] = {}
        try:
            seen["problems"] = isolate(Confinement(cut_network=True))
            with socket.create_server(("127.0.0.1", 0)) as server:
                with socket.create_connection(server.getsockname(), timeout=2) as client:
                    peer, _ = server.accept()
                    client.sendall(b"ping")
                    seen["loopback"] = peer.recv(4).decode()
                    peer.close()
            try:
                socket.create_connection(("192.0.2.1", 80), timeout=2).close()  # TEST-NET-1: never ours
                seen["outside"] = "reached"
            except OSError as error:
                seen["outside"] = error.strerror or type(error).__name__
        except BaseException as error:  # noqa: BLE001  (whatever happened, the parent hears it)
            seen["error"] = repr(error)
        os.write(writable, json.dumps(seen).encode())
        os._exit(0)
    os.close(writable)
    with os.fdopen(readable, "rb") as pipe:
        said = pipe.read()
    os.waitpid(pid, 0)
    return json.loads(said)


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="network namespaces are Linux's")
def test_a_cut_network_keeps_its_loopback_and_reaches_nothing_else():
    seen = _in_a_confined_child()
    if seen.get("problems"):
        pytest.skip(f"this machine cannot cut a run's network: {seen['problems']}")
    assert "error" not in seen, seen
    assert seen["loopback"] == "ping", seen
    assert seen["outside"] != "reached", seen
