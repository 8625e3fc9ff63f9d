"""`kata doctor --room`: every check OK or a problem with its fix, then one verdict to read out."""

from __future__ import annotations

import json

from checker.doctor import Finding
from checker.workshop.room import RoomCheck


def test_the_verdict_says_ready_when_every_check_passes():
    verdict = RoomCheck((Finding("Python", True, "3.11"), Finding("katas", True, "1"))).verdict
    assert verdict.startswith("READY: all 2 checks pass (Python ")


def test_the_verdict_names_each_problem_in_one_line():
    found = (Finding("Python", True, "3.11"), Finding("fastapi", False, "not installed", "run uv sync"))
    found += (Finding("kata check", False, "could not run", "show the output"),)
    verdict = RoomCheck(found).verdict
    assert verdict == "NOT READY: 2 problem(s): fastapi, kata check. Fix them with the lines above."
    assert "\n" not in verdict


def test_the_room_check_runs_a_real_check_and_ends_with_the_verdict(kata):
    result = kata("doctor", "--room")
    lines = result.output.strip().splitlines()
    assert any(line.startswith("✓ kata check") and "public tests of 00-welcome ran in" in line for line in lines)
    for name in ("Python", "fastapi", "SQLite features", "katas", "disk space", "this copy"):
        assert any(line.startswith(f"✓ {name}") for line in lines), f"{name}: {result.output}"
    # The sandbox runs the project's installed checker, not a checker of its own: exactly what a
    # learner who installed one copy and works in another would see.
    assert any(line.startswith("✗ installed checker") for line in lines)
    assert any("fix: run the install line of this folder's README.md" in line for line in lines)
    assert lines[-1] == "NOT READY: 1 problem(s): installed checker. Fix them with the lines above."
    assert result.exit_code == 1


def test_the_room_check_as_json_carries_the_verdict_and_each_finding(kata):
    data = json.loads(kata("doctor", "--room", "--json").output)
    assert data["ready"] is False and data["verdict"].startswith("NOT READY")
    assert all({"name", "ok", "detail", "fix"} <= set(f) for f in data["findings"])
