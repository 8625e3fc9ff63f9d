"""Task 4: a post the caller may not see answers exactly like an id that does not exist."""

from __future__ import annotations

import pytest
from kata_tests.scene import MISSING_ID, first

from checker.testkit import expect_equal


def _compare(world, action, actors):
    """Raw answers, byte for byte: a body that names the requested id differs, and so it should.
    Returns what was seen of each pair, as (what, its status, whether the bodies are the same, the
    missing id's status), and the sentences of the wrong ones."""
    seen, wrong, missing = [], [], None
    for actor in actors:
        for state in ("draft", "archived"):
            post_id = world.make_post(state)
            hidden = world.send(action, actor, post_id)
            missing = world.send(action, actor, MISSING_ID)
            same = "the same body" if hidden.text == missing.text else "another body"
            seen.append((f"{action} as {actor}, the author's {state}", hidden.status_code, same, missing.status_code))
            if (hidden.status_code, hidden.text) != (missing.status_code, missing.text) or hidden.status_code != 404:
                wrong.append(
                    f"as {actor}, the author's {state} (id {post_id}): {hidden.status_code} {hidden.text[:90]}"
                )
    if wrong and missing is not None:
        wrong.append(f"while the missing id {MISSING_ID} answered: {missing.status_code} {missing.text[:90]}")
    return seen, wrong


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
    seen, wrong = _compare(world, "read", ("anonymous", "member"))
    expect_equal(
        seen,
        [(what, 404, "the same body", 404) for what, *_ in seen],
        did="GET the author's draft and archived post as anonymous and as another member, then GET an id that does not exist",
        saw=first(wrong, 3),
        expected_text="404 for both, with the same body byte for byte",
        why=_why("4.1", wrong),
    )


@pytest.mark.task(4, points=4)
@pytest.mark.rules("4.2")
def test_every_write_to_a_hidden_post_answers_exactly_like_a_missing_one(world):
    seen, wrong = [], []
    for action in ("edit", "delete", "publish", "archive"):
        pairs, faults = _compare(world, action, ("member",))
        seen += pairs
        wrong += [f"{action} {w}" for w in faults]
    expect_equal(
        seen,
        [(what, 404, "the same body", 404) for what, *_ in seen],
        did="As another member, edit, delete, publish and archive the author's draft and archived post, "
        "then the same on an id that does not exist",
        saw=first(wrong, 3),
        expected_text="404 for both, with the same body byte for byte",
        why=_why("4.2", wrong),
    )
