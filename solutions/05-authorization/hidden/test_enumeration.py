"""Task 4: a post the caller may not see answers exactly like an id that does not exist."""

from __future__ import annotations

import re

import pytest

from checker.testkit import expect


def _send(world, action, actor, post_id):
    headers, path = world.headers(actor), f"/posts/{post_id}"
    if action == "read":
        return world.client.get(path, headers=headers)
    if action == "edit":
        return world.client.patch(path, json={"title": "Probe"}, headers=headers)
    if action == "delete":
        return world.client.delete(path, headers=headers)
    return world.client.post(f"{path}/{action}", headers=headers)


def _answer(response, post_id):
    # The id itself may appear in the body: compare the answers with it blanked out.
    return response.status_code, re.sub(rf"\b{post_id}\b", "{id}", response.text)


def _compare(world, action, actors):
    wrong = []
    for actor in actors:
        for state in ("draft", "archived"):
            post_id = world.make_post(state)
            hidden = _answer(_send(world, action, actor, post_id), post_id)
            missing = _answer(_send(world, action, actor, world.MISSING_ID), world.MISSING_ID)
            if hidden != missing or hidden[0] != 404:
                wrong.append(f"as {actor}, the author's {state}: {hidden[0]} {hidden[1][:70]}")
    if wrong:
        wrong.append(f"while the missing id answered: {missing[0]} {missing[1][:70]}")
    return wrong


@pytest.mark.parametrize(
    "action",
    [
        pytest.param(action, marks=pytest.mark.task(4, points=points), id=action)
        for action, points in [("read", 2), ("edit", 2), ("delete", 1), ("publish", 1), ("archive", 2)]
    ],
)
def test_a_hidden_post_answers_exactly_like_a_missing_one(world, action):
    actors = ("anonymous", "member") if action == "read" else ("member",)
    wrong = _compare(world, action, actors)
    expect(
        not wrong,
        did=f"Sent '{action}' for the author's draft and archived post, then for an id that does not exist",
        saw="; ".join(wrong),
        expected="404 for both, with the same body",
        why="Any difference (403 instead of 404, another message, another field) tells a stranger "
        "which ids hold hidden posts. Check visibility first, and raise the very NotFound a missing "
        "id raises.",
    )
