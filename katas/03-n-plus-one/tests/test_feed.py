"""Public tests of the N+1 kata, all on the feed: run them with `uv run kata check 03-n-plus-one`.

The checker records every SELECT the app's engine runs during a request (a listener on
`before_cursor_execute`, on `app.state.engine`) and groups them by shape, so that a statement
run once per row shows as "ran 20 times". The hidden suite holds the other endpoints to the
same rules.
"""

from __future__ import annotations

import re
from datetime import datetime

import pytest

from checker.testkit import expect

_BODY = re.compile(r"\bposts(?:_\d+)?\.body\b|\bposts_body\b|\bSELECT \*|\bposts(?:_\d+)?\.\*", re.IGNORECASE)


@pytest.mark.task(1, points=5)
def test_the_feed_runs_at_most_three_statements_on_any_data_set(small, large, hint):
    few, many = small.get("/feed"), large.get("/feed")
    expect(
        few.count == many.count <= 3,
        did=f"GET /feed on {small.name}, then on {large.name}",
        saw=f"{few.count} statements, then {many.count}; on the large data set:\n{many.grouped}",
        expected="the same number on both, at most 3",
        why="A shape that ran once per post is an N+1: load the authors and the tags of the whole "
        "page at once. " + hint,
    )


@pytest.mark.task(2, points=5)
def test_the_feed_shows_published_posts_newest_first_with_authors_tags_and_counts(small):
    visit = small.get("/feed")
    body = visit.json() if visit.response.status_code == 200 else {}
    items = body.get("items", [])
    for item in items:
        item["published_at"] = datetime.fromisoformat(str(item.get("published_at"))).replace(tzinfo=None)
    expect(
        items == small.answers_feed() and body.get("next_offset") is None,
        did=f"GET /feed on {small.name}",
        saw=f"{visit.response.status_code}, next_offset {body.get('next_offset')}, items:\n{_brief(items)}",
        expected=f"next_offset None, items:\n{_brief(small.answers_feed())}",
        why="Faster must not mean different: a post without tags or comments is still in the feed.",
    )


def _brief(items: list[dict]) -> str:
    return (
        "\n".join(
            f"    post {i.get('id')} by {(i.get('author') or {}).get('display_name')}, tags {i.get('tags')}, "
            f"comment_count {i.get('comment_count')}"
            for i in items
        )
        or "    (none)"
    )


@pytest.mark.task(3, points=5)
def test_the_feed_counts_comments_in_sql(small, hint):
    """The feed counts comments in SQL."""
    visit = small.get("/feed")
    carried = [
        s
        for s in visit.statements
        if re.search(r"\b(FROM|JOIN)\s+comments\b", s.flat, re.IGNORECASE) and "count(" not in s.flat.lower()
    ]
    expect(
        not carried,
        did=f"GET /feed on {small.name}",
        saw=f"{len(carried)} statement(s) loading comment rows (no count in them); all statements:\n{visit.grouped}",
        expected="no statement that loads comment rows: the database counts them",
        why="len(post.comments) carries every comment to Python to make one number. Count with "
        "func.count() in SQL: a correlated subquery or a grouped join. " + hint,
    )


@pytest.mark.task(4, points=4)
def test_the_feed_refuses_a_page_above_the_maximum(small):
    response = small.get("/feed?limit=101").response
    expect(
        response.status_code == 422,
        did="GET /feed?limit=101",
        saw=f"{response.status_code}",
        expected="422: the largest page is 100 items",
        why="Without a hard maximum one request can ask for the whole table.",
    )


@pytest.mark.task(5, points=5)
def test_the_feed_never_reads_post_bodies(small):
    visit = small.get("/feed")
    reading = [s.flat for s in visit.statements if _BODY.search(s.flat)]
    expect(
        not reading,
        did="GET /feed",
        saw=f"{len(reading)} statement(s) reading posts.body, the first:\n    {reading[0][:300] if reading else ''}",
        expected="no statement that reads posts.body",
        why="The feed shows titles, never bodies, the largest column: leave it in the database "
        "with load_only(...) or defer(Post.body), or select the columns you show.",
    )
