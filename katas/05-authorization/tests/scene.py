"""The scene both suites play: an app with one user per role, posts made on demand, the matrix.

Users and posts are made through the contract (app.state.accounts and app.state.posts), so the
scene is the same whatever design the submission chose behind it.
"""

from __future__ import annotations

import itertools
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from sqlalchemy import event
from sqlalchemy.engine import Engine

from checker.appclient import AppClient
from checker.testkit import fault, learner

# Roles as the legacy directory stores them: the policy must read them case-insensitively.
CAST = {"author": "member", "member": "member", "editor": "Editor", "admin": "ADMIN"}
WHO = {
    "anonymous": "an anonymous caller (no token)",
    "author": "the author (a member)",
    "member": "another member",
    "editor": "an editor (role stored as 'Editor')",
    "admin": "an admin (role stored as 'ADMIN')",
}
ACTORS = ("anonymous", "author", "member", "editor", "admin")
STATES = ("draft", "published", "archived")
MISSING_ID = 987654
NEW_TITLE = "Retitled by the caller"

MATRIX = {
    "read": {
        "anonymous": (404, 200, 404),
        "author": (200, 200, 200),
        "member": (404, 200, 404),
        "editor": (200, 200, 200),
        "admin": (200, 200, 200),
    },
    "edit": {
        "anonymous": (401, 401, 401),
        "author": (200, 200, 403),
        "member": (404, 403, 404),
        "editor": (200, 200, 403),
        "admin": (200, 200, 200),
    },
    "delete": {
        "anonymous": (401, 401, 401),
        "author": (204, 403, 403),
        "member": (404, 403, 404),
        "editor": (403, 403, 403),
        "admin": (204, 204, 204),
    },
    "publish": {
        "anonymous": (401, 401, 401),
        "author": (200, 409, 409),
        "member": (404, 403, 404),
        "editor": (200, 409, 409),
        "admin": (200, 409, 409),
    },
    "archive": {
        "anonymous": (401, 401, 401),
        "author": (403, 403, 403),
        "member": (404, 403, 404),
        "editor": (409, 200, 409),
        "admin": (409, 200, 409),
    },
}
ROUTE = {
    "read": "GET /posts/{id}",
    "edit": "PATCH /posts/{id}",
    "delete": "DELETE /posts/{id}",
    "publish": "POST /posts/{id}/publish",
    "archive": "POST /posts/{id}/archive",
}


class SetupFailed(AssertionError):
    """The suite could not build its scene through the contract; the message says which call."""


class World:
    """An app with one user per role, and helpers to make posts in a given status."""

    def __init__(self) -> None:
        # The contract's default URL is an in-memory database: build the app as a script would.
        self.app = learner("inkwell.app").create_app()
        self.client = AppClient(self.app)
        self.accounts = self.app.state.accounts
        self.posts = self.app.state.posts
        self.errors = learner("inkwell.application.errors")
        self.ids: dict[str, int] = {}
        self.tokens: dict[str, str] = {}
        self.actors: dict[str, object] = {"anonymous": None}
        self._serial = itertools.count(1)
        for name, role in CAST.items():
            self.add_user(name, role)

    def add_user(self, name: str, role: str = "member") -> None:
        email = f"{name}@inkwell.test"
        self.ids[name] = _call(
            f"accounts.register_user({email!r}, {name.title()!r}, role={role!r})",
            self.accounts.register_user,
            email,
            name.title(),
            role,
        )
        self.tokens[name] = _call(f"accounts.issue_token({self.ids[name]})", self.accounts.issue_token, self.ids[name])
        self.actors[name] = _call("accounts.authenticate(token)", self.accounts.authenticate, self.tokens[name])

    def headers(self, who: str) -> dict[str, str]:
        return {} if who == "anonymous" else {"Authorization": f"Bearer {self.tokens[who]}"}

    def make_post(self, status: str, owner: str = "author", title: str | None = None, body: str | None = None) -> int:
        """A fresh post in `status`, created and moved through the use cases by allowed actors."""
        title = title or f"Post number {next(self._serial)}"
        actor = self.actors[owner]
        post = _call(
            f"posts.create_post(<{owner}>, title={title!r}, body=...)",
            self.posts.create_post,
            actor,
            title=title,
            body=body or f"The body of {title}.",
        )
        if status in ("published", "archived"):
            _call(f"posts.publish_post(<{owner}>, <its draft>)", self.posts.publish_post, actor, post.id)
        if status == "archived":
            _call(
                "posts.archive_post(<admin>, <a published post>)",
                self.posts.archive_post,
                self.actors["admin"],
                post.id,
            )
        return int(post.id)

    def snapshot(self, post_id: int) -> tuple[str, str, str, int] | None:
        """The post as an admin reads it through the use case, or None when it is gone."""
        try:
            post = self.posts.read_post(self.actors["admin"], post_id)
        except self.errors.NotFound:
            return None
        return (post.title, post.body, str(getattr(post.status, "value", post.status)), post.author_id)

    def send(self, action: str, actor: str, post_id: int):  # type: ignore[no-untyped-def]
        headers, path = self.headers(actor), f"/posts/{post_id}"
        if action == "read":
            return self.client.get(path, headers=headers)
        if action == "edit":
            return self.client.patch(path, json={"title": NEW_TITLE}, headers=headers)
        if action == "delete":
            return self.client.delete(path, headers=headers)
        return self.client.post(f"{path}/{action}", headers=headers)


