"""Task 3: the database, not a Python check, keeps emails (in any case) and slugs unique, and
authors real; each refusal is answered as what it is, as a problem response."""

from __future__ import annotations

import re
import sqlite3

import pytest
from kata_tests.judge import judge_race, not_a_problem
from kata_tests.workload import POST_RIVAL, USER_RIVAL, Reconnected
from sqlalchemy import event
from sqlalchemy.engine import Engine

from checker.testkit import expect_equal, fault


def _second_insert(path, statement: str, first: str, second: str) -> str:
    con = sqlite3.connect(path)
    try:
        with con:
            con.execute(statement, (first,))
        with con:
            con.execute(statement, (second,))
    except sqlite3.IntegrityError as error:
        return f"IntegrityError: {error}"
    finally:
        con.close()
    return "both rows were stored"


@pytest.mark.task(3, points=3.5)
@pytest.mark.rules("3.1")
@pytest.mark.parametrize(
    "first, second", [("linus@kernel.test", "LINUS@KERNEL.TEST"), ("Mixed@Case.test", "mixed@case.TEST")]
)
def test_the_database_refuses_an_email_that_differs_only_in_case(app_on, small_existing, first, second):
    outcome = _second_insert(small_existing, USER_RIVAL, first, second)
    expect_equal(
        "refused" if outcome.startswith("IntegrityError") else outcome,
        "refused",
        did=f"After create_app migrated the database, inserted {first!r}, then {second!r}, with plain SQL",
        saw=outcome,
        expected_text="the second INSERT refused with an IntegrityError",
        why="Rule 3.1: imports and scripts write to this database too; the rule must hold in the "
        "database, in any case: a unique index on lower(email), or an equivalent.",
    )


@pytest.mark.task(3, points=2.5)
@pytest.mark.rules("3.2")
def test_the_database_refuses_a_taken_slug(app_on, small_existing):
    outcome = _second_insert(small_existing, POST_RIVAL, "slug-by-script", "slug-by-script")
    expect_equal(
        "refused" if outcome.startswith("IntegrityError") else outcome,
        "refused",
        did="After create_app migrated the database, inserted two posts with the slug 'slug-by-script' with plain SQL",
        saw=outcome,
        expected_text="the second INSERT refused with an IntegrityError",
        why="Rule 3.2: a slug is the natural key of a post: a unique index keeps it unique.",
    )


@pytest.mark.task(3, points=2.25)
@pytest.mark.rules("3.3")
def test_a_rival_account_in_another_case_makes_registration_a_conflict(app_on, small_existing, race_factory):
    race = race_factory(small_existing, "users", USER_RIVAL, ("ADA@Inkwell.test",))
    with race:
        response = app_on.post("/users", json={"email": "ada@inkwell.test", "display_name": "Ada"})
    judge_race(
        race, response, did="POST /users with 'ada@inkwell.test'", where="lower(email) = ?", value="ada@inkwell.test"
    )


@pytest.mark.task(3, points=0.5)
@pytest.mark.rules("3.3")
def test_registration_stores_a_free_address_and_refuses_a_taken_one(workload):
    new, taken = workload.call("register"), workload.call("register-taken")
    count = "SELECT count(*) FROM users WHERE lower(email) = ?"
    stored = workload.db.execute(count, ("grace@inkwell.test",)).fetchone()[0]
    twice = workload.db.execute(count, ("writer0042@inkwell.test",)).fetchone()[0]
    expect_equal(
        (new.status, stored, taken.status, twice),
        (201, 1, 409, 1),
        did=f"Served {new.did}, then {taken.did} (the address of user 42, in capitals, a space before it)",
        saw=f"{new.status} and {stored} account(s) stored; then {taken.status} {str(taken.json)[:120]} "
        f"and {twice} account(s) with that address",
        expected_text="201 and 1 account stored; then 409 and still 1 account",
        why="Rule 3.3: the use case commits what it added; nothing else does."
        if new.status == 201 and stored == 0
        else "Rule 3.3: one account per address, whatever its case and spacing.",
    )


