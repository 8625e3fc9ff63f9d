"""Task 4: an unexpected exception answers 500 with a correlation id and no internals, and is logged."""

from __future__ import annotations

import logging

import pytest

from checker.testkit import expect

pytestmark = pytest.mark.task(4, points=4)

LEAKS = ("hunter2", "secret-dsn", "Traceback", "RuntimeError", 'File "', "is down")


def _explode(broken_app, fakes):
    broken = fakes.Broken("the post store")
    broken_app.app.dependency_overrides[broken_app.deps.posts_repository] = lambda: broken
    return broken_app.client.get("/posts/1")


def test_a_500_body_holds_no_exception_text_or_traceback(broken_app, fakes):
    response = _explode(broken_app, fakes)
    leaked = [word for word in LEAKS if word in response.text]
    expect(
        response.status_code == 500 and not leaked,
        did="GET /posts/1 with a post repository raising RuntimeError('the post store is down (secret-dsn://inkwell:hunter2@db)')",
        saw=f"{response.status_code} {response.text[:250]}" + (f"\n            it shows {leaked}" if leaked else ""),
        expected="500 whose body says nothing of the exception: no message, no type, no traceback",
        why="Exception text leaks internals (hosts, queries, secrets) to anyone who can make a request fail.",
    )


def test_each_500_is_a_problem_with_its_own_correlation_id(broken_app, fakes):
    first, second = _explode(broken_app, fakes), broken_app.client.get("/posts/2")
    ids = [r.headers.get("x-correlation-id") for r in (first, second)]
    bodies = []
    for r in (first, second):
        try:
            bodies.append(r.json())
        except ValueError:
            bodies.append({})
    expect(
        all(r.headers.get("content-type", "").startswith("application/problem+json") for r in (first, second))
        and all(b.get("status") == 500 and b.get("correlation_id") for b in bodies)
        and ids[0]
        and ids[1]
        and ids[0] != ids[1],
        did="GET /posts/1, then GET /posts/2, with a post repository raising RuntimeError",
        saw=f"X-Correlation-ID {ids}; content types {[r.headers.get('content-type') for r in (first, second)]}; "
        f"bodies {bodies}"[:400],
        expected="two application/problem+json bodies with status 500 and a correlation_id, two different ids",
        why="One id per failure, so that a report points at exactly one log entry.",
    )


def test_the_500_is_logged_with_its_correlation_id_and_the_exception(broken_app, fakes, caplog):
    with caplog.at_level(logging.ERROR):
        response = _explode(broken_app, fakes)
    cid = response.headers.get("x-correlation-id") or "<no X-Correlation-ID header>"
    matching = [
        r
        for r in caplog.records
        if r.levelno >= logging.ERROR and (cid in r.getMessage() or getattr(r, "correlation_id", None) == cid)
    ]
    with_exception = [r for r in matching if r.exc_info and r.exc_info[0] is RuntimeError]
    expect(
        with_exception,
        did="GET /posts/1 with a post repository raising RuntimeError, then read the log",
        saw=f"X-Correlation-ID {cid!r}; {len(caplog.records)} record(s) at ERROR, {len(matching)} carrying "
        f"the id, {len(with_exception)} of them with the RuntimeError attached",
        expected="a record at ERROR with the id (in the message or record.correlation_id) and exc_info",
        why="The body hides the details; the log must hold them, findable by the id the client quotes.",
    )
