"""Task 2: faster pages answer exactly what the slow ones did, on the large data and after writes.

One check over every answer of the read side, so that a wrong answer anywhere costs most of the task.
"""

from __future__ import annotations

from datetime import timedelta

import pytest
from kata_tests import _data
from kata_tests.checks import expect_author, expect_current, expect_items, expect_next, expect_problem, walk

from checker.testkit import expect_equal

FEED_ORDER = ("published_at", "the higher id")
BEYOND_64_BITS = (
    ": an id beyond the database's 64-bit integers names no user, and the driver refuses to send it "
    "(OverflowError), so check the range before you ask"
)
NAME_ORDER = ("display_name", "the lower id")


@pytest.mark.task(2, points=10)
@pytest.mark.rules("2.1", "2.2", "2.3", "2.4", "2.5", "2.6")
def test_every_page_answers_what_the_slow_one_did(large, fresh):
    items, trail = walk(large, "/feed", 50)
    did = f"GET /feed?limit=50, following next_offset ({'; '.join(trail)}), on {large.name}"
    expect_items(items, large.answers_feed(), did=did, rule="2.1", fields_rule="2.2", order=FEED_ORDER)

    for author, name in ((1, "Ada Lovelace"), (3, "Claude Shannon"), (62, "Writer 60")):
        visit = large.get(f"/authors/{author}/posts?limit=100")
        expect_author(visit, {"id": author, "display_name": name})
        did = f"GET /authors/{author}/posts?limit=100 on {large.name} ({visit.status})"
        expect_items(visit.items(), large.answers_author_posts(author), did=did, rule="2.3", order=FEED_ORDER)

    items, trail = walk(large, "/authors", 100)
    did = f"GET /authors?limit=100, following next_offset ({'; '.join(trail)}), on {large.name}"
    expect_items(items, large.answers_authors(), did=did, rule="2.4", order=NAME_ORDER)

    expect_problem(large.get("/authors/70000/posts?limit=5"), 404, rule="2.5")
    for huge in (2**63, -(2**63) - 1):  # the first ids beyond a signed 64-bit integer, either way
        expect_problem(large.get(f"/authors/{huge}/posts"), 404, rule="2.5", because=BEYOND_64_BITS)
    for author in (4, 5, 900):  # 5 has only a draft and an archived post
        visit = large.get(f"/authors/{author}/posts")
        body = visit.body()
        expect_equal(
            (visit.status, body.get("items"), body.get("next_offset")),
            (200, [], None),
            did=f"GET /authors/{author}/posts (a user without published posts)",
            saw=f"{visit.status} {visit.response.text[:200]}",
            expected_text='200 with "items": [] and "next_offset": null',
            why="Rule 2.5: the user exists, so the page exists; it is empty, not missing.",
        )

    paths = ("/feed", "/authors", "/authors/1/posts")
    listings = [
        {"rule": "2.1", "order": FEED_ORDER, "fields_rule": "2.2"},
        {"rule": "2.4", "order": NAME_ORDER},
        {"rule": "2.3", "order": FEED_ORDER},
    ]
    before = [(fresh.get(path), owed) for path, owed in zip(paths, _owed(fresh), strict=True)]
    # Pages that end exactly at the last item before the writes, and have a next page after them.
    full = [(fresh.get(path), limit) for path, limit in (("/feed?limit=5", 5), ("/authors?limit=6", 6))]
    unknown = fresh.get("/authors/950/posts")
    expect_problem(unknown, 404, rule="2.5")
    fresh.add("users", _data.user(950, "Aaron Swartz"))
    fresh.add("posts", _data.post(610, 2, "Brian writes again", _data.NEWEST - timedelta(days=3)))
    fresh.add("posts", _data.post(611, 950, "Aaron's first", _data.NEWEST + timedelta(hours=1)))
    fresh.add("comments", _data.comment(520, 3, 4, _data.NEWEST))
    fresh.add("comments", _data.comment(521, 611, 1, _data.NEWEST + timedelta(hours=2)))
    wrote = "user 950, posts 610 and 611 and comments on posts 3 and 611 written"
    for path, (visit, owed), owed_now, listing in zip(paths, before, _owed(fresh), listings, strict=True):
        expect_current(visit, owed, fresh.get(path), owed_now, wrote=wrote, listing=listing)
    for visit, limit in full:
        expect_next(visit, fresh.get(visit.url), limit, wrote=wrote)
    known = fresh.get("/authors/950/posts")
    expect_equal(
        (known.status, known.body().get("author"), [item.get("id") for item in known.items()]),
        (200, {"id": 950, "display_name": "Aaron Swartz"}, [611]),
        did=f"GET /authors/950/posts (404: no such user), then {wrote}, then GET /authors/950/posts again",
        saw=f"{known.status} {known.response.text[:200]}",
        expected_text='200 with "author": {"id": 950, "display_name": "Aaron Swartz"} and post 611',
        why="Rule 2.6: nothing is cached across requests, not even that an id was unknown.",
    )
    # The largest id a 64-bit integer holds is an id like any other.
    fresh.add("users", _data.user(2**63 - 1, "Max Planck"))
    largest = fresh.get(f"/authors/{2**63 - 1}/posts")
    expect_equal(
        (largest.status, largest.body().get("author"), largest.body().get("items")),
        (200, {"id": 2**63 - 1, "display_name": "Max Planck"}, []),
        did=f"Wrote user {2**63 - 1} (2**63 - 1, the largest 64-bit id), then GET /authors/{2**63 - 1}/posts",
        saw=f"{largest.status} {largest.response.text[:200]}",
        expected_text=f'200 with "author": {{"id": {2**63 - 1}, "display_name": "Max Planck"}} and "items": []',
        why="Rule 2.5: the user exists, so the page exists; only ids beyond 64 bits name no user.",
    )


def _owed(site) -> list:  # noqa: ANN001
    return [site.answers_feed(), site.answers_authors(), site.answers_author_posts(1)]
