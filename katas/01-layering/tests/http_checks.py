"""The HTTP checks of task 3, shared by both suites with different values."""

from __future__ import annotations

from typing import Any

from kata_tests.support import show

from checker.testkit import expect

BODY = "A body that is comfortably longer than the minimum."


def register(client: Any, email: str, name: str = "Ada") -> tuple[dict[str, Any], dict[str, str]]:
    response = client.post("/users", json={"email": email, "display_name": name})
    expect(
        response.status_code == 201 and "token" in response.json(),
        did=f"POST /users with email {email!r}",
        saw=show(response, "email", "token"),
        expected="201 with the user and a token",
    )
    return response.json(), {"Authorization": f"Bearer {response.json()['token']}"}


def draft(client: Any, auth: dict[str, str], title: str = "Hello World", body: str = BODY) -> dict[str, Any]:
    response = client.post("/posts", json={"title": title, "body": body}, headers=auth)
    expect(
        response.status_code == 201,
        did=f"POST /posts with title {title!r}",
        saw=show(response, "id", "slug"),
        expected="201 with the draft",
    )
    return response.json()


def registration_statuses(client: Any, raw: str, malformed: str) -> None:
    created = client.post("/users", json={"email": raw, "display_name": "Ada"})
    body = created.json() if created.status_code == 201 else {}
    wanted = {"email": raw.strip().lower(), "display_name": "Ada", "role": "member"}
    shown = {k: body.get(k, "(missing)") for k in ("id", *wanted, "token")}
    expect(
        created.status_code == 201
        and all(body.get(k) == v for k, v in wanted.items())
        and isinstance(body.get("id"), int)
        and body.get("token"),
        did=f"POST /users with {{'email': {raw!r}, 'display_name': 'Ada'}}",
        saw=f"{created.status_code} {shown}",
        expected=f"201 with an id, email {wanted['email']!r}, display_name 'Ada', role 'member' and a token",
    )
    works = client.post("/posts", json={"title": "T", "body": BODY}, headers={"Authorization": f"Bearer {body['token']}"})
    again = client.post("/users", json={"email": wanted["email"], "display_name": "Ada"})
    wrong = client.post("/users", json={"email": malformed, "display_name": "Ada"})
    answers = {
        "the new token on POST /posts": works.status_code,
        "the same address again": again.status_code,
        "the malformed address": wrong.status_code,
    }
    expect(
        list(answers.values()) == [201, 409, 422],
        did=f"Used the token to POST /posts, then POST /users with {wanted['email']!r} again and with {malformed!r}",
        saw=", ".join(f"{v} for {k}" for k, v in answers.items()),
        expected="201 for the new token, 409 for the same address, 422 for the malformed address",
        why="Map EmailAlreadyRegistered to 409 and InvalidEmail to 422 (or refuse the malformed address "
        "with a schema: any 422 will do), as the starter answered.",
    )


def reads_back_or_404(client: Any, email: str, missing: int) -> None:
    user, auth = register(client, email)
    post = draft(client, auth)
    answers = {
        f"GET /users/{user['id']}": client.get(f"/users/{user['id']}"),
        f"GET /posts/{post['id']}": client.get(f"/posts/{post['id']}"),
        f"GET /users/{missing}": client.get(f"/users/{missing}"),
        f"GET /posts/{missing}": client.get(f"/posts/{missing}"),
    }
    saw = {k: v.status_code for k, v in answers.items()}
    body = answers[f"GET /users/{user['id']}"].json()
    read = answers[f"GET /posts/{post['id']}"].json()
    expect(
        list(saw.values()) == [200, 200, 404, 404]
        and set(body) >= {"id", "email", "display_name", "role"}
        and body.get("email") == email
        and "token" not in body
        and read.get("slug") == post["slug"],
        did="Registered a user, created a draft, then read both back and read ids no one has",
        saw=f"{saw}; the user read back as {body}",
        expected="200, 200, 404, 404; the user with id, email, display_name and role, and without its token",
        why="A token is shown once, at registration; reading a user never gives it away.",
    )


def writing_needs_a_bearer_token(client: Any, cases: dict[str, str | None], scheme: str) -> None:
    _, auth = register(client, "ada@example.com")
    token = auth["Authorization"].removeprefix("Bearer ")
    post = draft(client, auth)
    wrong = []
    for case, header in cases.items():
        headers = {} if header is None else {"Authorization": header.format(token=token)}
        for path, body in (("/posts", {"title": "T", "body": BODY}), (f"/posts/{post['id']}/publish", None)):
            status = client.post(path, json=body, headers=headers).status_code
            if status != 401:
                wrong.append(f"POST {path} with {case} answered {status}")
    other = client.post("/posts", json={"title": "T", "body": BODY}, headers={"Authorization": f"{scheme} {token}"})
    if other.status_code != 201:
        wrong.append(f"POST /posts with '{scheme} <token>' answered {other.status_code}")
    expect(
        not wrong,
        did="POST /posts and POST /posts/{id}/publish with " + ", ".join(cases) + f", then with '{scheme} <token>'",
        saw="; ".join(wrong),
        expected="401 for each missing or invalid credential, 201 for the valid token whatever the scheme's case",
        why="Only a bearer token that was issued lets a caller write; HTTP schemes are case-insensitive.",
    )


def draft_fields_and_unique_slug(client: Any, title: str, slug: str) -> None:
    user, auth = register(client, "ada@example.com")
    first, second = draft(client, auth, title), draft(client, auth, title)
    fields = {"id", "author_id", "title", "slug", "body", "status", "created_at", "published_at"}
    shown = {k: first.get(k) for k in ("author_id", "slug", "status", "published_at")}
    expect(
        fields <= set(first)
        and (first["author_id"], first["status"], first["published_at"]) == (user["id"], "draft", None)
        and first["slug"] == slug
        and second.get("slug") not in (None, first["slug"]),
        did=f"Created two drafts titled {title!r} over HTTP",
        saw=f"missing fields {sorted(fields - set(first))}; first {shown}, second slug {second.get('slug')!r}",
        expected=f"every field; author_id {user['id']}, status 'draft', published_at None; the slug {slug!r}, "
        "then another one",
    )


def publishing_statuses(client: Any, short: str, missing: int) -> None:
    _, ada = register(client, "ada@example.com")
    _, bob = register(client, "bob@example.com", "Bob")
    ready = draft(client, ada, "Ready")
    too_short = draft(client, ada, "Short", short)
    untitled = draft(client, ada, "")
    answers = {
        "Bob publishing Ada's post": client.post(f"/posts/{ready['id']}/publish", headers=bob).status_code,
        f"the body {short!r}": client.post(f"/posts/{too_short['id']}/publish", headers=ada).status_code,
        "an empty title": client.post(f"/posts/{untitled['id']}/publish", headers=ada).status_code,
        f"post {missing}": client.post(f"/posts/{missing}/publish", headers=ada).status_code,
    }
    expect(
        list(answers.values()) == [403, 422, 422, 404],
        did="Published as Bob a post of Ada's, then as Ada " + ", ".join(list(answers)[1:]),
        saw=", ".join(f"{v} for {k}" for k, v in answers.items()),
        expected="403, 422, 422, 404",
        why="Map NotPostAuthor to 403, PostNotPublishable to 422 and PostNotFound to 404, as the starter answered.",
    )
    published = client.post(f"/posts/{ready['id']}/publish", headers=ada)
    expect(
        published.status_code == 200
        and published.json().get("status") == "published"
        and published.json().get("published_at"),
        did="Published Ada's post as Ada",
        saw=show(published, "status", "published_at"),
        expected="200 with status 'published' and a published_at",
    )
