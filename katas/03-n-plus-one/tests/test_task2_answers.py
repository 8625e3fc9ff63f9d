"""Task 2, public checks: a faster page answers exactly what the slow one did.

The data holds the edges: posts without tags or comments, a user without posts, two users with
one name, posts and comments written at the same instant, drafts and an archived post.
"""

from __future__ import annotations

from datetime import timedelta

import pytest
from kata_tests import _data
from kata_tests.checks import expect_author, expect_current, expect_items, expect_next, expect_problem

from checker.testkit import expect_equal

FEED_ORDER = ("published_at", "the higher id")
NAME_ORDER = ("display_name", "the lower id")


@pytest.mark.task(2, points=3)
@pytest.mark.rules("2.1", "2.2")
def test_the_feed_shows_published_posts_newest_first_with_authors_tags_and_counts(small):
    visit = small.get("/feed")
    expect_items(
        visit.items(),
        small.answers_feed(),
        did=f"GET /feed on {small.name} ({visit.status})",
        rule="2.1",
        fields_rule="2.2",
        order=FEED_ORDER,
    )


@pytest.mark.task(2, points=2)
@pytest.mark.rules("2.3")
def test_an_authors_page_shows_their_posts_with_comments_oldest_first(small):
    # Ada has a draft; Claude has an archived post, published once: neither page shows them.
    for author, name in ((1, "Ada Lovelace"), (3, "Claude Shannon")):
        visit = small.get(f"/authors/{author}/posts")
        expect_author(visit, {"id": author, "display_name": name})
        expect_items(
            visit.items(),
            small.answers_author_posts(author),
            did=f"GET /authors/{author}/posts on {small.name} ({visit.status})",
            rule="2.3",
            order=FEED_ORDER,
        )


@pytest.mark.task(2, points=2)
@pytest.mark.rules("2.4")
def test_the_authors_list_shows_every_user_by_name_then_id_with_post_counts(small):
    visit = small.get("/authors")
    expect_items(
        visit.items(),
        small.answers_authors(),
        did=f"GET /authors on {small.name} ({visit.status})",
        rule="2.4",
        order=NAME_ORDER,
    )


@pytest.mark.task(2, points=1)
@pytest.mark.rules("2.5")
def test_an_unknown_author_is_a_404_problem_and_one_without_posts_an_empty_page(small):
    expect_problem(small.get("/authors/9999/posts"), 404, rule="2.5")
    expect_problem(
        small.get(f"/authors/{10**20}/posts"),
        404,
        rule="2.5",
        because=": an id beyond the database's 64-bit integers names no user, and the driver refuses to "
        "send it (OverflowError), so check the range before you ask",
    )
    visit = small.get("/authors/4/posts")
    body = visit.body()
    expect_equal(
        (visit.status, body.get("items"), body.get("next_offset")),
        (200, [], None),
        did="GET /authors/4/posts (a user without published posts)",
        saw=f"{visit.status} {visit.response.text[:200]}",
        expected_text='200 with "items": [] and "next_offset": null',
        why="Rule 2.5: the user exists, so the page exists; it is empty, not missing.",
    )


@pytest.mark.task(2, points=2)
@pytest.mark.rules("2.6")
def test_a_comment_a_post_and_a_user_written_after_the_first_request_show_in_the_second(fresh):
    before, owed = fresh.get("/feed"), fresh.answers_feed()
    last = fresh.get("/feed?limit=3&offset=2")  # the last page: posts 3 to 5 of 5
    fresh.add("comments", _data.comment(500, 1, 2, _data.NEWEST + timedelta(minutes=30)))
    fresh.add("posts", _data.post(600, 2, "Written between two reads", _data.NEWEST + timedelta(minutes=5)))
    wrote = "a comment on post 1 and a new post 600 written"
    expect_current(
        before,
        owed,
        fresh.get("/feed"),
        fresh.answers_feed(),
        wrote=wrote,
        listing={"rule": "2.1", "order": FEED_ORDER, "fields_rule": "2.2"},
    )
    # Post 600 comes before the last page, which now has a next page: its next_offset is current too.
    expect_next(last, fresh.get(last.url), 5, wrote=wrote)
    # An id that was unknown names the user written since.
    unknown = fresh.get("/authors/951/posts")
    fresh.add("users", _data.user(951, "Barbara Liskov"))
    known = fresh.get("/authors/951/posts")
    expect_equal(
        (unknown.status, known.status, known.body().get("author")),
        (404, 200, {"id": 951, "display_name": "Barbara Liskov"}),
        did="GET /authors/951/posts (no such user), then user 951 written, then GET /authors/951/posts again",
        saw=f"{unknown.status}, then {known.status} {known.response.text[:200]}",
        expected_text='404, then 200 with "author": {"id": 951, "display_name": "Barbara Liskov"}',
        why="Rule 2.6: nothing is cached across requests, not even that an id was unknown.",
    )
