from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from checker.testkit import learner


@pytest.fixture
def text():
    return learner("inkwell.text")


@pytest.fixture
def client() -> TestClient:
    app = learner("inkwell.app").create_app("sqlite://")
    with TestClient(app) as client:
        yield client
