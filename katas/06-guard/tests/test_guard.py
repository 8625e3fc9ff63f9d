"""Public tests of the guard kata: one sibling of each kind of reviewer's check, per rule.

Run `uv run kata check 06-guard`. The suite starts a fake outside service on 127.0.0.1 that can
hang, drip, reset, fail or answer nonsense, and runs the app on a fake clock."""

from __future__ import annotations

import time

import pytest
from kata_tests.scene import (
    PEER,
    World,
    address,
    backoff_sleeps,
    held_by,
    late,
    on_time,
    problem_fault,
    retry_after,
    show,
)
from kata_tests.upstream import DRIP, HANG, OK, RESET, body, status

from checker.testkit import expect_equal


def _arrivals(world, path="/previews"):
    return len(world.upstream.arrived(path))


def _post_in_time(world, first):
    """POST /posts with a link while the service meets its first attempt with `first` (and 503
    after); a late answer is played once more, in a fresh world, before it counts."""
    budget = 3 * world.timeout + 0.5

    def play(scene):
        scene.upstream.will(first, then=status(503))  # one hang is enough to need a deadline
        return scene.timed(scene.new_post, budget)

    def missed(answer):
        response, seconds = answer
        return response is None or seconds > budget

    answer = on_time(world, play, missed)
    return not missed(answer), late(*answer, budget), budget


@pytest.mark.task(1, points=1)
@pytest.mark.rules("1.1")
def test_a_post_with_a_link_answers_in_time_while_the_service_hangs(quick):
    in_time, said, budget = _post_in_time(quick, HANG)
    expect_equal(
        "in time" if in_time else "late",
        "in time",
        did=f"POST /posts with a link while the preview service hangs on the first attempt and answers 503 "
        f"after (upstream_timeout {quick.timeout} s)",
        saw=said,
        expected_text=f"an answer within {budget:.1f} s (3 attempts x the timeout + 0.5 s)",
        why="Rule 1.1: an outside call without a deadline holds the request, and its thread, as long as the "
        "service likes.",
    )


@pytest.mark.task(1, points=1)
@pytest.mark.rules("1.2")
def test_a_dripping_preview_is_given_up_on_in_time(quick):
    in_time, said, budget = _post_in_time(quick, DRIP)
    expect_equal(
        "in time" if in_time else "late",
        "in time",
        did="POST /posts with a link while the preview service sends one byte every 5 ms on the first attempt "
        "(and 503 after)",
        saw=said,
        expected_text=f"an answer within {budget:.1f} s",
        why="Rule 1.2: a timeout per read never fires while each byte comes in time; the deadline must cover "
        "the whole answer.",
    )


@pytest.mark.task(1, points=1)
@pytest.mark.rules("1.3")
def test_no_more_than_four_calls_wait_on_a_hanging_service(upstream):
    upstream.will(then=HANG)
    upstream.hang_at_most = 2.9  # the app gives up at 3 s; the service lets go first
    answered = []
    with World(upstream, timeout=3.0) as scene:
        for _ in range(10):
            scene.spawn(lambda: answered.append((scene.new_post(), time.monotonic())))
        for who in ("ada", "bob") * 3:  # e-mails: a kind of call with a bulkhead of its own (3 invites each)
            scene.spawn(lambda who=who: scene.invite(who=who))
        upstream.wait_for(
            lambda: len(answered) >= 6 and upstream.held_at("/previews") >= 4 and upstream.held_at("/messages") >= 4,
            upstream.hang_at_most + 1.0,
        )
        ended, held, mail = upstream.first_hang_ended(), upstream.held_at("/previews"), upstream.held_at("/messages")
        early = sum(1 for _, at in list(answered) if ended is None or at < ended)
    expect_equal(
        ("4" if held == 4 else held, "6 or more" if early >= 6 else early, mail),
        ("4", "6 or more", 4),
        did="Sent 10 POST /posts with links and 6 POST /invites at once while the service hangs (upstream_timeout 3 s)",
        saw=f"{held} previews and {mail} e-mails held by the service at once; {early} of the 10 posts answered before "
        "a hanging call ended",
        expected_text="4 previews and 4 e-mails held (no more, and no fewer), and the other 6 posts "
        "answered while those 4 still waited: a fifth call finds the bulkhead full and fails at once, instead of "
        "queueing",
        why="Rule 1.3: "
        + (
            "each kind of call has its own bulkhead of 4: previews that fill theirs leave the e-mails theirs."
            if held <= 4 and early >= 6 and mail != 4
            else "the bulkhead lets 4 calls of a kind through at once: fewer refuses users the service could still "
            "serve."
            if held < 4 and early >= 6
            else "without a bulkhead every waiting call holds a thread, until none is left for anyone."
        ),
    )


