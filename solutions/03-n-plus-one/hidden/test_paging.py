"""Task 4: every listing is bounded at both ends, cut in SQL, and walks its pages exactly once."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from kata_tests.checks import expect_refused, expect_same_rows, expect_walk

from checker.appclient import AppClient
from checker.testkit import expect_equal, learner

LISTINGS = ["/feed", "/authors", "/authors/1/posts"]
PROPERTY = settings(derandomize=True, database=None, deadline=None, max_examples=8)


@pytest.mark.task(4, points=6)
@pytest.mark.rules("4.1", "4.2", "4.3", "4.4")
def test_every_listing_is_bounded_cut_in_sql_and_ends_where_it_ends(small, large):
    for path in LISTINGS:
        for limit in ("0", "101", "-1", "ten"):
            expect_refused(
                small.get(f"{path}?limit={limit}"), rule="4.1", why="a page holds 1 to 100 items, given as an integer."
            )
        _expect_sizes(large, path)
        for offset in ("-1", "10001"):
            expect_refused(small.get(f"{path}?offset={offset}"), rule="4.2", why=DEEP)
        _expect_page(
            small, f"{path}?offset=10000", (0, None), rule="4.2", why="past the end, the page is empty and the last."
        )
    for path in LISTINGS:
        expect_same_rows(small.get(f"{path}?limit=2"), large.get(f"{path}?limit=2"), rule="4.3")
    # The data repeats every 12 posts: a deep page of the feed shows as many tags and authors as the first.
    expect_same_rows(large.get("/feed?limit=3&offset=12"), large.get("/feed?limit=3&offset=96"), rule="4.3")
    # The other listings are cut in SQL at depth too. Past the first six users each user has one
    # published post; Ada's posts repeat their comments and ties every 30.
    expect_same_rows(large.get("/authors?limit=3&offset=6"), large.get("/authors?limit=3&offset=56"), rule="4.3")
    expect_same_rows(large.get("/authors/1/posts?limit=3"), large.get("/authors/1/posts?limit=3&offset=30"), rule="4.3")
    for path, total in (("/feed", 5), ("/authors", 6), ("/authors/1/posts", 3)):
        full = "a page that ends exactly at the last item is the last: next_offset null, never a link to an empty page."
        _expect_page(small, f"{path}?limit={total}", (total, None), rule="4.4", why=full)
        more = "one item more follows, so next_offset is offset + limit."
        _expect_page(small, f"{path}?limit={total - 1}", (total - 1, total - 1), rule="4.4", why=more)
        _expect_page(
            small, f"{path}?limit=2&offset={total - 1}", (1, None), rule="4.4", why="the last item is the last page."
        )
    _expect_empty_site()


def _expect_empty_site() -> None:
    # The composition root's default database, with nothing written yet: every listing is empty.
    with AppClient(learner("inkwell.app").create_app(), raise_server_exceptions=False) as client:
        for path in ("/feed", "/authors"):
            response = client.get(path)
            body = response.json() if response.status_code == 200 else {}
            expect_equal(
                (response.status_code, body.get("items"), body.get("next_offset")),
                (200, [], None),
                did=f"create_app() with its default database and no data, then GET {path}",
                saw=f"{response.status_code} {response.text[:160]}",
                expected_text='200 with "items": [] and "next_offset": null',
                why="Rule 4.4: an empty listing is one empty page, the last.",
            )


DEEP = (
    "an offset runs from 0 to 10 000: OFFSET makes the database read and discard every row before the page, "
    "so deep pages are bounded like large ones."
)


def _expect_sizes(large, path: str) -> None:  # noqa: ANN001
    total = {"/feed": 119, "/authors": 63, "/authors/1/posts": 60}[path]
    for query, size in (("", 20), ("?limit=1", 1), ("?limit=100", 100)):
        visit = large.get(path + query)
        shown, owed = len(visit.items()), min(size, total)
        expect_equal(
            (visit.status, shown),
            (200, owed),
            did=f"GET {path}{query} on {large.name}",
            saw=f"{visit.status}, {shown} items",
            expected_text=f"200, {owed} items",
            why="Rule 4.1: the limit is 20 when not given, and any limit from 1 to 100 is taken."
            if visit.status == 200
            else f"Rule 4.1: a limit from 1 to 100 is accepted, not answered {visit.status}.",
        )


def _expect_page(site, url: str, owed: tuple, *, rule: str, why: str) -> None:  # noqa: ANN001
    visit = site.get(url)
    shown = (len(visit.items()), visit.body().get("next_offset"))
    expect_equal(
        (visit.status, *shown),
        (200, *owed),
        did=f"GET {url} on {site.name}",
        saw=f"{visit.status}, {shown[0]} items, next_offset {shown[1]}",
        expected_text=f"200, {owed[0]} items, next_offset {owed[1]}",
        why=f"Rule {rule}: {why}",
    )


@pytest.mark.task(4, points=2)
@pytest.mark.rules("4.4")
@PROPERTY
@given(st.integers(min_value=1, max_value=7), st.sampled_from(LISTINGS[1:]))
def test_walking_any_listing_visits_every_item_once_in_order(small, limit, path):
    wanted = small.answers_authors() if path == "/authors" else small.answers_author_posts(1)
    expect_walk(small, path, limit, wanted, rule="4.4")
