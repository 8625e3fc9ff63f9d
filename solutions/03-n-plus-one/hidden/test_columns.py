"""Task 5: a page selects only the columns it shows."""

from __future__ import annotations

import re

import pytest

from checker.testkit import expect

pytestmark = pytest.mark.task(5, points=5)
_BODY = re.compile(r"\bposts(?:_\d+)?\.body\b|\bposts_body\b|\bSELECT \*|\bposts(?:_\d+)?\.\*", re.IGNORECASE)


def test_an_authors_page_never_reads_post_bodies(small):
    visit = small.get("/authors/1/posts?limit=5")
    reading = [s.flat for s in visit.statements if _BODY.search(s.flat)]
    expect(
        not reading,
        did="GET /authors/1/posts?limit=5",
        saw=f"{len(reading)} statement(s) reading posts.body, the first:\n    {reading[0][:300] if reading else ''}",
        expected="no statement that reads posts.body",
        why="An author's page shows titles and comments, never a post's body, the largest column: "
        "leave it in the database with load_only(...) or defer(Post.body), or select the columns you show.",
    )
