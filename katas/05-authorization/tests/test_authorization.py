"""Public tests of the authorization kata: a few cells of each task. Run `uv run kata check 05-authorization`."""

from __future__ import annotations

import pytest

from checker.testkit import expect, learner


def _answer(world, method, path, actor, **kwargs):
    return world.client.request(method, path, headers=world.headers(actor), **kwargs)


@pytest.mark.task(1, points=1)
def test_a_member_cannot_read_another_members_draft(world):
    """A member cannot read another member's draft."""
    post_id = world.make_post("draft")
    response = _answer(world, "GET", f"/posts/{post_id}", "member")
    expect(
        response.status_code == 404,
        did="As another member, GET /posts/{id} of the author's draft",
        saw=f"{response.status_code} {response.text[:120]}",
        expected="404",
        why="Matrix row 'read | member': a draft is visible to its author and to staff only.",
    )


@pytest.mark.task(1, points=1)
def test_a_member_cannot_edit_another_members_published_post(world):
    """A member cannot edit another member's published post."""
    post_id = world.make_post("published")
    response = _answer(world, "PATCH", f"/posts/{post_id}", "member", json={"title": "Mine now"})
    expect(
        response.status_code == 403,
        did="As another member, PATCH /posts/{id} of the author's published post",
        saw=f"{response.status_code} {response.text[:120]}",
        expected="403",
        why="Matrix row 'edit | member': they can see it, so 403, but it is not theirs to change.",
    )


@pytest.mark.task(1, points=1)
def test_the_author_edits_their_own_draft(world):
    post_id = world.make_post("draft")
    response = _answer(world, "PATCH", f"/posts/{post_id}", "author", json={"title": "Better title"})
    expect(
        response.status_code == 200,
        did="As the author, PATCH /posts/{id} of their draft",
        saw=f"{response.status_code} {response.text[:120]}",
        expected="200",
        why="Matrix row 'edit | author': authors edit their drafts and published posts.",
    )


@pytest.mark.task(1, points=1)
def test_a_member_cannot_moderate(world):
    post_id = world.make_post("published")
    response = _answer(world, "POST", f"/posts/{post_id}/archive", "member")
    expect(
        response.status_code == 403 and world.status_of(post_id) == "published",
        did="As another member, POST /posts/{id}/archive of the author's published post",
        saw=f"{response.status_code}, status now {world.status_of(post_id)!r}",
        expected="403, status still 'published'",
        why="Matrix row 'archive | member': archiving is moderation, for editors and admins.",
    )


@pytest.mark.task(1, points=1)
def test_an_editor_stored_as_Editor_may_moderate(world):
    """An editor stored as 'Editor' may moderate."""
    post_id = world.make_post("published")
    response = _answer(world, "POST", f"/posts/{post_id}/archive", "editor")
    expect(
        response.status_code == 200 and world.status_of(post_id) == "archived",
        did="As an editor (role stored as 'Editor'), POST /posts/{id}/archive of a published post",
        saw=f"{response.status_code}, status now {world.status_of(post_id)!r}",
        expected="200, status 'archived'",
        why="Matrix row 'archive | editor'. Roles are stored in any case: compare case-insensitively.",
    )


@pytest.mark.task(2, points=4)
def test_the_post_list_hides_other_members_drafts(world):
    """The post list hides other members' drafts."""
    post_id = world.make_post("draft")
    response = _answer(world, "GET", "/posts?limit=100", "member")
    ids = [item.get("id") for item in response.json()] if response.status_code == 200 else []
    expect(
        response.status_code == 200 and post_id not in ids,
        did="As another member, GET /posts?limit=100 after the author wrote a draft",
        saw=f"{response.status_code}; the author's draft is in the list: {post_id in ids}",
        expected="200 without the author's draft",
        why="A list is many reads at once: the visibility rule applies to every row.",
    )


@pytest.mark.task(3, points=3)
def test_a_post_edit_cannot_set_its_status(world):
    post_id = world.make_post("draft")
    response = _answer(world, "PATCH", f"/posts/{post_id}", "author", json={"status": "published"})
    expect(
        response.status_code == 422 and world.status_of(post_id) == "draft",
        did="As the author, PATCH /posts/{id} of their draft with {'status': 'published'}",
        saw=f"{response.status_code}, status now {world.status_of(post_id)!r}",
        expected="422, status still 'draft'",
        why="The status is owned by the server: it changes through publish and archive only.",
    )


@pytest.mark.task(4, points=2)
def test_another_members_draft_reads_like_a_missing_id(world):
    """Another member's draft reads like a missing id."""
    post_id = world.make_post("draft")
    hidden = _answer(world, "GET", f"/posts/{post_id}", "member")
    missing = _answer(world, "GET", "/posts/987654", "member")
    expect(
        (hidden.status_code, hidden.text) == (missing.status_code, missing.text) and hidden.status_code == 404,
        did="As another member, GET the author's draft, then GET /posts/987654 (no such post)",
        saw=f"{hidden.status_code} {hidden.text[:100]} | {missing.status_code} {missing.text[:100]}",
        expected="404 for both, with the same body",
        why="Any difference tells a stranger that the draft exists.",
    )


@pytest.mark.task(5, points=3)
def test_the_edit_use_case_refuses_another_member(world):
    """The edit use case refuses another member."""
    errors = learner("inkwell.application.errors")
    post_id = world.make_post("published")
    try:
        world.posts.edit_post(world.actors["member"], post_id, title="Mine now")
        raised = "no error"
    except errors.PermissionDenied:
        raised = "PermissionDenied"
    except Exception as error:  # noqa: BLE001 - report whatever came instead
        raised = type(error).__name__
    expect(
        raised == "PermissionDenied",
        did="Called app.state.posts.edit_post(<another member>, <the author's published post>, title='Mine now')",
        saw=raised,
        expected="PermissionDenied",
        why="The use case must refuse by itself: routes are not the only way in.",
    )


@pytest.mark.task(6, points=2)
def test_me_is_the_token_user(world):
    response = _answer(world, "GET", f"/users/me?user_id={world.ids['author']}", "member")
    body = response.json() if response.status_code == 200 else {}
    expect(
        response.status_code == 200 and body.get("id") == world.ids["member"],
        did="As a member, GET /users/me?user_id=<the author's id>",
        saw=f"{response.status_code} {response.text[:120]}",
        expected=f"200 with the caller's own account (id {world.ids['member']})",
        why="Identity comes from the bearer token, never from a query parameter.",
    )
