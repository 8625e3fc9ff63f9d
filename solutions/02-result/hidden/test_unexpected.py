"""Task 4: a bug answers 500 with an error id, an outage 503; every response and log line has its request id."""

from __future__ import annotations

import logging

import pytest
from kata_tests.support import answer, echoed, problem_faults, problem_owed, problem_shape

from checker.testkit import expect_equal

pytestmark = pytest.mark.task(4, points=1)


@pytest.mark.rules("4.2")
def test_each_500_has_its_own_error_id_distinct_from_the_request_id_and_logged(fresh, caplog, database_fails):
    with caplog.at_level(logging.ERROR), database_fails("from posts", bug=True):
        first = fresh.client.get("/posts/1", headers={"X-Request-ID": "same-request"})
        second = fresh.client.get("/posts/2", headers={"X-Request-ID": "same-request"})
    ids = [r.json().get("error_id") if "json" in r.headers.get("content-type", "") else None for r in (first, second)]
    logged = [
        rec
        for rec in caplog.records
        if rec.levelno >= logging.ERROR
        and rec.exc_info
        and rec.exc_info[0] is RuntimeError
        and any(i and (i in rec.getMessage() or getattr(rec, "error_id", None) == i) for i in ids)
    ]
    expect_equal(
        (all(ids), ids[0] != ids[1], "same-request" in ids, len(logged)),
        (True, True, False, 2),
        did="GET /posts/1 then /posts/2, both with X-Request-ID 'same-request', while reading posts raises RuntimeError",
        saw=f"error ids {ids}; {len(logged)} ERROR record(s) with the RuntimeError attached and one of the ids",
        expected_text="two different error ids, neither the request id, each on an ERROR record with exc_info",
        why="An error id names one failure: a request id may be shared by retries, an error id never.",
    )


@pytest.mark.rules("4.1", "4.3")
def test_a_bug_is_never_503_and_an_outage_shows_nothing_of_the_exception(fresh, database_fails):
    with database_fails("from users", bug=True):
        bug = fresh.client.post("/tokens", json={"email": "ada@example.com"})
    with database_fails("from users"):
        outage = fresh.client.post("/tokens", json={"email": "ada@example.com"})
    faults = problem_faults(outage, 503, "/tokens")
    expect_equal(
        (bug.status_code, problem_shape(outage, "/tokens"), "hunter2" in outage.text),
        (500, problem_owed(503), False),
        did="POST /tokens while reading users raises RuntimeError (a bug), then OperationalError (an outage)",
        saw=f"bug: {answer(bug, 'status', 'detail')}\n            outage: {answer(outage, 'status', 'detail')}"
        + (f"\n            {'; '.join(faults)}" if faults else ""),
        expected_text="500 for the bug; 503 for the outage, a problem body with no word of the exception",
        why="A bug will not pass by itself, so it is never 'try again later'; an outage is.",
    )


@pytest.mark.rules("4.4")
def test_every_response_carries_a_request_id_and_minted_ones_differ(fresh, database_fails):
    ok = fresh.client.get("/no-such-page")
    again = fresh.client.get("/no-such-page")
    with database_fails("from posts", bug=True):
        crashed = fresh.client.get("/posts/1", headers={"X-Request-ID": "req.500_a-1"})
    with database_fails("from posts"):
        down = fresh.client.get("/posts/1", headers={"X-Request-ID": "req.503"})
    seen = [r.headers.get("x-request-id") for r in (ok, again, crashed, down)]
    expect_equal(
        (bool(seen[0]) and bool(seen[1]) and seen[0] != seen[1], seen[2:]),
        (True, ["req.500_a-1", "req.503"]),
        did="Two requests without X-Request-ID, then a 500 and a 503 with ids 'req.500_a-1' and 'req.503'",
        saw=f"X-Request-ID {seen}",
        expected_text="two different fresh ids, then 'req.500_a-1' and 'req.503'",
        why="Every response, the failures above all, names its request.",
    )


@pytest.mark.rules("4.4")
def test_an_id_with_a_letter_beyond_ascii_is_replaced(fresh):
    sent = "caf\u00ea-42"  # the app reads "cafÃª-42" (see echoed): "Ã" and "ª" are letters to \w and isalnum()
    got = echoed(fresh.client, "/no-such-page", sent)
    own = got in (sent, sent.encode().decode("latin-1"))
    expect_equal(
        "the client's own" if own else "a fresh id" if got else "none",
        "a fresh id",
        did=f"GET /no-such-page with X-Request-ID {sent!r}",
        saw=f"X-Request-ID {got!r}",
        expected_text="a fresh id: 'ê' is a letter, but not an ASCII one",
        why="Rule 4.4: an id is 1 to 64 ASCII letters, digits, '.', '_' or '-'; \\w and str.isalnum() take "
        "every alphabet's letters.",
    )
