"""Fixtures of both suites: the contract's modules, in-memory fakes of the ports, an app, faults.

Faults in the database are injected where they happen in production: on the engine, under the
submission's own SQL adapters (`database_fails`), not by swapping a port for a stub.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from types import ModuleType, SimpleNamespace
from typing import Any

import pytest
from sqlalchemy import event
from sqlalchemy.engine import Engine

from checker.appclient import AppClient
from checker.testkit import expect_equal, fault, learner, outcome

SECRET = "the store is down (secret-dsn://inkwell:hunter2@db01)"


class _Missing:
    """Stands in for a class the submission lacks: nothing is an instance of it."""


@dataclass
class Kit:
    """The learner's contract modules, loaded once per test."""

    result: ModuleType
    errors: ModuleType
    model: ModuleType
    rules: ModuleType
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
        learner("inkwell.domain.rules"),
        learner("inkwell.application.accounts"),
        learner("inkwell.application.posts"),
    )


# --- Fakes of the ports: exactly the methods the README's ports declare ------------------------


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


class FakeTokens:
    def __init__(self) -> None:
        self.rows: dict[str, int] = {}

    def issue(self, user_id: int) -> str:
        token = f"token-{len(self.rows) + 1}-for-{user_id}"
        self.rows[token] = user_id
        return token

    def user_id_for(self, token: str) -> int | None:
        return self.rows.get(token)


class FakeUnitOfWork:
    """Records each commit with what the repositories held at that moment."""

    def __init__(self, users: Any, posts: Any, tags: Any, tokens: Any | None = None) -> None:
        self.users, self.posts, self.tags, self.tokens = users, posts, tags, tokens or FakeTokens()
        self.commits: list[dict[str, Any]] = []

    def __enter__(self) -> FakeUnitOfWork:
        return self

    def __exit__(self, *exc: Any) -> None:
        return None

    def commit(self) -> None:
        self.commits.append(
            {
                "users": [getattr(u, "email", None) for u in getattr(self.users, "rows", {}).values()],
                "saved": [(p.id, str(p.status)) for p in getattr(self.posts, "saved", [])],
                "posts": sorted(getattr(self.posts, "rows", {})),
                "tokens": dict(getattr(self.tokens, "rows", {})),
            }
        )

    def rollback(self) -> None:
        return None


class FakeNotifier:
    def __init__(self, kit: Kit, *, failing: bool = False) -> None:
        self.kit, self.failing, self.sent = kit, failing, []

    def send_welcome(self, user: Any) -> Any:
        self.sent.append(user)
        if self.failing:
            return self.kit.Err(self.kit.errors.DeliveryFailed("The mail relay refused the message."))
        return self.kit.Ok(None) if self.kit.Ok is not _Missing else None


class Broken:
    """A port whose every method raises RuntimeError: a bug, not a business failure."""

    def __init__(self, what: str) -> None:
        self.error = RuntimeError(f"{what}: {SECRET}")

    def __getattr__(self, name: str) -> Any:
        def fail(*args: Any, **kwargs: Any) -> Any:
            fault(self.error)

        return fail


@pytest.fixture
def world(kit: Kit) -> SimpleNamespace:
    """Ada (1) and Bob (2); tags python and sql; Ada's draft (1), published (2) and archived (3) posts."""
    model = kit.model
    users = FakeUsers(
        model.User(email="ada@example.com", display_name="Ada"),
        model.User(email="bob@example.com", display_name="Bob"),
    )
    tags = FakeTags(model.Tag(name="python", id=1), model.Tag(name="sql", id=2))
    posts = FakePosts(
        model.Post(author_id=1, title="Draft", slug="draft", body="Words."),
        model.Post(author_id=1, title="Out", slug="out", body="Words.", status=model.PostStatus.PUBLISHED),
        model.Post(author_id=1, title="Old", slug="old", body="Words.", status=model.PostStatus.ARCHIVED),
    )
    uow = FakeUnitOfWork(users, posts, tags)
    return SimpleNamespace(users=users, tags=tags, posts=posts, uow=uow, notifier=FakeNotifier(kit))


@pytest.fixture
def fakes() -> SimpleNamespace:
    return SimpleNamespace(
        Users=FakeUsers, Posts=FakePosts, Tags=FakeTags, Uow=FakeUnitOfWork, Notifier=FakeNotifier, Broken=Broken
    )


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


def make_app(*url: str) -> Any:
    """The learner's app; without an argument, create_app's own default (an in-memory database)."""
    return learner("inkwell.app").create_app(*url)


