"""Task 3: the database, not a Python check, keeps emails (in any case) and slugs unique."""

from __future__ import annotations

import sqlite3

import pytest

from checker.testkit import expect

USER = "INSERT INTO users (email, display_name, role, created_at) VALUES (?, 'Rival', 'member', '2025-01-01 00:00:00.000000')"
POST = (
    "INSERT INTO posts (author_id, title, slug, body, status, created_at) "
    "VALUES (1, 'Rival', ?, 'Body.', 'draft', '2025-01-01 00:00:00.000000')"
)


def _check_race(race, response, *, did: str, where: str, value: str) -> None:
    if race.blocked:  # the app serialised the writers; the rival goes second and must lose
        late = race.late_rival_refused()
        expect(
            response.status_code == 201 and late,
            did=did,
            saw=f"{response.status_code}; the rival's later insert " + ("refused" if late else "stored"),
            expected="201, and the rival's later insert refused by the database",
        )
        return
    rows = race.count(where, value)
    expect(
        race.cut_in and rows == 1 and response.status_code == 409,
        did=f"{did}, while a second writer committed {race.values[0]!r} between the app's check and its INSERT",
        saw=f"{response.status_code} {response.text[:160]}; {rows} row(s) now hold {value!r}",
        expected="409 (a problem response) and exactly 1 row",
        why=_why(rows, response.status_code),
    )


def _why(rows: int, status: int) -> str:
    if rows > 1:
        return (
            "A SELECT before the INSERT cannot see a row committed a moment later, and nothing in "
            "the database refused the second one. Task 3: a unique index (on lower(email) for emails)."
        )
    if status >= 500:
        return (
            "The database refused the second row, and the IntegrityError escaped as a 500. Task 3: "
            "catch it, roll back, and return Err(Conflict(...)) so the edge answers 409."
        )
    return "Task 3: the loser of the race answers 409 with a problem body."


@pytest.mark.task(3, points=7)
def test_two_concurrent_posts_with_one_slug_leave_one_post(app_on, small_existing, race_factory):
    race = race_factory(small_existing, "posts", POST, ("indexes-101",))
    with race:
        response = app_on.post("/posts", json={"author_id": 1, "title": "Indexes", "slug": "indexes-101", "body": "B."})
    _check_race(race, response, did="POST /posts with slug 'indexes-101'", where="slug = ?", value="indexes-101")


@pytest.mark.task(3, points=6)
def test_a_rival_account_in_another_case_makes_registration_a_conflict(app_on, small_existing, race_factory):
    race = race_factory(small_existing, "users", USER, ("ADA@Inkwell.test",))
    with race:
        response = app_on.post("/users", json={"email": "ada@inkwell.test", "display_name": "Ada"})
    _check_race(
        race, response, did="POST /users with 'ada@inkwell.test'", where="lower(email) = ?", value="ada@inkwell.test"
    )


@pytest.mark.task(3, points=7)
def test_the_database_refuses_an_email_that_differs_only_in_case(app_on, small_existing):
    con = sqlite3.connect(small_existing)
    outcome = "both rows were stored"
    try:
        with con:
            con.execute(USER, ("linus@kernel.test",))
        with con:
            con.execute(USER, ("Linus@Kernel.TEST",))
    except sqlite3.IntegrityError as error:
        outcome = f"IntegrityError: {error}"
    finally:
        con.close()
    expect(
        outcome.startswith("IntegrityError"),
        did="After create_app migrated the database, inserted 'linus@kernel.test', then 'Linus@Kernel.TEST', with plain SQL",
        saw=outcome,
        expected="the second INSERT refused with an IntegrityError",
        why="Imports and scripts write to this database too. Task 3: enforce the rule in the "
        "database, case-insensitively: a unique index on lower(email), or an equivalent.",
    )
