"""Task 3, public checks: counts come from SQL, not from rows carried to Python for len().

Each check replays the page's statements to count the rows the database returned, writes more
comments (or posts), and asks again: the numbers shown grow, the rows returned must not.
"""

from __future__ import annotations

from datetime import timedelta

import pytest
from kata_tests import _data
from kata_tests.checks import expect_no_growth


@pytest.mark.task(3, points=4)
@pytest.mark.rules("3.1")
def test_the_feed_counts_comments_without_loading_them(fresh):
    before = fresh.get("/feed?limit=3")
    for n in range(12):
        fresh.add("comments", _data.comment(700 + n, (1, 2, 5)[n % 3], 2, _data.NEWEST + timedelta(minutes=n)))
    after = fresh.get("/feed?limit=3")
    expect_no_growth(before, after, added="12 comments to the posts on the page", rule="3.1", counted="comments")


@pytest.mark.task(3, points=3)
@pytest.mark.rules("3.2")
def test_the_authors_list_counts_posts_without_loading_them(fresh):
    before = fresh.get("/authors?limit=3")
    for n in range(12):
        fresh.add("posts", _data.post(800 + n, 1, f"More from Ada {n}", _data.NEWEST - timedelta(days=30 + n)))
    after = fresh.get("/authors?limit=3")
    expect_no_growth(before, after, added="12 published posts by Ada, first on the page", rule="3.2", counted="posts")
