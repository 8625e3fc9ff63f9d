"""Public tests of task 3: the HTTP behaviour of the starter, kept."""

from __future__ import annotations

import pytest
from kata_tests import http_checks

from checker.testkit import expect_equal

AUTH_CASES = {
    "no Authorization header": None,
    "the Basic scheme": "Basic {token}",
    "'Bearer' and no token": "Bearer ",
    "a token no one was given": "Bearer nope",
}


@pytest.mark.task(3, points=1)
@pytest.mark.rules("3.1", "3.4", "3.5")
def test_a_member_registers_drafts_and_publishes_over_http(client, kit):
    """A member registers, drafts and publishes over HTTP"""
    user = client.post("/users", json={"email": "Ada@Example.com", "display_name": "Ada"})
    answer = kit.json_of(user) if user.status_code == 201 else {}
    expect_equal(
        (user.status_code, answer.get("email"), bool(answer.get("token"))),
        (201, "ada@example.com", True),
        did="POST /users with {'email': 'Ada@Example.com', 'display_name': 'Ada'}",
        saw=kit.show(user, "email", "token"),
        expected_text="201 with the normalised email and a token",
    )
    auth = {"Authorization": f"Bearer {user.json()['token']}"}
    draft = client.post("/posts", json={"title": "Hello World", "body": http_checks.BODY}, headers=auth)
    published = client.post(f"/posts/{draft.json().get('id')}/publish", headers=auth)
    expect_equal(
        (
            draft.status_code,
            kit.json_of(draft).get("slug"),
            published.status_code,
            kit.json_of(published).get("status"),
        ),
        (201, "hello-world", 200, "published"),
        did="POST /posts as Ada with title 'Hello World', then POST /posts/{id}/publish",
        saw=f"{kit.show(draft, 'slug', 'status')}; then {kit.show(published, 'status', 'published_at')}",
        expected_text="201 with slug 'hello-world', then 200 with status 'published'",
        why="A refactoring changes the structure, never what the API answers.",
    )


@pytest.mark.task(3, points=2)
@pytest.mark.rules("3.1")
def test_registration_answers_201_409_and_422(client):
    http_checks.registration_statuses(client, " Ada@Example.com ", "ada.example.com")


@pytest.mark.task(3, points=2)
@pytest.mark.rules("3.2")
def test_users_and_posts_read_back_or_answer_404(client):
    http_checks.reads_back_or_404(client, "ada@example.com", 999)


@pytest.mark.task(3, points=2)
@pytest.mark.rules("3.3")
def test_writing_needs_a_valid_bearer_token(client):
    """Writing needs a valid bearer token; every 401 says WWW-Authenticate: Bearer"""
    http_checks.writing_needs_a_bearer_token(client, AUTH_CASES, "bearer")


@pytest.mark.task(3, points=1)
@pytest.mark.rules("3.4")
def test_a_draft_answers_with_every_field_and_a_unique_slug(client):
    http_checks.draft_fields_and_unique_slug(client, "Hello World", "hello-world")


@pytest.mark.task(3, points=2)
@pytest.mark.rules("3.5")
def test_publishing_answers_200_403_422_and_404(client):
    http_checks.publishing_statuses(client, "tbd", 999)