@pytest.mark.task(3, points=0.25)
@pytest.mark.rules("3.3")
def test_an_address_taken_in_another_case_of_an_accented_letter_is_a_conflict(app_on, small_existing):
    first = app_on.post("/users", json={"email": "zoë@inkwell.test", "display_name": "Zoë"})
    second = app_on.post("/users", json={"email": " ZOË@Inkwell.TEST", "display_name": "Zoë again"})
    stored = _accounts_folding_to(small_existing, "zoë@inkwell.test")
    expect_equal(
        (first.status_code, second.status_code, len(stored)),
        (201, 409, 1),
        did="POST /users with 'zoë@inkwell.test', then with ' ZOË@Inkwell.TEST'",
        saw=f"{first.status_code}, then {second.status_code} {second.text[:120]}; stored: {stored}",
        expected_text="201, then 409, and 1 account",
        why="Rule 3.3: one account per address in any case, accented letters included: SQLite's "
        "lower() and NOCASE fold A-Z only, so store every address normalised (normalise_email) and "
        "let the unique index compare what is stored.",
    )


def _accounts_folding_to(path, address: str) -> list[str]:
    con = sqlite3.connect(path)
    try:
        return [e for (e,) in con.execute("SELECT email FROM users") if e.strip().lower() == address]
    finally:
        con.close()


@pytest.mark.task(3, points=1.5)
@pytest.mark.rules("3.4")
def test_two_concurrent_posts_with_one_slug_leave_one_post(app_on, small_existing, race_factory):
    race = race_factory(small_existing, "posts", POST_RIVAL, ("indexes-101",))
    with race:
        response = app_on.post("/posts", json={"author_id": 1, "title": "Indexes", "slug": "indexes-101", "body": "B."})
    judge_race(race, response, did="POST /posts with slug 'indexes-101'", where="slug = ?", value="indexes-101")


@pytest.mark.task(3, points=0.25)
@pytest.mark.rules("3.4")
def test_a_new_post_is_stored_as_a_draft(workload):
    call = workload.call("new-post")
    row = workload.db.execute("SELECT status FROM posts WHERE slug = 'on-indexes'").fetchall()
    expect_equal(
        (call.status, row),
        (201, [("draft",)]),
        did=f"Served {call.did}",
        saw=call.error or f"{call.status}; stored: {row}",
        expected_text="201, and one post 'on-indexes' stored as a draft",
        why="Rule 3.4: the use case commits what it added; nothing else does."
        if call.status == 201 and not row
        else "Rule 3.4: a new post is a draft.",
    )


@pytest.mark.task(3, points=0.25)
@pytest.mark.rules("3.5")
def test_every_error_answer_is_a_problem_response(workload):
    wrong = []
    cases = [
        ("register-taken", 409),
        ("post-taken", 409),
        ("post-orphan", 422),
        ("register-malformed", 422),
        ("post-invalid", 422),
        ("no-route", 404),
    ]
    for name, status in cases:
        call = workload.call(name)
        reason = not_a_problem(status, call.content_type, call.json) if call.status == status else ""
        if call.status != status or reason:
            wrong.append(f"{call.did}: {call.status}, {reason or str(call.json)[:120]}")
    expect_equal(
        wrong,
        [],
        did="Served a taken address, a taken slug, an unknown author, a malformed email, a malformed "
        "slug and an unknown route",
        saw="\n    ".join(wrong),
        expected_text="409, 409, 422, 422, 422 and 404, each as application/problem+json with type, title, "
        "detail and its status",
        why="Rule 3.5: clients handle every error of the API in one format (RFC 9457), the "
        "framework's own errors included.",
    )


