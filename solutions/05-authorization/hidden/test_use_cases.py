"""Task 5: the use cases refuse by themselves, whoever calls them (a route, a script, a job)."""

from __future__ import annotations

import pytest
from kata_tests.scene import first

from checker.testkit import expect_equal


def _outcome(call):
    try:
        call()
    except Exception as error:  # noqa: BLE001 - the kind of error is what is graded
        return type(error).__name__
    return "no error"


CASES = [
    # (actor, use case, status of the author's post, expected error)
    ("member", "read_post", "draft", "NotFound"),
    ("anonymous", "read_post", "archived", "NotFound"),
    ("member", "edit_post", "published", "PermissionDenied"),
    ("member", "edit_post", "draft", "NotFound"),
    ("anonymous", "edit_post", "published", "PermissionDenied"),
    ("author", "edit_post", "archived", "PermissionDenied"),
    ("member", "delete_post", "published", "PermissionDenied"),
    ("editor", "delete_post", "draft", "PermissionDenied"),
    ("author", "delete_post", "published", "PermissionDenied"),
    ("member", "publish_post", "published", "PermissionDenied"),
    ("member", "publish_post", "draft", "NotFound"),
    ("author", "archive_post", "published", "PermissionDenied"),
    ("member", "archive_post", "archived", "NotFound"),
]


def _call(world, actor, use_case, post_id):
    function = getattr(world.posts, use_case)
    if use_case == "edit_post":
        return lambda: function(world.actors[actor], post_id, title="Changed by a script")
    return lambda: function(world.actors[actor], post_id)


@pytest.mark.task(5, points=7)
@pytest.mark.rules("5.1")
def test_every_post_use_case_refuses_whom_the_matrix_refuses(world):
    wrong, seen = [], []
    for actor, use_case, state, error in CASES:
        post_id = world.make_post(state)
        before = world.snapshot(post_id)
        raised = _outcome(_call(world, actor, use_case, post_id))
        after = world.snapshot(post_id)
        seen.append((f"posts.{use_case}(<{actor}>, <the author's {state}>)", raised, after == before))
        if raised != error or after != before:
            changed = "" if after == before else f", and the post went from {before} to {after}"
            wrong.append(f"posts.{use_case}(<{actor}>, <the author's {state}>): {raised}{changed}")
    title = "Written by nobody"
    raised = _outcome(lambda: world.posts.create_post(None, title=title, body="text"))
    seen.append(("posts.create_post(None, ...)", raised, True))
    if raised != "PermissionDenied":
        wrong.append(f"posts.create_post(None, ...): {raised}")
    holes = [w for w in wrong if "no error" in w]
    expect_equal(
        seen,
        [
            *[
                (f"posts.{use_case}(<{actor}>, <the author's {state}>)", error, True)
                for actor, use_case, state, error in CASES
            ],
            ("posts.create_post(None, ...)", "PermissionDenied", True),
        ],
        did=f"Called the post use cases directly, {len(CASES) + 1} times, with actors the matrix refuses: "
        "(the call, the error it raised, whether the post was left unchanged) of each",
        saw=first(wrong),
        expected_text="NotFound where the post is hidden from the actor, PermissionDenied where they see it, "
        "and nothing changed",
        why="Rule 5.1: "
        + (
            "a use case did what the matrix refuses when called without the route: the rule lives in the "
            "use case, so that every way in (a script, a job) meets it."
            if holes
            else "the use case refused with the wrong error or changed the post: NotFound when the actor "
            "may not know the post exists, else PermissionDenied, before anything is written."
        ),
    )