@pytest.mark.task(2, points=1)
@pytest.mark.rules("2.1")
def test_a_503_and_a_reset_are_retried_but_a_500_is_not(world):
    world.upstream.will(status(503), status(503), status(503), status(500))
    world.new_post()
    after_503 = _arrivals(world)
    world.new_post()
    after_500 = _arrivals(world) - after_503
    world.upstream.will(RESET, RESET, OK)
    invited = world.invite()
    mails = _arrivals(world, "/messages")
    expect_equal(
        (after_503, after_500, mails),
        (3, 1, 3),
        did="POST /posts with a link while previews answer 503 (every time), then once 500; then POST /invites "
        "while mail resets the connection twice, then answers 202",
        saw=f"{after_503} attempts for the 503s, then {after_500} for the 500; the invite: {mails} attempts, "
        f"{show(invited)[:60]}",
        expected_text="3 attempts, then 1; then 3 for the invite",
        why="Rule 2.1: "
        + (
            "an invite carries one Idempotency-Key on every attempt, so a retry after a reset (or a timeout) is "
            "delivered once: retry it like any other call."
            if (after_503, after_500) == (3, 1)
            else "retry what a second try can fix (503), at most 3 attempts; a 500 is not retried."
        ),
    )


@pytest.mark.task(2, points=1)
@pytest.mark.rules("2.2")
def test_every_attempt_of_an_invite_carries_one_idempotency_key(world):
    world.upstream.will(status(503), OK, OK)
    response = world.invite()
    world.invite()  # the same friend, invited again
    keys = [a.headers.get("Idempotency-Key") for a in world.upstream.arrived("/messages")]
    expect_equal(
        (len(keys), len(keys) == 3 and bool(keys[0]) and keys[0] == keys[1] and bool(keys[2]) and keys[2] != keys[0]),
        (3, True),
        did="POST /invites while mail answers 503 once, then 202; then the same invite again (202)",
        saw=f"{show(response)}; Idempotency-Key of each attempt: {keys}",
        expected_text="3 attempts: the first invite's 2 carrying the same, non-empty Idempotency-Key, the second "
        "invite's another",
        why="Rule 2.2: a retried POST without a key is a second paid e-mail; a second invite with the first one's key "
        "is taken for a retry, and never sent.",
    )


@pytest.mark.task(2, points=1)
@pytest.mark.rules("2.3")
def test_retries_wait_a_jittered_growing_delay(world):
    sleeps, replayed = backoff_sleeps(world, 6)
    first, second = sleeps[0::2], sleeps[1::2]
    expect_equal(
        (
            len(sleeps),
            all(0 <= d <= 0.5 for d in first),
            all(0 <= d <= 1.0 for d in second),
            max(second, default=0) > 0.5,
            len(set(sleeps)) > 6,
            "the same" if replayed == sleeps else "other delays",
        ),
        (12, True, True, True, True, "the same"),
        did="6 previews, each answered 503, 503, then 200; then the same on a new app given the same settings.random",
        saw=f"sleeps through settings.sleep: {[round(d, 3) for d in sleeps]}; on the new app: "
        f"{[round(d, 3) for d in replayed]}",
        expected_text="12 sleeps: before retry 1 in [0, 0.5], before retry 2 in [0, 1.0] (some above 0.5: the bound "
        "doubles), and not all alike; the new app sleeps the same delays",
        why="Rule 2.3: backoff with jitter spreads the retries of many callers; sleep through settings.sleep, and "
        "draw the delays with settings.random().",
    )