def deps() -> ModuleType:
    return learner("inkwell.interface.deps")


def _sign_up(client: AppClient, name: str) -> dict[str, str]:
    made = client.post("/users", json={"email": f"{name}@example.com", "display_name": name.title()})
    got = client.post("/tokens", json={"email": f"{name}@example.com"})
    body = made.json() if made.status_code == 201 else {}
    made_id = body.get("id")
    expect_equal(
        (made.status_code, got.status_code, isinstance(made_id, int) and made_id > 0, body.get("role")),
        (201, 201, True, "member"),
        did=f"Set up the HTTP checks: POST /users and POST /tokens for {name}@example.com",
        saw=f"{made.status_code} {made.text[:150]}; {got.status_code} {got.text[:150]}",
        expected_text="201 with the new user's id and role 'member', and 201 with a token",
    )
    return {"Authorization": f"Bearer {got.json().get('token')}"}


@pytest.fixture(scope="module")
def http() -> Any:
    """One app per module with Ada, Bob, their tokens, Ada's draft and Ada's published post."""
    with AppClient(make_app("sqlite://"), raise_server_exceptions=False) as client:
        ids = {name: _sign_up(client, name) for name in ("ada", "bob")}
        drafts = [
            client.post("/posts", json={"title": title, "body": "Words.", "tags": ["python"]}, headers=ids["ada"])
            for title in ("Ada's draft", "Ada's post")
        ]
        expect_equal(
            [d.status_code for d in drafts],
            [201, 201],
            did="Set up the HTTP checks: POST /posts twice as Ada",
            saw=" | ".join(f"{d.status_code} {d.text[:150]}" for d in drafts),
            expected_text="201 twice",
        )
        draft_id, post_id = (d.json()["id"] for d in drafts)
        client.post(f"/posts/{post_id}/publish", headers=ids["ada"])
        yield SimpleNamespace(
            app=client.app, client=client, ada=ids["ada"], bob=ids["bob"], draft=draft_id, published=post_id
        )


@pytest.fixture
def fresh() -> Any:
    """A fresh app with Ada signed up, for checks that change it or break its database."""
    app = make_app()
    with AppClient(app, raise_server_exceptions=False) as client:
        ada = _sign_up(client, "ada")
        yield SimpleNamespace(app=app, client=client, deps=deps(), ada=ada)


def echoed(client: AppClient, path: str, sent: str) -> str | None:
    """The X-Request-ID that GET `path` answers when the client sends `sent`.

    The id goes as bytes (httpx refuses to encode a non-ASCII header itself). The test client passes
    a header's text on as UTF-8, which the app reads as Latin-1 ("ê" arrives as "Ãª"); and it cannot
    read back a non-ASCII header the app sets (it re-encodes it as ASCII), which happens only when
    the app echoed such an id: that is `sent`, as far as the check is concerned."""
    answer = outcome(lambda: client.get(path, headers={"X-Request-ID": sent.encode("latin-1")}), UnicodeEncodeError)
    return sent if isinstance(answer, str) else answer.headers.get("x-request-id")


@contextmanager
def database_fails(on: str, *, bug: bool = False, driver: type[sqlite3.Error] | None = None) -> Iterator[None]:
    """Every SQL statement that contains `on` fails on the engine, under the real adapters.

    An outage raises the driver's OperationalError (SQLAlchemy wraps it as
    sqlalchemy.exc.OperationalError, as when the database is unreachable); a bug raises RuntimeError.
    `driver` raises another of the driver's errors instead (a ProgrammingError, say), which
    SQLAlchemy wraps as its own class of that name: a database error that is no outage.
    """

    def fail(conn: Any, cursor: Any, statement: str, parameters: Any, context: Any, executemany: bool) -> None:
        if on in " ".join(statement.lower().split()):
            if driver is not None:
                fault(driver(f"{driver.__name__} in the statement ({SECRET})"))
            fault(RuntimeError(SECRET) if bug else sqlite3.OperationalError(f"unable to open database file ({SECRET})"))

    event.listen(Engine, "before_cursor_execute", fail)
    try:
        yield
    finally:
        event.remove(Engine, "before_cursor_execute", fail)


@pytest.fixture(name="database_fails")
def database_fails_fixture() -> Any:
    return database_fails


# --- Reading results and responses ------------------------------------------------------------


_KEYS = ("id", "email", "display_name", "name", "title", "slug", "status", "tags", "published_at")


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


def shown(outcome: Any, raised: BaseException | None) -> str:
    if raised is not None:
        return f"it raised {type(raised).__name__}: {raised}"
    return f"it returned {brief(outcome)}"[:400]


