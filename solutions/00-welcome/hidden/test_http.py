from __future__ import annotations

import pytest

from checker.testkit import expect

pytestmark = pytest.mark.task(4, points=5)


def _register(client, email):
    return client.post("/users", json={"email": email, "display_name": "Ada"})


def test_registering_the_same_address_in_another_case_is_a_conflict(client):
    first = _register(client, "ada@example.com")
    second = _register(client, "  ADA@example.com")
    expect(
        first.status_code == 201 and second.status_code == 409,
        did="POST /users with 'ada@example.com', then with '  ADA@example.com'",
        saw=f"{first.status_code}, then {second.status_code}",
        expected="201, then 409",
        why="Both are one address once normalised: the second registration is a duplicate.",
    )


def test_registering_a_malformed_address_is_unprocessable(client):
    response = _register(client, "ada.example.com")
    expect(
        response.status_code == 422,
        did="POST /users with email 'ada.example.com'",
        saw=f"{response.status_code} {response.text[:200]}",
        expected="422",
        why="normalise_email raises ValueError for it; the route turns that into a 422.",
    )


def test_a_registered_user_reads_back_normalised(client):
    created = _register(client, "Linus@Kernel.ORG")
    user_id = created.json().get("id") if created.status_code == 201 else None
    response = client.get(f"/users/{user_id}")
    expect(
        response.status_code == 200 and response.json().get("email") == "linus@kernel.org",
        did="POST /users with 'Linus@Kernel.ORG', then GET /users/{id}",
        saw=f"{response.status_code} {response.text[:200]}",
        expected='200 with "email": "linus@kernel.org"',
    )
