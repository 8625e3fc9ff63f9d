"""Public tests of the layering kata: run them with `uv run kata check 01-layering`.

The checker's hidden suite asks more of each task in the same way; these show how it looks.
"""

from __future__ import annotations

import pytest

from checker.testkit import expect, expect_equal, learner

LAYERS = ("inkwell.domain", "inkwell.application", "inkwell.infrastructure", "inkwell.interface")
FRAMEWORKS = ("sqlalchemy", "fastapi", "starlette", "pydantic")


@pytest.mark.task(1, points=4)
def test_the_four_layers_are_packages(graph):
    missing = [name.replace(".", "/") for name in LAYERS if not graph.has_package(name)]
    expect(
        not missing,
        did="Looked for the four layer packages in your inkwell folder",
        saw=f"missing: {', '.join(missing)}",
        expected="inkwell/domain, inkwell/application, inkwell/infrastructure and inkwell/interface, "
        "each a folder with an __init__.py",
        why="The layers are the structure this kata teaches; the README says what goes in each.",
    )


@pytest.mark.task(1, points=4)
def test_the_domain_imports_no_framework(graph, kit):
    expect(
        graph.has_package("inkwell.domain"),
        did="Looked for the domain layer",
        saw="no inkwell/domain package, so no domain to check",
        expected="inkwell/domain/__init__.py, with the entities, errors and ports",
    )
    chains = graph.chains("inkwell.domain", FRAMEWORKS)
    expect(
        not chains,
        did="Followed every import of inkwell.domain, through the other modules of inkwell",
        saw=kit.layering.describe(chains, FRAMEWORKS),
        expected="no chain that reaches sqlalchemy, fastapi, starlette or pydantic",
        why="The domain holds the rules; if it needs a framework to import, it cannot be "
        "tested or reused without one. Move the import outward, or depend on a port instead.",
    )


@pytest.mark.task(2, points=4)
def test_register_user_stores_a_normalised_email_and_commits(use_cases, uow):
    user = use_cases.register(uow, "  Ada@Example.COM ")
    stored = [u.email for u in uow.users.stored.values()]
    expect(
        getattr(user, "email", None) == "ada@example.com" and stored == ["ada@example.com"] and uow.commits == 1,
        did="Ran register_user(uow, RegisterUserInput(email='  Ada@Example.COM ', ...)) on in-memory fakes",
        saw=f"returned email {getattr(user, 'email', None)!r}, stored {stored}, {uow.commits} commit(s)",
        expected="'ada@example.com' returned and stored, and exactly 1 commit",
        why="The use case owns the rule (normalise, then store) and the transaction (commit once).",
    )


@pytest.mark.task(2, points=4)
def test_publish_post_publishes_the_authors_draft(use_cases, uow, kit):
    author = use_cases.register(uow, "ada@example.com")
    draft = use_cases.draft(uow, author.id, "Hello World", "A body long enough to be published.")
    commits = uow.commits
    post = use_cases.publish(uow, draft.id, author.id)
    stored = uow.posts.stored.get(draft.id)
    expect(
        kit.fakes.status_of(stored) == "published" and stored.published_at is not None and uow.commits == commits + 1,
        did="Registered Ada, had her create a draft, then ran publish_post for it as Ada, on fakes",
        saw=f"stored status {kit.fakes.status_of(stored)!r}, published_at {getattr(stored, 'published_at', None)!r}, "
        f"{uow.commits - commits} commit(s) by publish_post",
        expected="stored status 'published', a published_at, and 1 commit",
        why="uow.posts.get() hands out a copy: publish_post must save() the changed post and commit.",
    )
    expect_equal(kit.fakes.status_of(post), "published", did="Looked at the post publish_post returned")


@pytest.mark.task(3, points=5)
def test_a_member_registers_drafts_and_publishes_over_http(client):
    user = client.post("/users", json={"email": "Ada@Example.com", "display_name": "Ada"})
    expect(
        user.status_code == 201 and user.json().get("email") == "ada@example.com" and user.json().get("token"),
        did="POST /users with {'email': 'Ada@Example.com', 'display_name': 'Ada'}",
        saw=f"{user.status_code} {user.text[:300]}",
        expected="201 with the normalised email and a token",
    )
    auth = {"Authorization": f"Bearer {user.json()['token']}"}
    draft = client.post("/posts", json={"title": "Hello World", "body": "A body long enough to publish."}, headers=auth)
    published = client.post(f"/posts/{draft.json().get('id')}/publish", headers=auth)
    expect(
        draft.status_code == 201
        and draft.json().get("slug") == "hello-world"
        and published.status_code == 200
        and published.json().get("status") == "published",
        did="POST /posts as Ada with title 'Hello World', then POST /posts/{id}/publish",
        saw=f"{draft.status_code} {draft.text[:200]}; then {published.status_code} {published.text[:200]}",
        expected="201 with slug 'hello-world', then 200 with status 'published'",
        why="A refactoring changes the structure, never what the API answers.",
    )


@pytest.mark.task(4, points=5)
def test_no_handler_receives_a_session(app, package_dir, kit):
    """No handler receives a SQLAlchemy Session"""
    found = kit.controllers.session_report(app, package_dir.parent)
    expect(
        not found,
        did="Walked every route of create_app() and the dependencies each one uses",
        saw="\n    ".join(found),
        expected="no handler and no dependency of one takes a Session: they take a unit of work",
        why="A handler with a session in hand will sooner or later query and decide; give it a "
        "unit of work from a dependency and let a use case do the work.",
    )


@pytest.mark.task(5, points=5)
def test_user_and_post_are_not_orm_mapped(app):
    """User and Post are not ORM-mapped"""
    from sqlalchemy import inspect

    model = learner("inkwell.domain.model")
    mapped = [name for name in ("User", "Post") if inspect(getattr(model, name), raiseerr=False) is not None]
    expect(
        not mapped,
        did="Built the app with create_app(), then asked SQLAlchemy whether inkwell.domain.model's "
        "User and Post are mapped",
        saw=f"mapped: {', '.join(mapped)}",
        expected="neither mapped, declaratively or with registry.map_imperatively",
        why="A mapped entity lazy-loads and flushes behind the domain's back; the infrastructure "
        "should copy rows into plain entities instead.",
    )
