"""Task 2: the feed reads about as many rows as it returns, already in order, for every author."""

from __future__ import annotations

import pytest
from kata_tests.judge import WORK_PER_ROW, sorts
from kata_tests.workload import FEEDS

from checker.testkit import expect_equal

WITH_ROWS = [name for name in FEEDS if name != "feed-empty"]


def _feeds(workload, names):
    calls = [workload.call(name) for name in names]
    broken = [f"{c.did}: {c.error or 'no SQL statement was recorded'}" for c in calls if c.error or not c.statements]
    expect_equal(
        broken,
        [],
        did="Served the feed of every kind of author",
        saw="\n    ".join(broken),
        expected_text="answered, with SQL statements",
    )
    return calls


@pytest.mark.task(2, points=7)
@pytest.mark.rules("2.1")
def test_every_feed_reads_about_as_many_rows_as_it_returns(workload):
    heavy = []
    for call in _feeds(workload, WITH_ROWS):
        work = workload.work_per_row(call)
        if work is None or work > WORK_PER_ROW:
            heavy.append(f"{call.did}: " + (f"{work:.1f}x" if work else f"no rows ({str(call.json)[:80]})"))
    drafter = any("/users/8/" in line for line in heavy)
    expect_equal(
        heavy,
        [],
        did="Served the feed of a prolific author, an ordinary one, one whose newest posts are all "
        "drafts, and ones with exactly 20 and 21 published posts; counted SQLite's work per row answered",
        saw="\n    ".join(heavy),
        expected_text=f"at most {WORK_PER_ROW:g} times the work of fetching the answered rows by id",
        why="Rule 2.1: the index walks past every draft of the author to find published posts: status "
        "must narrow the index (as a key, or as its WHERE) before the sort column."
        if drafter
        else "Rule 2.1: the feed reads far more rows than it shows; the sort is not served by the index.",
    )


@pytest.mark.task(2, points=5)
@pytest.mark.rules("2.2")
def test_no_feed_is_sorted_in_a_temporary_b_tree(workload):
    found = [f"{call.did}: {line}" for call in _feeds(workload, list(FEEDS)) for line in sorts(workload, call)]
    expect_equal(
        found,
        [],
        did="Ran EXPLAIN QUERY PLAN on the feed of every kind of author, the empty feed included",
        saw="\n    ".join(found),
        expected_text="no 'USE TEMP B-TREE FOR ORDER BY'",
        why="Rule 2.2: SQLite fetched every matching post and sorted them all to return 20. After the "
        "equality filters, the index's next column must be the sort column.",
    )
