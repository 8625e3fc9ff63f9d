"""Public tests of the authorization kata: one sibling of each kind of reviewer's check, per rule.

Run `uv run kata check 05-authorization`. The reviewer's suite plays every cell of the matrix."""

from __future__ import annotations

import pytest
from kata_tests.scene import MISSING_ID, describe, rival_insert

from checker.testkit import expect, expect_equal, learner


def _show(response):
    return f"{response.status_code} {response.text[:120]}"


@pytest.mark.task(1, points=1)
@pytest.mark.rules("1.1")
def test_a_member_is_refused_another_members_draft_and_published_post(world):
    draft, published = world.make_post("draft"), world.make_post("published")
    answers = (
        world.send("read", "member", draft).status_code,
        world.send("edit", "member", published).status_code,
        world.send("archive", "member", published).status_code,
        world.send("delete", "anonymous", published).status_code,
        world.client.patch(f"/posts/{published}", json={"author_id": world.ids["member"]}).status_code,
        world.send("delete", "editor", published).status_code,
    )
    status = (world.snapshot(published) or ("", "", "gone"))[2]
    expect_equal(
        (*answers, status),
        (404, 403, 403, 401, 401, 403, "published"),
        did="As another member: read the author's draft, edit and archive their published post; "
        "then DELETE it without a token, PATCH it without a token with {'author_id': ...}, then DELETE it as an "
        "editor",
        saw=f"{answers}; the published post is now {describe(world.snapshot(published))}",
        expected_text="(404, 403, 403, 401, 401, 403), and the post unchanged",
        why="Rule 1.1: "
        + (
            "the matrix says 404 for a post the caller may not see, 403 for one they see but may not change."
            if 200 in answers or 204 in answers
            else "401 without a token (before the body is even checked), then 404 (hidden), then 403 (seen, "
            "not theirs)."
        ),
    )


@pytest.mark.task(1, points=1)
@pytest.mark.rules("1.2")
def test_the_author_edits_and_deletes_their_draft(world):
    draft = world.make_post("draft")
    first = world.client.get(f"/posts/{draft}", headers=world.headers("author"))
    slug = first.json().get("slug") if first.status_code == 200 else None
    edited = world.client.patch(
        f"/posts/{draft}", json={"title": "Better title", "body": ""}, headers=world.headers("author")
    )
    shown = edited.json() if edited.status_code == 200 else {}
    title, body = (world.snapshot(draft) or ("?", "?"))[:2]
    deleted = world.send("delete", "author", draft)
    after = world.snapshot(draft)
    listed = [
        url
        for url, params in (
            ("/posts", {"author_id": world.ids["author"], "status": "draft", "limit": 100}),
            ("/posts/search", {"q": "better TITLE", "limit": 100}),
        )
        if draft in _ids(world, "author", url, **params)
    ]
    expect_equal(
        (edited.status_code, title, body, bool(slug) and shown.get("slug") == slug, deleted.status_code)
        + (describe(after), listed),
        (200, "Better title", "", True, 204, "gone", []),
        did="As the author, PATCH their draft with {'title': 'Better title', 'body': ''}, then DELETE it, then read "
        "it as an admin, then list their drafts and search for 'better TITLE'",
        saw=f"{edited.status_code} (title now {title!r}, body {body!r}, slug {slug!r} now {shown.get('slug')!r}), "
        f"then {deleted.status_code}; the post is {describe(after)}"
        + (f"; still shown by {' and '.join(listed)}" if listed else ""),
        expected_text="200 with the new title, an empty body and the slug it had, then 204, then the post gone, "
        "from every list and search too",
        why="Rule 1.2: a success does what it says; a 204 for a delete means the post is gone, from GET "
        "/posts/{id} and from every list and search."
        if deleted.status_code == 204
        else "Rule 1.2: an edit sets each field sent, an empty body too (test `is None`, not truthiness), and "
        "keeps the rest: the slug stays as the server made it."
        if edited.status_code == 200
        else "Rule 1.2: the matrix lets an author edit and delete their own draft.",
    )


