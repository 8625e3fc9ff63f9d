from __future__ import annotations

import pytest

from checker.testkit import expect


def _register(client, email, name="Ada"):
    return client.post("/users", json={"email": email, "display_name": name})


def _show(response):
    return f"{response.status_code} {response.text[:240]}"


@pytest.mark.task(4, points=3)
@pytest.mark.rules("4.1")
def test_registration_answers_and_reads_back_the_normalised_user(client):
    created = _register(client, "\tLinus@Kernel.ORG\n", "Linus")
    body = created.json() if created.status_code == 201 else {}
    read = client.get(f"/users/{body.get('id')}")
    want = {"id": body.get("id"), "email": "linus@kernel.org", "display_name": "Linus"}
    ok = created.status_code == 201 and isinstance(body.get("id"), int) and read.status_code == 200
    same = ok and {k: body.get(k) for k in want} == want and {k: read.json().get(k) for k in want} == want
    expect(
        same,
        did="POST /users with '\\tLinus@Kernel.ORG\\n', then GET /users/{id}",
        saw=f"{_show(created)}, then {_show(read)}",
        expected='201 with {"id", "email": "linus@kernel.org", "display_name": "Linus"}, then 200 with the same',
        why="Rule 4.1: the normalised email is what is stored and what is read back."
        if created.status_code == 201
        else f"Rule 4.1: a valid registration answers 201, not {created.status_code}.",
    )


@pytest.mark.task(4, points=1)
@pytest.mark.rules("4.1")
def test_two_registrations_get_two_ids(client):
    first, second = _register(client, "ada@inkwell.dev"), _register(client, "grace@inkwell.dev", "Grace")
    ids = [r.json().get("id") if r.status_code == 201 else None for r in (first, second)]
    expect(
        None not in ids
        and ids[0] != ids[1]
        and client.get(f"/users/{ids[1]}").json().get("email") == "grace@inkwell.dev",
        did="POST /users for ada@inkwell.dev, then for grace@inkwell.dev, then GET the second id",
        saw=f"{_show(first)}; {_show(second)}",
        expected="two 201s with different ids, the second reading back as grace@inkwell.dev",
    )


@pytest.mark.task(4, points=2)
@pytest.mark.rules("4.2")
@pytest.mark.parametrize("variant", ["  ADA@example.com", "ada@EXAMPLE.com\t"], ids=["case-and-spaces", "tab"])
def test_a_duplicate_in_another_form_is_a_conflict_and_stores_nothing(client, variant):
    first = _register(client, "ada@example.com")
    second = _register(client, variant)
    extra = client.get("/users/2")
    expect(
        first.status_code == 201 and second.status_code == 409 and extra.status_code == 404,
        did=f"POST /users with 'ada@example.com', then with {variant!r}, then GET /users/2",
        saw=f"{first.status_code}, then {second.status_code}, then {extra.status_code}",
        expected="201, then 409, then 404",
        why="Rule 4.2: both are one address once normalised; check for the duplicate with the normalised form."
        if second.status_code != 409
        else "Rule 4.2: the refused registration must store nothing.",
    )


@pytest.mark.task(4, points=1)
@pytest.mark.rules("4.3")
@pytest.mark.parametrize(
    "email", ["ada.example.com", "ada@", "ada smith@example.com"], ids=["no-at", "no-domain", "inner-space"]
)
def test_a_malformed_address_is_unprocessable_and_stores_nothing(client, email):
    response = _register(client, email)
    stored = client.get("/users/1")
    expect(
        response.status_code == 422 and stored.status_code == 404,
        did=f"POST /users with email {email!r}, then GET /users/1",
        saw=f"{_show(response)}, then {stored.status_code}",
        expected="422, then 404",
        why="Rule 4.3: normalise_email raises ValueError for it; the route answers 422 and stores nothing."
        if response.status_code != 422
        else "Rule 4.3: nothing may be stored for a refused address.",
    )


@pytest.mark.task(4, points=2)
@pytest.mark.rules("4.4")
@pytest.mark.parametrize("user_id", [2, 0], ids=["next-id", "zero"])
def test_an_unknown_id_is_not_found(client, user_id):
    _register(client, "ada@example.com")
    response = client.get(f"/users/{user_id}")
    expect(
        response.status_code == 404,
        did=f"POST /users once, then GET /users/{user_id}",
        saw=_show(response),
        expected="404",
        why="Rule 4.4: no user has this id.",
    )


BOUNDS = [
    ("a" * 308 + "@example.com", "Ada", 201),
    ("a" * 309 + "@example.com", "Ada", 422),
    ("ada@example.com", "A" * 100, 201),
    ("bea@example.com", "B" * 101, 422),
    ("cid@example.com", "", 422),
    ("dan@example.com", "D", 201),
]


@pytest.mark.task(4, points=3)
@pytest.mark.rules("4.5")
def test_inputs_are_bounded(client):
    answers = [_register(client, email, name).status_code for email, name, _ in BOUNDS]
    wanted = [status for _, _, status in BOUNDS]
    expect(
        answers == wanted,
        did="POST /users with emails of 320 and 321 characters, then display names of 100, 101, 0 and 1 characters",
        saw=", ".join(map(str, answers)),
        expected=", ".join(map(str, wanted)),
        why="Rule 4.5: emails up to 320 characters and display names of 1 to 100 characters are accepted; "
        "longer or empty ones answer 422.",
    )
