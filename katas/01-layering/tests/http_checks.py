"""The HTTP checks of task 3, shared by both suites with different values."""

from __future__ import annotations

from typing import Any

from kata_tests.support import json_of, show

from checker.testkit import expect_equal

BODY = "A body that is comfortably longer than the minimum."


def register(client: Any, email: str, name: str = "Ada") -> tuple[dict[str, Any], dict[str, str]]:
    response = client.post("/users", json={"email": email, "display_name": name})
    expect_equal(
        (response.status_code, response.status_code == 201 and "token" in response.json()),
        (201, True),
        did=f"POST /users with email {email!r}",
        saw=show(response, "email", "token"),
        expected_text="201 with the user and a token",
    )
    return response.json(), {"Authorization": f"Bearer {response.json()['token']}"}


def draft(client: Any, auth: dict[str, str], title: str = "Hello World", body: str = BODY) -> dict[str, Any]:
    response = client.post("/posts", json={"title": title, "body": body}, headers=auth)
    expect_equal(
        response.status_code,
        201,
        did=f"POST /posts with title {title!r}",
        saw=show(response, "id", "slug"),
        expected_text="201 with the draft",
    )
    return response.json()


def registration_statuses(client: Any, raw: str, malformed: str) -> None:
    created = client.post("/users", json={"email": raw, "display_name": "Ada"})
    body = created.json() if created.status_code == 201 else {}
    wanted = {"email": raw.strip().lower(), "display_name": "Ada", "role": "member"}
    shown = {k: body.get(k, "(missing)") for k in ("id", *wanted, "token")}
    expect_equal(
        (
            created.status_code,
            {k: body.get(k) for k in wanted},
            isinstance(body.get("id"), int),
            bool(body.get("token")),
        ),
        (201, wanted, True, True),
        did=f"POST /users with {{'email': {raw!r}, 'display_name': 'Ada'}}",
        saw=f"{created.status_code} {shown}",
        expected_text=f"201 with an id, email {wanted['email']!r}, display_name 'Ada', role 'member' and a token",
    )
    works = client.post(
        "/posts", json={"title": "T", "body": BODY}, headers={"Authorization": f"Bearer {body['token']}"}
    )
    again = client.post("/users", json={"email": wanted["email"], "display_name": "Ada"})
    wrong = client.post("/users", json={"email": malformed, "display_name": "Ada"})
    answers = {
        "the new token on POST /posts": works.status_code,
        "the same address again": again.status_code,
        "the malformed address": wrong.status_code,
    }
    domain = "@example.com"
    limits = {
        "a display_name of 100 characters": (f"d1{domain}", "x" * 100, 201),
        "a display_name of 101 characters": (f"d2{domain}", "x" * 101, 422),
        "an empty display_name": (f"d3{domain}", "", 422),
        "an email of 320 characters": ("e" * (320 - len(domain)) + domain, "Eve", 201),
        "an email of 321 characters": ("f" * (321 - len(domain)) + domain, "Eve", 422),
    }
    for case, (email, name, status) in limits.items():
        got = client.post("/users", json={"email": email, "display_name": name}).status_code
        answers[case] = got
        if got != status:
            answers[case] = f"{got}, not {status}"
    reasons = {
        "the new token on POST /posts": "the token register_user returns must be stored, so that it works as a "
        "bearer token at once",
        "the same address again": "map EmailAlreadyRegistered to 409, as the starter answered",
        "the malformed address": "map InvalidEmail to 422 (or refuse the address with a schema: any 422 will do)",
    }
    wanted_statuses = [201, 409, 422] + [status for _, _, status in limits.values()]
    off = [case for case, status in zip(answers, wanted_statuses, strict=True) if answers[case] != status]
    why = "; ".join(reasons.get(case, f"keep the starter's schema limits ({case})") for case in off)
    expect_equal(
        list(answers.values()),
        [201, 409, 422, 201, 422, 422, 201, 422],
        did=f"Used the token to POST /posts, then POST /users with {wanted['email']!r} again and with {malformed!r}, "
        "then at the schema's limits",
        saw=", ".join(f"{v} for {k}" for k, v in answers.items()),
        expected_text="201 for the new token, 409 for the same address, 422 for the malformed address; a display_name "
        "of 1 to 100 characters and an email of up to 320 accepted, 422 beyond",
        why=why[:1].upper() + why[1:] + "." if why else "",
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
    fields = body if isinstance(body, dict) else {}
    expect_equal(
        (
            list(saw.values()),
            set(fields) >= {"id", "email", "display_name", "role"},
            fields.get("email"),
            "token" in fields,
            (read if isinstance(read, dict) else {}).get("slug") == post["slug"],
        ),
        ([200, 200, 404, 404], True, email, False, True),
        did="Registered a user, created a draft, then read both back and read ids no one has",
        saw=f"{saw}; the user read back as {body}",
        expected_text="200, 200, 404, 404; the user with id, email, display_name and role, and without its token",
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
            answer = client.post(path, json=body, headers=headers)
            if answer.status_code != 401:
                wrong.append(f"POST {path} with {case} answered {answer.status_code}")
            elif answer.headers.get("WWW-Authenticate", "").lower() != "bearer":
                challenge = answer.headers.get("WWW-Authenticate")
                wrong.append(f"POST {path} with {case} answered 401 with WWW-Authenticate {challenge!r}")
    other = client.post("/posts", json={"title": "T", "body": BODY}, headers={"Authorization": f"{scheme} {token}"})
    if other.status_code != 201:
        wrong.append(f"POST /posts with '{scheme} <token>' answered {other.status_code}")
    expect_equal(
        wrong,
        [],
        did="POST /posts and POST /posts/{id}/publish with " + ", ".join(cases) + f", then with '{scheme} <token>'",
        saw="; ".join(wrong),
        expected_text="401 with 'WWW-Authenticate: Bearer' for each missing or invalid credential, 201 for the valid "
        "token whatever the scheme's case",
        why="Only a bearer token that was issued lets a caller write; HTTP schemes are case-insensitive.",
    )


def draft_fields_and_unique_slug(client: Any, title: str, slug: str) -> None:
    user, auth = register(client, "ada@example.com")
    first, second = draft(client, auth, title), draft(client, auth, title)
    fields = {"id", "author_id", "title", "slug", "body", "status", "created_at", "published_at"}
    shown = {k: first.get(k) for k in ("author_id", "slug", "status", "published_at")}
    limits = {
        "a title of 200 characters": ("t" * 200, "b", 201),
        "a title of 201 characters": ("t" * 201, "b", 422),
        "a body of 100,000 characters": ("T", "b" * 100_000, 201),
        "a body of 100,001 characters": ("T", "b" * 100_001, 422),
    }
    off = []
    for case, (limit_title, body, status) in limits.items():
        got = client.post("/posts", json={"title": limit_title, "body": body}, headers=auth).status_code
        if got != status:
            off.append(f"{case} answered {got}, not {status}")
    expect_equal(
        off,
        [],
        did="POST /posts at the schema's limits: titles of 200 and 201 characters, bodies of 100,000 and 100,001",
        saw="; ".join(off),
        expected_text="201 up to the limit, 422 beyond it, as the starter's schema answered",
    )
    # The author's id is the app's to give: the check compares whether the draft names the caller.
    expect_equal(
        (
            sorted(fields - set(first)),
            first.get("author_id") == user["id"],
            first.get("status"),
            first.get("published_at"),
            first.get("slug"),
            second.get("slug") not in (None, first.get("slug")),
        ),
        ([], True, "draft", None, slug, True),
        did=f"Created two drafts titled {title!r} over HTTP",
        saw=f"missing fields {sorted(fields - set(first))}; first {shown}, second slug {second.get('slug')!r}",
        expected_text=f"every field; author_id {user['id']}, status 'draft', published_at None; the slug {slug!r}, "
        "then another one",
    )


def publishing_statuses(client: Any, short: str, missing: int) -> None:
    _, ada = register(client, "ada@example.com")
    _, bob = register(client, "bob@example.com", "Bob")
    ready = draft(client, ada, "Ready")
    too_short = draft(client, ada, "Short", short)
    untitled = draft(client, ada, "")
    responses = {
        "Bob publishing Ada's post": client.post(f"/posts/{ready['id']}/publish", headers=bob),
        f"the body {short!r}": client.post(f"/posts/{too_short['id']}/publish", headers=ada),
        "an empty title": client.post(f"/posts/{untitled['id']}/publish", headers=ada),
        f"post {missing}": client.post(f"/posts/{missing}/publish", headers=ada),
    }
    answers = {case: response.status_code for case, response in responses.items()}
    silent = [case for case, response in responses.items() if not _says_why(response)]
    expect_equal(
        silent,
        [],
        did="Refused publications over HTTP, and read each answer's body",
        saw="no 'detail' that says why for " + ", ".join(f"{c} ({show(responses[c], 'detail')})" for c in silent),
        expected_text="a JSON body whose 'detail' is a sentence saying why, as the starter answered",
    )
    errors = ["NotPostAuthor to 403", "PostNotPublishable to 422", "PostNotPublishable to 422", "PostNotFound to 404"]
    off = [
        f"{case} answered {got}: map {error}" if got >= 400 else f"{case} answered {got}: it was not refused at all"
        for (case, got), wanted, error in zip(answers.items(), [403, 422, 422, 404], errors, strict=True)
        if got != wanted
    ]
    expect_equal(
        list(answers.values()),
        [403, 422, 422, 404],
        did="Published as Bob a post of Ada's, then as Ada " + ", ".join(list(answers)[1:]),
        saw=", ".join(f"{v} for {k}" for k, v in answers.items()),
        expected_text="403, 422, 422, 404",
        why="; ".join(dict.fromkeys(off)) + ", as the starter answered.",
    )
    published = client.post(f"/posts/{ready['id']}/publish", headers=ada)
    answer = json_of(published) if published.status_code == 200 else {}
    expect_equal(
        (published.status_code, answer.get("status"), bool(answer.get("published_at"))),
        (200, "published", True),
        did="Published Ada's post as Ada",
        saw=show(published, "status", "published_at"),
        expected_text="200 with status 'published' and a published_at",
    )


def _says_why(response: Any) -> bool:
    try:
        detail = response.json().get("detail")
    except (ValueError, AttributeError):
        return False
    return isinstance(detail, str) and bool(detail.strip())
