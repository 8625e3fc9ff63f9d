"""Task 4: the route handlers translate and delegate; they neither touch the database nor decide."""

from __future__ import annotations

import pytest
from kata_tests import refusals

from checker.testkit import expect_equal


@pytest.mark.task(4, points=3)
@pytest.mark.rules("4.3")
def test_no_request_makes_the_interface_call_an_entity_method(client, package_dir, kit):
    with kit.controllers.EntityCalls(package_dir.parent) as calls:
        world = refusals.world(client)
        answers = [
            client.post(f"/posts/{world['ready']}/publish", headers=world["bob"]).status_code,
            client.post(f"/posts/{world['short']}/publish", headers=world["ada"]).status_code,
            client.post(f"/posts/{world['ready']}/publish", headers=world["ada"]).status_code,
            client.post(f"/posts/{world['ready']}/publish", headers=world["ada"]).status_code,
            client.get(f"/posts/{world['ready']}").status_code,
        ]
    expect_equal(
        calls.seen,
        [],
        did="Registered two users, created drafts, published (refused and accepted, twice) and read a post "
        "over HTTP, recording every method of a domain class called from outside the inner layers",
        saw="; ".join(dict.fromkeys(calls.seen)),
        expected_text=f"no entity method called by the interface (the requests answered {answers})",
        why="A handler that calls post.publish() and saves has taken the use case's place: the rule and "
        "the transaction no longer travel together. Call publish_post.",
    )


@pytest.mark.task(4, points=5)
@pytest.mark.rules("4.4")
def test_every_refusal_is_decided_by_domain_or_application_code(app, client, package_dir, kit, record_raised):
    labels = {(m, h.path): h.label for h in kit.controllers.handlers(app, package_dir.parent) for m in h.methods}
    found = refusals.findings(client, labels, record_raised, list(refusals.SCENARIOS))
    expect_equal(
        found,
        [],
        did="Sent requests that a rule refuses (an address already registered, a stranger publishing, the body 'tbd', an "
        "empty title, a post no one has), recording every DomainError and HTTPException created and the "
        "line that created it",
        saw="\n    ".join(found),
        expected_text="each refusal caused by a DomainError raised in inkwell/domain or inkwell/application",
        why="When the interface raises HTTPException itself (or a helper beside it does), the rule lives "
        "in the controller and no other way in applies it. Raise a domain error inside; map it to a status outside.",
    )
