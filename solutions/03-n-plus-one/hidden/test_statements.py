"""Task 1: every page costs a number of statements that does not grow with N, on every endpoint.

One check over the whole read side, so that an N+1 on any page costs most of the task.
"""

from __future__ import annotations

import pytest
from kata_tests.checks import expect_bounded

FEED = "the page, plus one per relation shown (authors, tags, comment counts)"
AUTHOR = "the author, the page of posts, one for the comments and one for their authors"
AUTHORS = "the page of users, plus one for the post counts"


@pytest.mark.task(1, points=20)
@pytest.mark.rules("1.1", "1.2", "1.3")
def test_every_page_runs_as_few_statements_for_100_rows_as_for_1(small, large):
    expect_bounded(large.get("/feed?limit=1"), large.get("/feed?limit=100"), bound=4, relations=FEED, rule="1.1")
    expect_bounded(small.get("/feed"), large.get("/feed?limit=100&offset=19"), bound=4, relations=FEED, rule="1.1")
    expect_bounded(
        large.get("/authors/1/posts?limit=1"),
        large.get("/authors/1/posts?limit=100"),
        bound=4,
        relations=AUTHOR,
        rule="1.2",
    )
    expect_bounded(
        large.get("/authors?limit=1"), large.get("/authors?limit=100"), bound=2, relations=AUTHORS, rule="1.3"
    )
