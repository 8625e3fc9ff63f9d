"""Fixtures of both suites: the submission's folder, fakes of the ports, a client of the app."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

import pytest
from fastapi.testclient import TestClient
from kata_tests import controllers, fakes, layering

from checker.testkit import learner


@pytest.fixture(scope="session")
def kit() -> SimpleNamespace:
    """The helper modules, for tests."""
    return SimpleNamespace(fakes=fakes, layering=layering, controllers=controllers)


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
def app():
    return learner("inkwell.app").create_app("sqlite://")


@pytest.fixture
def client(app):
    with TestClient(app) as client:
        yield client
