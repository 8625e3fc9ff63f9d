"""Task 4: an outside failure is answered honestly: the post saved pending, the invite a 503 with
Retry-After, a malformed preview refused; never a 500."""

from __future__ import annotations

import math

import pytest
from kata_tests.scene import LINK, problem_fault, retry_after, show
from kata_tests.upstream import DRIP, HANG, OK, RESET, body, status

from checker.testkit import expect_equal

MALFORMED = {
    "not JSON": body(b"<html>oops</html>"),
    "a JSON list": body([{"title": "A list"}]),
    "no title": body({"description": "A page."}),
    "an empty title": body({"title": ""}),
    "a number for a title": body({"title": 42}),
    "a title of 201 characters": body({"title": "x" * 201}),
    "a description of 1,001 characters": body({"title": "Fine", "description": "y" * 1001}),
    "an answer of 100 kB (a fine title, and padding)": body({"title": "Fine", "padding": "z" * 100_000}),
    # Its size is known only once read: a limit that believes the Content-Length alone never sees it.
    "an answer of 100 kB without a Content-Length (its end marked by closing the connection)": body(
        {"title": "Unsized", "padding": "u" * 100_000}, sized=False
    ),
}
# Retry-After in the other form HTTP allows (RFC 9110, 10.2.3): read it or treat it as absent, never fail on it.
A_DATE = "Tue, 15 Nov 1994 12:45:26 GMT"


def _pending_fault(world, response):
    """Why `response` is not a saved pending post, or None."""
    if response is None or response.status_code != 201:
        return show(response)[:120]
    data = response.json()
    read = world.client.get(f"/posts/{data.get('id')}")
    shown = read.json() if read.status_code == 200 else {}
    for where, post in (("the answer", data), (f"GET /posts/{data.get('id')}", shown)):
        if post.get("preview") is not None or post.get("preview_status") != "pending":
            return (
                f"201, but {where} shows preview {str(post.get('preview'))[:60]}, status {post.get('preview_status')!r}"
            )
    return None


@pytest.mark.task(4, points=7)
@pytest.mark.rules("4.1")
def test_a_post_with_a_link_is_saved_pending_whatever_the_service_does(quick):
    world = quick
    wrong = []
    for name, script in {
        "503 with Retry-After as an HTTP-date, on every attempt": (status(503, retry_after=A_DATE),) * 3,
        "a reset on every attempt": (RESET,) * 3,
        # A timeout costs real time: one, on the last attempt, is enough to be the failure that stays.
        "503, 503, then a hang": (status(503), status(503), HANG),
        "503, 503, then a drip": (status(503), status(503), DRIP),
        "503 again (the 5th failed call in a row)": (status(503),) * 3,
        "the circuit open (no attempt reached the service)": (),
    }.items():
        world.upstream.will(*script, then=OK)
        before = len(world.upstream.arrivals)
        response, _ = world.timed(world.new_post, 3 * world.timeout + 1.5)
        if not script and len(world.upstream.arrivals) > before:
            continue  # no circuit opened (rule 3.1 judges that): the service answered well
        fault = _pending_fault(world, response)
        if fault:
            wrong.append(f"{name}: {fault}")
    ready = world.new_post(link=None)
    if ready.status_code != 201 or ready.json().get("preview_status") != "none":
        wrong.append(f"a post without a link: {show(ready)[:80]}, expected 201 with preview_status 'none'")
    missing = world.client.get("/posts/987654")
    if problem_fault(missing, 404):
        wrong.append(f"GET /posts/987654, an id that does not exist: {problem_fault(missing, 404)}")
    expect_equal(
        wrong,
        [],
        did="POST /posts with a link while the preview service failed in each way, then read each post back",
        saw="; ".join(wrong[:3]) + (f"; and {len(wrong) - 3} more" if len(wrong) > 3 else ""),
        expected_text="201 each time, the post saved with preview null and preview_status 'pending'",
        why="Rule 4.1: "
        + (
            "Retry-After may be an HTTP-date as well as seconds: read it, or treat it as absent, but a header "
            "the app cannot read must not turn someone else's outage into a 500."
            if any(w.startswith("503 with Retry-After as an HTTP-date") for w in wrong)
            else "the post is the writer's work; the preview is a nicety owed later. A 500 loses the work "
            "to someone else's outage."
        ),
    )


