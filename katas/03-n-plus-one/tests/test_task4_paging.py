"""Task 4, public checks: every listing is bounded, cut in SQL, and walks its pages exactly once."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from kata_tests.checks import expect_refused, expect_same_rows, expect_walk

from checker.testkit import expect_equal

PROPERTY = settings(derandomize=True, database=None, deadline=None, max_examples=8)


@pytest.mark.task(4, points=1)
@pytest.mark.rules("4.1")
@pytest.mark.parametrize("limit", ["0", "101"])
def test_the_feed_refuses_a_page_of_nothing_or_above_the_maximum(small, limit):
    expect_refused(
        small.get(f"/feed?limit={limit}"),
        rule="4.1",
        why="a page holds 1 to 100 items: a page of 0 sends a client following next_offset round in circles."
        if limit == "0"
        else "a page holds 1 to 100 items: without a maximum one request reads the whole table.",
    )


@pytest.mark.task(4, points=1)
@pytest.mark.rules("4.1")
@pytest.mark.parametrize("url", ["/authors?limit=1000", "/authors/1/posts?limit=2.5"])
def test_the_other_listings_refuse_a_limit_above_the_maximum_or_not_whole(small, url):
    expect_refused(
        small.get(url),
        rule="4.1",
        why="every listing takes the same limit, a whole number from 1 to 100: the authors list and an "
        "author's page as the feed."
        if url.endswith("1000")
        else "a limit that is not a whole number is the client's mistake, said as one: not a page of some "
        "default size the client did not ask for.",
    )


@pytest.mark.task(4, points=1)
@pytest.mark.rules("4.1")
def test_the_feed_shows_20_posts_when_no_limit_is_given(large):
    visit = large.get("/feed")
    shown, following = len(visit.items()), visit.body().get("next_offset")
    expect_equal(
        (visit.status, shown, following),
        (200, 20, 20),
        did=f"GET /feed on {large.name}",
        saw=f"{visit.status}, {shown} items, next_offset {following}",
        expected_text="200, 20 items, next_offset 20",
        why="Rule 4.1: the limit is 20 when not given, and more posts follow.",
    )


@pytest.mark.task(4, points=1)
@pytest.mark.rules("4.2")
@pytest.mark.parametrize("offset", ["-1", "10001"])
def test_the_feed_refuses_an_offset_out_of_bounds(small, offset):
    expect_refused(
        small.get(f"/feed?offset={offset}"),
        rule="4.2",
        why="an offset is 0 or more; -1 names no page."
        if offset == "-1"
        else "an offset runs up to 10 000: OFFSET makes the database read and discard every row before the page.",
    )


@pytest.mark.task(4, points=1)
@pytest.mark.rules("4.2", "4.4")
def test_the_deepest_offset_is_accepted_and_answers_an_empty_last_page(small):
    visit = small.get("/feed?limit=3&offset=10000")
    shown, following = len(visit.items()), visit.body().get("next_offset")
    expect_equal(
        (visit.status, shown, following),
        (200, 0, None),
        did=f"GET /feed?limit=3&offset=10000 on {small.name}",
        saw=f"{visit.status}, {shown} items, next_offset {following}",
        expected_text="200, 0 items, next_offset null",
        why="Rule 4.2: an offset from 0 to 10 000 is accepted, 10 000 included; past the end the page is "
        "empty and the last (rule 4.4)."
        if visit.status == 200
        else f"Rule 4.2: an offset from 0 to 10 000 is accepted, 10 000 included, not answered {visit.status}.",
    )


@pytest.mark.task(4, points=1)
@pytest.mark.rules("4.3")
def test_a_page_of_the_feed_fetches_as_many_rows_from_60_authors_as_from_3_and_deep_as_first(small, large):
    first = large.get("/feed?limit=2")
    expect_same_rows(small.get("/feed?limit=2"), first, rule="4.3")
    # The data repeats every 12 posts: page 25 shows as many tags and authors as page 1.
    expect_same_rows(first, large.get("/feed?limit=2&offset=48"), rule="4.3")


@pytest.mark.task(4, points=1)
@pytest.mark.rules("4.3")
def test_the_authors_list_and_an_authors_page_are_cut_in_sql_too(small, large):
    expect_same_rows(small.get("/authors?limit=3"), large.get("/authors?limit=3"), rule="4.3")
    # Past the first six users each user has one published post: page 21 shows as much as page 4.
    expect_same_rows(large.get("/authors?limit=2&offset=6"), large.get("/authors?limit=2&offset=40"), rule="4.3")
    # Ada's posts repeat their comments and ties every 30 posts.
    expect_same_rows(
        large.get("/authors/1/posts?limit=2&offset=10"), large.get("/authors/1/posts?limit=2&offset=40"), rule="4.3"
    )
    # Ada's newest posts and their comments are the same whatever the data's size: the page of her
    # second and third post costs as many rows whether she wrote 3 posts or 60.
    expect_same_rows(
        small.get("/authors/1/posts?limit=1&offset=1"), large.get("/authors/1/posts?limit=1&offset=1"), rule="4.3"
    )


@pytest.mark.task(4, points=2)
@pytest.mark.rules("4.4")
@PROPERTY
@given(st.integers(min_value=1, max_value=7))
def test_walking_the_feed_by_next_offset_visits_every_post_once_in_order(small, limit):
    expect_walk(small, "/feed", limit, small.answers_feed(), rule="4.4")
