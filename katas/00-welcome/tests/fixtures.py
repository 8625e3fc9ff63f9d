"""Fixtures both suites use; each conftest.py re-exports them (see docs/authoring.md)."""

from __future__ import annotations

from collections.abc import Iterator
from types import ModuleType

import pytest

from checker.appclient import AppClient
from checker.testkit import learner


@pytest.fixture
def text() -> ModuleType:
    return learner("inkwell.text")


@pytest.fixture
def client() -> Iterator[AppClient]:
    app = learner("inkwell.app").create_app("sqlite://")
    with AppClient(app) as client:
        yield client
