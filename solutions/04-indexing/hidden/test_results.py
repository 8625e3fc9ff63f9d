"""Task 5: indexes change how rows are found, never which rows the workload answers."""

from __future__ import annotations

import pytest

from checker.testkit import expect


def _ids(call) -> list:
    return [item.get("id") for item in call.json] if isinstance(call.json, list) else [call.json]


def _check(call, expected_ids: list[int], what: str) -> None:
    seen = _ids(call)
    expect(
        call.status == 200 and seen == expected_ids,
        did=f"Served {call.did} on the seeded existing database",
        saw=call.error or f"{call.status}, ids {seen if call.status == 200 else call.json}",
        expected=f"200, ids {expected_ids}",
        why=f"The {what} must be what it was before the indexes. Task 5.",
    )


@pytest.mark.task(5, points=3)
def test_login_and_post_lookup_answer_the_same_rows(workload):
    login, post = workload.call("login"), workload.call("post")
    expect(
        login.status == 200 and (login.json or {}).get("id") == 42,
        did=f"Served {login.did}",
        saw=login.error or f"{login.status} {str(login.json)[:200]}",
        expected="200 with the account of writer0042@inkwell.test (id 42)",
        why="Login compares emails whatever their case and surrounding spaces. Task 5.",
    )
    expect(
        post.status == 200 and (post.json or {}).get("id") == 123,
        did=f"Served {post.did}",
        saw=post.error or f"{post.status} {str(post.json)[:200]}",
        expected="200 with post 123",
    )


@pytest.mark.task(5, points=3)
def test_the_feeds_list_the_newest_published_posts(workload):
    _check(workload.call("feed"), workload.seeded.feed(7), "feed of author 7")
    _check(workload.call("feed-small"), workload.seeded.feed(42), "feed of author 42")


@pytest.mark.task(5, points=2)
def test_the_tag_page_and_the_comments_are_unchanged(workload):
    _check(workload.call("tag"), workload.seeded.tag_page(17), "tag page of tag-017")
    _check(workload.call("comments"), workload.seeded.comments_on(1), "comment list of post-1")
