"""Task 4: no redundant index, and no table over the README's index budget."""

from __future__ import annotations

import pytest
from kata_tests.judge import over_budget, redundant

from checker.testkit import expect_equal


@pytest.mark.task(4, points=4)
@pytest.mark.rules("4.1")
def test_the_migrated_database_keeps_no_redundant_index(existing_indexes):
    found = redundant(existing_indexes)
    expect_equal(
        found,
        [],
        did="Listed the indexes of the existing database after create_app migrated it (PRAGMA index_list, index_xinfo)",
        saw="\n    ".join(found),
        expected_text="no index whose key columns are a prefix of another index's on the same table",
        why="Rule 4.1: any query the shorter one serves, the longer one serves too; the shorter one "
        "only costs every INSERT and UPDATE. Drop it in the migration and from the models.",
    )


@pytest.mark.task(4, points=3)
@pytest.mark.rules("4.1")
def test_the_migrated_database_keeps_to_the_index_budget(existing_indexes):
    found = over_budget(existing_indexes)
    expect_equal(
        found,
        [],
        did="Counted the indexes of the migrated existing database per table (the primary key not counted)",
        saw="\n    ".join(found),
        expected_text="users 1, posts 2, comments 1, tags 1, posts_tags 1 at most",
        why="Rule 4.1: one index per query of the workload and none besides: an index on status "
        "(three values) narrows nothing and costs every write.",
    )


@pytest.mark.task(4, points=2)
@pytest.mark.rules("4.2")
def test_a_new_database_gets_the_same_lean_set_of_indexes(fresh_database, index_lister):
    path, error = fresh_database
    expect_equal(
        error,
        "",
        did="Called create_app on a new database file",
        saw=error,
        expected_text="an app",
        why="Rule 4.2: on a new database create_all has made the models' indexes before the "
        "migration runs: each step must then be a no-op (IF NOT EXISTS, ignore=True).",
    )
    found = index_lister(path)
    problems = redundant(found) + over_budget(found)
    expect_equal(
        problems,
        [],
        did="Listed the indexes of a new database made by create_app",
        saw="\n    ".join(problems),
        expected_text="no index that is a prefix of another, no table over its budget",
        why="Rule 4.2: the models still declare what the migration drops, or name an index "
        "differently from the migration, so a new database gets both.",
    )
