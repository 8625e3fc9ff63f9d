"""Task 2: the feed reads its page straight from one index: no temporary B-tree sorts it."""

from __future__ import annotations

import re

import pytest

from checker.testkit import expect

KEYED = re.compile(r"^SEARCH \w+ USING (?:COVERING )?INDEX \w+ \((.*)\)$")


def _feed_plan(workload, name: str) -> tuple[str, list[str]]:
    call = workload.call(name)
    expect(
        call.status == 200 and call.statements,
        did=f"Served {call.did} on the seeded existing database",
        saw=call.error or f"{call.status} {str(call.json)[:200]}",
        expected="200 with the author's published posts",
    )
    statement, parameters = next(((s, p) for s, p in call.statements if "ORDER BY" in s.upper()), call.statements[-1])
    return " ".join(statement.split()), workload.plan(statement, parameters)


def _check_sorted_by_index(workload, name: str) -> None:
    statement, plan = _feed_plan(workload, name)
    sorts = [line for line in plan if line.startswith("USE TEMP B-TREE")]
    expect(
        not sorts,
        did=f"Ran EXPLAIN QUERY PLAN on the feed query\n    {statement[:240]}",
        saw=" | ".join(plan),
        expected="no 'USE TEMP B-TREE FOR ORDER BY': the index yields the rows already newest first",
        why="A temporary B-tree means SQLite fetched every matching post and sorted them all to "
        "return 20. Task 2: one composite index, equality columns first (author_id, status), "
        "then the sort column (created_at).",
    )


@pytest.mark.task(2, points=6)
def test_the_feed_of_a_prolific_author_needs_no_sort(workload):
    _check_sorted_by_index(workload, "feed")


@pytest.mark.task(2, points=3)
def test_the_feed_of_an_ordinary_author_needs_no_sort(workload):
    _check_sorted_by_index(workload, "feed-small")


@pytest.mark.task(2, points=6)
def test_the_feed_uses_both_filters_as_index_keys(workload):
    statement, plan = _feed_plan(workload, "feed")
    keyed = [m.group(1) for m in map(KEYED.match, plan) if m]
    both = any("author_id=?" in keys and "status=?" in keys for keys in keyed)
    expect(
        both,
        did=f"Ran EXPLAIN QUERY PLAN on the feed query\n    {statement[:240]}",
        saw=" | ".join(plan),
        expected="a line 'SEARCH posts USING [COVERING] INDEX <name> (author_id=? AND status=?)'",
        why="Only the leading equality columns of an index are keys; a column after the sort "
        "column is checked row by row. Task 2: order the index as filters, then sort: "
        "(author_id, status, created_at).",
    )
