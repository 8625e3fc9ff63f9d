"""Task 2: expected failures never raise; faults are never caught; only the unit of work commits."""

from __future__ import annotations

import pytest
from kata_tests.support import server_side, what_escaped

from checker.testkit import expect_equal

pytestmark = pytest.mark.task(2, points=1)


@pytest.mark.rules("2.1")
def test_no_expected_failure_escapes_as_an_exception(kit, world, run):
    a, p, uow, mail = kit.accounts, kit.posts, world.uow, world.notifier
    cases = {
        "register_user('not-an-email', 'Grace')": lambda: a.register_user(
            "not-an-email", "Grace", uow=uow, notifier=mail
        ),
        "register_user('grace@example.org', '')": lambda: a.register_user(
            "grace@example.org", "", uow=uow, notifier=mail
        ),
        "register_user('ada@example.com', 'Ada')": lambda: a.register_user(
            "ada@example.com", "Ada", uow=uow, notifier=mail
        ),
        "issue_token('nobody@example.org')": lambda: a.issue_token("nobody@example.org", uow=uow),
        "issue_token('@')": lambda: a.issue_token("@", uow=uow),
        "create_draft(99, 'T', ...)": lambda: p.create_draft(99, "T", "B", [], uow=uow),
        "create_draft(1, '', ...)": lambda: p.create_draft(1, "", "B", [], uow=uow),
        "create_draft(1, 'T', ..., ['cobol'])": lambda: p.create_draft(1, "T", "B", ["cobol"], uow=uow),
        "publish_post(1, 99)": lambda: p.publish_post(1, 99, uow=uow),
        "publish_post(2, 1)": lambda: p.publish_post(2, 1, uow=uow),
        "publish_post(1, 2)": lambda: p.publish_post(1, 2, uow=uow),
        "publish_post(1, 3)": lambda: p.publish_post(1, 3, uow=uow),
        "get_post(99)": lambda: p.get_post(99, uow=uow),
    }
    raised = {name: run(action)[1] for name, action in cases.items()}
    escaped = [f"{name} raised {type(e).__name__}: {e}" for name, e in raised.items() if e is not None]
    expect_equal(
        escaped,
        [],
        did="Called every use case with each expected failure of the README's table",
        saw="; ".join(escaped)[:600],
        expected_text="no exception: each answers Err(...)",
        why="A caller cannot see from a signature which exceptions to catch; an Err cannot be missed.",
    )


@pytest.mark.rules("2.2")
def test_a_broken_repository_is_not_caught_by_any_use_case(kit, world, fakes, run, brief):
    posts, users = fakes.Broken("the post store"), fakes.Broken("the user store")
    broken_posts = fakes.Uow(world.users, posts, world.tags)
    broken_users = fakes.Uow(users, world.posts, world.tags)
    cases = [
        ("publish_post(1, 1) with uow.posts raising", posts, lambda: kit.posts.publish_post(1, 1, uow=broken_posts)),
        ("get_post(1) with uow.posts raising", posts, lambda: kit.posts.get_post(1, uow=broken_posts)),
        (
            "register_user('grace@example.org', 'Grace') with uow.users raising",
            users,
            lambda: kit.accounts.register_user("grace@example.org", "Grace", uow=broken_users, notifier=world.notifier),
        ),
        (
            "issue_token('ada@example.com') with uow.users raising",
            users,
            lambda: kit.accounts.issue_token("ada@example.com", uow=broken_users),
        ),
    ]
    for did, broken, action in cases:
        outcome, raised = run(action)
        expect_equal(
            what_escaped(broken, outcome, raised),
            "the port's own RuntimeError",
            did=f"Called {did} RuntimeError",
            saw=f"it raised {type(raised).__name__}: {raised}" if raised else f"it returned {brief(outcome)}",
            expected_text="the RuntimeError itself, not caught, not wrapped, not turned into an Err",
            why="An exception from a port is a bug or an outage, not a client's mistake: let it fly.",
        )


