"""Task 3: counts come from SQL; the rows returned do not grow with what is counted.

Rows are added only where some already were (posts that have comments, users who have published),
so that a grouped count returns as many rows as before while loaded rows grow.
"""

from __future__ import annotations

from datetime import timedelta

import pytest
from kata_tests import _data
from kata_tests.checks import expect_no_growth

COMMENTED = (1, 2, 3, 5)  # the small data's posts that have comments
PUBLISHING = (1, 2, 3)  # the small data's users who have published posts


@pytest.mark.task(3, points=8)
@pytest.mark.rules("3.1", "3.2")
def test_whole_pages_count_comments_and_posts_without_loading_them(fresh):
    feed = fresh.get("/feed?limit=100")
    for n in range(20):
        post = COMMENTED[n % 4]
        fresh.add("comments", _data.comment(900 + n, post, 1 + n % 5, _data.NEWEST + timedelta(minutes=n)))
    expect_no_growth(
        feed, fresh.get("/feed?limit=100"), added="20 comments to posts that had some", rule="3.1", counted="comments"
    )
    authors = fresh.get("/authors?limit=100")
    for n in range(20):
        author = PUBLISHING[n % 3]
        fresh.add("posts", _data.post(820 + n, author, f"Post {n} by {author}", _data.NEWEST - timedelta(days=40 + n)))
    expect_no_growth(
        authors,
        fresh.get("/authors?limit=100"),
        added="20 published posts by users who had some",
        rule="3.2",
        counted="posts",
    )