@pytest.mark.task(2, points=1)
@pytest.mark.rules("2.4")
def test_a_retry_after_is_waited_out(world):
    world.upstream.will(status(503, retry_after="2"), OK)
    response = world.new_post()
    short = list(world.clock.sleeps)
    world.upstream.will(status(503, retry_after="3600"), OK)
    world.new_post()
    long = world.clock.sleeps[len(short) :]
    world.upstream.will(status(429, retry_after="0"), OK)
    before, slept = _arrivals(world), len(world.clock.sleeps)
    now = world.new_post().json().get("preview_status")
    zero = (_arrivals(world) - before, now, 0 <= sum(world.clock.sleeps[slept:]) <= 1)
    expect_equal(
        (len(short), len(short) == 1 and 2 <= short[0] <= 3, len(long), zero),
        (1, True, 0, (2, "ready", True)),
        did="POST /posts with a link; previews answer 503 with Retry-After: 2, then 200; then another post, "
        "answered 503 with Retry-After: 3600; then a third, answered 429 with Retry-After: 0, then 200",
        saw=f"{show(response)[:60]}; sleeps for the first: {short}, for the second: {long}; the third: {zero[0]} "
        f"attempts, preview_status {now!r}, sleeps {world.clock.sleeps[slept:]}",
        expected_text="one sleep of 2 to 3 seconds, then none: an hour is past the 5 s budget; then a second attempt "
        "after 0 to 1 s, and the preview ready",
        why="Rule 2.4: "
        + (
            "a Retry-After beyond the budget is not waited out with the user's request open."
            if long
            else "Retry-After: 0 says try again now: a wait within the budget, not a reason to give up."
            if zero[:2] != (2, "ready")
            else "the service said when to come back; coming back sooner only adds to its load."
        ),
    )


def _fail_calls(world, n):
    for _ in range(n):
        world.upstream.will(status(503), status(503), status(503))
        world.new_post()


@pytest.mark.task(3, points=1)
@pytest.mark.rules("3.1")
def test_the_circuit_opens_after_five_failed_calls(world):
    _fail_calls(world, 4)
    world.upstream.will(OK)
    world.new_post()  # a success: the count starts again
    _fail_calls(world, 4)
    fifth = _arrivals(world)
    _fail_calls(world, 1)
    before = _arrivals(world)
    fifth = before - fifth
    world.upstream.will(then=status(503))
    for _ in range(3):
        world.new_post()
    after = _arrivals(world) - before
    # Mail has its own circuit; a 500 is not retried, and a failed call all the same.
    world.upstream.will(then=status(500))
    for _ in range(5):
        world.clock.advance(60)  # a minute apart: within ada's invite limit (rule 5.2)
        world.invite()
    mails = _arrivals(world, "/messages")
    world.invite(who="bob")
    sixth = _arrivals(world, "/messages") - mails
    expect_equal(
        (fifth, after, mails, sixth),
        (3, 0, 5, 0),
        did="4 previews failed (503 on every attempt), 1 succeeded, 5 failed, then 3 more posts with links; then "
        "5 invites by ada a minute apart, answered 500, and a 6th at once by bob",
        saw=f"{fifth} arrivals for the 5th failure in a row, {after} for the 3 posts after it; {mails} arrivals "
        f"for the 5 invites, {sixth} for the 6th",
        expected_text="3 for the 5th failure in a row (4 are not enough, and a success starts the count again), "
        "then none: the circuit is open; 5 for the invites (a 500 is not retried), then none",
        why="Rule 3.1: "
        + (
            "a failed call counts whatever the reason: 5 invites answered 500 in a row open the mail's circuit."
            if (fifth, after, mails) == (3, 0, 5)
            else "a service that keeps failing is left alone for 30 s, once it has failed 5 calls in a row."
        ),
    )


