"""Task 2: faster pages answer exactly what the slow ones did."""

from __future__ import annotations

import json
from datetime import datetime

import pytest

from checker.testkit import expect

_TIMES = ("published_at", "created_at")


def _plain(value):  # noqa: ANN001, ANN202
    """JSON with its timestamps parsed, so that '2026-06-01T12:00:00' equals '2026-06-01 12:00:00'."""
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {k: _when(v) if k in _TIMES else _plain(v) for k, v in value.items()}
    return value


def _when(value):  # noqa: ANN001, ANN202
    try:
        return datetime.fromisoformat(value).replace(tzinfo=None)
    except (TypeError, ValueError):
        return value


def _show(item: object) -> str:
    return json.dumps(item, default=str)[:400]


def _walk(site, path: str, limit: int) -> tuple[list, list[str]]:
    """Every item of a listing, page after page, following next_offset."""
    items, trail, offset = [], [], 0
    while offset is not None and len(trail) < 20:
        visit = site.get(f"{path}?limit={limit}&offset={offset}")
        trail.append(f"offset={offset}: {visit.response.status_code}")
        body = visit.json() if visit.response.status_code == 200 else {}
        items += body.get("items", [])
        offset = body.get("next_offset")
    return _plain(items), trail


def _expect_same(saw: list, wanted: list, *, did: str, why: str) -> None:
    wrong = next((i for i, (a, b) in enumerate(zip(saw, wanted, strict=False)) if a != b), None)
    if wrong is None and len(saw) == len(wanted):
        return
    detail = (
        f"{len(saw)} items where {len(wanted)} were expected"
        if wrong is None
        else f"item {wrong} is {_show(saw[wrong])}"
    )
    shown = _show(wanted[wrong]) if wrong is not None else f"{len(wanted)} items"
    expect(False, did=did, saw=detail, expected=str(shown), why=why)


@pytest.mark.task(2, points=4)
def test_the_feed_lists_every_published_post_newest_first_across_pages(large):
    items, trail = _walk(large, "/feed", 50)
    _expect_same(
        items,
        large.answers_feed(),
        did=f"GET /feed?limit=50, following next_offset ({'; '.join(trail)}), on {large.name}",
        why="Every published post once, newest first, with its author, its tags sorted by name "
        "(an empty list when it has none) and its number of comments (0 when it has none).",
    )


@pytest.mark.task(2, points=4)
def test_the_authors_list_counts_published_posts_and_keeps_users_without_any(large):
    items, trail = _walk(large, "/authors", 100)
    _expect_same(
        items,
        large.answers_authors(),
        did=f"GET /authors?limit=100, following next_offset ({'; '.join(trail)}), on {large.name}",
        why="Every user, by display name then id, with the number of their published posts: "
        "drafts and archived posts do not count, and a user without posts shows 0.",
    )


@pytest.mark.task(2, points=4)
def test_an_authors_page_shows_their_published_posts_with_comments_in_order(large):
    visit = large.get("/authors/1/posts?limit=100")
    body = visit.json() if visit.response.status_code == 200 else {}
    expect(
        visit.response.status_code == 200 and body.get("author") == {"id": 1, "display_name": "Ada Lovelace"},
        did="GET /authors/1/posts?limit=100",
        saw=f"{visit.response.status_code} {visit.response.text[:200]}",
        expected='200 with "author": {"id": 1, "display_name": "Ada Lovelace"}',
    )
    _expect_same(
        _plain(body.get("items", [])),
        large.answers_author_posts(1),
        did=f"GET /authors/1/posts?limit=100 on {large.name}",
        why="Ada's published posts, newest first, each with its comments oldest first and the author of each comment.",
    )


@pytest.mark.task(2, points=3)
def test_an_unknown_author_is_not_found_and_one_without_posts_has_an_empty_page(large):
    unknown, reader = large.get("/authors/9999/posts"), large.get("/authors/4/posts")
    expect(
        unknown.response.status_code == 404
        and reader.response.status_code == 200
        and reader.json().get("items") == []
        and reader.json().get("next_offset") is None,
        did="GET /authors/9999/posts (no such user), then GET /authors/4/posts (a user without posts)",
        saw=f"{unknown.response.status_code}, then {reader.response.status_code} {reader.response.text[:160]}",
        expected='404, then 200 with "items": [] and "next_offset": null',
    )
