"""Fixtures of both suites: the contract's modules, in-memory fakes of the ports, an app."""

from __future__ import annotations

from dataclasses import dataclass
from types import ModuleType, SimpleNamespace
from typing import Any

import pytest
from fastapi.testclient import TestClient

from checker.testkit import expect, learner


class _Missing:
    """Stands in for a class the submission lacks: nothing is an instance of it."""


@dataclass
class Kit:
    """The learner's contract modules, loaded once per test."""

    result: ModuleType
    errors: ModuleType
    model: ModuleType
    accounts: ModuleType
    posts: ModuleType

    @property
    def Ok(self) -> Any:  # noqa: N802 - named as the contract names it
        return getattr(self.result, "Ok", _Missing)

    @property
    def Err(self) -> Any:  # noqa: N802
        return getattr(self.result, "Err", _Missing)

    def missing(self) -> str:
        gone = [name for name in ("Ok", "Err") if not hasattr(self.result, name)]
        return f" (inkwell.result has no {' and no '.join(gone)} yet: write them first.)" if gone else ""


@pytest.fixture
def kit() -> Kit:
    return Kit(
        learner("inkwell.result"),
        learner("inkwell.domain.errors"),
        learner("inkwell.domain.model"),
        learner("inkwell.application.accounts"),
        learner("inkwell.application.posts"),
    )


class FakeUsers:
    def __init__(self, *users: Any) -> None:
        self.rows: dict[int, Any] = {}
        for user in users:
            self.add(user)

    def get(self, user_id: int) -> Any:
        return self.rows.get(user_id)

    def get_by_email(self, email: str) -> Any:
        return next((u for u in self.rows.values() if u.email == email), None)

    def add(self, user: Any) -> Any:
        user.id = user.id or len(self.rows) + 1
        self.rows[user.id] = user
        return user


class FakePosts:
    def __init__(self, *posts: Any) -> None:
        self.rows: dict[int, Any] = {}
        self.saved: list[Any] = []
        for post in posts:
            self.add(post)

    def get(self, post_id: int) -> Any:
        return self.rows.get(post_id)

    def slug_taken(self, slug: str) -> bool:
        return any(p.slug == slug for p in self.rows.values())

    def add(self, post: Any) -> Any:
        post.id = post.id or len(self.rows) + 1
        self.rows[post.id] = post
        return post

    def save(self, post: Any) -> None:
        self.saved.append(post)


class FakeTags:
    def __init__(self, *tags: Any) -> None:
        self.rows = {tag.name: tag for tag in tags}

    def get_by_name(self, name: str) -> Any:
        return self.rows.get(name)


class FakeNotifier:
    def __init__(self, kit: Kit, *, failing: bool = False) -> None:
        self.kit, self.failing, self.sent = kit, failing, []

    def send_welcome(self, user: Any) -> Any:
        self.sent.append(user)
        if self.failing:
            return self.kit.Err(self.kit.errors.DeliveryFailed("The mail relay refused the message."))
        return self.kit.Ok(None) if self.kit.Ok is not _Missing else None


class Broken:
    """A port whose every method raises RuntimeError: a bug or an outage, not a business failure."""

    def __init__(self, what: str) -> None:
        self.error = RuntimeError(f"{what} is down (secret-dsn://inkwell:hunter2@db)")

    def __getattr__(self, name: str) -> Any:
        def fail(*args: Any, **kwargs: Any) -> Any:
            raise self.error

        return fail


@pytest.fixture
def world(kit: Kit) -> SimpleNamespace:
    """Ada (id 1) and Bob (id 2), the tags python and sql, Ada's draft (1) and published post (2)."""
    model = kit.model
    users = FakeUsers(
        model.User(email="ada@example.com", display_name="Ada"),
        model.User(email="bob@example.com", display_name="Bob"),
    )
    tags = FakeTags(model.Tag(name="python", id=1), model.Tag(name="sql", id=2))
    posts = FakePosts(
        model.Post(author_id=1, title="Draft", slug="draft", body="Words."),
        model.Post(author_id=1, title="Out", slug="out", body="Words.", status="published"),
    )
    return SimpleNamespace(users=users, tags=tags, posts=posts, notifier=FakeNotifier(kit))


@pytest.fixture
def fakes() -> SimpleNamespace:
    return SimpleNamespace(Users=FakeUsers, Posts=FakePosts, Tags=FakeTags, Notifier=FakeNotifier, Broken=Broken)


def call(action: Any) -> tuple[Any, BaseException | None]:
    """Run a use case, returning (result, None) or (None, the exception it raised)."""
    try:
        return action(), None
    except Exception as error:  # the suite reports it as a sentence
        return None, error


@pytest.fixture
def run() -> Any:
    return call


# --- HTTP ---------------------------------------------------------------------------------


def make_app() -> Any:
    return learner("inkwell.interface.app").create_app("sqlite://")


