"""Public tests of task 5: plain entities, and real adapters that copy rows into them."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from kata_tests import checks

from checker.testkit import expect_equal, learner

BODY = "A body that is comfortably longer than the minimum."


@pytest.mark.task(5, points=3)
@pytest.mark.rules("5.1")
def test_user_and_post_are_not_orm_mapped_once_the_app_serves(client, kit):
    """User and Post are not ORM-mapped, once the app has started and served requests"""
    from sqlalchemy import inspect

    registered = client.post("/users", json={"email": "ada@example.com", "display_name": "Ada"})
    token = registered.json().get("token")
    client.post("/posts", json={"title": "Hello", "body": BODY}, headers={"Authorization": f"Bearer {token}"})
    model = learner("inkwell.domain.model")
    mapped = [name for name in ("User", "Post") if inspect(getattr(model, name), raiseerr=False) is not None]
    expect_equal(
        mapped,
        [],
        did="Built and started the app, registered a user and created a post over HTTP, then asked "
        "SQLAlchemy whether inkwell.domain.model's User and Post are mapped",
        saw=f"mapped: {', '.join(mapped)}",
        expected_text="neither mapped, declaratively or with registry.map_imperatively",
        why="This kata keeps entities plain and copies rows into them (the README weighs the trade-off).",
    )


@pytest.mark.task(5, points=3)
@pytest.mark.rules("5.2")
def test_the_real_repositories_hand_out_fresh_entities_of_the_domain(real_uow, use_cases):
    checks.real_repositories_hand_out_copies(real_uow, use_cases, "ada@example.com", "Hello")


@pytest.mark.task(5, points=3)
@pytest.mark.rules("5.3")
def test_save_commit_and_rollback_on_the_real_unit_of_work(real_uow, use_cases):
    checks.save_commit_and_rollback(real_uow, use_cases, datetime(2026, 1, 2, 3, 4, 5, tzinfo=UTC), "Hello again")