def after_success(action: str, before: tuple[str, str, str, int] | None) -> tuple[str, str, str, int] | None:
    """What a post must look like after a successful `action`."""
    if before is None or action == "read":
        return before
    title, body, status, author = before
    return {
        "edit": (NEW_TITLE, body, status, author),
        "delete": None,
        "publish": (title, body, "published", author),
        "archive": (title, body, "archived", author),
    }[action]


def problem_fault(response, code: int) -> str | None:  # type: ignore[no-untyped-def]
    """What keeps `response` from being an RFC 9457 problem with this status, or None: the first
    way its problem_shape differs from problem_owed(code), in a sentence."""
    shape, owed = problem_shape(response), problem_owed(code)
    if shape == owed:
        return None
    status, kind, body_status, filled, _ = shape
    if status != code:
        return f"answered {status}, not {code}"
    if kind != owed[1]:
        return f"content-type {kind!r}, not application/problem+json: {response.text[:100]}"
    if filled != owed[3] or body_status != code:
        empty = sorted(set(owed[3]) - set(filled))
        return f"body {response.text[:120]} (empty or missing: {empty or 'none'}; status {body_status!r})"
    return "a 401 without the header WWW-Authenticate: Bearer"


def problem_shape(response) -> tuple[int, str, object, list[str], str]:  # type: ignore[no-untyped-def]
    """What a problem response is made of, in terms every right app gives alike: its status, its
    media type, the body's status, which of type, title and detail it fills, and the scheme a 401
    challenges for. A check compares it with problem_owed(code)."""
    kind = response.headers.get("content-type", "").split(";")[0].strip()
    try:
        body = response.json()
    except ValueError:
        body = None
    body = body if isinstance(body, dict) else {}
    filled = sorted(k for k in ("type", "title", "detail") if isinstance(body.get(k), str) and body[k])
    scheme = response.headers.get("www-authenticate", "").split(" ")[0] if response.status_code == 401 else ""
    return response.status_code, kind, body.get("status"), filled, scheme


def problem_owed(code: int) -> tuple[int, str, int, list[str], str]:
    """The shape of the problem response `code` must be (see problem_shape)."""
    return code, "application/problem+json", code, ["detail", "title", "type"], "Bearer" if code == 401 else ""


def describe(snapshot: tuple[str, str, str, int] | None) -> str:
    return "gone" if snapshot is None else f"title {snapshot[0]!r}, status {snapshot[2]!r}"


def first(wrong: list[str], n: int = 4) -> str:
    more = f"; and {len(wrong) - n} more" if len(wrong) > n else ""
    return "; ".join(wrong[:n]) + more


@contextmanager
def rival_insert(table: str) -> Iterator[list[str]]:
    """Inside the block, the first INSERT into `table` meets a rival: the same row, inserted
    just before it on the same connection, as a second sign-up committing at that moment would."""
    seen: list[str] = []

    def before(conn, cursor, statement, parameters, context, executemany):  # type: ignore[no-untyped-def]
        if not seen and statement.lstrip().upper().startswith(f"INSERT INTO {table.upper()}"):
            seen.append(statement)
            cursor.execute(statement, parameters)

    event.listen(Engine, "before_cursor_execute", before)
    try:
        yield seen
    finally:
        event.remove(Engine, "before_cursor_execute", before)


@contextmanager
def failing_insert(table: str, message: str) -> Iterator[None]:
    """Inside the block, every INSERT into `table` fails in the database with an integrity error."""

    def before(conn, cursor, statement, parameters, context, executemany):  # type: ignore[no-untyped-def]
        if statement.lstrip().upper().startswith(f"INSERT INTO {table.upper()}"):
            fault(sqlite3.IntegrityError(message))

    event.listen(Engine, "before_cursor_execute", before)
    try:
        yield
    finally:
        event.remove(Engine, "before_cursor_execute", before)


def _call(described: str, function, *args, **kwargs):  # type: ignore[no-untyped-def]
    try:
        return function(*args, **kwargs)
    except Exception as error:  # noqa: BLE001 - any failure here is reported to the learner
        raise SetupFailed(
            f"Setting up the scene, the suite called {described}\n"
            f"  saw:      {type(error).__name__}: {error}\n"
            "  expected: it to succeed, as the README's contract and matrix say\n"
            "The suite builds its users (roles stored as 'member', 'Editor' and 'ADMIN') and its posts "
            "through app.state.accounts and app.state.posts."
        ) from None


@pytest.fixture(scope="module")
def world() -> Iterator[World]:
    scene = World()
    # One client session per module: requests share one event loop instead of starting one each.
    with scene.client:
        yield scene
