"""Task 2: retries for what a second try can fix, at most 3 attempts, keyed POSTs, jittered
exponential backoff through the injected sleeper, and Retry-After honoured within a budget."""

from __future__ import annotations

import json

import pytest
from kata_tests.scene import backoff_sleeps, show
from kata_tests.upstream import DRIP, HANG, OK, RESET, body, status

from checker.testkit import expect_equal

RETRIED = {
    "a timeout": HANG,
    "a drip past the deadline": DRIP,
    "a reset connection": RESET,
    "429": status(429),
    "502": status(502),
    "503": status(503),
    "504": status(504),
}
FINAL = {
    "400": status(400),
    "404": status(404),
    "500": status(500),
    "a malformed preview": body(b"<html>Service temporarily unavailable</html>"),
    "an answer of 100 kB": body({"title": "Fine", "padding": "z" * 100_000}),
}


def _attempts(world, send, path, *script):
    before = len(world.upstream.arrived(path))
    world.upstream.will(*script, then=OK)
    world.timed(send, 3 * world.timeout + 1.0)  # an app without a deadline is cut off, not waited for
    return len(world.upstream.arrived(path)) - before


def _count(world, send, path, script, expected):
    """Attempts are bounded by real deadlines, and on a loaded machine a good answer can miss one:
    a count that is off is played once more before it counts. A wrong app is wrong both times."""
    n = _attempts(world, send, path, *script)
    return n if n == expected else _attempts(world, send, path, *script)


@pytest.mark.task(2, points=6)
@pytest.mark.rules("2.1")
def test_retryable_failures_get_three_attempts_and_final_answers_one(quick):
    world, wrong = quick, []
    for name, failure in RETRIED.items():
        # A timeout costs real time: it is played once, then followed by a good answer.
        if failure not in (HANG, DRIP):
            n = _count(world, world.new_post, "/previews", (failure,) * 3, 3)
            if n != 3:
                wrong.append(f"preview after {name} every time: {n} attempts, expected 3")
        n = _count(world, world.new_post, "/previews", (failure, OK), 2)
        if n != 2:
            wrong.append(f"preview after {name} once, then 200: {n} attempts, expected 2")
    for name, answer in {**FINAL, "200": OK}.items():
        n = _count(world, world.new_post, "/previews", (answer,), 1)
        if n != 1:
            wrong.append(f"preview answered {name}: {n} attempts, expected 1")
        world.new_post()  # a good preview between two bad ones: the circuit stays closed

    def invite():
        world.clock.advance(60)  # a minute apart: each invite within ada's limit (rule 5.2), however many
        return world.invite()

    n = _count(world, invite, "/messages", (status(503),) * 3, 3)
    if n != 3:
        wrong.append(f"invite while mail answers 503 every time: {n} attempts, expected 3")
    # An invite carries its Idempotency-Key (2.2): after a timeout or a reset it is retried like any call.
    for name, failure in (("a reset connection", RESET), ("a timeout", HANG)):
        n = _count(world, invite, "/messages", (failure, OK), 2)
        if n != 2:
            wrong.append(f"invite after {name} once, then 202: {n} attempts, expected 2")
    n = _count(world, invite, "/messages", (status(500),), 1)
    if n != 1:
        wrong.append(f"invite after mail answered 500: {n} attempts, expected 1")
    expect_equal(
        wrong,
        [],
        did="Made previews and invites meet each kind of failure, once and every time",
        saw="; ".join(wrong[:4]) + (f"; and {len(wrong) - 4} more" if len(wrong) > 4 else ""),
        expected_text="3 attempts at most, retrying timeouts, resets, 429, 502, 503, 504; one attempt after any other answer",
        why="Rule 2.1: "
        + (
            "a retry cannot fix a 4xx, a 500 or a malformed answer: it only repeats the load."
            if any("expected 1" in w for w in wrong)
            else "an invite after a timeout or a reset may have been delivered, and its retry carries the same "
            "Idempotency-Key: the provider delivers (and bills) it once, so retry it as any other call."
            if all(w.startswith("invite after a") for w in wrong)
            else "retry what a second try can fix, and stop after 3 attempts: a service that is down needs less "
            "traffic, not more."
        ),
    )


