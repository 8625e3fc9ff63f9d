"""Task 5: token buckets per account and per client address on fake time, 429 problem responses
with Retry-After and RateLimit headers, X-Forwarded-For believed only from trusted proxies, and
a limiter whose memory stays bounded without forgiving anyone."""

from __future__ import annotations

import pytest
from kata_tests.scene import PEER, World, address, held_by, problem_fault

from checker.testkit import expect_equal

ADA = "ada@inkwell.test"


def _codes(world, n, email, password="wrong", **where):
    return [world.sign_in(email, password, **where).status_code for _ in range(n)]


@pytest.mark.task(5, points=5)
@pytest.mark.rules("5.1")
def test_sign_in_is_limited_per_account_and_per_address(world):
    seen = {
        "ada, 5 wrong passwords, the email in other cases and spaces": [
            world.sign_in(e, "wrong").status_code
            for e in (ADA, " ADA@inkwell.test", "Ada@Inkwell.Test\t", ADA.upper(), f"  {ADA}  ")
        ],
        "ada, the right password, from another address": _codes(
            world, 1, ADA, "correct horse battery staple", peer="192.0.2.1"
        ),
        "bob from the first address": _codes(world, 1, "bob@inkwell.test", "correct horse battery staple"),
        "14 other accounts from the first address": [
            world.sign_in(f"guess{i}@inkwell.test", "wrong").status_code for i in range(14)
        ],
        "a 15th other account from the first address": _codes(world, 1, "guess-last@inkwell.test"),
        "that account from another address": _codes(world, 1, "guess-last@inkwell.test", peer="192.0.2.2"),
    }
    wanted = {
        "ada, 5 wrong passwords, the email in other cases and spaces": [401] * 5,
        "ada, the right password, from another address": [429],
        "bob from the first address": [201],
        "14 other accounts from the first address": [401] * 14,
        "a 15th other account from the first address": [429],
        "that account from another address": [401],
    }
    wrong = [f"{k}: {v}, expected {wanted[k]}" for k, v in seen.items() if v != wanted[k]]
    expect_equal(
        wrong,
        [],
        did=f"POST /tokens from {PEER}: 5 tries on ada, then ada from another address, bob, and 15 more accounts",
        saw="; ".join(wrong),
        expected_text="the 6th try on one account refused wherever it comes from; the 21st try from one address refused "
        "whichever account it names",
        why="Rule 5.1: "
        + (
            "the account is the email trimmed, in any case: ' ADA@inkwell.test' is ada."
            if seen["ada, the right password, from another address"] != [429]
            else "a limit per account stops a botnet spreading over addresses; a limit per address stops one "
            "machine trying every account. Both, and neither on its own."
        ),
    )


@pytest.mark.task(5, points=3)
@pytest.mark.rules("5.2")
def test_invites_are_limited_per_inviting_account(world):
    ada = [world.invite(f"friend{i}@example.org", who="ada").status_code for i in range(5)]
    # Signed in again: a new token, the same account, and no new burst.
    signed = world.sign_in(ADA, "correct horse battery staple")
    world.tokens["ada, signed in again"] = signed.json().get("token", "") if signed.status_code == 201 else ""
    ada.append(world.invite("friend5@example.org", who="ada, signed in again").status_code)
    sent = len(world.upstream.arrived("/messages"))
    answer = world.invite("pal@example.org", who="bob")
    bob = [answer.status_code]
    if answer.status_code == 202 and answer.json() != {"email": "pal@example.org", "status": "sent"}:
        bob.append(f"a body {answer.text[:60]}, not {{'email': 'pal@example.org', 'status': 'sent'}}")
    expect_equal(
        (ada, sent, bob),
        ([202, 202, 202, 429, 429, 429], 3, [202]),
        did="POST /invites 5 times as ada; then ada signed in again (POST /tokens, a new token) and invited once "
        "more with it; then once as bob, from one address",
        saw=f"ada {ada} (sign-in again: {signed.status_code}), {sent} e-mails sent for her; bob {bob}",
        expected_text="ada [202, 202, 202, 429, 429, 429] and 3 e-mails; bob [202]",
        why="Rule 5.2: "
        + (
            "the limit is the account's, not its token's: signing in again gives a new token, never a new burst."
            if ada[:5] == [202, 202, 202, 429, 429] and ada[5] == 202
            else "the limit is per inviting account: 3 in a burst; a refused invite sends nothing."
        ),
    )


