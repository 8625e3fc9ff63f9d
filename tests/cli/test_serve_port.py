"""`kata serve`: 8000 taken means the next free port, said; a taken port asked for is one clear line."""

from __future__ import annotations

import pytest


def test_serve_moves_to_a_free_port_and_every_address_it_prints_uses_it(sandbox, kata, held_port, monkeypatch):
    from checker.room.interface import server

    served: list[int] = []
    monkeypatch.setattr(server, "serve", lambda app, host, port: served.append(port))
    result = kata("serve")
    assert result.exit_code == 0, result.output
    (chosen,) = served
    assert chosen != held_port
    assert f"Port {held_port} is taken; using {chosen}, the first free one." in result.output
    addresses = [line for line in result.output.splitlines() if "http://" in line]
    assert addresses and all(f":{chosen}/" in line or f":{chosen} " in line for line in addresses), addresses


def test_serve_on_a_taken_port_asked_for_is_one_clear_line(sandbox, kata, held_port, monkeypatch):
    from checker.room.interface import server

    monkeypatch.setattr(server, "serve", lambda app, host, port: pytest.fail("served on a taken port"))
    result = kata("serve", "--port", str(held_port))
    assert result.exit_code == 2, result.output
    assert (
        f"port {held_port} is taken on 127.0.0.1" in result.output and "kata serve picks a free port" in result.output
    )
    assert "Traceback" not in result.output
