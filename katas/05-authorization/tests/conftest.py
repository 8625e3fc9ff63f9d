"""Fixtures of the public tests: an app, one user per role, and posts made on demand."""

from __future__ import annotations

import itertools
from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from checker.testkit import learner

# Roles as the legacy directory stores them ("Editor", "ADMIN"): read them case-insensitively.
CAST = {"author": "member", "member": "member", "editor": "Editor", "admin": "ADMIN"}


class World:
    def __init__(self) -> None:
        self.app = learner("inkwell.app").create_app("sqlite://")
        self.client = TestClient(self.app)
        self.accounts, self.posts = self.app.state.accounts, self.app.state.posts
        self.ids, self.tokens, self.actors = {}, {}, {"anonymous": None}
        self._serial = itertools.count(1)
        for name, role in CAST.items():
            self.ids[name] = self.accounts.register_user(f"{name}@inkwell.test", name.title(), role)
            self.tokens[name] = self.accounts.issue_token(self.ids[name])
            self.actors[name] = self.accounts.authenticate(self.tokens[name])

    def headers(self, who: str) -> dict[str, str]:
        return {} if who == "anonymous" else {"Authorization": f"Bearer {self.tokens[who]}"}

    def make_post(self, status: str, owner: str = "author") -> int:
        """A fresh post in `status`, moved there through the use cases by allowed actors."""
        title = f"Public test post {next(self._serial)}"
        post = self.posts.create_post(self.actors[owner], title=title, body="Body.")
        if status != "draft":
            self.posts.publish_post(self.actors[owner], post.id)
        if status == "archived":
            self.posts.archive_post(self.actors["admin"], post.id)
        return post.id

    def status_of(self, post_id: int) -> str:
        post = self.posts.read_post(self.actors["author"], post_id)
        return str(getattr(post.status, "value", post.status))


@pytest.fixture(scope="module")
def world() -> Iterator[World]:
    scene = World()
    # One client session per module: requests share one event loop instead of starting one each.
    with scene.client:
        yield scene