@pytest.mark.task(5, points=3)
@pytest.mark.rules("5.3")
def test_a_429_says_when_to_come_back(world):
    wrong = []
    _codes(world, 5, ADA)
    for label, advance, seconds in (("at once", 0, "10"), ("4.7 s later", 4.7, "6")):
        world.clock.advance(advance)
        response = world.sign_in(ADA, "wrong")
        fault = problem_fault(response, 429)
        got = {
            k: response.headers.get(k)
            for k in ("retry-after", "ratelimit-limit", "ratelimit-remaining", "ratelimit-reset")
        }
        want = {"retry-after": seconds, "ratelimit-limit": "5", "ratelimit-remaining": "0", "ratelimit-reset": seconds}
        if fault or got != want:
            wrong.append(f"sign-in {label}: {fault or got}, expected {want}")
    for i in range(3):
        world.invite(f"friend{i}@example.org")
    response = world.invite("one-more@example.org")
    got = {
        k: response.headers.get(k) for k in ("retry-after", "ratelimit-limit", "ratelimit-remaining", "ratelimit-reset")
    }
    want = {"retry-after": "60", "ratelimit-limit": "3", "ratelimit-remaining": "0", "ratelimit-reset": "60"}
    if problem_fault(response, 429) or got != want:
        wrong.append(f"the 4th invite: {problem_fault(response, 429) or got}, expected {want}")
    expect_equal(
        wrong,
        [],
        did="Used up ada's sign-in burst, then tried at once and 4.7 s later (5.3 s to wait); then her invite burst",
        saw="; ".join(wrong),
        expected_text="429 problem responses; Retry-After and RateLimit-Reset the whole seconds until the next try "
        "is allowed (rounded up), RateLimit-Limit the burst, RateLimit-Remaining 0",
        why="Rule 5.3: a client that knows when to come back does not hammer; round up (5.3 s is 6, not 5), or it comes "
        "back too early.",
    )


@pytest.mark.task(5, points=3)
@pytest.mark.rules("5.4")
def test_after_a_burst_requests_come_back_at_the_sustained_rate(world):
    bucket = world.limit("invites-account")
    seen = {"a burst of 4": [bucket.acquire("k") == 0 for _ in range(4)]}
    world.clock.advance(59.9)
    seen["59.9 s later"] = [bucket.acquire("k") == 0]
    world.clock.advance(0.1)
    seen["0.1 s more"] = [bucket.acquire("k") == 0 for _ in range(2)]
    world.clock.advance(3600 * 24)
    seen["a day later, 4 in a row"] = [bucket.acquire("k") == 0 for _ in range(4)]
    bucket.acquire("j")
    world.clock.advance(150)
    seen["a key that used 1 of 3, 150 s later, 4 in a row"] = [bucket.acquire("j") == 0 for _ in range(4)]
    codes = _codes(world, 5, "bob@inkwell.test")
    world.clock.advance(25)
    codes += _codes(world, 3, "bob@inkwell.test")
    seen["bob's sign-ins: 5, then 3 after 25 s"] = [c != 429 for c in codes]
    world.clock.advance(5)
    seen["2 more, 5 s later (the half interval left at 25 s counts)"] = [
        c != 429 for c in _codes(world, 2, "bob@inkwell.test")
    ]
    wanted = {
        "a burst of 4": [True, True, True, False],
        "59.9 s later": [False],
        "0.1 s more": [True, False],
        "a day later, 4 in a row": [True, True, True, False],
        "a key that used 1 of 3, 150 s later, 4 in a row": [True, True, True, False],
        "bob's sign-ins: 5, then 3 after 25 s": [True] * 7 + [False],
        "2 more, 5 s later (the half interval left at 25 s counts)": [True, False],
    }
    wrong = [f"{k}: allowed {v}, expected {wanted[k]}" for k, v in seen.items() if v != wanted[k]]
    expect_equal(
        wrong,
        [],
        did="app.state.limits['invites-account'].acquire('k') through a burst and its refills on the clock, "
        "and bob's sign-ins over HTTP",
        saw="; ".join(wrong),
        expected_text="; ".join(f"{k}: {v}" for k, v in wanted.items()),
        why="Rule 5.4: "
        + (
            "a refill keeps the part of an interval it did not use: drop it and requests come back slower "
            "than the sustained rate."
            if all(k.startswith("2 more") for k in wrong)
            else "after the burst, one request per interval on settings.clock; a rested key holds its burst, never more."
        ),
    )


