"""Task 5, public checks: no page reads a post's body.

The checker replays every statement a page ran and looks at the values the database returned:
however the SQL is spelled, a statement that hands a body to the app is seen.
"""

from __future__ import annotations

import pytest
from kata_tests.checks import expect_no_body


@pytest.mark.task(5, points=3)
@pytest.mark.rules("5.1")
def test_the_feed_never_reads_post_bodies(small):
    expect_no_body(small.get("/feed"), rule="5.1")


@pytest.mark.task(5, points=2)
@pytest.mark.rules("5.2")
def test_an_authors_page_never_reads_post_bodies(small):
    expect_no_body(small.get("/authors/1/posts"), rule="5.2")
