"""Task 4: a post the caller may not see answers exactly like an id that does not exist."""

from __future__ import annotations

import pytest
from kata_tests.scene import MISSING_ID, first

from checker.testkit import expect


def _compare(world, action, actors):
    """Raw answers, byte for byte: a body that names the requested id differs, and so it should."""
    wrong, missing = [], None
    for actor in actors:
        for state in ("draft", "archived"):
            post_id = world.make_post(state)
            hidden = world.send(action, actor, post_id)
            missing = world.send(action, actor, MISSING_ID)
            if (hidden.status_code, hidden.text) != (missing.status_code, missing.text) or hidden.status_code != 404:
                wrong.append(
                    f"as {actor}, the author's {state} (id {post_id}): {hidden.status_code} {hidden.text[:90]}"
                )
    if wrong and missing is not None:
        wrong.append(f"while the missing id {MISSING_ID} answered: {missing.status_code} {missing.text[:90]}")
    return wrong


def _why(rule, wrong):
    seen = " ".join(wrong)
    if " 403 " in seen:
        because = "403 says 'it exists, but not for you'. Check visibility first and raise the very NotFound a missing id raises."
    elif str(MISSING_ID) in seen:
        because = (
            "the body names the id that was asked for, so the two bodies differ: keep ids out of the 404's message."
        )
    else:
        because = "any difference (another message, another field) tells a stranger which ids hold hidden posts."
    return f"Rule {rule}: {because}"


@pytest.mark.task(4, points=4)
@pytest.mark.rules("4.1")
def test_reading_a_hidden_post_answers_exactly_like_a_missing_one(world):
    wrong = _compare(world, "read", ("anonymous", "member"))
    expect(
        not wrong,
        did="GET the author's draft and archived post as anonymous and as another member, then GET an id that does not exist",
        saw=first(wrong, 3),
        expected="404 for both, with the same body byte for byte",
        why=_why("4.1", wrong),
    )


@pytest.mark.task(4, points=4)
@pytest.mark.rules("4.2")
def test_every_write_to_a_hidden_post_answers_exactly_like_a_missing_one(world):
    wrong = []
    for action in ("edit", "delete", "publish", "archive"):
        wrong += [f"{action} {w}" for w in _compare(world, action, ("member",))]
    expect(
        not wrong,
        did="As another member, edit, delete, publish and archive the author's draft and archived post, "
        "then the same on an id that does not exist",
        saw=first(wrong, 3),
        expected="404 for both, with the same body byte for byte",
        why=_why("4.2", wrong),
    )