@pytest.mark.task(2, points=4)
@pytest.mark.rules("2.2")
def test_one_idempotency_key_per_invite_on_every_attempt(world):
    world.upstream.will(status(503), status(502), OK, status(504), OK, OK)
    invited = ["friend0@example.org", "friend1@example.org", "friend0@example.org"]  # friend0's first mail was lost
    answers = [world.invite(email).status_code for email in invited]
    arrivals = world.upstream.arrived("/messages")
    keys = [a.headers.get("Idempotency-Key") for a in arrivals]
    by_invite = [keys[0:3], keys[3:5], keys[5:6]]
    messages = [json.loads(a.body or b"null") for a in arrivals]
    to = [m.get("to") if isinstance(m, dict) and set(m) == {"to", "subject", "text"} else m for m in messages]
    fine = (
        len(keys) == 6
        and all(keys)
        and all(len(set(group)) == 1 for group in by_invite)
        and len({group[0] for group in by_invite}) == 3
        and to == [invited[0]] * 3 + [invited[1]] * 2 + [invited[2]]
    )
    expect_equal(
        bool(fine),
        True,
        did="3 invites, to friend0, friend1 and friend0 again: the first meets 503, 502, then 202; the second 504, "
        "then 202; the third 202 at once",
        saw=f"answers {answers}; Idempotency-Key of each attempt: {keys}; 'to' of each: {to}",
        expected_text="6 attempts, each a message {'to', 'subject', 'text'} to the friend invited; every attempt of one "
        "invite with the same non-empty key, each invite with its own",
        why="Rule 2.2: "
        + (
            "a new key on each attempt tells the provider it is a new message: the retry is billed and delivered twice."
            if len(keys) == 6 and all(keys) and len(set(keys)) > 3
            else "inviting the same friend again is a new message: with the first one's key, the provider takes it "
            "for a retry of a message it already delivered, and sends nothing."
            if len(keys) == 6 and all(keys) and keys[5] == keys[0]
            else "the provider tells a retry from a new message only by its Idempotency-Key."
        ),
    )


@pytest.mark.task(2, points=3)
@pytest.mark.rules("2.3")
def test_backoff_is_jittered_and_doubles_its_bound(world):
    sleeps, replayed = backoff_sleeps(world, 12)
    first, second = sleeps[0::2], sleeps[1::2]
    problems = []
    if len(sleeps) != 24:
        problems.append(f"{len(sleeps)} sleeps through settings.sleep for 24 retries")
    if any(not 0 <= d <= 0.5 for d in first) or any(not 0 <= d <= 1.0 for d in second):
        problems.append("a delay outside its bound")
    if len({round(d, 6) for d in first}) < 6 or len({round(d, 6) for d in second}) < 6:
        problems.append("the delays hardly differ: no jitter")
    if max(second, default=0) <= 0.5:
        problems.append("no delay before retry 2 exceeds retry 1's bound: the bound does not grow")
    if [round(d, 9) for d in replayed] != [round(d, 9) for d in sleeps]:
        problems.append("a new app given the same settings.random slept other delays: they are not drawn from it")
    expect_equal(
        problems,
        [],
        did="12 previews, each answered 503, 503, then 200; then the same on a new app with the same settings.random",
        saw=f"{'; '.join(problems)}; sleeps before retry 1: {[round(d, 2) for d in first]}, "
        f"before retry 2: {[round(d, 2) for d in second]}",
        expected_text="24 sleeps: before retry 1 random in [0, 0.5], before retry 2 random in [0, 1.0], spread out",
        why="Rule 2.3: callers that back off in step hit a recovering service together; jitter spreads them, "
        "and the bound grows so that a longer outage gets more room. Draw it with settings.random(), which a test "
        "(or an incident's replay) can fix.",
    )


@pytest.mark.task(2, points=3)
@pytest.mark.rules("2.4")
def test_retry_after_is_waited_out_within_the_budget(world):
    problems = []
    for code, seconds in ((503, "2"), (429, "5"), (503, "0")):
        world.clock.sleeps.clear()
        n = len(world.upstream.arrived("/previews"))
        world.upstream.will(status(code, retry_after=seconds), OK)
        answer = world.new_post().json().get("preview_status")
        waited, attempts = world.clock.sleeps, len(world.upstream.arrived("/previews")) - n
        # Retry-After: 0 is "now": an app may sleep 0 s (up to 1 s), or not call the sleeper at all.
        slept = sum(waited) if seconds == "0" and len(waited) <= 1 else waited[0] if len(waited) == 1 else -1
        if not int(seconds) <= slept <= int(seconds) + 1 or attempts != 2 or answer != "ready":
            problems.append(f"{code} with Retry-After: {seconds}: slept {waited}, {attempts} attempts, then {answer!r}")
    for code, seconds in ((503, "6"), (429, "3600")):
        world.clock.sleeps.clear()
        n = len(world.upstream.arrived("/previews"))
        world.upstream.will(status(code, retry_after=seconds), OK)
        response = world.new_post()
        attempts = len(world.upstream.arrived("/previews")) - n
        if world.clock.sleeps or attempts != 1:
            problems.append(
                f"{code} with Retry-After: {seconds}: slept {world.clock.sleeps}, {attempts} attempts, {show(response)[:40]}"
            )
    expect_equal(
        problems,
        [],
        did="Previews answered 503 with Retry-After: 2, 429 with Retry-After: 5, 503 with Retry-After: 0, "
        "503 with Retry-After: 6, 429 with Retry-After: 3600 (each followed by a 200)",
        saw="; ".join(problems),
        expected_text="sleep 2 to 3 s, then 5 to 6 s, then 0 to 1 s, each time a second attempt; for 6 and 3600: no "
        "sleep, one attempt",
        why="Rule 2.4: "
        + (
            "a Retry-After beyond the 5 s budget is not waited out: the user would wait with the request open."
            if any(": 6" in p or "3600" in p for p in problems)
            else "Retry-After: 0 says try again now: it is a wait of 0 s within the budget, not a reason to give up."
            if all(": 0:" in p for p in problems)
            else "the service said when to come back; coming back sooner only adds to its load."
        ),
    )
