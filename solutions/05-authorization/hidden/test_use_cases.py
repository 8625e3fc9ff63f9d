"""Task 5: the use cases refuse by themselves, whoever calls them (a route, a script, a job)."""

from __future__ import annotations

import pytest

from checker.testkit import expect


def _outcome(call):
    try:
        call()
    except Exception as error:  # noqa: BLE001 - the kind of error is what is graded
        return type(error).__name__
    return "no error"


def _refuses(world, call, *, did, error, post_id=None, why):
    before = world.snapshot(post_id) if post_id else None
    raised = _outcome(call)
    after = world.snapshot(post_id) if post_id else None
    expect(
        raised == error and after == before,
        did=did,
        saw=f"{raised}" + (f"; the post went from {before} to {after}" if after != before else ""),
        expected=f"{error} from inkwell.application.errors, and nothing changed",
        why=why + " The rule lives in the use case, so that every way in meets it.",
    )


@pytest.mark.task(5, points=2)
def test_reading_another_members_draft_raises_not_found(world):
    """Reading another member's draft raises NotFound."""
    post_id = world.make_post("draft")
    _refuses(
        world,
        lambda: world.posts.read_post(world.actors["member"], post_id),
        did="Called posts.read_post(<another member>, <the author's draft>)",
        error="NotFound",
        why="A member may not know that another member's draft exists.",
    )


@pytest.mark.task(5, points=2)
def test_editing_another_members_post_raises_permission_denied(world):
    """Editing another member's post raises PermissionDenied."""
    post_id = world.make_post("published")
    _refuses(
        world,
        lambda: world.posts.edit_post(world.actors["member"], post_id, title="Mine now"),
        did="Called posts.edit_post(<another member>, <the author's published post>, title='Mine now')",
        error="PermissionDenied",
        post_id=post_id,
        why="The member sees the published post but may not change it.",
    )


@pytest.mark.task(5, points=2)
def test_deleting_another_members_post_raises_permission_denied(world):
    """Deleting another member's post raises PermissionDenied."""
    post_id = world.make_post("published")
    _refuses(
        world,
        lambda: world.posts.delete_post(world.actors["member"], post_id),
        did="Called posts.delete_post(<another member>, <the author's published post>)",
        error="PermissionDenied",
        post_id=post_id,
        why="Only the author (of a draft) and admins delete posts.",
    )


@pytest.mark.task(5, points=2)
def test_the_author_cannot_moderate_their_own_post(world):
    post_id = world.make_post("published")
    _refuses(
        world,
        lambda: world.posts.archive_post(world.actors["author"], post_id),
        did="Called posts.archive_post(<the author>, <their published post>)",
        error="PermissionDenied",
        post_id=post_id,
        why="Archiving is moderation, a function for editors and admins (OWASP API5).",
    )


@pytest.mark.task(5, points=1)
def test_an_anonymous_actor_cannot_edit(world):
    post_id = world.make_post("published")
    _refuses(
        world,
        lambda: world.posts.edit_post(None, post_id, title="Anonymous edit"),
        did="Called posts.edit_post(None, <a published post>, title='Anonymous edit')",
        error="PermissionDenied",
        post_id=post_id,
        why="An anonymous actor may read a published post and nothing more.",
    )


@pytest.mark.task(5, points=1)
def test_a_member_cannot_change_another_members_profile(world):
    """A member cannot change another member's profile."""
    target = world.ids["author"]
    _refuses(
        world,
        lambda: world.accounts.update_profile(world.actors["member"], target, display_name="Hacked"),
        did="Called accounts.update_profile(<another member>, <the author's id>, display_name='Hacked')",
        error="PermissionDenied",
        why="A profile is changed by its owner or an admin.",
    )


@pytest.mark.task(5, points=2)
def test_list_and_search_use_cases_leave_out_other_members_drafts(world):
    """The list and search use cases leave out other members' drafts."""
    post_id = world.make_post("draft", title="Secret recipe for the use-case test")
    member = world.actors["member"]
    listed = {p.id for p in world.posts.list_posts(member, limit=100)}
    found = {p.id for p in world.posts.search_posts(member, "Secret recipe", limit=100)}
    expect(
        post_id not in listed and post_id not in found,
        did="Called posts.list_posts(<another member>, limit=100) and "
        "posts.search_posts(<another member>, 'Secret recipe', limit=100)",
        saw=f"the author's draft listed: {post_id in listed}, found: {post_id in found}",
        expected="the draft in neither",
        why="Scoping belongs to the use cases (and the queries they run), not to the routes.",
    )