@pytest.mark.rules("2.3")
def test_the_database_failing_under_any_adapter_is_never_a_client_error(fresh, database_fails):
    client, ada = fresh.client, fresh.ada
    made = client.post("/posts", json={"title": "T", "body": "B", "tags": []}, headers=ada).json().get("id", 1)
    cases = [
        ("select posts.", "GET /posts/{id}", lambda: client.get(f"/posts/{made}")),
        (
            "from users",
            "POST /users",
            lambda: client.post("/users", json={"email": "g@example.org", "display_name": "G"}),
        ),
        ("from users", "POST /tokens", lambda: client.post("/tokens", json={"email": "ada@example.com"})),
        ("from tokens", "POST /posts/{id}/publish", lambda: client.post(f"/posts/{made}/publish", headers=ada)),
        (
            "insert into posts",
            "POST /posts",
            lambda: client.post("/posts", json={"title": "U", "body": "B"}, headers=ada),
        ),
        (
            "from posts",
            "POST /posts (the lookup of a free slug)",
            lambda: client.post("/posts", json={"title": "V", "body": "B"}, headers=ada),
        ),
    ]
    for statement, did, send in cases:
        with database_fails(statement):
            r = send()
        expect_equal(
            server_side(r),
            "5xx",
            did=f"{did} while the database fails every statement containing {statement!r} (OperationalError)",
            saw=f"{r.status_code} {r.text[:200]}",
            expected_text="a 5xx: the server's failure",
            why="An adapter that catches the database's error and answers 'no such row' turns an outage into "
            "the client's mistake."
            if r.status_code < 500
            else "",
        )


@pytest.mark.rules("2.4")
def test_each_change_commits_once_and_no_refusal_commits(kit, world, run):
    uow, p, a = world.uow, kit.posts, kit.accounts
    steps = [
        (
            "create_draft(1, 'New', ...)",
            lambda: p.create_draft(1, "New", "B", ["sql"], uow=uow),
            1,
            lambda c: 4 in c["posts"],
        ),
        ("create_draft(1, 'New', ..., ['cobol'])", lambda: p.create_draft(1, "New", "B", ["cobol"], uow=uow), 0, None),
        ("publish_post(2, 1)", lambda: p.publish_post(2, 1, uow=uow), 0, None),
        ("publish_post(1, 2)", lambda: p.publish_post(1, 2, uow=uow), 0, None),
        ("publish_post(1, 1)", lambda: p.publish_post(1, 1, uow=uow), 1, lambda c: (1, "published") in c["saved"]),
        (
            "issue_token('bob@example.com')",
            lambda: a.issue_token("bob@example.com", uow=uow),
            1,
            lambda c: 2 in c["tokens"].values(),
        ),
        ("issue_token('nobody@example.org')", lambda: a.issue_token("nobody@example.org", uow=uow), 0, None),
    ]
    for did, action, wanted, made in steps:
        before = len(uow.commits)
        run(action)
        new = uow.commits[before:]
        expect_equal(
            (len(new), made is None or (bool(new) and bool(made(new[-1])))),
            (wanted, True),
            did=f"Called {did} with a fake unit of work",
            saw=f"{len(new)} commit(s)"
            + (", the change not yet made at the commit" if new and made and not made(new[-1]) else ""),
            expected_text=f"{wanted} commit(s)" + (", after the change" if wanted else ": a refusal writes nothing"),
            why="The use case commits once its change is complete, and never when it refuses.",
        )


@pytest.mark.rules("2.5")
def test_no_repository_commits_on_its_own(kit, fresh):
    factory = fresh.app.state.uow_factory
    with factory() as uow:
        post = uow.posts.add(kit.model.Post(author_id=1, title="Kept", slug="kept", body="B"))
        uow.commit()
    with factory() as uow:
        stored = uow.posts.get(post.id)
        stored.status = kit.model.PostStatus.PUBLISHED
        uow.posts.save(stored)
        token = uow.tokens.issue(1)
    with factory() as uow:
        status, owner = str(uow.posts.get(post.id).status), uow.tokens.user_id_for(token)
    expect_equal(
        (status, owner),
        ("draft", None),
        did="Through app.state.uow_factory(): saved a published post and issued a token, then left without commit()",
        saw=f"the post is {status!r}, the token {'belongs to user ' + str(owner) if owner else 'is unknown'}",
        expected_text="the post still 'draft' and the token unknown: nothing lasts without uow.commit()",
        why="Only the unit of work commits; a repository that commits makes half a use case permanent.",
    )
