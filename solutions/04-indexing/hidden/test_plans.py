"""Task 1: no statement of the workload, reads and writes alike, reads a table through."""

from __future__ import annotations

import pytest
from kata_tests.judge import (
    COLLATION_WHY,
    EXPRESSION_WHY,
    collations_apart,
    describe,
    expressions_apart,
    plan_problems,
    shapes,
)
from kata_tests.workload import READS, WRITES

from checker.testkit import expect_equal


def _calls(workload, names):
    calls = [workload.call(name) for name in names]
    # Whatever each call answered (other rules judge that), its statements are planned.
    unjudged = [f"{c.did}: {c.error or 'no SQL statement was recorded'}" for c in calls if c.error or not c.statements]
    expect_equal(
        unjudged,
        [],
        did="Served the workload on the seeded existing database",
        saw="\n    ".join(unjudged),
        expected_text="each call answered, with SQL statements the suite can EXPLAIN",
        why="The plans are read from the statements the app really issues.",
    )
    return calls


@pytest.mark.task(1, points=12)
@pytest.mark.rules("1.1")
def test_no_read_of_the_workload_reads_a_table_through(workload):
    problems = plan_problems(workload, _calls(workload, [name for name, *_ in READS]))
    expect_equal(
        problems,
        [],
        did="Served every read of the workload (unknown slugs, tags and addresses, and every kind of "
        "author included), then ran EXPLAIN QUERY PLAN on each statement",
        saw=f"{len(problems)} step(s) that read far more rows than they return:\n    " + "\n    ".join(problems),
        expected_text="every step a SEARCH through an index that narrows to a few rows",
        why="Rule 1.1: index the columns each query filters on, compare in the form the index holds, "
        "and let the migration make those indexes on the existing database.",
    )


@pytest.mark.task(1, points=5)
@pytest.mark.rules("1.2")
def test_no_write_of_the_workload_reads_a_table_through(workload):
    problems = plan_problems(workload, _calls(workload, [name for name, *_ in WRITES]))
    expect_equal(
        problems,
        [],
        did="Served every write of the workload (a new account, a taken address, a new post, a taken "
        "slug, an unknown author), then ran EXPLAIN QUERY PLAN on each statement",
        saw=f"{len(problems)} step(s):\n    " + "\n    ".join(problems),
        expected_text="no step that reads a table through",
        why="Rule 1.2: a lookup before an INSERT runs on every write; if the unique index already "
        "decides, it is not needed at all.",
    )


@pytest.mark.task(1, points=3)
@pytest.mark.rules("1.3")
def test_the_migration_gives_the_existing_database_what_a_new_one_gets(existing_indexes, fresh_database, index_lister):
    path, error = fresh_database
    expect_equal(
        error,
        "",
        did="Called create_app on a new database file",
        saw=error,
        expected_text="an app",
        why="Rule 1.3: each migration step must also run on a new database, where create_all made "
        "the models' indexes first (IF NOT EXISTS, ignore=True).",
    )
    migrated, new = shapes(existing_indexes), shapes(index_lister(path))
    expect_equal(
        (describe(new - migrated), describe(migrated - new)),
        ("none", "none"),
        did="Compared the indexes of the migrated existing database with those of a new database",
        saw=f"only on the new one: {describe(new - migrated)}; only on the migrated one: {describe(migrated - new)}",
        expected_text="the same indexes (table, key columns and their collations, uniqueness, WHERE), names aside",
        why=COLLATION_WHY
        if collations_apart(new, migrated)
        else EXPRESSION_WHY
        if expressions_apart(new, migrated)
        else "Rule 1.3: create_all skips tables that exist; only a migration step changes them.",
    )
