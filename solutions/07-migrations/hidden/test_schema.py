"""Task 1: Alembic is the only source of the schema."""

from __future__ import annotations

import pytest
from kata_tests.kit import CONTRACT, INITIAL, RELEASE1_SCHEMA, drift, migrate, script
from sqlalchemy import create_engine, inspect

from checker.appclient import AppClient
from checker.testkit import expect_equal, learner


@pytest.mark.task(1, points=3)
@pytest.mark.rules("1.1")
def test_the_app_creates_no_table_even_when_it_serves_requests(database):
    with AppClient(learner("inkwell.app").create_app(database), raise_server_exceptions=False) as client:
        client.get("/users")
        client.post("/users", json={"email": "a@inkwell.io", "given_name": "Ada", "handle": "ada"})
    engine = create_engine(database)
    tables = inspect(engine).get_table_names()
    engine.dispose()
    expect_equal(
        tables,
        [],
        did="Started create_app on an empty database and sent GET /users and POST /users",
        saw=f"the app created {tables}",
        expected_text="no table (the requests may fail: there is no schema)",
        why="Rule 1.1: the schema comes from `alembic upgrade head` alone, never from the app.",
    )


@pytest.mark.task(1, points=2)
@pytest.mark.rules("1.1")
def test_release_2_serves_its_api_on_the_migrated_database(database):
    failure = migrate(database, CONTRACT)
    expect_equal(
        failure, "", did=f"Ran `alembic upgrade {CONTRACT}`", saw=failure, expected_text="the upgrade to succeed"
    )
    ada = {"email": "ada@inkwell.io", "given_name": "Ada", "family_name": "Lovelace", "handle": "ada"}
    with AppClient(learner("inkwell.app").create_app(database), raise_server_exceptions=False) as client:
        made = client.post("/users", json=ada)
        taken = client.post("/users", json={**ada, "email": "other@inkwell.io"})
        read = client.get(f"/users/{made.json().get('id')}") if made.status_code == 201 else made
    expect_equal(
        (made.status_code, taken.status_code, read.status_code, read.json().get("handle")),
        (201, 409, 200, "ada"),
        did="Registered Ada (handle 'ada'), then another member with the handle 'ada', then read Ada",
        why="Rule 1.1: release 2 runs on the schema the revisions built.",
    )


@pytest.mark.task(1, points=3)
@pytest.mark.rules("1.2")
def test_no_drift_after_a_downgrade_to_base_and_back(database):
    failure = migrate(database, CONTRACT) or migrate(database, "base", down=True) or migrate(database, CONTRACT)
    expect_equal(
        failure,
        "",
        did="Ran upgrade head, downgrade base, upgrade head",
        saw=failure,
        expected_text="all three to succeed",
    )
    found = drift(database)
    expect_equal(
        found,
        [],
        did="Compared the schema after upgrade, downgrade to base and upgrade again with the models",
        saw="; ".join(found),
        expected_text="no difference",
        why="Rule 1.2: a downgrade that leaves a table, index or column behind makes the next upgrade build another schema.",
    )


@pytest.mark.task(1, points=1)
@pytest.mark.rules("1.2")
def test_the_first_revision_still_builds_release_1s_schema(database):
    failure = migrate(database, INITIAL)
    expect_equal(
        failure, "", did=f"Ran `alembic upgrade {INITIAL}`", saw=failure, expected_text="the upgrade to succeed"
    )
    found = drift(database, RELEASE1_SCHEMA)
    expect_equal(
        found,
        [],
        did=f"Compared the schema at {INITIAL} with release 1's, as production has it",
        saw="; ".join(found),
        expected_text="no difference",
        why="Rule 1.2: 0001 has run in production; a database built from it must be production's.",
    )


@pytest.mark.task(1, points=2)
@pytest.mark.rules("1.3")
def test_each_revision_follows_the_one_before():
    scripts = script()
    chain = {rev.revision: rev.down_revision for rev in scripts.walk_revisions()}
    expect_equal(
        chain,
        {"0001": None, "0002": "0001", "0003": "0002", "0004": "0003"},
        did="Read each revision of inkwell/migrations and the one it revises",
        why="Rule 1.3: one line of revisions with the ids the rollout names; no branch, no stray revision.",
    )
