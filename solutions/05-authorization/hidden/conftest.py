"""Fixtures of the hidden suite: one app per test module, its cast of users, posts on demand."""

from __future__ import annotations

import itertools
from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from checker.testkit import learner

# Roles as the legacy directory stores them: the policy must read them case-insensitively.
CAST = {"author": "member", "member": "member", "editor": "Editor", "admin": "ADMIN"}
WHO = {
    "anonymous": "an anonymous caller (no token)",
    "author": "the author (a member)",
    "member": "another member",
    "editor": "an editor (role stored as 'Editor')",
    "admin": "an admin (role stored as 'ADMIN')",
}
MISSING_ID = 987654


class SetupFailed(AssertionError):
    """The suite could not build its scene through the contract; the message says which call."""


class World:
    """An app with one user per role, and helpers to make posts in a given status."""

    WHO = WHO
    MISSING_ID = MISSING_ID

    def __init__(self) -> None:
        self.app = learner("inkwell.app").create_app("sqlite://")
        self.client = TestClient(self.app)
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
        self.ids[name] = self._call(
            f"accounts.register_user({email!r}, {name.title()!r}, role={role!r})",
            self.accounts.register_user,
            email,
            name.title(),
            role,
        )
        self.tokens[name] = self._call(
            f"accounts.issue_token({self.ids[name]})", self.accounts.issue_token, self.ids[name]
        )
        self.actors[name] = self._call("accounts.authenticate(token)", self.accounts.authenticate, self.tokens[name])

    def headers(self, who: str) -> dict[str, str]:
        return {} if who == "anonymous" else {"Authorization": f"Bearer {self.tokens[who]}"}

    def make_post(self, status: str, owner: str = "author", title: str | None = None) -> int:
        """A fresh post in `status`, created and moved through the use cases by allowed actors."""
        title = title or f"Post number {next(self._serial)}"
        owner_actor = self.actors[owner]
        post = self._call(
            f"posts.create_post(<{owner}>, title={title!r}, body=...)",
            self.posts.create_post,
            owner_actor,
            title=title,
            body=f"The body of {title}.",
        )
        if status in ("published", "archived"):
            self._call(f"posts.publish_post(<{owner}>, <its draft>)", self.posts.publish_post, owner_actor, post.id)
        if status == "archived":
            self._call(
                "posts.archive_post(<admin>, <a published post>)",
                self.posts.archive_post,
                self.actors["admin"],
                post.id,
            )
        return post.id

    def snapshot(self, post_id: int, owner: str = "author") -> tuple[str, str, str, int] | None:
        """The post as its author reads it through the use case, or None when it is gone."""
        try:
            post = self.posts.read_post(self.actors[owner], post_id)
        except self.errors.NotFound:
            return None
        return (post.title, post.body, str(getattr(post.status, "value", post.status)), post.author_id)

    @staticmethod
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