@pytest.mark.task(3, points=1)
@pytest.mark.rules("3.2")
def test_after_the_cool_down_a_failed_probe_reopens_and_a_good_one_closes(world):
    _fail_calls(world, 5)
    world.clock.advance(30)
    _fail_calls(world, 1)  # the probe fails
    before = _arrivals(world)
    world.upstream.will(then=OK)
    world.new_post()
    after_failed_probe = _arrivals(world) - before
    world.clock.advance(30)
    answers = [world.new_post().json().get("preview_status") for _ in range(3)]
    expect_equal(
        (after_failed_probe, answers),
        (0, ["ready", "ready", "ready"]),
        did="Opened the circuit (5 failed previews), waited 30 s on the clock, let the probe fail, sent one more "
        "post; waited 30 s again, then 3 posts with links, the service answering well",
        saw=f"{after_failed_probe} arrivals for the post after the failed probe; then preview_status {answers}",
        expected_text="0 arrivals (the failed probe reopened the circuit), then ['ready', 'ready', 'ready']",
        why="Rule 3.2: after the cool-down one probe goes through; its failure reopens the circuit, its success "
        "closes it.",
    )


@pytest.mark.task(4, points=1)
@pytest.mark.rules("4.1")
def test_a_post_is_saved_pending_while_previews_are_down(world):
    # Retry-After as an HTTP-date, its other form: read it or treat it as absent, never fail on it.
    world.upstream.will(then=status(503, retry_after="Fri, 31 Dec 2100 23:59:59 GMT"))
    response = world.new_post()
    data = response.json() if response.status_code == 201 else {}
    read = world.client.get(f"/posts/{data.get('id')}") if data else None
    expect_equal(
        (
            response.status_code,
            data.get("preview"),
            data.get("preview_status"),
            read.status_code if read is not None else "not read",
        ),
        (201, None, "pending", 200),
        did="POST /posts with a link while previews answer 503 with 'Retry-After: Fri, 31 Dec 2100 23:59:59 GMT', "
        "then GET it",
        saw=f"{show(response)}; then {show(read)}",
        expected_text="201 with preview null and preview_status 'pending', and the post readable",
        why="Rule 4.1: the writer's post is theirs; the outside service's outage must not cost it (never a 500), "
        "whatever the service sends: Retry-After may be a date as well as seconds.",
    )


@pytest.mark.task(4, points=1)
@pytest.mark.rules("4.2")
def test_an_invite_that_cannot_be_sent_is_a_503_with_retry_after(world):
    world.upstream.will(then=status(503))
    response = world.invite()
    fault = problem_fault(response, 503)
    expect_equal(
        (fault, (retry_after(response) or 0) >= 1),
        (None, True),
        did="POST /invites while mail answers 503",
        saw=f"{fault or show(response)}; Retry-After {response.headers.get('retry-after')!r}",
        expected_text="a 503 problem response with Retry-After in whole seconds, at least 1",
        why="Rule 4.2: a 503 with Retry-After tells the client what a 500 cannot: it is not their fault, "
        "and when to try again.",
    )


@pytest.mark.task(4, points=1)
@pytest.mark.rules("4.3")
def test_a_preview_with_an_enormous_title_is_refused(world):
    seen = []
    for answer in (
        body({"title": "x" * 50_000, "description": "A page."}),
        # 70 kB with a fine title, sent without a Content-Length: its size is known only as it is read.
        body({"title": "Looks fine", "description": None, "filler": "f" * 70_000}, sized=False),
    ):
        world.upstream.will(answer, then=OK)
        response = world.new_post()
        data = response.json() if response.status_code == 201 else {}
        seen.append((response.status_code, data.get("preview"), data.get("preview_status")))
    expect_equal(
        seen,
        [(201, None, "pending")] * 2,
        did="POST /posts with a link; the preview's title is 50,000 characters long; then another, the preview "
        "a 70 kB answer with a fine title, sent without a Content-Length",
        saw=str(seen)[:200],
        expected_text="201 with preview null and preview_status 'pending', both times",
        why="Rule 4.3: never trust an external system: validate its answer (a title of 1 to 200 characters, "
        "at most 64 kB as read, whatever its headers say) before storing or showing any of it.",
    )


def _sign_ins(world, n, **kwargs):
    return [world.sign_in(**kwargs).status_code for _ in range(n)]


