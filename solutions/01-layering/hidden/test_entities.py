"""Task 5: the entities are plain objects; the infrastructure copies rows into them."""

from __future__ import annotations

import pytest

from checker.testkit import expect, learner

FRAMEWORKS = ("sqlalchemy", "pydantic")
ORM_MARKS = ("__table__", "__tablename__", "__mapper__", "_sa_class_manager", "model_fields")


@pytest.mark.task(5, points=5)
def test_entities_inherit_from_nothing_of_sqlalchemy_or_pydantic(app):
    # app: create_app() has run, so a mapping done while wiring (map_imperatively) is in place
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
    expect(
        not found,
        did="Built the app with create_app(), then read the classes User and Post of inkwell.domain.model",
        saw="; ".join(found),
        expected="plain classes (dataclasses, say) with no base and no attribute from SQLAlchemy or Pydantic",
        why="An entity that is a row (or a schema) changes whenever a table (or the API) does; "
        "the domain should change only when the business does.",
    )


@pytest.mark.task(5, points=5)
def test_use_cases_return_the_domains_own_entities(app, use_cases, uow):
    from sqlalchemy import inspect

    model = learner("inkwell.domain.model")
    user = use_cases.register(uow, "ada@example.com")
    post = use_cases.draft(uow, user.id, "Hello World", "tbd")
    found = []
    for name, value in (("User", user), ("Post", post)):
        if not isinstance(value, getattr(model, name)):
            found.append(f"a {type(value).__module__}.{type(value).__qualname__} instead of a {name}")
        elif inspect(value, raiseerr=False) is not None:
            found.append(f"a {name} that SQLAlchemy instruments (it has ORM instance state)")
    expect(
        not found,
        did="Built the app with create_app(), then ran register_user and create_draft on fakes",
        saw="; ".join(found),
        expected="instances of inkwell.domain.model.User and Post with no ORM state",
        why="The use cases speak the domain's language; rows stay inside the infrastructure.",
    )
