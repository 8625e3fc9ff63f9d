"""Task 4: no redundant index, and no table over the README's index budget."""

from __future__ import annotations

import pytest

from checker.testkit import expect

BUDGET = {"users": 1, "posts": 2, "comments": 1, "tags": 1, "posts_tags": 1}


def _redundant(indexes) -> list[str]:
    found = []
    for name, unique, _origin, keys in indexes:
        for other, _u, _o, other_keys in indexes:
            if other != name and not unique and other_keys[: len(keys)] == keys:
                found.append(f"{name} {tuple(keys)} is a prefix of {other} {tuple(other_keys)}")
                break
    return found


def _over_budget(table: str, indexes) -> str:
    counted = [f"{name} {tuple(keys)}" for name, _u, origin, keys in indexes if origin != "pk"]
    if len(counted) <= BUDGET[table]:
        return ""
    return f"{table} has {len(counted)} indexes ({', '.join(counted)}); the budget is {BUDGET[table]}"


def _check_redundancy(found: dict, where: str) -> None:
    redundant = [line for table in sorted(found) for line in _redundant(found[table])]
    expect(
        not redundant,
        did=f"Listed the indexes of {where} (PRAGMA index_list, index_xinfo)",
        saw="; ".join(redundant),
        expected="no index whose columns are a prefix of another index on the same table",
        why="Any query the shorter one serves, the longer one serves too; the shorter one only "
        "costs every INSERT and UPDATE. Task 4: drop it in the migration and from the models.",
    )


def _check_budget(found: dict, where: str) -> None:
    over = [line for line in (_over_budget(t, found[t]) for t in sorted(found)) if line]
    expect(
        not over,
        did=f"Counted the indexes of {where} per table (a composite primary key not counted)",
        saw="; ".join(over),
        expected="users 1, posts 2, comments 1, tags 1, posts_tags 1 at most",
        why="One index per query of the workload, and none besides: an index on status (three "
        "values) narrows nothing and costs every write. Task 4.",
    )


@pytest.mark.task(4, points=5)
def test_the_migrated_database_keeps_no_redundant_index(workload, existing_indexes):
    _check_redundancy(existing_indexes, "the existing database after create_app migrated it")


@pytest.mark.task(4, points=4)
def test_the_migrated_database_keeps_to_the_index_budget(workload, existing_indexes):
    _check_budget(existing_indexes, "the existing database after create_app migrated it")


@pytest.mark.task(4, points=3)
def test_a_new_database_gets_the_same_lean_set_of_indexes(fresh_database, index_lister):
    path, error = fresh_database
    expect(
        not error,
        did="Called create_app on a new database file",
        saw=error,
        expected="an app",
        why="On a new database create_all has made the models' indexes before the migration runs: "
        "each step must then be a no-op (IF NOT EXISTS, drop_index(..., ignore=True)). Task 4.",
    )
    found = index_lister(path)
    _check_redundancy(found, "a new database made by create_app")
    _check_budget(found, "a new database made by create_app")
