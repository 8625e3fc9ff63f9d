"""Fixtures of the hidden suite: the shared ones from katas/01-layering/tests/support.py, and a recorder."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from kata_tests.support import app, client, graph, kit, package_dir, uow, use_cases  # noqa: F401

from checker.testkit import learner


class Recorder:
    """Records every instance of `base` created, with the place in the submission that created it."""

    def __init__(self, base: type, root: Path, skip: Path | None = None) -> None:
        self.base, self.root, self.skip, self.seen = base, root, skip, []

    def __enter__(self) -> Recorder:
        self._own = vars(self.base).get("__new__")  # restored as found, descriptor and all
        original = self.base.__new__

        def recording_new(cls, *args, **kwargs):  # type: ignore[no-untyped-def]
            self.seen.append((cls.__name__, args[:1], self._creator()))
            return original(cls, *args, **kwargs)

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
def record_raised(package_dir):  # noqa: F811  (the shared fixture, imported above)
    """`with record_raised() as (domain, http):` records DomainErrors and HTTPExceptions created."""
    from contextlib import ExitStack, contextmanager

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
