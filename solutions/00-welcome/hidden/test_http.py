from __future__ import annotations

import pytest

from checker.testkit import expect_equal


def _register(client, email, name="Ada"):
    return client.post("/users", json={"email": email, "display_name": name})


def _user(response):
    """(status, the user's email and display name, the type of its id) of an answer about one user."""
    data = response.json() if response.status_code in (200, 201) else {}
    data = data if isinstance(data, dict) else {}
    return response.status_code, data.get("email"), data.get("display_name"), type(data.get("id")).__name__


@pytest.mark.task(4, points=3)
@pytest.mark.rules("4.1")
def test_registration_answers_and_reads_back_the_normalised_user(client):
    created = _register(client, "\tLinus@Kernel.ORG\n", "Linus")
    user_id = created.json().get("id") if created.status_code == 201 else None
    read = client.get(f"/users/{user_id}")
    expect_equal(
        [_user(created), _user(read), read.json().get("id") == user_id if read.status_code == 200 else None],
        [(201, "linus@kernel.org", "Linus", "int"), (200, "linus@kernel.org", "Linus", "int"), True],
        did="POST /users with '\\tLinus@Kernel.ORG\\n', then GET /users/{id}: (status, email, display name, "
        "type of id) of each, and whether the read has the same id",
        why="Rule 4.1: a valid registration answers 201, and the normalised email is what is stored and read back.",
    )


@pytest.mark.task(4, points=1)
@pytest.mark.rules("4.1")
def test_two_registrations_get_two_ids(client):
    first, second = _register(client, "ada@inkwell.dev"), _register(client, "grace@inkwell.dev", "Grace")
    ids = [r.json().get("id") if r.status_code == 201 else None for r in (first, second)]
    expect_equal(
        [first.status_code, second.status_code, ids[0] != ids[1], _user(client.get(f"/users/{ids[1]}"))[:3]],
        [201, 201, True, (200, "grace@inkwell.dev", "Grace")],
        did="POST /users for ada@inkwell.dev, then for grace@inkwell.dev, then GET the second id: the two statuses, "
        "whether the ids differ, and (status, email, display name) of the read",
        why="Rule 4.1: every user gets an id of their own.",
    )


@pytest.mark.task(4, points=2)
@pytest.mark.rules("4.2")
@pytest.mark.parametrize("variant", ["  ADA@example.com", "ada@EXAMPLE.com\t"], ids=["case-and-spaces", "tab"])
def test_a_duplicate_in_another_form_is_a_conflict_and_stores_nothing(client, variant):
    first = _register(client, "ada@example.com")
    second = _register(client, variant)
    extra = client.get("/users/2")
    expect_equal(
        [first.status_code, second.status_code, extra.status_code],
        [201, 409, 404],
        did=f"POST /users with 'ada@example.com', then with {variant!r}, then GET /users/2",
        why="Rule 4.2: both are one address once normalised: check for the duplicate with the normalised form, "
        "and store nothing for the refused one.",
    )


@pytest.mark.task(4, points=1)
@pytest.mark.rules("4.3")
@pytest.mark.parametrize(
    "email", ["ada.example.com", "ada@", "ada smith@example.com"], ids=["no-at", "no-domain", "inner-space"]
)
def test_a_malformed_address_is_unprocessable_and_stores_nothing(client, email):
    response = _register(client, email)
    stored = client.get("/users/1")
    expect_equal(
        [response.status_code, stored.status_code],
        [422, 404],
        did=f"POST /users with email {email!r}, then GET /users/1",
        why="Rule 4.3: normalise_email raises ValueError for it; the route answers 422 and stores nothing.",
    )


@pytest.mark.task(4, points=2)
@pytest.mark.rules("4.4")
@pytest.mark.parametrize("user_id", [2, 0], ids=["next-id", "zero"])
def test_an_unknown_id_is_not_found(client, user_id):
    _register(client, "ada@example.com")
    response = client.get(f"/users/{user_id}")
    expect_equal(
        response.status_code,
        404,
        did=f"POST /users once, then GET /users/{user_id}",
        why="Rule 4.4: no user has this id.",
    )


BOUNDS = [
    ("a" * 308 + "@example.com", "Ada"),
    ("a" * 309 + "@example.com", "Ada"),
    ("ada@example.com", "A" * 100),
    ("bea@example.com", "B" * 101),
    ("cid@example.com", ""),
    ("dan@example.com", "D"),
]


@pytest.mark.task(4, points=3)
@pytest.mark.rules("4.5")
def test_inputs_are_bounded(client):
    expect_equal(
        [_register(client, email, name).status_code for email, name in BOUNDS],
        [201, 422, 201, 422, 422, 201],
        did="POST /users with emails of 320 and 321 characters, then display names of 100, 101, 0 and 1 characters",
        why="Rule 4.5: emails up to 320 characters and display names of 1 to 100 characters are accepted; "
        "longer or empty ones answer 422.",
    )
