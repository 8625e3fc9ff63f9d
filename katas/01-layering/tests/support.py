"""Fixtures of both suites: the submission's folder, fakes of the ports, the real adapters, the app."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
from kata_tests import controllers, fakes, layering

from checker.appclient import AppClient
from checker.testkit import expect_equal, fault, learner


class Outage(Exception):
    """The fault the suites inject into the database: a statement that never reaches the disk."""


@pytest.fixture(scope="session")
def kit() -> SimpleNamespace:
    """The helper modules, for tests."""
    return SimpleNamespace(
        fakes=fakes, layering=layering, controllers=controllers, Outage=Outage, show=show, json_of=json_of
    )


@pytest.fixture(scope="session")
def package_dir() -> Path:
    package = learner("inkwell")
    if package.__file__:
        return Path(package.__file__).resolve().parent
    return Path(next(iter(package.__path__))).resolve()  # a folder without __init__.py


@pytest.fixture(scope="session")
def graph(package_dir):
    return layering.ImportGraph(package_dir)


@pytest.fixture
def uow():
    return fakes.FakeUnitOfWork()


@pytest.fixture
def use_cases():
    return fakes.UseCases(learner("inkwell.application.use_cases"), learner("inkwell.application.dto"))


@pytest.fixture
def real_uow() -> Callable[[], Any]:
    """A factory of the submission's real units of work, over a new in-memory SQLite database."""
    app_module = learner("inkwell.app")
    factory = getattr(app_module, "unit_of_work_factory", None)
    expect_equal(
        callable(factory),
        True,
        did="Looked for inkwell.app.unit_of_work_factory, the entry point to your real adapters",
        saw="no such function" if factory is None else f"{factory!r}, which is not callable",
        expected_text="unit_of_work_factory(database_url='sqlite://') returning a callable that makes a new unit of work",
        why="The checker drives your SQLAlchemy repositories and unit of work too, not only its fakes.",
    )
    return factory()  # the contract's default: a new in-memory SQLite database


@pytest.fixture
def app():
    return learner("inkwell.app").create_app()  # the contract's default: "sqlite://"


@pytest.fixture
def client(app):
    # Entering the client runs the app's startup (lifespan) as a server would.
    with AppClient(app, raise_server_exceptions=False) as client:
        yield client


@pytest.fixture
def outage():
    """`with outage("token") as seen:` makes every INSERT that names a table matching the word fail."""
    return database_outage


@contextmanager
def database_outage(word: str) -> Iterator[list[str]]:
    """Fail, at the engine, every INSERT whose statement names `word`; yields the statements refused.

    The listener sits on SQLAlchemy's Engine class, so it reaches whatever engine the submission
    builds, wherever it builds it.
    """
    from sqlalchemy import event
    from sqlalchemy.engine import Engine

    refused: list[str] = []

    def refuse(conn, cursor, statement, parameters, context, executemany):  # type: ignore[no-untyped-def]
        if statement.lstrip().upper().startswith("INSERT") and word.upper() in statement.upper():
            refused.append(" ".join(statement.split()))
            fault(Outage(f"the database refused: {refused[-1]}"))

    event.listen(Engine, "before_cursor_execute", refuse)
    try:
        yield refused
    finally:
        event.remove(Engine, "before_cursor_execute", refuse)


def json_of(response: Any) -> dict[str, Any]:
    """A response's JSON body when it is an object, else {}: a check can read its fields without
    failing on an answer that is not JSON (the check's message shows the answer itself)."""
    try:
        body = response.json()
    except ValueError:
        return {}
    return body if isinstance(body, dict) else {}


def show(response: Any, *fields: str) -> str:
    """A response for a message: the status and the fields the message is about (or the cut body)."""
    try:
        body = response.json()
    except ValueError:
        return f"{response.status_code} {response.text[:200]!r}"
    if isinstance(body, dict) and fields:
        kept = {name: body.get(name, "(missing)") for name in fields}
        if "detail" in body and "detail" not in kept:
            kept["detail"] = body["detail"]
        return f"{response.status_code} {kept}"
    text = repr(body)
    return f"{response.status_code} {text[:300]}{'...' if len(text) > 300 else ''}"


class Recorder:
    """Records every instance of `base` created, with the place in the submission that created it."""

    def __init__(self, base: type, root: Path, skip: Path | None = None) -> None:
        self.base, self.root, self.skip, self.seen = base, root, skip, []

    def __enter__(self) -> Recorder:
        self._own = vars(self.base).get("__new__")  # restored as found, descriptor and all
        original = self.base.__new__

        def recording_new(cls, *args, **kwargs):  # type: ignore[no-untyped-def]
            self.seen.append((cls.__name__, args[:1], self._creator()))
            return original(cls) if original is object.__new__ else original(cls, *args, **kwargs)

        self.base.__new__ = staticmethod(recording_new)
        return self

    def __exit__(self, *exc_info: object) -> None:
        if self._own is not None:
            self.base.__new__ = self._own
        else:
            del self.base.__new__

    def _creator(self) -> str:
        frame = sys._getframe(2)
        while frame is not None:
            path = Path(frame.f_code.co_filename).resolve()
            if path != self.skip and path.is_relative_to(self.root):
                return f"{path.relative_to(self.root).as_posix()}:{frame.f_lineno}"
            frame = frame.f_back
        return "outside your package"


@pytest.fixture
def record_raised(package_dir):
    """`with record_raised() as (domain, http):` records DomainErrors and HTTPExceptions created."""
    from contextlib import ExitStack

    from starlette.exceptions import HTTPException

    errors = learner("inkwell.domain.errors")

    @contextmanager
    def recording():
        with ExitStack() as stack:
            domain = stack.enter_context(
                Recorder(errors.DomainError, package_dir.parent, Path(errors.__file__).resolve())
            )
            http = stack.enter_context(Recorder(HTTPException, package_dir.parent))
            yield domain, http

    return recording
