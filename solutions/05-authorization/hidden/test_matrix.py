"""Task 1: every actor x action x status of the README's matrix, over HTTP."""

from __future__ import annotations

import pytest

from checker.testkit import expect

ACTORS = ("anonymous", "author", "member", "editor", "admin")
STATES = ("draft", "published", "archived")

MATRIX = {
    "read": {
        "anonymous": (404, 200, 404),
        "author": (200, 200, 200),
        "member": (404, 200, 404),
        "editor": (200, 200, 200),
        "admin": (200, 200, 200),
    },
    "edit": {
        "anonymous": (401, 401, 401),
        "author": (200, 200, 403),
        "member": (404, 403, 404),
        "editor": (200, 200, 403),
        "admin": (200, 200, 200),
    },
    "delete": {
        "anonymous": (401, 401, 401),
        "author": (204, 403, 403),
        "member": (404, 403, 404),
        "editor": (403, 403, 403),
        "admin": (204, 204, 204),
    },
    "publish": {
        "anonymous": (401, 401, 401),
        "author": (200, 409, 409),
        "member": (404, 403, 404),
        "editor": (200, 409, 409),
        "admin": (200, 409, 409),
    },
    "archive": {
        "anonymous": (401, 401, 401),
        "author": (403, 403, 403),
        "member": (404, 403, 404),
        "editor": (409, 200, 409),
        "admin": (409, 200, 409),
    },
}
ROUTE = {
    "read": "GET /posts/{id}",
    "edit": "PATCH /posts/{id}",
    "delete": "DELETE /posts/{id}",
    "publish": "POST /posts/{id}/publish",
    "archive": "POST /posts/{id}/archive",
}
NEW_TITLE = "Retitled by the caller"


def _send(world, action, actor, post_id):
    headers, path = world.headers(actor), f"/posts/{post_id}"
    if action == "read":
        return world.client.get(path, headers=headers)
    if action == "edit":
        return world.client.patch(path, json={"title": NEW_TITLE}, headers=headers)
    if action == "delete":
        return world.client.delete(path, headers=headers)
    return world.client.post(f"{path}/{action}", headers=headers)


def _expected_after(action, code, before):
    """What the post must look like after the request: changed on success, else as it was."""
    if code not in (200, 204) or action == "read":
        return before
    title, body, status, author = before
    return {
        "edit": (NEW_TITLE, body, status, author),
        "delete": None,
        "publish": (title, body, "published", author),
        "archive": (title, body, "archived", author),
    }[action]


def _describe(snapshot):
    return "gone" if snapshot is None else f"title {snapshot[0]!r}, status {snapshot[2]!r}"


@pytest.mark.task(1, points=1)
@pytest.mark.parametrize("actor", ACTORS)
@pytest.mark.parametrize("action", list(MATRIX))
def test_each_actor_gets_the_declared_answer_for_each_action_and_status(world, action, actor):
    seen, wrong = [], []
    for state, code in zip(STATES, MATRIX[action][actor], strict=True):
        post_id = world.make_post(state)
        before = world.snapshot(post_id)
        answer = _send(world, action, actor, post_id).status_code
        after, wanted = world.snapshot(post_id), _expected_after(action, code, before)
        seen.append(f"{state} -> {answer}")
        if answer != code:
            wrong.append(f"{state}: answered {answer}, the matrix says {code}")
        elif after != wanted:
            wrong.append(
                f"{state}: answered {answer} but the post is now {_describe(after)}, expected {_describe(wanted)}"
            )
    expect(
        not wrong,
        did=f"As {world.WHO[actor]}, {action} ({ROUTE[action]}) a draft, a published and an archived post by the author",
        saw="; ".join(wrong) + f" (all answers: {', '.join(seen)})",
        expected=", ".join(f"{s} -> {c}" for s, c in zip(STATES, MATRIX[action][actor], strict=True))
        + "; the post changed only on a success",
        why=f"Row '{action} | {actor}' of the README's matrix. 404: this caller may not know the post "
        "exists; 403: they see it but may not do this; 409: allowed, but not in this status.",
    )
