"""Task 3: the circuit opens after 5 failed calls in a row, stays open 30 s on the clock, then
lets one probe through; the probe's answer closes or reopens it."""

from __future__ import annotations

import pytest
from kata_tests.upstream import OK, RESET, body, status

from checker.testkit import expect_equal


def _call(world, *script):
    """One post with a link; the arrivals it caused at the service."""
    before = len(world.upstream.arrived("/previews"))
    world.upstream.will(*script)
    world.new_post()
    return len(world.upstream.arrived("/previews")) - before


def _failed_calls(world, n):
    for _ in range(n):
        _call(world, status(503), status(503), status(503))


@pytest.mark.task(3, points=7)
@pytest.mark.rules("3.1")
def test_five_failed_calls_in_a_row_open_the_circuit_for_thirty_seconds(world):
    seen = {}
    _failed_calls(world, 4)
    seen["the 5th call, after 4 failed"] = _call(world, status(503), status(503), status(503))
    world.upstream.will(then=status(503))
    seen["3 calls after 5 failed"] = sum(_call(world) for _ in range(3))
    world.clock.advance(29.5)
    seen["a call 29.5 s later"] = _call(world)
    other = type(world)(world.upstream)
    world.upstream.will(then=OK)
    for _ in range(4):
        _call(other, RESET, RESET, RESET)
    _call(other, OK)
    for _ in range(4):
        _call(other, RESET, RESET, RESET)
    seen["on a new app: the 10th call, after 4 failed, 1 good, 4 failed"] = _call(other, OK)
    # A call fails whatever the reason: a final answer, not retried, is a failed call all the same.
    for final in (status(500), body(b"<html>oops</html>"), status(404), body({"title": "t" * 201}), status(500)):
        _call(other, final)
    seen["on that app: a call after 5 answered 500, malformed, 404, a 201-character title, 500"] = _call(other, OK)
    wanted = {
        "the 5th call, after 4 failed": 3,
        "3 calls after 5 failed": 0,
        "a call 29.5 s later": 0,
        "on a new app: the 10th call, after 4 failed, 1 good, 4 failed": 1,
        "on that app: a call after 5 answered 500, malformed, 404, a 201-character title, 500": 0,
    }
    wrong = [f"{k}: {v} arrivals, expected {wanted[k]}" for k, v in seen.items() if v != wanted[k]]
    expect_equal(
        wrong,
        [],
        did="Failed previews (503 on each attempt, or reset connections) in a row, and counted the arrivals "
        "at the service of each later call",
        saw="; ".join(wrong),
        expected_text="; ".join(f"{k}: {v}" for k, v in wanted.items()),
        why="Rule 3.1: "
        + (
            "the circuit opened too early: 4 failures, or failures with a success between them, are not 5 in a row."
            if seen["the 5th call, after 4 failed"] != 3 or seen[list(seen)[-2]] != 1
            else "a failed call is a failed call, retried or not: a service that answers 500 or nonsense five times "
            "in a row is failing, and is left alone too."
            if all(k.startswith("on that app") for k in seen if seen[k] != wanted[k])
            else "after 5 failed calls in a row nothing may reach the service for 30 s on settings.clock."
        ),
    )


@pytest.mark.task(3, points=4)
@pytest.mark.rules("3.2")
def test_one_probe_after_the_cool_down_reopens_or_closes_the_circuit(world):
    _failed_calls(world, 5)
    seen = {}
    world.clock.advance(30)
    seen["the probe, 30 s after opening (503 again)"] = min(_call(world, status(503), status(503), status(503)), 1)
    world.upstream.will(then=OK)
    seen["3 calls right after the failed probe"] = sum(_call(world) for _ in range(3))
    world.clock.advance(29)
    seen["a call 29 s after the failed probe"] = _call(world)
    world.clock.advance(1)
    seen["the probe 30 s after the failed one (answered well)"] = _call(world)
    seen["3 calls after the good probe"] = sum(_call(world) for _ in range(3))
    wanted = dict(zip(seen, (1, 0, 0, 1, 3), strict=True))
    wrong = [f"{k}: {v} arrivals, expected {wanted[k]}" for k, v in seen.items() if v != wanted[k]]
    expect_equal(
        wrong,
        [],
        did="Opened the circuit with 5 failed previews, then played its cool-down on the clock",
        saw="; ".join(wrong),
        expected_text="; ".join(f"{k}: {v}" for k, v in wanted.items()),
        why="Rule 3.2: "
        + (
            "after a failed probe the circuit opens for another 30 s: the next calls reach nothing."
            if seen["3 calls right after the failed probe"] or seen["a call 29 s after the failed probe"]
            else "after 30 s one probe goes through, and its success closes the circuit."
        ),
    )
