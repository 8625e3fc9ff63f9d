"""Task 1: a page costs the same statements for 3 rows as for 300."""

from __future__ import annotations

import pytest

from checker.testkit import expect

pytestmark = pytest.mark.task(1, points=10)


def _expect_constant(small, large, url: str, bound: int, hint: str) -> None:
    few, many = small.get(url), large.get(url)
    expect(
        few.count == many.count <= bound,
        did=f"GET {url} on {small.name}, then on {large.name}",
        saw=f"{few.count} statements, then {many.count}; on the large data set:\n{many.grouped}",
        expected=f"the same number on both, at most {bound}",
        why="A shape that ran once per row is an N+1: load that relation for the whole page at "
        "once (joinedload, selectinload, or one IN (...) query of your own). " + hint,
    )


def test_the_feed_runs_at_most_three_statements_whatever_its_length(small, large, hint):
    _expect_constant(small, large, "/feed?limit=100", 3, hint)


def test_an_authors_page_runs_at_most_four_statements_whatever_its_length(small, large, hint):
    _expect_constant(small, large, "/authors/1/posts?limit=100", 4, hint)


def test_the_authors_list_runs_at_most_two_statements_whatever_its_length(small, large, hint):
    _expect_constant(small, large, "/authors?limit=100", 2, hint)
