"""Task 3: bodies carrying server-owned fields are refused with 422 and change nothing."""

from __future__ import annotations

import pytest
from kata_tests.scene import problem_fault, problem_owed, problem_shape

from checker.testkit import expect_equal

SERVER_OWNED_POST_FIELDS = {
    "author_id": lambda w: w.ids["member"],
    "status": lambda w: "published",
    "slug": lambda w: "chosen-by-the-client",
    "id": lambda w: 4242,
    "published_at": lambda w: "2020-01-01T00:00:00Z",
}


@pytest.mark.task(3, points=4)
@pytest.mark.rules("3.1")
def test_creating_a_post_with_a_server_owned_field_is_refused(world):
    wrong, seen = [], []
    for field, value in SERVER_OWNED_POST_FIELDS.items():
        title = f"Smuggling {field}"
        body = {"title": title, "body": "text", field: value(world)}
        response = world.client.post("/posts", json=body, headers=world.headers("author"))
        stored = [p for p in world.posts.search_posts(world.actors["admin"], title, limit=100) if p.title == title]
        fault = problem_fault(response, 422)
        seen.append((field, problem_shape(response), len(stored)))
        if fault or stored:
            wrong.append(f"with {field!r}: {fault or '422'}, {len(stored)} post(s) stored")
    expect_equal(
        seen,
        [(field, problem_owed(422), 0) for field in SERVER_OWNED_POST_FIELDS],
        did="As the author, POST /posts with a title, a body and one server-owned field: "
        + ", ".join(SERVER_OWNED_POST_FIELDS),
        saw="; ".join(wrong),
        expected_text="422 for each, as a problem response, and no post stored",
        why="Rule 3.1: ids, authors, statuses, slugs and dates belong to the server. A body that carries one "
        "is refused whole (extra='forbid'), not half-honoured.",
    )


@pytest.mark.task(3, points=4)
@pytest.mark.rules("3.2")
def test_editing_a_post_cannot_set_a_server_owned_field(world):
    values = {
        "status": "published",
        "author_id": world.ids["member"],
        "slug": "moved",
        "published_at": "2020-01-01T00:00:00Z",
    }
    wrong, seen = [], []
    for field, value in values.items():
        post_id = world.make_post("draft")
        before = world.snapshot(post_id)
        response = world.client.patch(
            f"/posts/{post_id}", json={"title": "New title", field: value}, headers=world.headers("author")
        )
        after = world.snapshot(post_id)
        seen.append((field, response.status_code, "unchanged" if after == before else "changed"))
        if response.status_code != 422 or after != before:
            wrong.append(f"with {field}={value!r}: {response.status_code}; the post went from {before} to {after}")
    expect_equal(
        seen,
        [(field, 422, "unchanged") for field in values],
        did="As the author, PATCH /posts/{id} of their draft with a new title and one server-owned field: "
        + ", ".join(values),
        saw="; ".join(wrong),
        expected_text="422 for each, and the post unchanged (title, body, status, author)",
        why="Rule 3.2: statuses change through publish and archive, which the policy guards; authors, "
        "slugs and dates never change through an edit. A body that carries one is refused whole.",
    )


@pytest.mark.task(3, points=2)
@pytest.mark.rules("3.3")
def test_signing_up_cannot_choose_a_role(world):
    email = "climber@inkwell.test"
    response = world.client.post("/users", json={"email": email, "display_name": "Climber", "role": "admin"})
    try:
        world.accounts.register_user(email, "Climber")
        created = False
    except Exception:  # noqa: BLE001 - the address is taken: the sign-up went through
        created = True
    plain = world.client.post("/users", json={"email": "plain@inkwell.test", "display_name": "Plain"})
    role = plain.json().get("role") if plain.status_code == 201 else None
    expect_equal(
        (response.status_code, "account created" if created else "no account", plain.status_code, role),
        (422, "no account", 201, "member"),
        did="POST /users with {'email', 'display_name', 'role': 'admin'}, then a sign-up without a role",
        saw=f"{response.status_code} {response.text[:150]}; account created: {created}; "
        f"then {plain.status_code} with role {role!r}",
        expected_text="422, no account created; then 201 with role 'member'",
        why="Rule 3.3: sign-up makes members. A role sent by the client is function-level authorization "
        "handed to whoever asks (OWASP API5).",
    )


@pytest.mark.task(3, points=1)
@pytest.mark.rules("3.3")
def test_editing_a_profile_cannot_change_the_role(world):
    me = world.ids["member"]
    response = world.client.patch(
        f"/users/{me}", json={"display_name": "Still Member", "role": "admin"}, headers=world.headers("member")
    )
    role = world.client.get("/users/me", headers=world.headers("member")).json().get("role")
    expect_equal(
        (response.status_code, str(role).strip().lower()),
        (422, "member"),
        did="As a member, PATCH /users/{their id} with {'display_name', 'role': 'admin'}, then GET /users/me",
        saw=f"{response.status_code}; role now {role!r}",
        expected_text="422, and the role still 'member'",
        why="Rule 3.3: a role is granted by an admin through a use case that checks it, never through a profile body.",
    )


@pytest.mark.task(3, points=1)
@pytest.mark.rules("3.3")
def test_user_bodies_refuse_any_undeclared_field_not_only_a_role(world):
    email = "extra@inkwell.test"
    signed_up = world.client.post("/users", json={"email": email, "display_name": "Extra", "id": 4242})
    try:
        world.accounts.register_user(email, "Extra")
        created = False
    except Exception:  # noqa: BLE001 - the address is taken: the sign-up went through
        created = True
    me, before = world.ids["member"], world.client.get("/users/me", headers=world.headers("member")).json()
    edited = world.client.patch(
        f"/users/{me}",
        json={"display_name": "Moved Away", "email": "elsewhere@inkwell.test"},
        headers=world.headers("member"),
    )
    after = world.client.get("/users/me", headers=world.headers("member")).json()
    expect_equal(
        (
            signed_up.status_code,
            "account created" if created else "no account",
            edited.status_code,
            "unchanged" if after == before else "changed",
        ),
        (422, "no account", 422, "unchanged"),
        did="POST /users with {'email', 'display_name', 'id': 4242}; as a member, PATCH /users/{their id} with "
        "{'display_name', 'email'}, then GET /users/me",
        saw=f"sign-up: {signed_up.status_code}, account created: {created}; profile edit: {edited.status_code}, "
        f"the account went from {before} to {after}",
        expected_text="422 and no account; 422 and the account unchanged",
        why="Rule 3.3: a body carrying any field it does not declare is refused whole, not only one carrying a "
        "role: refusing fields by name lets the next server-owned field through.",
    )
