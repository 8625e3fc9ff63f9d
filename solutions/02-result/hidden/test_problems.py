"""Task 3: every failure over HTTP is an RFC 9457 problem with the status the README declares."""

from __future__ import annotations

import pytest
from kata_tests.support import answer, check_problem

from checker.testkit import expect, expect_equal

pytestmark = pytest.mark.task(3, points=1)

SAME_FORMAT = "The framework's own errors are error answers too: same format."


@pytest.mark.rules("3.1", "3.2")
def test_an_unknown_post_is_404(http):
    check_problem("GET /posts/987654 (no such post)", http.client.get("/posts/987654"), 404, "/posts/987654")


@pytest.mark.rules("3.1", "3.2")
def test_a_draft_with_an_unknown_tag_is_422_naming_tags(http):
    r = http.client.post("/posts", json={"title": "T", "body": "B", "tags": ["cobol"]}, headers=http.ada)
    check_problem("POST /posts as Ada with tags ['cobol'] (no such tag)", r, 422, "/posts", ("tags",))


@pytest.mark.rules("3.1", "3.2")
def test_a_draft_with_a_blank_title_is_422_naming_title(http):
    r = http.client.post("/posts", json={"title": " \t", "body": "B", "tags": []}, headers=http.ada)
    check_problem("POST /posts as Ada with title ' \\t'", r, 422, "/posts", ("title",))


@pytest.mark.rules("3.1", "3.2")
def test_publishing_another_authors_post_is_403(http):
    path = f"/posts/{http.draft}/publish"
    check_problem(f"POST {path} as Bob (Ada's draft)", http.client.post(path, headers=http.bob), 403, path)


@pytest.mark.rules("3.1", "3.2")
def test_publishing_a_published_post_is_409(http):
    path = f"/posts/{http.published}/publish"
    check_problem(f"POST {path} as Ada (already published)", http.client.post(path, headers=http.ada), 409, path)


@pytest.mark.rules("3.1", "3.2")
def test_a_token_for_an_unknown_email_is_401(http):
    r = http.client.post("/tokens", json={"email": "nobody@example.org"})
    check_problem("POST /tokens for nobody@example.org (no such account)", r, 401, "/tokens")


@pytest.mark.rules("3.3")
def test_an_unknown_route_is_404_in_the_same_format(http):
    check_problem(
        "GET /no-such-page (the router's own 404)",
        http.client.get("/no-such-page"),
        404,
        "/no-such-page",
        why=SAME_FORMAT,
    )


@pytest.mark.rules("3.3")
def test_a_wrong_method_is_405_in_the_same_format(http):
    check_problem("DELETE /users (the router's own 405)", http.client.delete("/users"), 405, "/users", why=SAME_FORMAT)


@pytest.mark.rules("3.3")
def test_an_unknown_bearer_token_is_401_in_the_same_format(http):
    r = http.client.post("/posts", json={"title": "T", "body": "B"}, headers={"Authorization": "Bearer nope"})
    check_problem("POST /posts with 'Authorization: Bearer nope'", r, 401, "/posts", why=SAME_FORMAT)


@pytest.mark.rules("3.4")
def test_every_validation_failure_names_fields_as_sent_under_one_type(http):
    c = http.client
    sent = [
        (
            "POST /users with display_name ' '",
            c.post("/users", json={"email": "g@example.org", "display_name": " "}),
            "display_name",
        ),
        ("POST /tokens with email 'nope'", c.post("/tokens", json={"email": "nope"}), "email"),
        (
            "POST /posts with tags [1]",
            c.post("/posts", json={"title": "T", "body": "B", "tags": [1]}, headers=http.ada),
            "tags.0",
        ),
        ("POST /posts with no body member", c.post("/posts", json={"title": "T"}, headers=http.ada), "body"),
        ("GET /posts/abc", c.get("/posts/abc"), "post_id"),
        ("POST /users with a JSON list", c.post("/users", json=[]), "body"),
        (
            "POST /tokens with the malformed JSON body '{\"email\": '",
            c.post("/tokens", content='{"email": ', headers={"Content-Type": "application/json"}),
            "body",
        ),
    ]
    kinds = set()
    for did, r, field in sent:
        why = (
            "Rule 3.4: a field is named as the client sent it; malformed JSON names no field but the body itself."
            if r.status_code == 422
            else ""
        )
        check_problem(did, r, 422, r.request.url.path, (field,), why=why)
        kinds.add((r.json().get("type"), r.json().get("title")))
    expect(
        len(kinds) == 1,
        did="Sent seven invalid requests: two refused by the use cases, five by FastAPI's validation",
        saw=f"{len(kinds)} kinds: {sorted(map(str, kinds))}",
        expected="one type and one title for all seven",
        why="Every validation failure is one kind of problem, whoever detects it.",
    )


@pytest.mark.task(3, points=2)
@pytest.mark.rules("3.5")
def test_two_occurrences_of_a_kind_share_type_and_title_and_differ_in_detail(http):
    pairs = [
        (
            "conflict",
            http.client.post("/users", json={"email": "ada@example.com", "display_name": "A"}),
            http.client.post(f"/posts/{http.published}/publish", headers=http.ada),
        ),
        ("not found", http.client.get("/posts/5551"), http.client.get("/posts/5552")),
    ]
    for kind, first, second in pairs:
        a, b = first.json(), second.json()
        expect_equal(
            ((a.get("type"), a.get("title")) == (b.get("type"), b.get("title")), a.get("detail") != b.get("detail")),
            (True, True),
            did=f"Compared two {kind} problems",
            saw=f"{answer(first, 'type', 'title', 'detail')}\n            {answer(second, 'type', 'title', 'detail')}",
            expected_text="the same type and title; each its own detail",
            why="A client branches on type and shows title; detail is what differs between two occurrences.",
        )