@pytest.mark.task(1, points=1)
@pytest.mark.rules("1.3")
def test_roles_stored_with_padding_keep_their_rights_everywhere(world):
    for name, role in (("padded-editor", "  Editor\t"), ("padded-admin", "\tAdmin "), ("guest", " Guest")):
        if name not in world.ids:
            world.add_user(name, role)
    if "renamed-member" not in world.ids:
        world.add_user("renamed-member", "member")
    archived = world.send("archive", "padded-editor", world.make_post("published")).status_code
    draft = world.make_post("draft", title="Padded roles and the hidden agenda")
    found = draft in _ids(world, "padded-editor", "/posts/search", q="hidden agenda", limit=100)
    renamed = world.client.patch(
        f"/users/{world.ids['renamed-member']}",
        json={"display_name": "By an admin"},
        headers=world.headers("padded-admin"),
    ).status_code
    guest = draft in _ids(world, "guest", "/posts", status="draft", limit=100)
    expect_equal(
        (archived, found, renamed, guest),
        (200, True, 200, False),
        did="As an editor stored as '  Editor\\t': archive a published post, then search for the author's new "
        "draft; as an admin stored as '\\tAdmin ': rename a member; as a user stored as ' Guest': list drafts",
        saw=f"archive {archived}, draft found {found}, rename {renamed}, draft listed to the guest {guest}",
        expected_text="200, True, 200, False",
        why="Rule 1.3: compare roles ignoring case and the whitespace around them, of every kind, wherever a role "
        "counts (the matrix, the lists' scope, profiles); a role that is neither editor nor admin is a member's.",
    )


@pytest.mark.task(1, points=1)
@pytest.mark.rules("1.4")
def test_an_editor_may_delete_the_draft_they_wrote(world):
    if "author-editor" not in world.ids:
        world.add_user("author-editor", "editor")
    draft = world.make_post("draft", owner="author-editor")
    response = world.send("delete", "author-editor", draft)
    expect(
        response.status_code == 204,
        did="As an editor, DELETE a draft they wrote themselves",
        saw=_show(response),
        expected="204",
        why="Rule 1.4: editors may not delete, but authors may delete their drafts: either relation is enough.",
    )


@pytest.mark.task(1, points=1)
@pytest.mark.rules("1.5")
def test_a_refusal_is_a_problem_response(world):
    response = world.send("edit", "anonymous", world.make_post("published"))
    kind = response.headers.get("content-type", "")
    body = response.json() if kind.startswith("application/") else {}
    expect_equal(
        (response.status_code, kind.split(";")[0].strip(), body.get("status")),
        (401, "application/problem+json", 401),
        did="PATCH a published post without a token",
        saw=f"{response.status_code} {kind} {response.text[:120]}",
        expected_text="401 as application/problem+json with type, title, status 401, detail",
        why="Rule 1.5: every refusal is an RFC 9457 problem response.",
    )


def _ids(world, actor, url, **params):
    response = world.client.get(url, params=params, headers=world.headers(actor))
    return [item.get("id") for item in response.json()] if response.status_code == 200 else []


@pytest.mark.task(2, points=1)
@pytest.mark.rules("2.1")
def test_the_post_list_hides_other_members_drafts(world):
    post_id = world.make_post("draft")
    ids = _ids(world, "member", "/posts", limit=100)
    anonymous = _ids(world, "anonymous", "/posts", limit=100)
    expect_equal(
        (post_id in ids, post_id in anonymous, ids == sorted(ids)),
        (False, False, True),
        did="As another member, then anonymously, GET /posts?limit=100 after the author wrote a draft",
        saw=f"the author's draft is in the list: {post_id in ids} (member), {post_id in anonymous} (anonymous); "
        f"ids in order: {ids == sorted(ids)}",
        expected_text="the list without the author's draft, in id order",
        why="Rule 2.1: a list is many reads at once: the visibility rule applies to every row.",
    )


@pytest.mark.task(2, points=1)
@pytest.mark.rules("2.2")
def test_a_status_filter_does_not_widen_the_scope(world):
    post_id = world.make_post("draft")
    ids = _ids(world, "member", "/posts", status="draft", author_id=world.ids["author"], limit=100)
    expect_equal(
        post_id in ids,
        False,
        did="As another member, GET /posts?status=draft&author_id=<the author>",
        saw=f"the author's draft is in the list: {post_id in ids}",
        expected_text="not in the list",
        why="Rule 2.2: a filter narrows the caller's scope and never widens it.",
    )


