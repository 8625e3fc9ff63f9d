"""Task 4: a bug answers 500 with an error id, an outage 503; every response and log line has its request id."""

from __future__ import annotations

import logging
import sqlite3
from contextlib import nullcontext

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
    # A database error is an outage only when it is an OperationalError: any other is a bug.
    client, ada = fresh.client, fresh.ada
    cases = [
        (
            sqlite3.ProgrammingError,
            "insert into posts",
            "POST /posts",
            "/posts",
            lambda: client.post("/posts", json={"title": "T", "body": "B"}, headers=ada),
        ),
        (
            sqlite3.DataError,
            "from users",
            "POST /tokens",
            "/tokens",
            lambda: client.post("/tokens", json={"email": "ada@example.com"}),
        ),
    ]
    for driver, statement, did, path, send in cases:
        with database_fails(statement, driver=driver):
            r = send()
        body = r.json() if r.headers.get("content-type", "").startswith("application/") else {}
        error_id = isinstance(body, dict) and bool(body.get("error_id"))
        expect_equal(
            (problem_shape(r, path), error_id, "hunter2" in r.text),
            (problem_owed(500), True, False),
            did=f"{did} while every statement containing {statement!r} raises sqlalchemy.exc.{driver.__name__} "
            "(a database error, but no outage)",
            saw=answer(r, "status", "detail", "error_id"),
            expected_text="500 with a problem body and an error_id, and no word of the exception",
            why="Only an OperationalError (the database unreachable, locked or full) is an outage; a "
            f"{driver.__name__} is a bug in the code, which 'try again later' will not fix."
            if r.status_code == 503
            else "A database error that is no outage is a bug: 500, with an error id to quote.",
        )


@pytest.mark.rules("4.4", "4.5")
def test_every_response_carries_a_request_id_and_minted_ones_differ(kit, fakes, fresh, caplog, database_fails):
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
    # A fresh id, and the id that replaces a malformed one, are the ones the log records carry too:
    # a 500 (answered outside a request-id middleware) and a registration that logs a lost email.
    fresh.app.dependency_overrides[fresh.deps.notifier] = lambda: fakes.Notifier(kit, failing=True)
    sent = [
        ("a 500 without X-Request-ID", None, "from posts", lambda h: fresh.client.get("/posts/1", headers=h)),
        (
            "a 500 with X-Request-ID 'req/500'",
            "req/500",
            "from posts",
            lambda h: fresh.client.get("/posts/1", headers=h),
        ),
        (
            "POST /users without X-Request-ID, the welcome email failing",
            None,
            None,
            lambda h: fresh.client.post("/users", json={"email": "grace@example.org", "display_name": "G"}, headers=h),
        ),
    ]
    seen, shown = {}, []
    for did, rid, statement, send in sent:
        caplog.clear()
        with caplog.at_level(logging.INFO), database_fails(statement, bug=True) if statement else nullcontext():
            r = send({"X-Request-ID": rid} if rid else {})
        answered = r.headers.get("x-request-id")
        tags = {getattr(rec, "request_id", None) for rec in caplog.records if rec.name.startswith("inkwell")}
        seen[did] = (
            "fresh" if answered and answered != rid else repr(answered),
            "none logged" if not tags else "the response's" if tags == {answered} else "another",
        )
        shown.append(f"{did}: X-Request-ID {answered!r}, log records tagged {sorted(map(str, tags))}")
    expect_equal(
        seen,
        dict.fromkeys(seen, ("fresh", "the response's")),
        did="Sent " + "; ".join(seen),
        saw="\n            ".join(shown),
        expected_text="a fresh X-Request-ID on each, and every log record of the request tagged with that same id",
        why="Rule 4.4: an id that is not 1 to 64 ASCII letters, digits, '.', '_' or '-' is replaced, on a 500 too."
        if any(got != "fresh" for got, _ in seen.values())
        else "Rule 4.5: support reads the id on the response and greps the log for it, so the id a request "
        "is given is the one its response and its log records share, a minted one too.",
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


@pytest.mark.rules("4.4")
def test_an_id_of_64_characters_is_kept_and_one_of_65_replaced(fresh):
    sent = ["rq-" + "7" * 61, "rq-" + "7" * 62]  # 64 and 65 characters, each an allowed one
    got = [echoed(fresh.client, "/no-such-page", each) for each in sent]
    seen = [
        "the client's own" if g == each else "a fresh id" if g else "none" for g, each in zip(got, sent, strict=True)
    ]
    expect_equal(
        seen,
        ["the client's own", "a fresh id"],
        did="GET /no-such-page with an X-Request-ID of 64 characters, then one of 65",
        saw=f"X-Request-ID {got}",
        expected_text="the 64-character id echoed, the 65-character one replaced by a fresh id",
        why="Rule 4.4: a client's id is kept when it is 1 to 64 characters long, and only then.",
    )
