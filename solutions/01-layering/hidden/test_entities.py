"""Task 5: the entities are plain classes; the real adapters, on other values than the public tests."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

import pytest
from kata_tests import checks

from checker.testkit import expect_equal, learner

FRAMEWORKS = ("sqlalchemy", "pydantic")
ORM_MARKS = ("__table__", "__tablename__", "__mapper__", "_sa_class_manager", "model_fields")


@pytest.mark.task(5, points=2)
@pytest.mark.rules("5.1")
def test_entities_inherit_from_nothing_of_sqlalchemy_or_pydantic(client):
    # The app is built and started, and serves requests, in this test: a mapping done at startup
    # or at the first request is in place whatever ran before.
    token = client.post("/users", json={"email": "grace@example.org", "display_name": "Grace"}).json().get("token")
    client.post("/posts", json={"title": "Hello", "body": checks.BODY}, headers={"Authorization": f"Bearer {token}"})
    model = learner("inkwell.domain.model")
    found = []
    for name in ("User", "Post"):
        entity = getattr(model, name, None)
        if not isinstance(entity, type):
            found.append(f"{name} is not a class of inkwell.domain.model")
            continue
        bases = [f"{b.__module__}.{b.__qualname__}" for b in entity.__mro__ if b.__module__.split(".")[0] in FRAMEWORKS]
        marks = [mark for mark in ORM_MARKS if hasattr(entity, mark)]
        parts = ([f"inherits from {', '.join(bases)}"] if bases else []) + (
            [f"carries {', '.join(marks)}, which SQLAlchemy or Pydantic put there"] if marks else []
        )
        if parts:
            found.append(f"{name} {' and '.join(parts)}")
    expect_equal(
        found,
        [],
        did="Built and started the app, registered a user and created a post over HTTP, then read the classes "
        "User and Post of inkwell.domain.model",
        saw="; ".join(found),
        expected_text="plain classes (dataclasses, say) with no base and no attribute from SQLAlchemy or Pydantic",
        why="An entity that is a row (or a schema) changes whenever a table (or the API) does; "
        "the domain should change only when the business does.",
    )


@pytest.mark.task(5, points=2)
@pytest.mark.rules("5.2")
def test_the_real_repositories_hand_out_fresh_entities_for_other_values(real_uow, use_cases):
    checks.real_repositories_hand_out_copies(real_uow, use_cases, "grace@example.org", "Notes on COBOL")


@pytest.mark.task(5, points=2)
@pytest.mark.rules("5.3")
def test_save_keeps_another_instant_and_title(real_uow, use_cases):
    instant = datetime(2025, 12, 31, 23, 59, 59, tzinfo=timezone(timedelta(hours=-5)))
    checks.save_commit_and_rollback(real_uow, use_cases, instant.astimezone(UTC), "A title, changed")