@pytest.mark.task(3, points=0.25)
@pytest.mark.rules("3.6")
def test_the_database_refuses_a_post_by_an_unknown_author(workload, app_on, small_existing):
    call = workload.call("post-orphan")
    rows = workload.db.execute("SELECT count(*) FROM posts WHERE slug = 'lost-post'").fetchone()[0]
    expect_equal(
        (rows, "no 500" if call.status < 500 else call.status),
        (0, "no 500"),
        did=f"Served {call.did} (no user has id 999999)",
        saw=call.error or f"{call.status} {str(call.json)[:160]}; {rows} post(s) stored",
        expected_text="nothing stored, and no 500",
        why="Rule 3.6: SQLite checks REFERENCES only on connections that run PRAGMA foreign_keys=ON."
        if rows
        else "Rule 3.6: the refusal is expected; answer it, do not crash.",
    )
    # A pool opens new connections as it goes (a dropped one, pool_recycle, a second thread): the
    # refusal must hold on each of them, not only on the one the app had at startup.
    with Reconnected():
        late = app_on.post(
            "/posts", json={"author_id": 777_777, "title": "T", "slug": "orphan-after-reconnect", "body": "B."}
        )
    stored = _count_slug(small_existing, "orphan-after-reconnect")
    expect_equal(
        (stored, "no 500" if late.status_code < 500 else late.status_code),
        (0, "no 500"),
        did="POST /posts with author_id 777777 (no such user) after the pool's connection was dropped and "
        "it opened a new one",
        saw=f"{late.status_code} {late.text[:160]}; {stored} post(s) stored",
        expected_text="nothing stored, and no 500",
        why="Rule 3.6: PRAGMA foreign_keys is a setting of one connection, not of the database file: run it "
        "on every connection the pool opens (an engine 'connect' event), not once at startup."
        if stored
        else "Rule 3.6: the refusal is expected on every connection; answer it, do not crash.",
    )


def _count_slug(path, slug: str) -> int:
    con = sqlite3.connect(path)
    try:
        return con.execute("SELECT count(*) FROM posts WHERE slug = ?", (slug,)).fetchone()[0]
    finally:
        con.close()


@pytest.mark.task(3, points=0.25)
@pytest.mark.rules("3.7")
def test_an_unknown_author_is_not_answered_as_a_taken_slug(workload):
    call = workload.call("post-orphan")
    expect_equal(
        call.status,
        422,
        did=f"Served {call.did} (the slug 'lost-post' is free; no user has id 999999)",
        saw=call.error or f"{call.status} {str(call.json)[:160]}",
        expected_text="422",
        why="Rule 3.7: the IntegrityError came from the foreign key, not a unique index: read which "
        "constraint failed before answering 'already exists'."
        if call.status == 409
        else "Rule 3.7: an unknown author is an invalid request.",
    )


@pytest.mark.task(3, points=0.25)
@pytest.mark.rules("3.7")
def test_a_refusal_of_another_kind_is_a_bug_not_a_conflict(app_on):
    def refuse(conn, cursor, statement, parameters, context, executemany):
        if re.match(r"^\s*INSERT\b[^(]*?\bINTO\s+\"?posts\"?[\s(]", statement, re.IGNORECASE):
            fault(sqlite3.IntegrityError("NOT NULL constraint failed: posts.body"))

    event.listen(Engine, "before_cursor_execute", refuse)
    try:
        response = app_on.post("/posts", json={"author_id": 1, "title": "T", "slug": "not-null-fault", "body": "B."})
    finally:
        event.remove(Engine, "before_cursor_execute", refuse)
    body = response.json() if response.content else None
    shape = not_a_problem(500, response.headers.get("content-type", ""), body) if response.status_code == 500 else ""
    if response.status_code == 500 and not shape and not (isinstance(body, dict) and body.get("error_id")):
        shape = "its body has no error_id"
    expect_equal(
        (response.status_code, shape),
        (500, ""),
        did="POST /posts while the database refused the INSERT with 'NOT NULL constraint failed: posts.body' "
        "(a fault injected at the engine)",
        saw=f"{response.status_code} {str(body)[:160]}" + (f" ({shape})" if shape else ""),
        expected_text="500 as a problem response with an error_id",
        why="Rule 3.7: only a unique index means 'taken' and only the foreign key 'no such author'; any "
        "other refusal is a bug, and saying 409 would hide it."
        if response.status_code in (409, 422)
        else "Rule 3.7: a bug answers 500, as a problem response with an error_id the client can quote "
        "and the operator finds in the log.",
    )
