"""Refusals over HTTP, and who decided them: the check of rule 4.4, shared by both suites."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from kata_tests.support import show

from checker.testkit import expect_equal

BODY = "A body that is comfortably longer than the minimum."


@dataclass(frozen=True)
class Scenario:
    method: str
    path: str
    case: str
    status: int
    send: Callable[[Any, dict[str, Any]], Any]


def world(client: Any) -> dict[str, Any]:
    """Ada and Bob registered; Ada has a publishable draft, a short one and an untitled one."""

    def token(email: str) -> dict[str, str]:
        response = client.post("/users", json={"email": email, "display_name": "X"})
        # Any 2xx with a token sets the scene: which status and fields registration answers is task 3's.
        expect_equal(
            200 <= response.status_code < 300 and bool(response.json().get("token")),
            True,
            did=f"To set the scene, POST /users with {email!r}",
            saw=show(response, "email", "token"),
            expected_text="201 with a token (task 3 checks registration in detail)",
        )
        return {"Authorization": f"Bearer {response.json().get('token')}"}

    ada, bob = token("ada@example.com"), token("bob@example.com")

    def draft(title: str, body: str) -> Any:
        response = client.post("/posts", json={"title": title, "body": body}, headers=ada)
        expect_equal(
            200 <= response.status_code < 300,
            True,
            did=f"To set the scene, POST /posts as Ada with title {title!r}",
            saw=show(response, "id", "slug"),
            expected_text="201 with the draft (task 3 checks drafts in detail)",
        )
        return response.json().get("id")

    return {
        "ada": ada,
        "bob": bob,
        "ready": draft("Ready", BODY),
        "short": draft("Short", "tbd"),
        "untitled": draft("", BODY),
    }


SCENARIOS = {
    "duplicate": Scenario(
        "POST",
        "/users",
        "an address already registered",
        409,
        lambda c, w: c.post("/users", json={"email": "ada@example.com", "display_name": "Ada"}),
    ),
    "stranger": Scenario(
        "POST",
        "/posts/{post_id}/publish",
        "a caller who is not the author",
        403,
        lambda c, w: c.post(f"/posts/{w['ready']}/publish", headers=w["bob"]),
    ),
    "short": Scenario(
        "POST",
        "/posts/{post_id}/publish",
        "the body 'tbd'",
        422,
        lambda c, w: c.post(f"/posts/{w['short']}/publish", headers=w["ada"]),
    ),
    "untitled": Scenario(
        "POST",
        "/posts/{post_id}/publish",
        "an empty title",
        422,
        lambda c, w: c.post(f"/posts/{w['untitled']}/publish", headers=w["ada"]),
    ),
    "missing": Scenario(
        "POST",
        "/posts/{post_id}/publish",
        "a post no one has",
        404,
        lambda c, w: c.post("/posts/999/publish", headers=w["ada"]),
    ),
}


def findings(client: Any, labels: dict[tuple[str, str], str], record_raised: Any, names: list[str]) -> list[str]:
    """One paragraph per scenario whose refusal was not a DomainError raised inside; [] when all were.

    Which status the refusal answered is rule 3's business; here it is only context.
    """
    state = world(client)
    found = []
    for name in names:
        scenario = SCENARIOS[name]
        with record_raised() as (domain, http):
            response = scenario.send(client, state)
        inner = [at for _, _, at in domain.seen if at.startswith(("inkwell/domain/", "inkwell/application/"))]
        if inner:
            continue
        handler = labels.get((scenario.method, scenario.path), "its handler")
        request = f"{scenario.method} {scenario.path} with {scenario.case}"
        answered = f"answered {response.status_code}" + (
            " as it should" if response.status_code == scenario.status else f" (the starter answered {scenario.status})"
        )
        outside = [f"{kind} created at {at}" for kind, _, at in domain.seen]
        made = [f"HTTPException({', '.join(map(repr, args))}) created at {at}" for _, args, at in http.seen]
        if outside or made:
            found.append(
                f"{request} {answered}, and the refusal came from {'; '.join(outside + made)}.\n"
                f"      So {handler}, or a function of the interface it calls, decided it."
            )
        elif response.status_code < 400:
            found.append(f"{request} {answered}: nothing refused it, so no rule of the domain ran.")
        else:
            found.append(
                f"{request} {answered}, but no DomainError and no HTTPException was raised: "
                f"{handler} built the answer itself, so the rule ran in the interface."
            )
    return found
