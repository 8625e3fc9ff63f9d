"""Task 6: the bearer token is the only source of identity."""

from __future__ import annotations

import pytest
from kata_tests.scene import failing_insert, problem_fault, problem_owed, problem_shape, rival_insert

from checker.testkit import expect_equal


@pytest.mark.task(6, points=2)
@pytest.mark.rules("6.1")
def test_a_new_post_cannot_be_written_in_another_members_name(world):
    """A new post cannot be written in another member's name."""
    title = "Written in someone else's name"
    response = world.client.post(
        "/posts",
        json={"title": title, "body": "text", "author_id": world.ids["author"]},
        headers=world.headers("member"),
    )
    posts = [p for p in world.posts.search_posts(world.actors["admin"], title, limit=100) if p.title == title]
    authors = sorted({p.author_id for p in posts})
    plain = world.client.post(
        "/posts", json={"title": "Mine, plainly", "body": "text"}, headers=world.headers("member")
    )
    made = plain.json() if plain.status_code == 201 else {}
    # Without a token there is nobody to write as: 401 before anything, and nothing stored.
    nameless = "Written by nobody at all"
    anonymous = world.client.post("/posts", json={"title": nameless, "body": "text"})
    stray = [p for p in world.posts.search_posts(world.actors["admin"], nameless, limit=100) if p.title == nameless]
    # Refused (422), or written in the caller's own name: both are right, and compared as one.
    refused_or_own = response.status_code == 422 or authors == [world.ids["member"]]
    expect_equal(
        (
            world.ids["author"] in authors,
            refused_or_own,
            plain.status_code,
            made.get("author_id") == world.ids["member"],
            anonymous.status_code,
            len(stray),
        ),
        (False, True, 201, True, 401, 0),
        did="As a member, POST /posts with author_id set to the author's id, then a plain POST /posts; then POST "
        "/posts without a token",
        saw=f"{response.status_code}; stored post authors: {authors} (the author is {world.ids['author']}, "
        f"the caller {world.ids['member']}); a plain POST /posts then answered {plain.status_code} "
        f"{plain.text[:100]}; without a token: {anonymous.status_code} {anonymous.text[:100]}, "
        f"{len(stray)} post(s) stored",
        expected_text="422, or a post by the caller, never one in the author's name; a plain POST answering 201 "
        "with the caller as author_id; 401 without a token, and nothing stored",
        why="Rule 6.1: the author of a new post is whoever holds the token"
        + (
            "; without one the route answers 401 (take the signed-in caller as its dependency), not the use case's 403."
            if anonymous.status_code != 401
            else "."
        ),
    )


@pytest.mark.task(6, points=1.5)
@pytest.mark.rules("6.2")
def test_me_is_the_caller_whatever_the_query_says(world):
    response = world.client.get(f"/users/me?user_id={world.ids['author']}", headers=world.headers("member"))
    body = response.json() if response.status_code == 200 else {}
    public = world.client.get(f"/users/{world.ids['author']}")
    shown = public.json() if public.status_code == 200 else public.status_code
    expect_equal(
        (
            response.status_code,
            body.get("id") == world.ids["member"],
            body.get("email"),
            sorted(shown) if isinstance(shown, dict) else shown,
            isinstance(shown, dict) and shown.get("id") == world.ids["author"],
        ),
        (200, True, "member@inkwell.test", ["display_name", "id"], True),
        did="As a member, GET /users/me?user_id=<the author's id>; then anonymously GET /users/<the author's id>",
        saw=f"{response.status_code} {response.text[:160]}; then {public.status_code} {public.text[:100]}",
        expected_text=f"200 with the caller's own account (id {world.ids['member']}, member@inkwell.test); then 200 "
        "with only the author's id and display_name",
        why="Rule 6.2: 'me' is the token's user; a query parameter must not turn it into someone else's account, email included.",
    )