@pytest.mark.task(5, points=1)
@pytest.mark.rules("5.1")
def test_the_sixth_sign_in_on_one_account_is_429(world):
    codes = _sign_ins(world, 5, email="ada@inkwell.test", password="wrong")
    codes += _sign_ins(world, 1, email=" ADA@Inkwell.test")
    expect_equal(
        codes,
        [401] * 5 + [429],
        did="POST /tokens for ada 5 times with a wrong password, then once with the right one, "
        "the email typed ' ADA@Inkwell.test'",
        saw=str(codes),
        expected_text="[401, 401, 401, 401, 401, 429]",
        why="Rule 5.1: 5 guesses per account in a burst, then one every 10 s: guessing must cost the guesser.",
    )


@pytest.mark.task(5, points=1)
@pytest.mark.rules("5.2")
def test_the_fourth_invite_in_a_burst_is_429_and_sends_nothing(world):
    codes = [world.invite(f"friend{i}@example.org").status_code for i in range(3)]
    signed = world.sign_in("ada@inkwell.test")  # a new token for the same account
    world.tokens["ada again"] = signed.json().get("token", "") if signed.status_code == 201 else ""
    codes.append(world.invite("friend3@example.org", who="ada again").status_code)
    sent = len(world.upstream.arrived("/messages"))
    bob = world.invite("pal@example.org", who="bob").status_code
    expect_equal(
        (codes, sent, bob),
        ([202, 202, 202, 429], 3, 202),
        did="POST /invites 3 times as ada; ada signed in again (POST /tokens) and invited a 4th time with the new "
        "token; then once as bob, from the same address",
        saw=f"ada {codes}; {sent} e-mails reached the mail service; bob {bob}",
        expected_text="[202, 202, 202, 429] and 3 e-mails; bob 202: the limit is per account, whatever its token",
        why="Rule 5.2: invites are paid e-mails: 3 per account in a burst, then one a minute"
        + ("; a new token is the same account, not a new burst." if codes[:3] == [202] * 3 else "."),
    )


@pytest.mark.task(5, points=1)
@pytest.mark.rules("5.3")
def test_a_429_carries_retry_after_and_ratelimit_headers(world):
    for _ in range(5):
        world.sign_in("ada@inkwell.test", "wrong")
    response = world.sign_in("ada@inkwell.test", "wrong")
    fault = problem_fault(response, 429)
    headers = {k: response.headers.get(k) for k in ("retry-after", "ratelimit-limit", "ratelimit-remaining")}
    world.clock.advance(6.8)
    later = world.sign_in("ada@inkwell.test", "wrong").headers.get("retry-after")
    expect_equal(
        (fault, headers, later),
        (None, {"retry-after": "10", "ratelimit-limit": "5", "ratelimit-remaining": "0"}, "4"),
        did="POST /tokens for ada 6 times at one instant, then once more 6.8 s later",
        saw=f"{fault or 'a problem response'}; headers {headers}; 6.8 s later Retry-After {later!r}",
        expected_text="a 429 problem response with Retry-After: 10, RateLimit-Limit: 5, RateLimit-Remaining: 0; "
        "then Retry-After: 4 (3.2 s, rounded up)",
        why="Rule 5.3: tell the client how long to wait, in whole seconds, rounded up: rounded down or to the nearest, "
        "it comes back too early and is refused again.",
    )


@pytest.mark.task(5, points=1)
@pytest.mark.rules("5.4")
def test_sign_in_comes_back_one_at_a_time_after_the_interval(world):
    codes = _sign_ins(world, 6, email="bob@inkwell.test", password="wrong")
    world.clock.advance(10)
    codes += _sign_ins(world, 2, email="bob@inkwell.test", password="wrong")
    world.clock.advance(15)
    codes += _sign_ins(world, 1, email="bob@inkwell.test", password="wrong")
    world.clock.advance(5)
    codes += _sign_ins(world, 1, email="bob@inkwell.test", password="wrong")
    bucket = world.limit("invites-account")
    bucket.acquire("rested")
    world.clock.advance(150)
    rested = [bucket.acquire("rested") == 0 for _ in range(4)]
    expect_equal(
        (codes[5:], rested),
        ([429, 401, 429, 401, 401], [True, True, True, False]),
        did="POST /tokens for bob 6 times at once, then 2 more after 10 s on the clock, 1 more 15 s later and "
        "1 more 5 s after that; then app.state.limits['invites-account'].acquire('rested') once, and 4 times "
        "150 s later",
        saw=f"sign-ins {codes}; the rested key allowed {rested}",
        expected_text="the 6th sign-in 429, then one more allowed (401) and the next 429; one at 25 s and one at "
        "30 s allowed; the rested key allowed [True, True, True, False]: never more than its burst of 3",
        why="Rule 5.4: after the burst, one request per interval: not two, not none, and the part of an interval "
        "not used yet is kept; rest refills a bucket up to its burst, not beyond.",
    )


