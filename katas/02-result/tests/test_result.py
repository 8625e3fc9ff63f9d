"""Public tests of the Result kata: run them with `uv run kata check 02-result`.

The hidden suite checks every use case, failure and status of the README's tables the same way.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from checker.testkit import expect, learner


@pytest.mark.task(1, points=2)
def test_registration_answers_ok_with_the_user(kit, world, run, ok, brief):
    user = ok(
        "Called register_user('grace@example.org', 'Grace') with fakes",
        *run(
            lambda: kit.accounts.register_user("grace@example.org", "Grace", users=world.users, notifier=world.notifier)
        ),
    )
    expect(
        getattr(user, "email", None) == "grace@example.org",
        did="Called register_user('grace@example.org', 'Grace')",
        saw=f"Ok({brief(user)})",
        expected="Ok(User(email='grace@example.org', ...))",
    )


@pytest.mark.task(1, points=3)
def test_registration_with_a_taken_email_is_an_err_holding_a_conflict(kit, world, run, err):
    err(
        "Called register_user('ada@example.com', 'Ada') while ada@example.com is registered",
        *run(lambda: kit.accounts.register_user("ada@example.com", "Ada", users=world.users, notifier=world.notifier)),
        "Conflict",
    )


@pytest.mark.task(2, points=3)
def test_a_broken_user_repository_is_not_caught_by_register_user(kit, fakes, world, run, brief):
    users = fakes.Broken("the user store")
    outcome, raised = run(
        lambda: kit.accounts.register_user("grace@example.org", "Grace", users=users, notifier=world.notifier)
    )
    expect(
        raised is users.error,
        did="Called register_user('grace@example.org', 'Grace') with a user repository raising RuntimeError",
        saw=f"it raised {type(raised).__name__}: {raised}" if raised else f"it returned {brief(outcome)}",
        expected="the RuntimeError itself, not caught and not turned into an Err",
        why="A bug or an outage is not a client's mistake: let it reach the edge as a 500.",
    )


@pytest.mark.task(3, points=5)
def test_a_taken_email_answers_409_as_a_problem(http):
    r = http.client.post("/users", json={"email": "ADA@example.com", "display_name": "Ada"})
    body = r.json() if r.headers.get("content-type", "").startswith("application/") else {}
    expect(
        r.status_code == 409
        and r.headers.get("content-type", "").startswith("application/problem+json")
        and all(k in body for k in ("type", "title", "status", "detail", "instance")),
        did="POST /users with 'ADA@example.com' while ada@example.com is registered",
        saw=f"{r.status_code} {r.headers.get('content-type')} {r.text[:200]}",
        expected="409 with an application/problem+json body: type, title, status, detail, instance",
        why="Conflict maps to 409, and every error answer has the RFC 9457 shape.",
    )


@pytest.mark.task(4, points=3)
def test_a_500_carries_a_correlation_id_in_body_and_header(broken_app, fakes):
    broken_app.app.dependency_overrides[broken_app.deps.posts_repository] = lambda: fakes.Broken("the post store")
    r = broken_app.client.get("/posts/1")
    header = r.headers.get("x-correlation-id")
    body = r.json() if r.headers.get("content-type", "").startswith("application/") else {}
    expect(
        r.status_code == 500 and header and body.get("correlation_id") == header,
        did="GET /posts/1 with a post repository raising RuntimeError",
        saw=f"{r.status_code} X-Correlation-ID={header!r} {r.text[:200]}",
        expected="500 with the same correlation id in the X-Correlation-ID header and the body's correlation_id",
        why="The client quotes the id; the operator finds the logged exception by it.",
    )


@pytest.mark.task(5, points=3)
def test_no_bare_except_in_the_package():
    package = Path(learner("inkwell").__file__).resolve().parent
    found = [
        f"{path.relative_to(package.parent).as_posix()}:{node.lineno}"
        for path in sorted(package.rglob("*.py"))
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
        if isinstance(node, ast.ExceptHandler) and node.type is None
    ]
    expect(
        not found,
        did="Read every except clause of the package",
        saw="a bare `except:` at " + ", ".join(found),
        expected="every except naming the exception it expects",
        why="A bare except catches everything, your own bugs and KeyboardInterrupt too, and hides them.",
    )