@pytest.mark.task(4, points=5)
@pytest.mark.rules("4.2")
def test_an_invite_that_cannot_be_sent_is_a_503_saying_when_to_come_back(world):
    wrong = []
    for (name, script), who in zip(
        {
            "503 on every attempt": (status(503),) * 3,
            "a reset": (RESET,) * 3,
            "500": (status(500),),
            "503 with Retry-After as an HTTP-date": (status(503, retry_after=A_DATE),) * 3,
        }.items(),
        ("ada", "ada", "ada", "bob"),  # 3 each: invites are limited per account
        strict=True,
    ):
        world.upstream.will(*script, then=OK)
        response = world.invite(who=who)
        fault = problem_fault(response, 503)
        if fault or (retry_after(response) or 0) < 1:
            wrong.append(f"{name}: {fault or 'Retry-After ' + repr(response.headers.get('retry-after'))}")
    other = type(world)(world.upstream)
    world.upstream.will(then=status(503, retry_after="0"))  # retried at once: the clock stands still
    for i in range(5):
        other.add_writer(f"writer{i}")
        other.invite(who=f"writer{i}")  # one each: invites are limited per account
    other.clock.advance(10.7)
    response = other.invite()
    left = math.ceil(30 - 10.7)  # 19.3 s: 20 rounded up, 19 rounded to the nearest or down
    seen_left = retry_after(response)
    if problem_fault(response, 503) or seen_left != left:
        wrong.append(
            f"10.7 s after the circuit opened: {show(response)[:60]}, Retry-After "
            f"{response.headers.get('retry-after')!r}, expected {left}"
        )
    other.clock.advance(19)
    response = other.invite(who="ada")
    if problem_fault(response, 503) or retry_after(response) != 1:
        wrong.append(
            f"29.7 s after the circuit opened: {show(response)[:60]}, Retry-After "
            f"{response.headers.get('retry-after')!r}, expected 1"
        )
    expect_equal(
        wrong,
        [],
        did="POST /invites while mail failed in each way, and once the circuit had been open for 10.7 s",
        saw="; ".join(wrong),
        expected_text=f"503 problem responses with Retry-After in whole seconds (at least 1); {left} while the circuit "
        "has 19.3 s to go",
        why="Rule 4.2: "
        + (
            "the seconds left are rounded up: 19.3 s is 20, or a client that obeys comes back before the circuit "
            "lets a probe through."
            if seen_left == left - 1
            else "a 503 with Retry-After tells a client it may retry, and when; a 500 says the server broke."
        ),
    )


@pytest.mark.task(4, points=5)
@pytest.mark.rules("4.3")
def test_a_malformed_preview_is_refused_and_nothing_of_it_kept(world):
    wrong = []
    for name, answer in MALFORMED.items():
        world.upstream.will(answer, then=OK)
        fault = _pending_fault(world, world.new_post())
        if fault:
            wrong.append(f"{name}: {fault}")
        world.new_post()  # a good preview between two bad ones: the circuit stays closed
    for name, good in {
        "a title of exactly 200 characters, a null description and an unknown field": {
            "title": "x" * 200,
            "description": None,
            "extra": [1, 2],
        },
        "a title of 1 character and a description of exactly 1,000": {"title": "A", "description": "d" * 1000},
    }.items():
        world.upstream.will(body(good), then=OK)
        edge = world.new_post()
        shown = (edge.json().get("preview") or {}) if edge.status_code == 201 else {}
        if shown.get("title") != good["title"] or shown.get("description") != good["description"]:
            wrong.append(f"{name}: {show(edge)[:80]}, expected that preview, 'ready'")
    echoed = world.new_post().json().get("preview") or {}
    if echoed.get("title") != f"Preview of {LINK}":
        wrong.append(f"a well-formed preview of {LINK}: preview {echoed}, expected the title 'Preview of {LINK}'")
    expect_equal(
        wrong,
        [],
        did="POST /posts with a link while the preview service answered 200 with a malformed preview, "
        "each kind in turn; then a valid one at the limits",
        saw="; ".join(wrong[:3]) + (f"; and {len(wrong) - 3} more" if len(wrong) > 3 else ""),
        expected_text="201 and preview_status 'pending' for every malformed one; 'ready' for the valid one",
        why="Rule 4.3: "
        + (
            "the size of an answer is what arrives, not what its Content-Length says, and an answer may come "
            "without one: count the bytes as they are read, and stop past 64 kB."
            if any(w.startswith("an answer of 100 kB without a Content-Length") for w in wrong)
            else "the outside service's answer is input like any other: validate it with a model "
            "(a title of 1 to 200 characters, a description up to 1,000) before using any of it."
        ),
    )
