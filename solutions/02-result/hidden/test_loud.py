"""Task 2: expected failures never raise; bugs in a port are never caught and reach the edge as 500."""

from __future__ import annotations

import logging

import pytest

from checker.testkit import expect

pytestmark = pytest.mark.task(2, points=2)


def _propagates(run, action, broken, did, brief):
    outcome, raised = run(action)
    expect(
        raised is broken.error,
        did=did,
        saw=f"it raised {type(raised).__name__}: {raised}" if raised else f"it returned {brief(outcome)}",
        expected="the RuntimeError itself, not caught, not wrapped, not turned into an Err",
        why="An exception from a port is a bug or an outage, not a client's mistake: a use case "
        "that catches it hides it. Let it fly; the edge answers 500 and logs it.",
    )


def test_a_broken_tag_repository_is_not_caught_by_create_draft(kit, world, fakes, run, brief):
    tags = fakes.Broken("the tag store")
    _propagates(
        run,
        lambda: kit.posts.create_draft(1, "T", "B", ["python"], users=world.users, posts=world.posts, tags=tags),
        tags,
        "Called create_draft(1, 'T', 'B', ['python']) with a tag repository raising RuntimeError",
        brief,
    )


def test_a_broken_post_repository_is_not_caught_by_publish_post(kit, fakes, run, brief):
    posts = fakes.Broken("the post store")
    _propagates(
        run,
        lambda: kit.posts.publish_post(1, 1, posts=posts),
        posts,
        "Called publish_post(1, 1) with a post repository raising RuntimeError",
        brief,
    )


def test_a_broken_post_repository_is_not_caught_by_get_post(kit, fakes, run, brief):
    posts = fakes.Broken("the post store")
    _propagates(
        run,
        lambda: kit.posts.get_post(1, posts=posts),
        posts,
        "Called get_post(1) with a post repository raising RuntimeError",
        brief,
    )


def test_no_expected_failure_escapes_as_an_exception(kit, world, run):
    a, p = kit.accounts, kit.posts
    cases = {
        "register_user('not-an-email', 'Grace')": lambda: a.register_user(
            "not-an-email", "Grace", users=world.users, notifier=world.notifier
        ),
        "register_user('grace@example.org', '')": lambda: a.register_user(
            "grace@example.org", "", users=world.users, notifier=world.notifier
        ),
        "register_user('ada@example.com', 'Ada')": lambda: a.register_user(
            "ada@example.com", "Ada", users=world.users, notifier=world.notifier
        ),
        "create_draft(99, 'T', ...)": lambda: p.create_draft(
            99, "T", "B", [], users=world.users, posts=world.posts, tags=world.tags
        ),
        "create_draft(1, '', ...)": lambda: p.create_draft(
            1, "", "B", [], users=world.users, posts=world.posts, tags=world.tags
        ),
        "create_draft(1, 'T', ..., ['cobol'])": lambda: p.create_draft(
            1, "T", "B", ["cobol"], users=world.users, posts=world.posts, tags=world.tags
        ),
        "publish_post(1, 99)": lambda: p.publish_post(1, 99, posts=world.posts),
        "publish_post(2, 1)": lambda: p.publish_post(2, 1, posts=world.posts),
        "publish_post(1, 2)": lambda: p.publish_post(1, 2, posts=world.posts),
        "get_post(99)": lambda: p.get_post(99, posts=world.posts),
    }
    raised = {name: run(action)[1] for name, action in cases.items()}
    escaped = [f"{name} raised {type(e).__name__}: {e}" for name, e in raised.items() if e is not None]
    expect(
        not escaped,
        did="Called every use case with each expected failure of the README's table",
        saw="; ".join(escaped)[:600],
        expected="no exception: each answers Err(...)",
        why="A caller cannot see from a signature which exceptions to catch; an Err in the "
        "return type cannot be missed.",
    )


def test_a_failed_welcome_email_is_logged_and_the_account_still_exists(kit, world, fakes, run, caplog, brief):
    notifier = fakes.Notifier(kit, failing=True)
    with caplog.at_level(logging.WARNING):
        outcome, raised = run(
            lambda: kit.accounts.register_user("grace@example.org", "Grace", users=world.users, notifier=notifier)
        )
    warned = [r for r in caplog.records if r.levelno >= logging.WARNING]
    expect(
        raised is None and isinstance(outcome, kit.Ok) and notifier.sent and warned,
        did="Called register_user('grace@example.org', 'Grace') with a notifier answering Err(DeliveryFailed(...))",
        saw=(f"it raised {type(raised).__name__}: {raised}" if raised else brief(outcome))
        + f"; notifier called {len(notifier.sent)} time(s); {len(warned)} log record(s) at WARNING or above",
        expected="Ok(user), the notifier called, and a log record at WARNING or above",
        why="The account exists, so registration succeeds; but a dropped email nobody hears of "
        "is a silent failure: log it, so someone can send it again.",
    )


def test_a_bug_in_a_port_answers_500_over_http_not_a_client_error(broken_app, fakes):
    deps, client = broken_app.deps, broken_app.client
    client.post("/users", json={"email": "ada@example.com", "display_name": "Ada"})
    token = client.post("/tokens", json={"email": "ada@example.com"}).json().get("token")
    broken_app.app.dependency_overrides[deps.tags_repository] = lambda: fakes.Broken("the tag store")
    response = client.post(
        "/posts", json={"title": "T", "body": "B", "tags": ["python"]}, headers={"Authorization": f"Bearer {token}"}
    )
    expect(
        response.status_code == 500,
        did="POST /posts with a tag repository that raises RuntimeError (swapped in through "
        "app.dependency_overrides[inkwell.interface.deps.tags_repository])",
        saw=f"{response.status_code} {response.text[:200]}",
        expected="500",
        why="A 4xx tells the client to fix their request; here the server is broken. Only an "
        "expected failure may become a 4xx.",
    )