@pytest.mark.task(2, points=1)
@pytest.mark.rules("2.3")
def test_search_hides_other_members_drafts(world):
    post_id = world.make_post("draft", title="Crossing plans", body="Where the zebra crossing goes.")
    ids = _ids(world, "member", "/posts/search", q="ZEBRA", limit=100)
    own = _ids(world, "author", "/posts/search", q="zebra", limit=100)
    expect_equal(
        (post_id in ids, post_id in own),
        (False, True),
        did="Searched q=ZEBRA as another member and q=zebra as the author, after the author drafted 'Crossing "
        "plans' (its body: 'Where the zebra crossing goes.')",
        saw=f"found by the member: {post_id in ids}; by the author: {post_id in own}",
        expected_text="hidden from the member, found by the author (the word is in its body)",
        why="Rule 2.3: a search is a list: same scope, any case, in the title or the body.",
    )


@pytest.mark.task(2, points=1)
@pytest.mark.rules("2.4")
def test_pages_hold_only_what_the_caller_may_read(world):
    first_post = world.make_post("published", title="Paging walrus 1")
    hidden = world.make_post("draft", title="Paging walrus secret")
    mine = [first_post, world.make_post("published", title="Paging walrus 2")]
    if "pager" not in world.ids:
        world.add_user("pager", "member")
    theirs = [world.make_post("published", owner="pager"), world.make_post("published", owner="pager")]
    world.make_post("draft", owner="pager")
    world.make_post("published")
    seen, filtered = [], []
    for offset in range(0, 6):
        page = _ids(world, "member", "/posts/search", q="paging walrus", limit=1, offset=offset)
        seen += page
        if len(page) < 1:  # a client stops at the first short page
            break
    for offset in range(0, 6):
        page = _ids(
            world, "anonymous", "/posts", author_id=world.ids["pager"], status="published", limit=1, offset=offset
        )
        filtered += page
        if len(page) < 1:
            break
    expect_equal(
        (sorted(seen) == mine, hidden in seen, len(seen), sorted(filtered) == theirs, len(filtered)),
        (True, False, 2, True, 2),
        did="As another member, walked /posts/search?q=paging walrus one post per page, up to the first empty page; "
        "then anonymously /posts?author_id=<a member who wrote two published posts>&status=published the same way",
        saw=f"the search's pages held {seen}; the filtered list's pages held {filtered}",
        expected_text=f"exactly {mine}, each once; then exactly {theirs}, each once",
        why="Rule 2.4: scope and filters before LIMIT and OFFSET, so every page but the last is full and the "
        "pages together hold each visible post once.",
    )


@pytest.mark.task(2, points=1)
@pytest.mark.rules("2.5")
def test_a_search_for_a_percent_sign_or_a_backslash_finds_only_posts_with_one(world):
    with_percent = world.make_post("published", title="Half price: 50% off")
    with_backslash = world.make_post("published", title="Saved under D:\\drafts")
    world.make_post("published", title="No wildcard here")
    ids = _ids(world, "admin", "/posts/search", q="%", limit=100)
    slashed = _ids(world, "admin", "/posts/search", q="\\", limit=100)
    expect_equal(
        (len(ids), with_percent in ids, len(slashed), with_backslash in slashed),
        (1, True, 1, True),
        did="As an admin, GET /posts/search?q=%25 (a literal '%'), then ?q=%5C (a literal backslash)",
        saw=f"{len(ids)} posts: {ids[:6]}; then {len(slashed)} posts: {slashed[:6]}",
        expected_text=f"only post {with_percent}, then only post {with_backslash}",
        why="Rule 2.5: % and _ are LIKE wildcards and the backslash an escape character; escape all three "
        "(icontains(q, autoescape=True)).",
    )


@pytest.mark.task(3, points=1)
@pytest.mark.rules("3.1")
def test_a_new_post_cannot_carry_its_status(world):
    title = "Smuggled status"
    response = world.client.post(
        "/posts", json={"title": title, "body": "x", "status": "published"}, headers=world.headers("author")
    )
    stored = [p for p in world.posts.search_posts(world.actors["admin"], title, limit=100) if p.title == title]
    expect_equal(
        (response.status_code, len(stored)),
        (422, 0),
        did="As the author, POST /posts with {'title', 'body', 'status': 'published'}",
        saw=f"{response.status_code}; {len(stored)} post(s) stored",
        expected_text="422, and nothing stored",
        why="Rule 3.1: a body with a server-owned field is refused whole.",
    )


