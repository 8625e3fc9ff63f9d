"""In-memory fakes of the ports: the checker drives your use cases with fakes of this shape.

They offer exactly the methods of the contract. A use case that reaches for anything else (a
session, a query method of its own) fails with a message that names what it reached for.
"""

from __future__ import annotations

import copy
import itertools
from typing import Any

from checker.testkit import expect_equal, fault


class _Port:
    """Turns a call to a method the contract does not declare into a sentence for the learner."""

    port = ""
    attribute = ""
    methods: tuple[str, ...] = ()

    def __getattr__(self, name: str) -> Any:
        if not name.startswith("__"):
            beyond_the_port(
                f"uow.{self.attribute}.{name}",
                did=f"Your use case used uow.{self.attribute}.{name}, which the {self.port} port of the contract "
                "does not declare",
                expected=f"only {', '.join(self.methods)}",
                why="The checker runs use cases against fakes of the ports in the README; a method the "
                "port does not declare ties the use case to one adapter.",
            )
        return object.__getattribute__(self, name)  # the usual AttributeError


class FakeUsers(_Port):
    port, attribute, methods = "UserRepository", "users", ("add", "get", "get_by_email")

    def __init__(self) -> None:
        self.stored: dict[int, Any] = {}
        self._ids = itertools.count(1)

    def add(self, user: Any) -> Any:
        user.id = next(self._ids)
        self.stored[user.id] = copy.copy(user)
        return user

    def get(self, user_id: int) -> Any:
        found = self.stored.get(user_id)
        return copy.copy(found) if found is not None else None

    def get_by_email(self, email: str) -> Any:
        found = next((u for u in self.stored.values() if u.email == email), None)
        return copy.copy(found) if found is not None else None


class FakePosts(_Port):
    port, attribute, methods = "PostRepository", "posts", ("add", "get", "slug_taken", "save")

    def __init__(self) -> None:
        self.stored: dict[int, Any] = {}
        self._ids = itertools.count(1)

    def add(self, post: Any) -> Any:
        post.id = next(self._ids)
        self.stored[post.id] = copy.copy(post)
        return post

    def get(self, post_id: int) -> Any:
        found = self.stored.get(post_id)
        return copy.copy(found) if found is not None else None

    def slug_taken(self, slug: str) -> bool:
        return any(p.slug == slug for p in self.stored.values())

    def save(self, post: Any) -> None:
        if post.id not in self.stored:
            beyond_the_port(
                f"uow.posts.save() of a post never added (id {post.id!r})",
                did=f"Your use case called uow.posts.save() on a post with id {post.id!r}, which was never added",
                expected="save() only for a post loaded with get() or stored with add()",
            )
        self.stored[post.id] = copy.copy(post)


class TokenStoreDown(Exception):
    """What the fake token store raises when a test has switched it off."""


class FakeTokens(_Port):
    port, attribute, methods = "TokenRepository", "tokens", ("issue", "user_id_for")

    def __init__(self) -> None:
        self.stored: dict[str, int] = {}
        self.down = False  # a test sets it to make issue() fail

    def issue(self, user_id: int) -> str:
        if self.down:
            fault(TokenStoreDown("the token store is unavailable"))
        token = f"token-{len(self.stored) + 1}"
        self.stored[token] = user_id
        return token

    def user_id_for(self, token: str) -> int | None:
        return self.stored.get(token)


