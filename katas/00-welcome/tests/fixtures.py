"""Fixtures both suites use; each conftest.py re-exports them (see docs/authoring.md)."""

from __future__ import annotations

from collections.abc import Iterator
from types import ModuleType

import pytest
from fastapi.testclient import TestClient

from checker.testkit import learner


@pytest.fixture
def text() -> ModuleType:
    return learner("inkwell.text")


@pytest.fixture
def client() -> Iterator[TestClient]:
    app = learner("inkwell.app").create_app("sqlite://")
    with TestClient(app) as client:
        yield client