@pytest.mark.task(5, points=1)
@pytest.mark.rules("5.5")
def test_a_forwarded_for_header_is_believed_only_from_a_trusted_proxy(world):
    codes = [
        world.sign_in(f"nobody{i}@inkwell.test", "wrong", forwarded=f"203.0.113.{i}").status_code for i in range(21)
    ]
    with World(world.upstream, proxies=("10.0.0.2",)) as behind:
        proxied = [
            behind.sign_in(
                f"someone{i}@inkwell.test", "wrong", peer="10.0.0.2", forwarded=f"192.0.2.{i}, 203.0.113.99"
            ).status_code
            for i in range(21)
        ]
        packed = [
            behind.sign_in(
                f"other{i}@inkwell.test", "wrong", peer="10.0.0.2", forwarded=f"198.18.0.{i},203.0.113.7"
            ).status_code
            for i in range(21)
        ]
    expect_equal(
        (codes, proxied, packed),
        ([401] * 20 + [429], [401] * 20 + [429], [401] * 20 + [429]),
        did=f"POST /tokens 21 times from {PEER} (not a trusted proxy), each for another account, "
        "each with another X-Forwarded-For; then 21 times through a trusted proxy, the header "
        "'192.0.2.<i>, 203.0.113.99', and 21 times more, the header '198.18.0.<i>,203.0.113.7' (no space)",
        saw=f"{codes}; through the proxy: {proxied}; without spaces: {packed}",
        expected_text="20 answers 401, then 429: the address is the peer's, whatever the header says; and through the "
        "proxy, the client is the right-most hop (203.0.113.99, then 203.0.113.7), so each time 20 answers 401, "
        "then 429",
        why="Rule 5.5: "
        + (
            "hops are separated by commas, with or without a space: '198.18.0.1,203.0.113.7' is two hops."
            if (codes, proxied) == ([401] * 20 + [429], [401] * 20 + [429])
            else "a header the client writes is the client's choice; key on it and the limit is theirs to reset."
        ),
    )


@pytest.mark.task(5, points=1)
@pytest.mark.rules("5.6")
def test_a_limiter_forgets_keys_it_no_longer_needs_and_no_others(world):
    limiter = world.limit("tokens-address")
    before = held_by(limiter, world.clock, world.app)
    for i in range(100_000):
        limiter.acquire(address(i))
        world.clock.now += 0.01
    held = held_by(limiter, world.clock, world.app) - before
    victim = world.limit("invites-account")
    for _ in range(3):
        victim.acquire("victim")
    for i in range(12_000):
        victim.acquire(f"other-{i}")
    forgiven = victim.acquire("victim") == 0
    expect_equal(
        ("under 3 MB" if held < 3_000_000 else "3 MB or more", forgiven),
        ("under 3 MB", False),
        did="app.state.limits['tokens-address'].acquire(key) for 100,000 distinct keys, 100 a second on the clock; "
        "then a key at its invite limit, 12,000 other keys at the same instant, and that key again",
        saw=f"{held / 1e6:.1f} MB more held by the limiter than when it was new; the key at its limit was "
        + ("allowed again" if forgiven else "still refused"),
        expected_text="under 3 MB: a key whose bucket is full again is as good as unseen, and can be forgotten; "
        "a key at its limit is never forgotten early",
        why="Rule 5.6: a dict of buckets that never shrinks grows with every address on the internet; one that "
        "evicts the oldest lets an attacker reset a victim's limit by sending other keys.",
    )
