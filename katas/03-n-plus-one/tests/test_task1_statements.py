"""Task 1, public checks: a page costs a number of statements that does not grow with the data.

The checker records every SELECT the app's engine runs during a request (a listener on
`before_cursor_execute`, on `app.state.engine`) and groups them by shape, so that a statement
run once per row shows as "ran 20 times". The bound is constant in N: the page, plus at most one
statement per relation it shows. The reviewer's suite adds pages of other lengths.
"""

from __future__ import annotations

import pytest
from kata_tests.checks import expect_bounded


@pytest.mark.task(1, points=7)
@pytest.mark.rules("1.1")
def test_the_feed_runs_as_few_statements_on_3_authors_as_on_60(small, large):
    expect_bounded(
        small.get("/feed?limit=100"),
        large.get("/feed?limit=100"),
        bound=4,
        relations="the page, plus one per relation shown (authors, tags, comment counts)",
        rule="1.1",
    )


@pytest.mark.task(1, points=4)
@pytest.mark.rules("1.2")
def test_an_authors_page_runs_as_few_statements_on_3_authors_as_on_60(small, large):
    expect_bounded(
        small.get("/authors/1/posts?limit=100"),
        large.get("/authors/1/posts?limit=100"),
        bound=4,
        relations="the author, the page of posts, one for the comments and one for their authors",
        rule="1.2",
    )


@pytest.mark.task(1, points=4)
@pytest.mark.rules("1.3")
def test_the_authors_list_runs_as_few_statements_on_3_authors_as_on_60(small, large):
    expect_bounded(
        small.get("/authors?limit=100"),
        large.get("/authors?limit=100"),
        bound=2,
        relations="the page of users, plus one for the post counts",
        rule="1.3",
    )
