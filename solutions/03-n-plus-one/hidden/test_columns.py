"""Task 5: a page returns only the columns it shows; the values the database returned are judged."""

from __future__ import annotations

import pytest
from kata_tests.checks import expect_no_body


@pytest.mark.task(5, points=5)
@pytest.mark.rules("5.1", "5.2")
def test_long_and_deep_pages_never_read_post_bodies(large):
    expect_no_body(large.get("/feed?limit=100&offset=3"), rule="5.1")
    expect_no_body(large.get("/authors/1/posts?limit=100&offset=2"), rule="5.2")
