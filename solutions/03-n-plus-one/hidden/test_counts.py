"""Task 3: counts come from SQL, not from rows carried to Python and measured with len()."""

from __future__ import annotations

import re

import pytest

from checker.testkit import expect

pytestmark = pytest.mark.task(3, points=10)


def _carries_rows_of(statement, table: str) -> bool:  # noqa: ANN001
    """A statement that reads the table without counting hands its rows to Python."""
    reads = re.search(rf"\b(FROM|JOIN)\s+{table}\b", statement.flat, re.IGNORECASE)
    return bool(reads) and "count(" not in statement.flat.lower()


def test_the_authors_list_counts_posts_in_sql(large, hint):
    """The authors list counts posts in SQL."""
    visit = large.get("/authors?limit=100")
    carried = [s for s in visit.statements if _carries_rows_of(s, "posts")]
    expect(
        not carried,
        did=f"GET /authors?limit=100 on {large.name}",
        saw=f"{len(carried)} statement(s) loading post rows (no count in them); all statements:\n{visit.grouped}",
        expected="no statement that loads post rows: one count(...) per author, computed by the database",
        why="Loading every post to call len() on it moves the whole table into Python to make "
        "one number per author. Count with func.count() in a grouped subquery or a join. " + hint,
    )
