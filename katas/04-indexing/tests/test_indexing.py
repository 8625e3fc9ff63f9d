"""Public tests of the indexing kata: run them with `uv run kata check 04-indexing`.

They serve the workload over an existing database at the production schema, then read the plan
SQLite chose for each statement with EXPLAIN QUERY PLAN. The hidden suite asks the same
questions of every workload query, on more data.
"""

from __future__ import annotations

import re

import pytest

from checker.testkit import expect


def _shape(statement: str) -> str:
    flat = " ".join(statement.split())
    return re.sub(r"^SELECT .*? FROM ", "SELECT ... FROM ", flat)[:240]


def _plans(workload, name: str) -> list[tuple[str, list[str]]]:
    call = workload.call(name)
    expect(
        call.status == 200 and call.statements,
        did=f"Served {call.did} on the seeded existing database",
        saw=call.error or f"{call.status} {str(call.json)[:200]}",
        expected="200, answered with SELECT statements",
    )
    return [(_shape(s), workload.plan(s, p)) for s, p in call.statements]


@pytest.mark.task(1, points=5)
def test_login_finds_the_account_without_scanning_users(workload):
    for statement, plan in _plans(workload, "login"):
        scans = [line for line in plan if line.startswith("SCAN")]
        expect(
            not scans,
            did=f"Ran EXPLAIN QUERY PLAN on the login query\n    {statement}",
            saw=" | ".join(plan),
            expected="SEARCH users USING INDEX ... (one row found through an index)",
            why="SCAN users reads every account on every login. Task 1: compare with = on the "
            "expression your unique email index holds (ILIKE can use no index).",
        )


@pytest.mark.task(2, points=5)
def test_the_feed_needs_no_temporary_b_tree(workload):
    statement, plan = next((s, p) for s, p in _plans(workload, "feed") if "ORDER BY" in s)
    expect(
        not any(line.startswith("USE TEMP B-TREE") for line in plan),
        did=f"Ran EXPLAIN QUERY PLAN on the feed query\n    {statement}",
        saw=" | ".join(plan),
        expected="no 'USE TEMP B-TREE FOR ORDER BY'",
        why="SQLite fetched every matching post and sorted them to return 20. Task 2: a composite "
        "index whose columns are the filters first, then the sort column.",
    )


USER = "INSERT INTO users (email, display_name, role, created_at) VALUES (?, 'Rival', 'member', '2025-01-01 00:00:00.000000')"


@pytest.mark.task(3, points=5)
def test_two_concurrent_registrations_of_one_address_leave_one_account(app_on, small_existing, race_factory):
    race = race_factory(small_existing, "users", USER, ("ada@inkwell.test",))
    with race:
        response = app_on.post("/users", json={"email": "Ada@Inkwell.test", "display_name": "Ada"})
    rows = race.count("lower(email) = ?", "ada@inkwell.test")
    expect(
        race.blocked or (rows == 1 and response.status_code == 409),
        did="POST /users with 'Ada@Inkwell.test' while a second writer registered "
        "'ada@inkwell.test' between the app's duplicate check and its INSERT",
        saw=f"{response.status_code} {response.text[:160]}; {rows} account(s) with that address",
        expected="409 and exactly 1 account",
        why="Task 3: a unique index, so the database refuses the second row, and its "
        "IntegrityError mapped to a Conflict (409)"
        + (
            ", not a 500."
            if response.status_code >= 500
            else ". A check in Python cannot see a row committed a moment later."
        ),
    )


@pytest.mark.task(4, points=3)
def test_the_migration_drops_the_redundant_posts_indexes(existing_indexes):
    names = [name for name, *_ in existing_indexes["posts"]]
    kept = [n for n in ("ix_posts_author_id", "ix_posts_status") if n in names]
    expect(
        not kept,
        did="Listed the indexes of posts after create_app migrated the existing database",
        saw=", ".join(names),
        expected="neither ix_posts_author_id (a prefix of another index) nor ix_posts_status",
        why="Each costs every write and serves no query. Task 4: drop them in the migration.",
    )


@pytest.mark.task(5, points=2)
def test_the_feed_lists_the_authors_newest_published_posts(workload):
    call = workload.call("feed")
    seen = [item.get("id") for item in call.json] if isinstance(call.json, list) else call.json
    expected = workload.seeded.feed(7)
    expect(
        call.status == 200 and seen == expected,
        did=f"Served {call.did}",
        saw=call.error or f"{call.status}, ids {seen}",
        expected=f"200, ids {expected}",
        why="Indexes change how rows are found, never which. Task 5.",
    )