def deps() -> ModuleType:
    return learner("inkwell.interface.deps")


@pytest.fixture(scope="module")
def http() -> Any:
    """One app per module with Ada, Bob, their tokens, Ada's draft and Ada's published post."""
    with TestClient(make_app(), raise_server_exceptions=False) as client:
        ids = {}
        for name in ("ada", "bob"):
            made = client.post("/users", json={"email": f"{name}@example.com", "display_name": name})
            got = client.post("/tokens", json={"email": f"{name}@example.com"})
            expect(
                made.status_code == 201 and got.status_code == 201,
                did=f"Set up the HTTP checks: POST /users and POST /tokens for {name}@example.com",
                saw=f"{made.status_code} {made.text[:150]}; {got.status_code} {got.text[:150]}",
                expected="201 and 201: registration and tokens must keep working",
            )
            ids[name] = {"Authorization": f"Bearer {got.json()['token']}"}
        drafts = [
            client.post("/posts", json={"title": title, "body": "Words.", "tags": ["python"]}, headers=ids["ada"])
            for title in ("Ada's draft", "Ada's post")
        ]
        expect(
            all(d.status_code == 201 for d in drafts),
            did="Set up the HTTP checks: POST /posts twice as Ada",
            saw=" | ".join(f"{d.status_code} {d.text[:150]}" for d in drafts),
            expected="201 twice",
        )
        draft_id, post_id = (d.json()["id"] for d in drafts)
        client.post(f"/posts/{post_id}/publish", headers=ids["ada"])
        yield SimpleNamespace(client=client, ada=ids["ada"], bob=ids["bob"], draft=draft_id, published=post_id)


@pytest.fixture
def broken_app(fakes: SimpleNamespace) -> Any:
    """A fresh app whose ports the test can break through dependency overrides."""
    app = make_app()
    with TestClient(app, raise_server_exceptions=False) as client:
        yield SimpleNamespace(app=app, client=client, deps=deps())


# --- Reading results ----------------------------------------------------------------------


_KEYS = ("id", "email", "name", "title", "slug", "status", "tags", "published_at")


def brief(value: Any) -> str:
    """A short repr: an entity by its telling fields, an Ok or Err with the entity inside."""
    name = type(value).__name__
    fields = getattr(value, "__dataclass_fields__", None)
    if fields and name in ("User", "Post", "Tag"):
        parts = [f"{key}={_plain(getattr(value, key))}" for key in _KEYS if key in fields]
        return f"{name}({', '.join(parts)}, ...)"
    if name in ("Ok", "Err"):
        inner = getattr(value, "value" if name == "Ok" else "error", None)
        return f"{name}({brief(inner)})"
    return repr(value)


def _plain(item: Any) -> str:
    if isinstance(item, list):
        return "[" + ", ".join(brief(i) for i in item) + "]"
    if isinstance(item, str):
        return repr(str(item))  # an enum of strings shows as its value
    if hasattr(item, "isoformat"):
        return item.isoformat(timespec="seconds")
    return repr(item)


def _shown(outcome: Any, raised: BaseException | None) -> str:
    if raised is not None:
        return f"it raised {type(raised).__name__}: {raised}"
    return f"it returned {brief(outcome)}"[:400]


def check_ok(kit: Kit, did: str, outcome: Any, raised: BaseException | None) -> Any:
    """Fail unless the outcome is an Ok; return its value."""
    expect(
        raised is None and isinstance(outcome, kit.Ok),
        did=did,
        saw=_shown(outcome, raised),
        expected="Ok(...) holding the value",
        why="A success is an Ok, so that the caller handles success and failure the same way." + kit.missing(),
    )
    return outcome.value


def check_err(kit: Kit, did: str, outcome: Any, raised: BaseException | None, kind: str, field: str = "") -> Any:
    """Fail unless the outcome is an Err holding the domain error `kind` (naming `field`)."""
    wanted = getattr(kit.errors, kind)
    error = getattr(outcome, "error", None)
    good = raised is None and isinstance(outcome, kit.Err) and isinstance(error, wanted)
    fields = dict(getattr(error, "fields", None) or {}) if good else {}
    expected = f"Err({kind}(...))" + (f" whose fields name {field!r}" if field else "")
    expect(
        good and (not field or field in fields),
        did=did,
        saw=_shown(outcome, raised),
        expected=expected,
        why=f"The README declares this failure as {kind}: an expected failure is a typed value, "
        "so the caller sees it in the signature and the edge maps it to one status." + kit.missing(),
    )
    return error


@pytest.fixture(name="brief")
def brief_fixture() -> Any:
    return brief


@pytest.fixture
def ok(kit: Kit) -> Any:
    return lambda did, outcome, raised: check_ok(kit, did, outcome, raised)


@pytest.fixture
def err(kit: Kit) -> Any:
    return lambda did, outcome, raised, kind, field="": check_err(kit, did, outcome, raised, kind, field)
