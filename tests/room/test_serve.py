"""`kata serve`: what the facilitator is told, and where the server listens (uvicorn itself not started)."""

from __future__ import annotations

import re

import pytest
from fastapi.testclient import TestClient

import checker.room.interface.server as server


@pytest.fixture
def served(monkeypatch):
    calls = []
    monkeypatch.setattr(server, "serve", lambda app, *, host, port: calls.append((app, host, port)))
    return calls


def test_serve_opens_a_room_on_loopback_and_prints_code_token_and_link(kata, sandbox, served):
    result = kata("serve", "--port", "8123")
    assert result.exit_code == 0, result.output
    code = re.search(r"Join code: (\w{6})", result.output).group(1)
    token = re.search(r"Admin token \(shown once; keep it\): (\S+)", result.output).group(1)
    assert f"http://127.0.0.1:8123/rooms/{code}#token={token}" in result.output
    assert f"kata join http://127.0.0.1:8123 --room {code} --name THEIR-NAME" in result.output
    [(app, host, port)] = served
    assert (host, port) == ("127.0.0.1", 8123)
    assert (sandbox / ".kata" / "room-server.db").is_file()
    board = TestClient(app).get(f"/rooms/{code}/board.json", headers={"Authorization": f"Bearer {token}"})
    assert board.status_code == 200 and [k["kata"] for k in board.json()["katas"]] == ["00-welcome"]


def test_a_restart_reopens_the_open_room_without_a_new_token(kata, served):
    first = kata("serve")
    code = re.search(r"Join code: (\w{6})", first.output).group(1)
    again = kata("serve")
    assert again.exit_code == 0 and "Admin token" not in again.output
    assert f"/rooms/{code} (its admin token was shown when it opened)" in again.output


def test_lan_listens_on_every_interface(kata, served):
    assert kata("serve", "--lan").exit_code == 0
    assert served[0][1] == "0.0.0.0"


def test_a_blank_room_name_is_a_clean_error(kata, served):
    result = kata("serve", "--room", "   ")
    assert result.exit_code == 2 and "A room needs a name" in result.output and not served


def test_the_room_page_shows_learners_the_address_they_can_reach(kata, served, monkeypatch):
    import checker.cli.serve_cmd as serve_cmd

    monkeypatch.setattr(serve_cmd, "_lan_address", lambda: "10.0.0.5")
    result = kata("serve", "--lan", "--port", "8123")
    code = re.search(r"Join code: (\w{6})", result.output).group(1)
    token = re.search(r"Admin token \(shown once; keep it\): (\S+)", result.output).group(1)
    assert f"kata join http://10.0.0.5:8123 --room {code}" in result.output
    page = TestClient(served[0][0]).get(f"/rooms/{code}", headers={"Authorization": f"Bearer {token}"})
    assert f"kata join http://10.0.0.5:8123 --room {code} --name YOUR-NAME" in page.text
    assert page.headers["x-frame-options"] == "DENY"