@pytest.mark.task(5, points=3)
@pytest.mark.rules("5.5")
def test_forwarded_for_is_believed_only_from_a_trusted_proxy(upstream):
    proxy, spoofed = "10.0.0.2", "10.9.9.9"
    with World(upstream, proxies=(proxy, "10.0.0.3")) as scene:

        def tries(n, peer, forwarded):
            first = forwarded(0) if isinstance(forwarded(0), str) else "+".join(forwarded(0))
            return [
                scene.sign_in(
                    f"n{i}-{peer}-{first}@inkwell.test", "wrong", peer=peer, forwarded=forwarded(i)
                ).status_code
                for i in range(n)
            ]

        seen = {
            "21 from an untrusted peer, each with its own X-Forwarded-For": tries(
                21, spoofed, lambda i: f"203.0.113.{i}"
            ),
            "25 clients through the proxy": tries(25, proxy, lambda i: f"198.51.100.{i + 50}"),
            "21 through the proxy, the client spoofing a first hop": tries(
                21, proxy, lambda i: f"192.0.2.{i}, 203.0.113.99"
            ),
            # Hops are separated by commas; a space after one is optional, and some proxies write none.
            "21 through two proxies that write no spaces, the client spoofing a first hop": tries(
                21, proxy, lambda i: f"192.0.2.{i + 50},203.0.113.97,10.0.0.3"
            ),
            "25 clients through two proxies": tries(25, proxy, lambda i: f"203.0.113.{i + 100}, 10.0.0.3"),
            # The inner proxy's hop in a line of its own: the client is in the line before it.
            "25 clients through two proxies, each hop in a line of its own": tries(
                25, proxy, lambda i: [f"203.0.113.{i + 150}", "10.0.0.3"]
            ),
            # A header sent twice is one list (RFC 9110, 5.3): the proxy's line comes after the client's.
            "21 through the proxy, the client's own X-Forwarded-For line before the proxy's": tries(
                21, proxy, lambda i: [f"192.0.2.{i + 100}", "203.0.113.98"]
            ),
        }
    last = {k: v[-1] for k, v in seen.items()}
    wanted = {k: (401 if k.startswith("25") else 429) for k in seen}
    # 25 clients from one proxy: the proxy's own address is limited as 20; each client by itself is not
    wrong = [f"{k}: the last answered {last[k]}, expected {wanted[k]}" for k in seen if last[k] != wanted[k]]
    wrong += [f"{k}: refused early ({v.index(429) + 1}th)" for k, v in seen.items() if 429 in v[:20]]
    expect_equal(
        wrong,
        [],
        did=f"POST /tokens with X-Forwarded-For from an untrusted peer and through trusted proxies ({proxy}, 10.0.0.3), "
        "each for another account",
        saw="; ".join(wrong),
        expected_text="the untrusted peer limited as one address; through the proxies, each client is the right-most "
        "address that is not a trusted proxy",
        why="Rule 5.5: "
        + (
            "the hops of X-Forwarded-For are separated by commas, with or without a space after them: "
            "'203.0.113.97,10.0.0.3' is two hops."
            if all("no spaces" in w for w in wrong)
            else "only a proxy you run writes a header you can believe, and it appends: the hops on the left "
            "are whatever the client sent, and so is a line of the header before the proxy's (read every line)."
        ),
    )


@pytest.mark.task(5, points=2)
@pytest.mark.rules("5.6")
def test_a_limiter_stays_small_and_forgives_no_one(world):
    problems = []
    for name in ("tokens-account",):
        limiter = world.limit(name)
        before = held_by(limiter, world.clock, world.app)
        for i in range(100_000):
            limiter.acquire(address(i))
            world.clock.now += 0.01
        held = held_by(limiter, world.clock, world.app) - before
        if held >= 3_000_000:
            problems.append(f"{name} holds {held / 1e6:.1f} MB more after 100,000 keys")
    victim = world.limit("invites-account")
    for _ in range(3):
        victim.acquire("victim")
    for i in range(20_000):
        victim.acquire(f"other-{i}")
    if victim.acquire("victim") == 0:
        problems.append("the key at its limit was allowed again after 20,000 other keys at the same instant")
    expect_equal(
        problems,
        [],
        did="Drove app.state.limits directly: 100,000 distinct keys at 100 a second on the clock; then a key "
        "at its limit, 20,000 other keys, and that key again",
        saw="; ".join(problems),
        expected_text="under 3 MB each, and the key at its limit still refused",
        why="Rule 5.6: "
        + (
            "forget only what is full again: a cap that evicts the oldest lets an attacker reset a victim's limit "
            "by sending other keys."
            if any("allowed again" in p for p in problems)
            else "state per key that is never dropped grows with every address on the internet."
        ),
    )
