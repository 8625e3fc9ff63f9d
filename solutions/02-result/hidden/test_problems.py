"""Task 3: every failure over HTTP is an RFC 9457 problem with the status the README declares."""

from __future__ import annotations

import pytest

from checker.testkit import expect

pytestmark = pytest.mark.task(3, points=2)

PROBLEM_JSON = "application/problem+json"


def problem_faults(response, status, path, fields=()):
    """What is wrong with a response that should be a problem body; empty when it is right."""
    faults = []
    if response.status_code != status:
        faults.append(f"status {response.status_code}, expected {status}")
    kind = response.headers.get("content-type", "")
    if not kind.startswith(PROBLEM_JSON):
        faults.append(f"content type {kind!r}, expected {PROBLEM_JSON!r}")
    try:
        body = response.json()
    except ValueError:
        return [*faults, f"a body that is not JSON: {response.text[:120]!r}"]
    if not isinstance(body, dict):
        return [*faults, f"a body that is not a JSON object: {body!r}"[:200]]
    for member in ("type", "title", "detail"):
        if not isinstance(body.get(member), str) or not body.get(member):
            faults.append(f"member {member!r} is {body.get(member, 'missing')!r}, expected a non-empty string")
    if body.get("status") != status:
        faults.append(f"member 'status' is {body.get('status', 'missing')!r}, expected {status}")
    if body.get("instance") != path:
        faults.append(f"member 'instance' is {body.get('instance', 'missing')!r}, expected {path!r}")
    if fields:
        errors = body.get("errors")
        named = {e.get("field") for e in errors if isinstance(e, dict)} if isinstance(errors, list) else set()
        if not set(fields) <= named:
            faults.append(
                f"member 'errors' is {errors!r}, expected a list of {{'field': ..., 'detail': ...}} naming {list(fields)}"[
                    :300
                ]
            )
    return faults


def _check(did, response, status, path, fields=(), why=""):
    faults = problem_faults(response, status, path, fields)
    expect(
        not faults,
        did=did,
        saw=f"{response.status_code} {response.headers.get('content-type')} {response.text[:200]}\n            "
        + "; ".join(faults),
        expected=f"{status} with an application/problem+json body: type, title, status, detail, instance"
        + (", errors naming " + ", ".join(fields) if fields else ""),
        why=why or "One error format for the whole API: a client parses one shape, whatever went wrong.",
    )


def test_a_malformed_email_is_422_naming_the_email_field(http):
    r = http.client.post("/users", json={"email": "grace.example.org", "display_name": "Grace"})
    _check("POST /users with email 'grace.example.org'", r, 422, "/users", ["email"])


def test_a_request_missing_a_member_is_422_naming_it(http):
    r = http.client.post("/users", json={"email": "grace@example.org"})
    _check(
        "POST /users without display_name (FastAPI's own validation)",
        r,
        422,
        "/users",
        ["display_name"],
        "FastAPI's own 422 must use the same format; name the field as the client sent it.",
    )


def test_an_unknown_post_is_404(http):
    r = http.client.get("/posts/987654")
    _check("GET /posts/987654 (no such post)", r, 404, "/posts/987654")


def test_a_draft_with_an_unknown_tag_is_422_naming_tags(http):
    r = http.client.post("/posts", json={"title": "T", "body": "B", "tags": ["cobol"]}, headers=http.ada)
    _check("POST /posts as Ada with tags ['cobol'] (no such tag)", r, 422, "/posts", ["tags"])


def test_a_draft_with_a_blank_title_is_422_naming_title(http):
    r = http.client.post("/posts", json={"title": "  ", "body": "B", "tags": []}, headers=http.ada)
    _check("POST /posts as Ada with title '  '", r, 422, "/posts", ["title"])


def test_publishing_another_authors_post_is_403(http):
    path = f"/posts/{http.draft}/publish"
    _check(f"POST {path} as Bob (Ada's draft)", http.client.post(path, headers=http.bob), 403, path)


def test_publishing_a_published_post_is_409(http):
    path = f"/posts/{http.published}/publish"
    _check(f"POST {path} as Ada (already published)", http.client.post(path, headers=http.ada), 409, path)


def test_a_missing_token_is_401(http):
    r = http.client.post("/posts", json={"title": "T", "body": "B", "tags": []})
    _check("POST /posts with no Authorization header", r, 401, "/posts")


def test_an_unknown_route_is_404_in_the_same_format(http):
    _check(
        "GET /no-such-page (the router's own 404)",
        http.client.get("/no-such-page"),
        404,
        "/no-such-page",
        why="The router's 404 is an error answer too: same format.",
    )


def test_a_wrong_method_is_405_in_the_same_format(http):
    _check(
        "DELETE /users (the router's own 405)",
        http.client.delete("/users"),
        405,
        "/users",
        why="The router's 405 is an error answer too: same format.",
    )