class FakeUnitOfWork:
    """Counts commits, and like a database keeps only what was committed: leaving `with uow:`
    (or calling rollback()) puts every repository back as the last commit left it."""

    def __init__(self) -> None:
        self.users = FakeUsers()
        self.posts = FakePosts()
        self.tokens = FakeTokens()
        self.commits = 0
        self._committed = self._state()

    def __enter__(self) -> FakeUnitOfWork:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.rollback()

    def commit(self) -> None:
        self.commits += 1
        self._committed = self._state()

    def rollback(self) -> None:
        for repository, stored in zip((self.users, self.posts, self.tokens), self._committed, strict=True):
            repository.stored = dict(stored)

    def _state(self) -> tuple[dict[Any, Any], ...]:
        return dict(self.users.stored), dict(self.posts.stored), dict(self.tokens.stored)

    def __getattr__(self, name: str) -> Any:
        if not name.startswith("__"):
            beyond_the_port(
                f"uow.{name}",
                did=f"Your use case used uow.{name}, which the UnitOfWork port of the contract does not declare",
                expected="only users, posts, tokens, commit(), rollback() and `with uow:`",
                why="A use case that reaches past the port (for a session, say) cannot run without a database.",
            )
        return object.__getattribute__(self, name)  # the usual AttributeError


class UseCases:
    """Runs the contract's use cases: the function when it exists, else the class."""

    def __init__(self, module: Any, dto: Any) -> None:
        self.module, self.dto = module, dto

    def register(self, uow: Any, email: str, display_name: str = "Ada") -> Any:
        """The user register_user stored (see registration() for the user and the token)."""
        return self.registration(uow, email, display_name)[0]

    def registration(self, uow: Any, email: str, display_name: str = "Ada") -> tuple[Any, Any]:
        """(user, token): register_user may return a pair or an object with .user and .token."""
        command = self.dto.RegisterUserInput(email=email, display_name=display_name)
        return registration(self._run("register_user", "RegisterUser", uow, command))

    def draft(self, uow: Any, author_id: int, title: str, body: str) -> Any:
        command = self.dto.CreateDraftInput(author_id=author_id, title=title, body=body)
        return self._run("create_draft", "CreateDraft", uow, command)

    def publish(self, uow: Any, post_id: int, actor_id: int) -> Any:
        command = self.dto.PublishPostInput(post_id=post_id, actor_id=actor_id)
        return self._run("publish_post", "PublishPost", uow, command)

    def _run(self, function: str, cls: str, uow: Any, command: Any) -> Any:
        found = getattr(self.module, function, None)
        if callable(found) and not isinstance(found, type):
            return found(uow, command)
        use_case = getattr(self.module, cls, None)
        if not isinstance(use_case, type):
            missing(
                f"neither a function {function} nor a class {cls}",
                did=f"Looked for the use case {function} in inkwell.application.use_cases",
                expected=f"{function}(uow, command), or {cls}(uow).execute(command)",
            )
        return use_case(uow).execute(command)


def registration(result: Any) -> tuple[Any, Any]:
    """register_user's answer as (user, token), whichever of the two shapes it has."""
    pair = isinstance(result, tuple) and len(result) == 2
    if not pair and not (hasattr(result, "user") and hasattr(result, "token")):
        missing(
            f"{type(result).__module__}.{type(result).__qualname__}: {result!r}",
            did="Ran register_user and looked at what it returned",
            expected="the stored user and its new token, as (user, token) or an object with .user and .token",
            why="Registration stores the user and issues its first token in one unit of work, so the use case "
            "returns both.",
        )
    return (result[0], result[1]) if pair else (result.user, result.token)


def beyond_the_port(used: str, *, did: str, expected: str, why: str = "") -> None:
    """Fail the test: the use case used `used`, which the port does not offer. Reached only then, it
    is said as a value (what was used beyond the port, where nothing should be), so that the outside
    judge sees it as one more observation than the reference made."""
    expect_equal([used], [], did=did, saw=used, expected_text=expected, why=why)


def missing(saw: str, *, did: str, expected: str, why: str = "") -> None:
    """Fail the test: a name or shape of the contract is missing, `saw` says what was found instead.
    Reached only then, it is said as a value, as beyond_the_port is."""
    expect_equal(saw, expected, did=did, saw=saw, expected_text=expected, why=why)


def status_of(post: Any) -> str:
    """The status as text, whether the entity holds a str or a StrEnum."""
    status = getattr(post, "status", None)
    return str(getattr(status, "value", status))