@pytest.mark.task(6, points=1)
@pytest.mark.rules("6.3")
def test_a_profile_is_changed_by_its_owner_or_an_admin_only(world):
    author, member = world.ids["author"], world.ids["member"]

    def rename(actor, user_id, name):
        return world.client.patch(
            f"/users/{user_id}", json={"display_name": name}, headers=world.headers(actor)
        ).status_code

    stranger = rename("member", author, "Renamed by a stranger")
    editor = rename("editor", author, "Renamed by an editor")
    nobody = rename("anonymous", author, "Renamed by nobody")
    name_after = world.client.get(f"/users/{author}").json().get("display_name")
    own = rename("member", member, "Member, renamed")
    admin = rename("admin", author, "Author, renamed by an admin")
    names = [world.client.get(f"/users/{i}").json().get("display_name") for i in (member, author)]
    expect_equal(
        (
            stranger,
            editor,
            nobody,
            own,
            admin,
            name_after in ("Renamed by a stranger", "Renamed by an editor", "Renamed by nobody"),
            names,
        ),
        (403, 403, 401, 200, 200, False, ["Member, renamed", "Author, renamed by an admin"]),
        did="PATCH /users/{id} as a member on the author's profile, as an editor on the author's, without a "
        "token on the author's, as the member on their own, and as an admin on the author's",
        saw=f"{stranger}, {editor}, {nobody}, {own}, {admin}; the author's name after the member's, the editor's "
        f"and the anonymous requests: {name_after!r}; names read back after the granted ones: {names}",
        expected_text="403, 403 and 401 (name unchanged), 200, 200, and both new names stored",
        why="Rule 6.3: "
        + (
            "editors moderate posts, not accounts: a profile is changed by its owner or an admin, and nobody else."
            if editor != 403 and stranger == 403
            else "without a token the route answers 401 (take the signed-in caller as its dependency), before "
            "the use case's 403."
            if nobody != 401 and stranger == 403
            else "the id in the path says which profile, never who is asking."
        ),
    )


def _sign_up(world, email):
    return world.client.post("/users", json={"email": email, "display_name": "Twin"})


@pytest.mark.task(6, points=0.5)
@pytest.mark.rules("6.4")
def test_a_second_sign_up_with_the_address_in_another_case_is_a_conflict(world):
    first = _sign_up(world, "twin@inkwell.test")
    second = _sign_up(world, "  TWIN@Inkwell.TEST")
    fault = problem_fault(second, 409)
    expect_equal(
        (first.status_code, problem_shape(second)),
        (201, problem_owed(409)),
        did="POST /users with 'twin@inkwell.test', then with '  TWIN@Inkwell.TEST'",
        saw=f"{first.status_code}, then {fault}",
        expected_text="201, then 409 as a problem response",
        why="Rule 6.4: one account per address once normalised; the loser hears 409, as a problem body.",
    )


@pytest.mark.task(6, points=0.5)
@pytest.mark.rules("6.4")
def test_a_sign_up_that_loses_a_race_is_a_conflict_not_a_crash(world):
    with rival_insert("users") as rival:
        response = _sign_up(world, "racer@inkwell.test")
    kind = response.headers.get("content-type", "")
    expect_equal(
        (bool(rival), response.status_code, kind.split(";")[0].strip()),
        (True, 409, "application/problem+json"),
        did="POST /users with 'racer@inkwell.test' while a rival sign-up for the same address committed "
        "just before the app's INSERT",
        saw=f"{response.status_code} {kind} {response.text[:120]}"
        + ("" if rival else "; the app never inserted into users"),
        expected_text="409 as a problem response",
        why="Rule 6.4: "
        + (
            "a check before the insert cannot see a rival that commits in between; let the unique "
            "constraint decide and map its IntegrityError (that constraint's, not any) to 409."
            if response.status_code >= 500
            else "the loser of the race answers 409 with a problem body."
        ),
    )


@pytest.mark.task(6, points=0.5)
@pytest.mark.rules("6.4")
def test_a_sign_up_that_fails_on_another_constraint_is_not_called_a_conflict(world):
    with failing_insert("users", "NOT NULL constraint failed: users.display_name"):
        try:
            code = world.client.post("/users", json={"email": "odd@inkwell.test", "display_name": "Odd"}).status_code
        except Exception:  # noqa: BLE001 - the test client re-raises a server error: that is a 500
            code = 500
    expect_equal(
        "not 409" if code != 409 else code,
        "not 409",
        did="POST /users while the database refused the insert for a NOT NULL column (not the email's uniqueness)",
        saw=f"{code}",
        expected_text="anything but 409 (a 500: this is a bug, not a taken address)",
        why="Rule 6.4: map the IntegrityError by its constraint; calling every failed insert 'email taken' "
        "hides bugs and tells the user a lie.",
    )