@pytest.mark.task(3, points=1)
@pytest.mark.rules("3.2")
def test_a_post_edit_cannot_set_its_status(world):
    post_id = world.make_post("draft")
    response = world.client.patch(f"/posts/{post_id}", json={"status": "published"}, headers=world.headers("author"))
    status = (world.snapshot(post_id) or ("", "", "gone"))[2]
    expect_equal(
        (response.status_code, status),
        (422, "draft"),
        did="As the author, PATCH /posts/{id} of their draft with {'status': 'published'}",
        saw=f"{response.status_code}, status now {status!r}",
        expected_text="422, status still 'draft'",
        why="Rule 3.2: the status is owned by the server: it changes through publish and archive only.",
    )


@pytest.mark.task(3, points=1)
@pytest.mark.rules("3.3")
def test_signing_up_cannot_choose_a_role(world):
    response = world.client.post("/users", json={"email": "x@inkwell.test", "display_name": "X", "role": "admin"})
    extra = world.client.post(
        "/users", json={"email": "invited@inkwell.test", "display_name": "Invited", "invited_by": 1}
    )
    expect_equal(
        (response.status_code, extra.status_code),
        (422, 422),
        did="POST /users with {'email', 'display_name', 'role': 'admin'}, then with {'email', 'display_name', "
        "'invited_by': 1}",
        saw=f"{_show(response)} | {_show(extra)}",
        expected_text="422 for both",
        why="Rule 3.3: sign-up makes members; a role sent by the client is refused, and so is any field the body "
        "does not declare.",
    )


@pytest.mark.task(4, points=1)
@pytest.mark.rules("4.1")
def test_another_members_draft_reads_like_a_missing_id(world):
    post_id = world.make_post("draft")
    hidden = world.send("read", "member", post_id)
    missing = world.send("read", "member", MISSING_ID)
    expect_equal(
        (hidden.status_code, missing.status_code, hidden.text == missing.text),
        (404, 404, True),
        did=f"As another member, GET the author's draft (id {post_id}), then GET /posts/{MISSING_ID} (no such post)",
        saw=f"{_show(hidden)} | {_show(missing)}",
        expected_text="404 for both, with the same body byte for byte",
        why="Rule 4.1: any difference, the id in the message included, tells a stranger the draft exists.",
    )


@pytest.mark.task(4, points=1)
@pytest.mark.rules("4.2")
def test_deleting_another_members_draft_answers_like_a_missing_id(world):
    post_id = world.make_post("draft")
    hidden = world.send("delete", "member", post_id)
    missing = world.send("delete", "member", MISSING_ID)
    expect_equal(
        (hidden.status_code, missing.status_code, hidden.text == missing.text),
        (404, 404, True),
        did=f"As another member, DELETE the author's draft (id {post_id}), then DELETE /posts/{MISSING_ID}",
        saw=f"{_show(hidden)} | {_show(missing)}",
        expected_text="404 for both, with the same body",
        why="Rule 4.2: check visibility before permission, on writes too.",
    )


def _raised(call):
    try:
        call()
    except Exception as error:  # noqa: BLE001 - report whatever came instead
        return type(error).__name__
    return "no error"


@pytest.mark.task(5, points=2)
@pytest.mark.rules("5.1")
def test_the_edit_use_case_refuses_another_member(world):
    learner("inkwell.application.errors")
    post_id = world.make_post("published")
    raised = _raised(lambda: world.posts.edit_post(world.actors["member"], post_id, title="Mine now"))
    expect(
        raised == "PermissionDenied",
        did="Called app.state.posts.edit_post(<another member>, <the author's published post>, title='Mine now')",
        saw=raised,
        expected="PermissionDenied",
        why="Rule 5.1: the use case must refuse by itself: routes are not the only way in.",
    )


@pytest.mark.task(5, points=1)
@pytest.mark.rules("5.2")
def test_the_list_use_case_leaves_out_other_members_drafts(world):
    post_id = world.make_post("draft")
    listed = {p.id for p in world.posts.list_posts(world.actors["member"], limit=100)}
    own = {p.id for p in world.posts.list_posts(world.actors["author"], status="draft", limit=100)}
    expect_equal(
        (post_id in listed, post_id in own),
        (False, True),
        did="Called app.state.posts.list_posts(<another member>, limit=100), then "
        "list_posts(<the author>, status='draft', limit=100)",
        saw=f"the author's draft listed to the member: {post_id in listed}; to its author: {post_id in own}",
        expected_text="not listed to the member, listed to its author",
        why="Rule 5.2: the use case scopes the list, whoever calls it, and takes the status as a plain string.",
    )


