"""Task 2: the expand revisions keep release 1 working and every row whole."""

from __future__ import annotations

import pytest
from kata_tests.kit import EXPAND, INDEX, PRODUCTION_NAMES, RELEASE1, changed, migrate, rows, seed_production
from kata_tests.postgres import share
from kata_tests.release1 import release1_problems

from checker.testkit import expect_equal


@pytest.mark.task(2, points=share(5))
@pytest.mark.rules("2.1")
def test_release_1_keeps_working_right_after_the_first_expand_revision(database, backend):
    seed_production(database)
    failure = migrate(database, EXPAND)
    expect_equal(
        failure,
        "",
        did=f"Ran `alembic upgrade {EXPAND}` ({backend})",
        saw=failure,
        expected_text="the upgrade to succeed",
    )
    problems = release1_problems(database)
    expect_equal(
        problems,
        [],
        did=f"Ran release 1's public tests against the schema at {EXPAND}",
        saw="; ".join(problems),
        expected_text="release 1 registers, reads and lists members as before",
        why="Rule 2.1: release 1 serves requests between every two revisions of the expand step.",
    )


@pytest.mark.task(2, points=4)
@pytest.mark.rules("2.2")
def test_each_expand_revision_keeps_every_value(database):
    seed_production(database)
    before = rows(database, RELEASE1)
    for target in (EXPAND, INDEX):
        failure = migrate(database, target)
        expect_equal(
            failure, "", did=f"Ran `alembic upgrade {target}`", saw=failure, expected_text="the upgrade to succeed"
        )
        lost = changed(before, rows(database, RELEASE1))
        expect_equal(
            lost,
            [],
            did=f"Read every row's {', '.join(RELEASE1)} before and after `alembic upgrade {target}`",
            saw="; ".join(lost[:3]),
            expected_text=f"all {len(before)} rows, every value unchanged",
            why="Rule 2.2: an expand step only adds.",
        )


@pytest.mark.task(2, points=4)
@pytest.mark.rules("2.2")
def test_a_larger_table_keeps_every_row(database):
    seed_production(database, PRODUCTION_NAMES * 40)
    before = rows(database, RELEASE1)
    failure = migrate(database, INDEX)
    expect_equal(
        failure, "", did=f"Ran `alembic upgrade {INDEX}` on {len(before)} members", saw=failure, expected_text="success"
    )
    lost = changed(before, rows(database, RELEASE1))
    expect_equal(
        lost,
        [],
        did=f"Read all {len(before)} rows before and after `alembic upgrade {INDEX}`",
        saw=f"{len(lost)} rows lost or changed: " + "; ".join(lost[:3]),
        expected_text="every row, every value unchanged",
        why="Rule 2.2: no row is dropped or rewritten, whatever its name.",
    )
