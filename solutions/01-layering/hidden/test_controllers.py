"""Task 4: the route handlers translate and delegate; they neither touch the database nor decide."""

from __future__ import annotations

import types

import pytest

from checker.testkit import expect

INNER_OK = ("inkwell.application", "inkwell.interface")


def _functions(app, root, kit):
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


@pytest.mark.task(4, points=5)
def test_handlers_use_no_sqlalchemy_object_and_no_orm_class(app, package_dir, kit):
    found = []
    for function, label in _functions(app, package_dir.parent, kit).items():
        uses = {}
        for name, value in kit.controllers.used_objects(function).items():
            kind = kit.controllers.sqlalchemy_kind(value)
            if kind and id(value) not in uses:
                uses[id(value)] = f"{name} ({kind})"
        if uses:
            found.append(f"{label} uses {', '.join(uses.values())}")
    expect(
        not found,
        did="Read the names used by every route handler, its dependencies and the functions of "
        "inkwell.interface, as Python resolves them",
        saw="\n    ".join(found),
        expected="no SQLAlchemy object (session, select, engine) and no ORM-mapped class",
        why="Queries and rows belong to the infrastructure; a handler that builds them is where "
        "business rules creep in. Call a use case, and shape its entity with a Pydantic schema.",
    )


@pytest.mark.task(4, points=4)
def test_handlers_call_use_cases_and_no_rule_of_an_inner_module(app, package_dir, kit):
    found = []
    for function, label in _functions(app, package_dir.parent, kit).items():
        calls = [
            f"{name} (a function of {value.__module__})"
            for name, value in kit.controllers.used_objects(function).items()
            if isinstance(value, types.FunctionType)
            and value.__module__.startswith("inkwell.")
            and not value.__module__.startswith(INNER_OK)
        ]
        if calls:
            found.append(f"{label} calls {', '.join(dict.fromkeys(calls))}")
    expect(
        not found,
        did="Read what every route handler, its dependencies and the functions of inkwell.interface call",
        saw="\n    ".join(found),
        expected="calls to use cases of inkwell.application only, no rule function of the domain or elsewhere",
        why="A handler that normalises, slugifies or checks a rule itself has made a domain decision; "
        "the use case should make that call, so every way in applies the same rules.",
    )


SCENARIOS = [
    ("POST", "/users", "a malformed email", 422),
    ("POST", "/users", "an email already registered", 409),
    ("POST", "/posts/{post_id}/publish", "a caller who is not the author", 403),
    ("POST", "/posts/{post_id}/publish", "a body shorter than 30 characters", 422),
]


def _requests(client, ada, bob, ready, short):
    yield lambda: client.post("/users", json={"email": "ada.example.com", "display_name": "Ada"})
    yield lambda: client.post("/users", json={"email": "ADA@example.com", "display_name": "Ada"})
    yield lambda: client.post(f"/posts/{ready}/publish", headers=bob)
    yield lambda: client.post(f"/posts/{short}/publish", headers=ada)


@pytest.mark.task(4, points=6)
def test_every_refusal_is_decided_by_domain_or_application_code(app, client, package_dir, kit, record_raised):
    def token(email):
        body = client.post("/users", json={"email": email, "display_name": "X"}).json()
        return {"Authorization": f"Bearer {body.get('token')}"}

    ada, bob = token("ada@example.com"), token("bob@example.com")
    ready = client.post("/posts", json={"title": "Ready", "body": "x" * 40}, headers=ada).json().get("id")
    short = client.post("/posts", json={"title": "Short", "body": "tbd"}, headers=ada).json().get("id")
    labels = {(m, h.path): h.label for h in kit.controllers.handlers(app, package_dir.parent) for m in h.methods}
    found = []
    for (method, path, case, status), send in zip(SCENARIOS, _requests(client, ada, bob, ready, short), strict=True):
        with record_raised() as (domain, http):
            response = send()
        inner = [at for _, _, at in domain.seen if at.startswith(("inkwell/domain/", "inkwell/application/"))]
        if response.status_code == status and inner:
            continue
        raised = (
            "; ".join(
                [f"{kind} created at {at}" for kind, _, at in domain.seen]
                + [f"HTTPException({', '.join(map(repr, args))}) created at {at}" for _, args, at in http.seen]
            )
            or "no DomainError and no HTTPException"
        )
        if not domain.seen and not http.seen and response.status_code == 422:
            raised += " (a bare 422 comes from request validation: a schema refused the body before any use case ran)"
        found.append(
            f"{method} {path} with {case} answered {response.status_code} (expected {status}).\n"
            f"      Raised: {raised}.\n      So {labels.get((method, path), 'its handler')} "
            "decided it, or a function of the interface it calls."
        )
    expect(
        not found,
        did="Sent four requests that a rule refuses, recording every DomainError and HTTPException "
        "created and the line that created it",
        saw="\n    ".join(found),
        expected="each refusal answered with its status and caused by a DomainError raised in "
        "inkwell/domain or inkwell/application",
        why="When the interface raises HTTPException itself (or a helper beside it does), the rule lives "
        "in the controller and no other way in applies it. Raise a domain error inside; map it to a status outside.",
    )