@pytest.mark.task(5, points=1)
@pytest.mark.rules("5.3")
def test_the_profile_use_case_refuses_a_stranger(world):
    raised = _raised(
        lambda: world.accounts.update_profile(world.actors["member"], world.ids["author"], display_name="Hacked")
    )
    expect(
        raised == "PermissionDenied",
        did="Called app.state.accounts.update_profile(<another member>, <the author's id>, display_name='Hacked')",
        saw=raised,
        expected="PermissionDenied",
        why="Rule 5.3: a profile is changed by its owner or an admin.",
    )


@pytest.mark.task(6, points=1)
@pytest.mark.rules("6.1")
def test_a_new_post_is_never_in_another_members_name(world):
    title = "In the author's name"
    response = world.client.post(
        "/posts", json={"title": title, "body": "x", "author_id": world.ids["author"]}, headers=world.headers("member")
    )
    authors = {p.author_id for p in world.posts.search_posts(world.actors["admin"], title, limit=100)}
    anonymous = world.client.post("/posts", json={"title": "Nobody's post", "body": "x"})
    expect_equal(
        (world.ids["author"] in authors, anonymous.status_code),
        (False, 401),
        did="As a member, POST /posts with author_id set to the author's id; then POST /posts without a token",
        saw=f"{response.status_code}; stored authors {sorted(authors)}; without a token: {_show(anonymous)}",
        expected_text="422, or a post by the caller; then 401",
        why="Rule 6.1: the author of a new post is whoever holds the token; without one, 401.",
    )


@pytest.mark.task(6, points=1)
@pytest.mark.rules("6.2")
def test_me_is_the_token_user(world):
    response = world.client.get(f"/users/me?user_id={world.ids['author']}", headers=world.headers("member"))
    body = response.json() if response.status_code == 200 else {}
    expect_equal(
        (response.status_code, body.get("id") == world.ids["member"], body.get("email")),
        (200, True, "member@inkwell.test"),
        did="As a member, GET /users/me?user_id=<the author's id>",
        saw=_show(response),
        expected_text=f"200 with the caller's own account (id {world.ids['member']})",
        why="Rule 6.2: identity comes from the bearer token, never from a query parameter.",
    )


@pytest.mark.task(6, points=1)
@pytest.mark.rules("6.3")
def test_neither_a_member_nor_an_editor_renames_another_member(world):
    author, member = world.ids["author"], world.ids["member"]
    response = world.client.patch(f"/users/{author}", json={"display_name": "Renamed"}, headers=world.headers("member"))
    name = world.client.get(f"/users/{author}").json().get("display_name")
    editor = world.client.patch(f"/users/{member}", json={"display_name": "Moderated"}, headers=world.headers("editor"))
    member_name = world.client.get(f"/users/{member}").json().get("display_name")
    nobody = world.client.patch(f"/users/{member}", json={"display_name": "Nobody"}).status_code
    expect_equal(
        (response.status_code, name == "Renamed", editor.status_code, member_name == "Moderated", nobody),
        (403, False, 403, False, 401),
        did="As a member, PATCH /users/<the author's id> with a new display name; as an editor, PATCH "
        "/users/<the member's id>; then the same without a token",
        saw=f"{response.status_code}, the author's name now {name!r}; {editor.status_code}, the member's name "
        f"now {member_name!r}; without a token: {nobody}",
        expected_text="403 twice, names unchanged; then 401",
        why="Rule 6.3: the id in the path says which profile, never who is asking; "
        "editors moderate posts, not accounts: only the owner or an admin changes a profile; without a token, 401.",
    )


@pytest.mark.task(6, points=1)
@pytest.mark.rules("6.4")
def test_a_sign_up_that_loses_a_race_is_a_conflict(world):
    with rival_insert("users"):
        response = world.client.post("/users", json={"email": "rival@inkwell.test", "display_name": "Rival"})
    expect(
        response.status_code == 409,
        did="POST /users while a rival sign-up for the same address committed just before the app's INSERT",
        saw=_show(response),
        expected="409 (a problem response)",
        why="Rule 6.4: a check before the insert cannot see the rival; let the unique constraint decide."
        if response.status_code >= 500
        else "Rule 6.4: the loser of a race for one address answers 409.",
    )
