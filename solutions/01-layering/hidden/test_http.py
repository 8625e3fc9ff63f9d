"""Task 3: the HTTP behaviour of the starter, unchanged, against create_app on SQLite."""

from __future__ import annotations

import pytest

from checker.testkit import expect

BODY = "A body that is comfortably longer than the minimum."


def _register(client, email, name="Ada"):
    response = client.post("/users", json={"email": email, "display_name": name})
    expect(
        response.status_code == 201 and "token" in response.json(),
        did=f"POST /users with email {email!r}",
        saw=f"{response.status_code} {response.text[:300]}",
        expected="201 with the user and a token",
    )
    return response.json(), {"Authorization": f"Bearer {response.json()['token']}"}


def _draft(client, auth, title="Hello World", body=BODY):
    response = client.post("/posts", json={"title": title, "body": body}, headers=auth)
    expect(
        response.status_code == 201,
        did=f"POST /posts with title {title!r}",
        saw=f"{response.status_code} {response.text[:300]}",
        expected="201 with the draft",
    )
    return response.json()


@pytest.mark.task(3, points=2)
def test_registration_refuses_duplicates_and_malformed_addresses(client):
    _register(client, "ada@example.com")
    again = client.post("/users", json={"email": "  ADA@Example.com", "display_name": "Ada"})
    malformed = client.post("/users", json={"email": "ada.example.com", "display_name": "Ada"})
    expect(
        again.status_code == 409 and malformed.status_code == 422,
        did="POST /users with 'ada@example.com', then '  ADA@Example.com', then 'ada.example.com'",
        saw=f"{again.status_code} for the duplicate, {malformed.status_code} for the malformed address",
        expected="409 for the duplicate, 422 for the malformed address",
        why="Map EmailAlreadyRegistered to 409 and InvalidEmail to 422, as the starter answered.",
    )


@pytest.mark.task(3, points=2)
def test_users_and_posts_read_back_or_answer_404(client):
    user, auth = _register(client, "ada@example.com")
    post = _draft(client, auth)
    answers = {
        f"GET /users/{user['id']}": client.get(f"/users/{user['id']}"),
        f"GET /posts/{post['id']}": client.get(f"/posts/{post['id']}"),
        "GET /users/999": client.get("/users/999"),
        "GET /posts/999": client.get("/posts/999"),
    }
    saw = {k: v.status_code for k, v in answers.items()}
    body = answers[f"GET /users/{user['id']}"].json()
    expect(
        list(saw.values()) == [200, 200, 404, 404] and body.get("email") == "ada@example.com" and "token" not in body,
        did="Registered Ada, created a draft, then read both back and read ids no one has",
        saw=f"{saw}; the user read back as {body}",
        expected="200, 200, 404, 404, and the user without its token",
    )


@pytest.mark.task(3, points=2)
def test_writing_needs_a_valid_bearer_token(client):
    _, auth = _register(client, "ada@example.com")
    post = _draft(client, auth)
    answers = [
        client.post("/posts", json={"title": "T", "body": BODY}).status_code,
        client.post("/posts", json={"title": "T", "body": BODY}, headers={"Authorization": "Bearer nope"}).status_code,
        client.post(f"/posts/{post['id']}/publish").status_code,
    ]
    expect(
        answers == [401, 401, 401],
        did="POST /posts without a token, with 'Bearer nope', and POST /posts/{id}/publish without a token",
        saw=str(answers),
        expected="[401, 401, 401]",
    )


@pytest.mark.task(3, points=2)
def test_publishing_refuses_strangers_and_unfinished_posts(client):
    _, ada = _register(client, "ada@example.com")
    _, bob = _register(client, "bob@example.com", "Bob")
    ready = _draft(client, ada, "Ready")
    short = _draft(client, ada, "Short", "  Too short to publish.  ")
    untitled = _draft(client, ada, "   ")
    answers = [
        client.post(f"/posts/{ready['id']}/publish", headers=bob).status_code,
        client.post(f"/posts/{short['id']}/publish", headers=ada).status_code,
        client.post(f"/posts/{untitled['id']}/publish", headers=ada).status_code,
        client.post("/posts/999/publish", headers=ada).status_code,
    ]
    expect(
        answers == [403, 422, 422, 404],
        did="Published Ada's post as Bob, then as Ada a post with a short body, one with a blank title, and post 999",
        saw=str(answers),
        expected="[403, 422, 422, 404]",
    )


@pytest.mark.task(3, points=2)
def test_slugs_stay_unique_and_published_at_is_set_once(client):
    _, ada = _register(client, "ada@example.com")
    first, second = _draft(client, ada), _draft(client, ada, "Hello, world!")
    published = client.post(f"/posts/{first['id']}/publish", headers=ada).json()
    again = client.post(f"/posts/{first['id']}/publish", headers=ada)
    expect(
        (first["slug"], second["slug"]) == ("hello-world", "hello-world-2")
        and published.get("published_at")
        and again.status_code == 200
        and again.json().get("published_at") == published.get("published_at"),
        did="Created drafts 'Hello World' and 'Hello, world!', then published the first twice",
        saw=f"slugs {first['slug']!r}, {second['slug']!r}; published_at {published.get('published_at')!r}, "
        f"then {again.status_code} with {again.json().get('published_at')!r}",
        expected="slugs 'hello-world', 'hello-world-2'; the second publish 200 with the same published_at",
    )