def answer(response: Any, *keep: str) -> str:
    """A response for display: status, content type, and the body cut to 200 characters while
    keeping in full the members the message is about."""
    try:
        body = response.json()
    except ValueError:
        body = None
    text = response.text if len(response.text) <= 200 else response.text[:200] + "..."
    if isinstance(body, dict) and len(response.text) > 200:
        kept = {k: body[k] for k in keep if k in body}
        text = f"{kept} (of {sorted(body)})" if kept else text
    return f"{response.status_code} {response.headers.get('content-type')} {text}"


def result_shape(kit: Kit, outcome: Any, raised: BaseException | None) -> str:
    """What a use case answered, as a value every right submission gives alike: "Ok", "Err(<its
    error's type>)", "raised <type>", or "returned <type>"."""
    if raised is not None:
        return f"raised {type(raised).__name__}"
    if isinstance(outcome, kit.Ok):
        return "Ok"
    if isinstance(outcome, kit.Err):
        return f"Err({type(getattr(outcome, 'error', None)).__name__})"
    return f"returned {type(outcome).__name__}"


def what_escaped(broken: Broken, outcome: Any, raised: BaseException | None) -> str:
    """Whether a broken port's own error came out of the use case: "the port's own RuntimeError", or
    what came instead."""
    if raised is broken.error:
        return "the port's own RuntimeError"
    return f"raised {type(raised).__name__}" if raised is not None else f"returned {type(outcome).__name__}"


def server_side(response: Any) -> Any:
    """ "5xx" for any server error (500 and 503 are both right where the database fails), else the status."""
    return "5xx" if response.status_code >= 500 else response.status_code


def check_ok(kit: Kit, did: str, outcome: Any, raised: BaseException | None) -> Any:
    """Fail unless the outcome is an Ok; return its value."""
    if raised is not None:
        why = "A success is an Ok; raising here means a caller must guess which exceptions to catch."
    elif isinstance(outcome, kit.Err):
        why = "This input is valid and the README promises a success: an Ok, not an Err."
    else:
        why = "A success is an Ok, so that the caller handles success and failure the same way."
    expect_equal(
        result_shape(kit, outcome, raised),
        "Ok",
        did=did,
        saw=shown(outcome, raised),
        expected_text="Ok(...) holding the value",
        why=why + kit.missing(),
    )
    return outcome.value


