"""Task 1: every actor x action x status of the README's matrix, over HTTP, and the rules around it."""

from __future__ import annotations

import pytest
from kata_tests.scene import ACTORS, MATRIX, MISSING_ID, ROUTE, STATES, after_success, describe, first, problem_fault

from checker.testkit import expect

REFUSALS = (401, 403, 404, 409)


@pytest.fixture(scope="module")
def observed(world):
    """Each of the 75 cells, played once on a fresh post: (expected, answered, before, after)."""
    cells = {}
    for action in MATRIX:
        for actor in ACTORS:
            for state, code in zip(STATES, MATRIX[action][actor], strict=True):
                post_id = world.make_post(state)
                before = world.snapshot(post_id)
                answer = world.send(action, actor, post_id).status_code
                cells[action, actor, state] = (code, answer, before, world.snapshot(post_id))
    return cells


def _where(action, actor, state):
    return f"{action} by {actor} on a {state} ({ROUTE[action]})"


@pytest.mark.task(1, points=16)
@pytest.mark.rules("1.1")
def test_every_refusal_of_the_matrix_is_given_and_changes_nothing(world, observed):
    holes, kinds, changed = [], [], []
    for (action, actor, state), (code, answer, before, after) in observed.items():
        if code not in REFUSALS:
            continue
        if answer in (200, 204):
            holes.append(f"{_where(action, actor, state)}: {answer}, the matrix says {code}")
        elif answer != code:
            kinds.append(f"{_where(action, actor, state)}: {answer}, the matrix says {code}")
        elif after != before:
            changed.append(f"{_where(action, actor, state)}: {answer}, yet the post is now {describe(after)}")
    missing = world.client.patch(f"/posts/{MISSING_ID}", json={"title": "x"}).status_code
    if missing != 401:
        kinds.append(f"edit by anonymous on an id that does not exist: {missing}, expected 401 before anything")
    why = (
        "A caller did what the matrix refuses: that is the hole this kata closes. Ask the one policy, "
        "in the use case, before the post is touched."
        if holes
        else "The answer was refused but left the post changed: decide before you change, and commit only on success."
        if changed and not kinds
        else "The refusal is of the wrong kind. The order is 401 (no token), then 404 (may not know the post "
        "exists), then 403 (sees it, may not do this), then 409 (may, but not in this status)."
    )
    expect(
        not (holes or kinds or changed),
        did="Played every refused cell of the matrix: each actor x action on a fresh draft, published and "
        "archived post by the author, and an anonymous edit of a missing id",
        saw=first(holes + kinds + changed),
        expected="the matrix's 401, 404, 403 or 409 in every refused cell, and the post unchanged",
        why="Rule 1.1. " + why,
    )


@pytest.mark.task(1, points=6)
@pytest.mark.rules("1.2")
def test_every_success_of_the_matrix_does_what_the_action_says(world, observed):
    refused, wrong = [], []
    for (action, actor, state), (code, answer, before, after) in observed.items():
        if code in REFUSALS:
            continue
        if answer != code:
            refused.append(f"{_where(action, actor, state)}: {answer}, the matrix says {code}")
        elif after != after_success(action, before):
            wrong.append(
                f"{_where(action, actor, state)}: {answer}, the post is {describe(after)}, "
                f"expected {describe(after_success(action, before))}"
            )
    expect(
        not (refused or wrong),
        did="Played every allowed cell of the matrix, then read the post back as an admin",
        saw=first(refused + wrong),
        expected="200 (204 for delete) in every allowed cell, and the post changed as the action says "
        "(a deleted post gone for everyone)",
        why="Rule 1.2. "
        + (
            "An allowed caller was refused: the policy is stricter than the matrix."
            if refused
            else "The answer said success but the post did not change as it said: a 204 must mean the "
            "post is gone, a 200 that the edit, publish or archive was stored."
        ),
    )


@pytest.mark.task(1, points=1)
@pytest.mark.rules("1.3")
def test_roles_are_read_ignoring_case_and_surrounding_whitespace(world):
    wrong = []
    for name, role in [("spaced-editor", " editor "), ("tabbed-admin", "ADMIN\t"), ("newline-editor", "Editor\n")]:
        if name not in world.ids:
            world.add_user(name, role)
        post_id = world.make_post("published")
        answer = world.send("archive", name, post_id).status_code
        if answer != 200:
            wrong.append(f"role {role!r} archiving a published post: {answer}")
        if "admin" in name:
            gone = world.send("delete", name, world.make_post("published")).status_code
            if gone != 204:
                wrong.append(f"role {role!r} deleting a published post: {gone}")
    expect(
        not wrong,
        did="Stored users with roles ' editor ', 'ADMIN\\t' and 'Editor\\n', then had each moderate a published post",
        saw=first(wrong),
        expected="200 for each archive, 204 for the admin's delete",
        why="Rule 1.3: the legacy directory pads roles with spaces, tabs and newlines; strip every kind of "
        "whitespace and ignore case before comparing (str.strip() with no argument, then casefold()).",
    )


@pytest.mark.task(1, points=1)
@pytest.mark.rules("1.4")
def test_an_editor_who_wrote_a_draft_may_delete_it(world):
    if "writing-editor" not in world.ids:
        world.add_user("writing-editor", "editor")
    draft = world.make_post("draft", owner="writing-editor")
    deleted = world.send("delete", "writing-editor", draft).status_code
    gone = world.snapshot(draft)
    published = world.make_post("published", owner="writing-editor")
    archived = world.send("archive", "writing-editor", published).status_code
    expect(
        (deleted, archived) == (204, 200) and gone is None,
        did="As an editor who wrote them: DELETE their own draft, then archive their own published post",
        saw=f"{deleted}, then {archived}; the draft is {describe(gone)}",
        expected="204 (the draft gone), then 200",
        why="Rule 1.4: an editor may not delete, but an author may delete their draft; a caller who is both "
        "may do what either relation allows, not only what their role allows.",
    )


@pytest.mark.task(1, points=1)
@pytest.mark.rules("1.5")
def test_every_kind_of_refusal_is_a_problem_response(world):
    draft, published = world.make_post("draft"), world.make_post("published")
    cases = [
        ("anonymous", "edit", published, 401),
        ("member", "read", draft, 404),
        ("member", "edit", published, 403),
        ("author", "publish", published, 409),
    ]
    wrong = []
    for actor, action, post_id, code in cases:
        fault = problem_fault(world.send(action, actor, post_id), code)
        if fault:
            wrong.append(f"{action} by {actor}: {fault}")
    expect(
        not wrong,
        did="Drew a 401, a 404, a 403 and a 409 from the post routes",
        saw=first(wrong),
        expected="each an application/problem+json body with non-empty type, title and detail, status equal "
        "to the code, and for the 401 the header WWW-Authenticate: Bearer",
        why="Rule 1.5: clients read every error the same way (RFC 9457); an HTTPException's plain "
        "{'detail': ...} breaks them.",
    )
