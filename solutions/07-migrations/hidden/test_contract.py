"""Task 4: the contract step is its own revision, and every revision can be stepped back from."""

from __future__ import annotations

import pytest
import sqlalchemy as sa
from kata_tests.kit import (
    CONTRACT,
    EXPAND,
    INDEX,
    INITIAL,
    RELEASE1,
    RELEASE2,
    changed,
    columns_of,
    drift,
    migrate,
    rows,
    seed_production,
)
from kata_tests.postgres import share
from kata_tests.release1 import release1_problems

from checker.appclient import AppClient
from checker.testkit import expect_equal, learner


@pytest.mark.task(4, points=3)
@pytest.mark.rules("4.1")
def test_the_expanded_schema_requires_nothing_new_and_keeps_display_name(database):
    seed_production(database)
    failure = migrate(database, INDEX)
    expect_equal(failure, "", did=f"Ran `alembic upgrade {INDEX}`", saw=failure, expected_text="the upgrade to succeed")
    columns = columns_of(database)
    expect_equal(
        {c: columns.get(c) for c in ("display_name", "given_name", "family_name", "handle")},
        {"display_name": False, "given_name": True, "family_name": True, "handle": True},
        did=f"Read the columns of users at {INDEX} (name: accepts NULL)",
        why="Rule 4.1: only 0004 requires the new columns and drops display_name; before it release 1 still runs.",
    )


@pytest.mark.task(4, points=share(1))
@pytest.mark.rules("4.2")
def test_every_revision_steps_back_and_forth_without_losing_a_value(database, backend):
    seed_production(database)
    steps = [(INITIAL, EXPAND, RELEASE1), (EXPAND, INDEX, RELEASE2[:1] + RELEASE1[1:] + RELEASE2[2:5]),
             (INDEX, CONTRACT, RELEASE2)]  # fmt: skip
    for here, there, columns in steps:
        failure = migrate(database, there)
        expect_equal(
            failure, "", did=f"Ran `alembic upgrade {there}` ({backend})", saw=failure, expected_text="success"
        )
        before = rows(database, columns)
        failure = migrate(database, here, down=True) or migrate(database, there)
        expect_equal(
            failure,
            "",
            did=f"At {there}, ran `alembic downgrade {here}` then `alembic upgrade {there}` ({backend})",
            saw=failure,
            expected_text="both to succeed",
            why="Rule 4.2: every revision has a downgrade that works.",
        )
        lost = changed(before, rows(database, columns))
        expect_equal(
            lost,
            [],
            did=f"Read every row at {there}, then after a step down to {here} and back",
            saw="; ".join(lost[:3]),
            expected_text="every value unchanged",
            why="Rule 4.2: stepping back and forth loses nothing.",
        )


@pytest.mark.task(4, points=2)
@pytest.mark.rules("4.2")
def test_each_downgrade_gives_back_the_schema_the_revision_before_built(database, tmp_path):
    failure = migrate(database, CONTRACT)
    expect_equal(failure, "", did=f"Ran `alembic upgrade {CONTRACT}`", saw=failure, expected_text="success")
    for here in (INDEX, EXPAND, INITIAL):
        failure = migrate(database, here, down=True)
        expect_equal(failure, "", did=f"Ran `alembic downgrade {here}`", saw=failure, expected_text="success")
        found = drift(database, _metadata_at(here, f"sqlite:///{tmp_path / f'fresh-{here}.db'}"))
        expect_equal(
            found,
            [],
            did=f"Compared the schema after `alembic downgrade {here}` with a new database upgraded to {here}",
            saw="; ".join(found),
            expected_text="the same columns, types, nullability, defaults and indexes",
            why="Rule 4.2: a downgrade gives back the schema the revision before built, or the next upgrade builds another.",
        )


def _metadata_at(revision: str, url: str) -> sa.MetaData:
    """The schema a new database has at `revision`, read back as metadata to compare with."""
    failure = migrate(url, revision)
    expect_equal(
        failure, "", did=f"Ran `alembic upgrade {revision}` on a new database", saw=failure, expected_text="success"
    )
    engine, metadata = sa.create_engine(url), sa.MetaData()
    try:
        metadata.reflect(engine, only=["users"])
    finally:
        engine.dispose()
    return metadata


@pytest.mark.task(4, points=3)
@pytest.mark.rules("4.3")
def test_after_a_rollback_release_1_sees_release_2s_members_by_name(database):
    seed_production(database, ["Cher"])
    failure = migrate(database, CONTRACT)
    expect_equal(
        failure, "", did=f"Ran `alembic upgrade {CONTRACT}`", saw=failure, expected_text="the upgrade to succeed"
    )
    with AppClient(learner("inkwell.app").create_app(database), raise_server_exceptions=False) as client:
        client.post(
            "/users",
            json={"email": "m@inkwell.io", "given_name": "Mary", "family_name": "de la Cruz", "handle": "mary"},
        )
    failure = migrate(database, INDEX, down=True)
    expect_equal(
        failure, "", did=f"Ran `alembic downgrade {INDEX}`", saw=failure, expected_text="the downgrade to succeed"
    )
    names = {k: v[1] for k, v in rows(database, ("id", "display_name")).items()}
    problems = release1_problems(database)
    expect_equal(
        (names, problems, columns_of(database)["display_name"]),
        ({1: "Cher", 2: "Mary de la Cruz"}, [], False),
        did="Registered Mary de la Cruz through release 2, then rolled back to 0003 and ran release 1's tests",
        saw=f"display names {names}, display_name nullable: {columns_of(database)['display_name']}, release 1: {problems}",
        expected_text="{1: 'Cher', 2: 'Mary de la Cruz'}, display_name NOT NULL, release 1 working",
        why="Rule 4.3: a rollback brings back release 1, which shows every member by display name.",
    )