def check_err(kit: Kit, did: str, outcome: Any, raised: BaseException | None, kind: str, field: str = "") -> Any:
    """Fail unless the outcome is an Err holding the domain error `kind` (naming `field`)."""
    wanted = getattr(kit.errors, kind, _Missing)
    error = getattr(outcome, "error", None)
    is_err = raised is None and isinstance(outcome, kit.Err)
    good = is_err and isinstance(error, wanted)
    fields = dict(getattr(error, "fields", None) or {}) if good else {}
    expected = f"Err({kind}(...))" + (f" whose fields name {field!r}" if field else "")
    if raised is not None:
        why = f"An expected failure is returned, not raised: the README declares it as Err({kind})."
    elif isinstance(outcome, kit.Ok):
        why = f"This input breaks a rule of the README: it must be refused with Err({kind}), not accepted."
    elif is_err and not good:
        why = f"The README declares this failure as {kind}; the edge maps each type to its own status."
    elif good:
        why = f"Name the offending input in `fields`, so that a client can point at {field!r}."
    else:
        why = f"An expected failure is a typed value, Err({kind}), that the caller sees in the signature."
    # A subclass of `kind` is the kind (isinstance), and `fields` may name more than `field`.
    seen = f"Err({kind})" if good else result_shape(kit, outcome, raised)
    expect_equal(
        seen + (f" naming {field!r}" if good and field and field in fields else ""),
        f"Err({kind})" + (f" naming {field!r}" if field else ""),
        did=did,
        saw=shown(outcome, raised),
        expected_text=expected,
        why=why + kit.missing(),
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


# --- Problem bodies ------------------------------------------------------------------------------

PROBLEM_JSON = "application/problem+json"
PATH = "<the request's path>"


def problem_faults(response: Any, status: int, path: str, fields: tuple[str, ...] = ()) -> list[str]:
    """What is wrong with a response that should be a problem body; empty when it is right."""
    faults = []
    if response.status_code != status:
        faults.append(f"status {response.status_code}, expected {status}")
    kind = response.headers.get("content-type", "")
    if not kind.startswith(PROBLEM_JSON):
        faults.append(f"content type {kind!r}, expected {PROBLEM_JSON!r}")
    try:
        body = response.json()
    except ValueError:
        return [*faults, f"a body that is not JSON: {response.text[:120]!r}"]
    if not isinstance(body, dict):
        return [*faults, f"a body that is not a JSON object: {body!r}"[:200]]
    for member in ("type", "title", "detail"):
        if not isinstance(body.get(member), str) or not body.get(member):
            faults.append(f"member {member!r} is {body.get(member, 'missing')!r}, expected a non-empty string")
    if body.get("status") != response.status_code:
        faults.append(f"member 'status' is {body.get('status', 'missing')!r}, the response's is {response.status_code}")
    if body.get("instance") != path:
        faults.append(f"member 'instance' is {body.get('instance', 'missing')!r}, expected {path!r}")
    if fields:
        errors = body.get("errors")
        named = {e.get("field") for e in errors if isinstance(e, dict)} if isinstance(errors, list) else set()
        blank = (
            [
                e
                for e in errors
                if not (isinstance(e, dict) and isinstance(e.get("detail"), str) and e["detail"].strip())
            ]
            if isinstance(errors, list)
            else []
        )
        if blank:
            faults.append(f"member 'errors' holds {blank!r}"[:200] + ", expected a non-empty detail in each entry")
        if not set(fields) <= named:
            faults.append(
                f"member 'errors' is {errors!r}, expected a list of {{'field', 'detail'}} naming {list(fields)}"
            )
    return faults


def problem_shape(response: Any, path: str, fields: tuple[str, ...] = ()) -> tuple[Any, ...]:
    """A response as the parts problem_faults judges, in terms every right app gives alike; equal to
    problem_owed(status, fields) exactly when problem_faults finds nothing."""
    kind = response.headers.get("content-type", "")
    try:
        body = response.json()
    except ValueError:
        body = None
    body = body if isinstance(body, dict) else {}
    filled = sorted(m for m in ("type", "title", "detail") if isinstance(body.get(m), str) and body.get(m))
    shape: tuple[Any, ...] = (
        response.status_code,
        PROBLEM_JSON if kind.startswith(PROBLEM_JSON) else kind,
        body.get("status"),
        filled,
        PATH if body.get("instance") == path else body.get("instance"),  # the path may hold the app's own ids
    )
    if not fields:
        return shape
    errors = body.get("errors")
    entries = errors if isinstance(errors, list) else []
    named = {e.get("field") for e in entries if isinstance(e, dict)}
    blank = [
        e for e in entries if not (isinstance(e, dict) and isinstance(e.get("detail"), str) and e["detail"].strip())
    ]
    return (*shape, sorted(f for f in fields if f in named), len(blank))


def problem_owed(status: int, fields: tuple[str, ...] = ()) -> tuple[Any, ...]:
    """The shape (see problem_shape) of a right problem response."""
    shape: tuple[Any, ...] = (status, PROBLEM_JSON, status, ["detail", "title", "type"], PATH)
    return (*shape, sorted(fields), 0) if fields else shape


def check_problem(did: str, response: Any, status: int, path: str, fields: tuple[str, ...] = (), why: str = "") -> None:
    faults = problem_faults(response, status, path, fields)
    if not why:
        if response.status_code != status:
            why = f"The README's table maps this failure to {status}: the status tells a client what to do next."
        elif faults:
            why = "One error format for the whole API: a client parses one shape, whatever went wrong."
    expect_equal(
        problem_shape(response, path, fields),
        problem_owed(status, fields),
        did=did,
        saw=answer(response, "type", "title", "status", "instance", "errors") + "\n            " + "; ".join(faults),
        expected_text=f"{status} with an application/problem+json body: type, title, status, detail, instance"
        + (", errors naming " + ", ".join(fields) if fields else ""),
        why=why,
    )


# --- Reading the source (task 5) ----------------------------------------------------------------


def package_modules() -> list[tuple[str, Any]]:
    """(path shown to the learner, parsed tree) for every module of the submitted package."""
    import ast
    from pathlib import Path

    package = Path(learner("inkwell").__file__).resolve().parent
    return [
        (path.relative_to(package.parent).as_posix(), ast.parse(path.read_text(encoding="utf-8")))
        for path in sorted(package.rglob("*.py"))
        if "__pycache__" not in path.parts
    ]


def find_in_source(rule: Any) -> list[str]:
    import ast

    return [f"{name}:{node.lineno}" for name, tree in package_modules() for node in ast.walk(tree) if rule(node)]