@pytest.mark.task(5, points=2)
@pytest.mark.rules("5.2")
def test_list_and_search_use_cases_leave_out_other_members_drafts(world):
    post_id = world.make_post("draft", title="Secret recipe for the use-case test")
    member = world.actors["member"]
    listed = {p.id for p in world.posts.list_posts(member, limit=100)}
    found = {p.id for p in world.posts.search_posts(member, "Secret recipe", limit=100)}
    anonymous = {p.id for p in world.posts.list_posts(None, limit=100)}
    bulk = [world.make_post("published", title=f"Bulk harbour {n}") for n in range(21)]
    admin = world.actors["admin"]
    default_search = [p.id for p in world.posts.search_posts(admin, "Bulk harbour")]
    # A script passes the status filter as a plain string, as the README's contract says.
    archived = world.make_post("archived", title="Archived for the use-case test")
    by_status = {p.id for p in world.posts.list_posts(admin, status="archived", limit=100)}
    member_drafts = {p.id for p in world.posts.list_posts(member, status="draft", limit=100)}
    filtered = archived in by_status and post_id not in by_status and post_id not in member_drafts
    default_list = [p.id for p in world.posts.list_posts(admin)]
    first_twenty = [p.id for p in world.posts.list_posts(admin, limit=100, offset=0)][:20]
    defaults = default_search == bulk[:20] and default_list == first_twenty
    expect_equal(
        (
            post_id in listed,
            post_id in found,
            post_id in anonymous,
            len(default_list),
            len(default_search),
            defaults,
            filtered,
        ),
        (False, False, False, 20, 20, True, True),
        did="Called posts.list_posts(<another member>, limit=100), posts.search_posts(<another member>, "
        "'Secret recipe', limit=100) and posts.list_posts(None, limit=100); then list_posts and search_posts "
        "without paging, list_posts(<an admin>, status='archived') and list_posts(<another member>, "
        "status='draft')",
        saw=f"the author's draft listed: {post_id in listed}, found: {post_id in found}, "
        f"listed to anonymous: {post_id in anonymous}; without limit and offset, the list held "
        f"{len(default_list)} posts and the search {len(default_search)}"
        + ("" if defaults else " (not the first 20 in id order)")
        + f"; status='archived' gave {sorted(by_status)[-3:]} (the archived post is {archived}), "
        f"status='draft' to the member holds the author's draft: {post_id in member_drafts}",
        expected_text="the draft in none; the defaults limit=20, offset=0 giving the first 20 posts; the "
        "status filter, given as a plain string, keeping the archived post and leaving out the draft",
        why="Rule 5.2: scoping belongs to the use cases (and the queries they run), not to the routes."
        if post_id in listed | found | anonymous | member_drafts
        else "Rule 5.2: called without paging, the use cases take the contract's defaults, limit=20 and offset=0."
        if not defaults
        else "Rule 5.2: a script passes status='archived' as a plain string; read it as your Status "
        "(Status(status)) before the query uses it.",
    )


@pytest.mark.task(5, points=2)
@pytest.mark.rules("5.3")
def test_a_member_cannot_change_another_members_profile(world):
    target = world.ids["author"]
    raised = _outcome(lambda: world.accounts.update_profile(world.actors["member"], target, display_name="Hacked"))
    anonymous = _outcome(lambda: world.accounts.update_profile(None, target, display_name="Hacked"))
    editor = _outcome(lambda: world.accounts.update_profile(world.actors["editor"], target, display_name="Edited"))
    name = world.client.get(f"/users/{target}").json().get("display_name")
    expect_equal(
        (raised, anonymous, editor, name in ("Hacked", "Edited")),
        ("PermissionDenied", "PermissionDenied", "PermissionDenied", False),
        did="Called accounts.update_profile(<another member>, <the author's id>, display_name='Hacked'), "
        "then with None as the actor, then with an editor",
        saw=f"{raised}, then {anonymous}, then {editor}; the author's name now {name!r}",
        expected_text="PermissionDenied all three times, and the name unchanged",
        why="Rule 5.3: a profile is changed by its owner or an admin, whoever calls the use case; "
        + ("an editor's rights are over posts, not accounts." if editor != "PermissionDenied" else "nobody else."),
    )
