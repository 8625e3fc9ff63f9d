"""Public tests of task 4: the route handlers translate and delegate."""

from __future__ import annotations

import types

import pytest
from kata_tests import refusals

from checker.testkit import expect_equal


def interface_functions(app, root, kit):
    """Every function the interface runs, with a label that says where it is."""
    c = kit.controllers
    labels = {}
    for handler in c.handlers(app, root):
        labels.setdefault(handler.functions[0], handler.label)
        for dependency in handler.functions[1:]:
            labels.setdefault(dependency, f"dependency {dependency.__name__} ({c.where(dependency, root)})")
    for function in c.interface_functions(root):
        labels.setdefault(function, f"function {function.__name__} ({c.where(function, root)})")
    return labels


@pytest.mark.task(4, points=2)
@pytest.mark.rules("4.1")
def test_no_handler_receives_a_session(app, package_dir, kit):
    """No handler receives a SQLAlchemy Session"""
    found = kit.controllers.session_report(app, package_dir.parent)
    expect_equal(
        found,
        [],
        did="Walked every route of create_app() and the dependencies each one uses",
        saw="\n    ".join(found),
        expected_text="no handler and no dependency of one takes a Session: they take a unit of work",
        why="A handler with a session in hand will sooner or later query and decide; give it a "
        "unit of work from a dependency and let a use case do the work.",
    )


@pytest.mark.task(4, points=2)
@pytest.mark.rules("4.2")
def test_handlers_use_no_sqlalchemy_object_and_no_orm_class(app, package_dir, kit):
    """Handlers use no SQLAlchemy object and no ORM class"""
    found = []
    for function, label in interface_functions(app, package_dir.parent, kit).items():
        uses = {}
        for name, value in kit.controllers.used_objects(function).items():
            kind = kit.controllers.sqlalchemy_kind(value)
            if kind and id(value) not in uses:
                uses[id(value)] = f"{name} ({kind})"
        if uses:
            found.append(f"{label} uses {', '.join(uses.values())}")
    expect_equal(
        found,
        [],
        did="Read the names used by every route handler, its dependencies and the functions of "
        "inkwell.interface, as Python resolves them",
        saw="\n    ".join(found),
        expected_text="no SQLAlchemy object (session, select, engine) and no ORM-mapped class",
        why="Queries and rows belong to the infrastructure; a handler that builds them is where "
        "business rules creep in. Call a use case, and shape its entity with a Pydantic schema.",
    )


INNER_OK = ("inkwell.application", "inkwell.interface")


@pytest.mark.task(4, points=3)
@pytest.mark.rules("4.3")
def test_handlers_call_no_function_of_an_inner_module(app, package_dir, kit):
    found = []
    for function, label in interface_functions(app, package_dir.parent, kit).items():
        calls = [
            f"{name} (a function of {value.__module__})"
            for name, value in kit.controllers.used_objects(function).items()
            if isinstance(value, types.FunctionType)
            and value.__module__.startswith("inkwell.")
            and not value.__module__.startswith(INNER_OK)
        ]
        if calls:
            found.append(f"{label} calls {', '.join(dict.fromkeys(calls))}")
    expect_equal(
        found,
        [],
        did="Read what every route handler, its dependencies and the functions of inkwell.interface call",
        saw="\n    ".join(found),
        expected_text="calls to use cases of inkwell.application only, no rule function of the domain or elsewhere",
        why="A handler that normalises, slugifies or checks a rule itself has made a domain decision; "
        "the use case should make that call, so every way in applies the same rules.",
    )


@pytest.mark.task(4, points=3)
@pytest.mark.rules("4.3")
def test_publishing_over_http_calls_no_entity_method_from_the_interface(client, package_dir, kit):
    world = refusals.world(client)
    with kit.controllers.EntityCalls(package_dir.parent) as calls:
        response = client.post(f"/posts/{world['ready']}/publish", headers=world["ada"])
    expect_equal(
        (response.status_code, calls.seen),
        (200, []),
        did="Published Ada's draft over HTTP, recording every method of a domain class called from "
        "outside inkwell/domain, inkwell/application and inkwell/infrastructure",
        saw="; ".join(calls.seen) or f"no such call, but the answer was {kit.show(response, 'status')}",
        expected_text="200, and no entity method called by the interface: the publish_post use case calls post.publish",
        why="A handler that runs the entity's rule itself and then saves has skipped the use case: "
        "another way in (a CLI, a queue) would not get the same transaction and checks.",
    )


@pytest.mark.task(4, points=2)
@pytest.mark.rules("4.4")
def test_a_stranger_publishing_is_refused_by_a_domain_error(app, client, package_dir, kit, record_raised):
    labels = {(m, h.path): h.label for h in kit.controllers.handlers(app, package_dir.parent) for m in h.methods}
    found = refusals.findings(client, labels, record_raised, ["stranger"])
    expect_equal(
        found,
        [],
        did="Had Bob publish Ada's draft over HTTP, recording every DomainError and HTTPException created "
        "and the line that created it",
        saw="\n    ".join(found),
        expected_text="403, caused by a DomainError raised in inkwell/domain or inkwell/application",
        why="Raise a domain error inside; map it to a status outside. Then every way in applies the rule.",
    )
