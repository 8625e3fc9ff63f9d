"""Attacks on joining, driven over HTTP: floods from one address, code guessing, names that look alike.

Each client of these tests has an address of its own (TestClient's `client`), and the room's
clock is the test's: the limits' windows move only when a test moves it.
"""

from __future__ import annotations

import tracemalloc

import pytest
from fastapi.testclient import TestClient

from checker.room.infrastructure.ratelimit import DEFAULT_MAX_KEYS, TokenBuckets
from checker.room.infrastructure.unit_of_work import SqlUnitOfWork
from checker.room.interface.app import JOINS_PER_CLIENT, ROOM_SIZE, UNKNOWN_CODES_PER_CLIENT, create_app
from tests.room.conftest import KATAS, START, new_room

PROBLEM = "application/problem+json"


def at(app, address: str) -> TestClient:
    return TestClient(app, client=(address, 50000))


def joins(client: TestClient, code: str, names) -> list[int]:
    return [client.post(f"/api/rooms/{code}/learners", json={"name": name}).status_code for name in names]


def test_a_flood_of_220_joins_from_one_address_in_1_5_s_lets_in_the_allowance_only(app, room, clock):
    flood = at(app, "203.0.113.9")
    statuses = []
    for n in range(220):
        statuses += joins(flood, room.room.code, [f"Bot {n}"])
        clock.advance(seconds=1.5 / 220)
    # The allowance at once, and one more per second of the flood.
    assert statuses.count(201) == JOINS_PER_CLIENT + 1 == 61, statuses
    assert statuses.count(429) == 220 - 61 and statuses[-1] == 429
    refused = flood.post(f"/api/rooms/{room.room.code}/learners", json={"name": "Bot again"})
    assert refused.headers["content-type"] == PROBLEM and refused.json()["status"] == 429
    assert refused.headers["retry-after"] == "1" and "try again in 1 s" in refused.json()["detail"]


def test_a_class_of_45_behind_one_nat_joins_within_a_minute(app, room, clock):
    nat = at(app, "198.51.100.20")
    statuses = []
    for n in range(45):
        statuses += joins(nat, room.room.code, [f"Learner {n:02d}"])
        clock.advance(seconds=1)
    assert statuses == [201] * 45


def test_one_flooding_address_does_not_hold_up_another(app, room):
    assert joins(at(app, "203.0.113.9"), room.room.code, [f"Bot {n}" for n in range(JOINS_PER_CLIENT + 5)])[-1] == 429
    assert joins(at(app, "192.0.2.1"), room.room.code, ["Ada"]) == [201]


def test_an_address_held_back_joins_again_after_retry_after(app, room, clock):
    flood = at(app, "203.0.113.9")
    joins(flood, room.room.code, [f"Bot {n}" for n in range(JOINS_PER_CLIENT)])
    refused = flood.post(f"/api/rooms/{room.room.code}/learners", json={"name": "Late"})
    assert refused.status_code == 429
    clock.advance(seconds=int(refused.headers["retry-after"]))
    assert joins(flood, room.room.code, ["Late"]) == [201]


def test_addresses_of_one_ipv6_64_count_as_one_client(app, room):
    statuses = [
        joins(at(app, f"2001:db8:1:2::{n:x}"), room.room.code, [f"Bot {n}"])[0] for n in range(JOINS_PER_CLIENT + 1)
    ]
    assert statuses.count(201) == JOINS_PER_CLIENT and statuses[-1] == 429
    assert joins(at(app, "2001:db8:1:3::1"), room.room.code, ["Ada"]) == [201]


def test_a_room_takes_as_many_learners_as_the_facilitator_set(clock):
    small = create_app(katas=KATAS, clock=clock, room_size=3)
    room = new_room(small)
    statuses = [joins(at(small, f"192.0.2.{n}"), room.room.code, [f"L{n}"])[0] for n in range(1, 5)]
    assert statuses == [201, 201, 201, 409]
    full = at(small, "192.0.2.9").post(f"/api/rooms/{room.room.code}/learners", json={"name": "Grace"})
    assert full.headers["content-type"] == PROBLEM and "is full: it takes 3 learners" in full.json()["detail"]


def test_kata_serve_caps_a_room_at_the_servers_default():
    from inspect import signature

    from checker.cli.serve_cmd import command

    assert signature(command).parameters["max_learners"].default == ROOM_SIZE == 100


def test_guessing_codes_is_held_back_and_then_every_code_answers_429(app, room, clock):
    guesser = at(app, "203.0.113.50")
    guesses = [f"ZZZ{n:03d}" for n in range(UNKNOWN_CODES_PER_CLIENT + 10)]
    statuses = [guesser.post(f"/api/rooms/{code}/learners", json={"name": "Eve"}).status_code for code in guesses]
    assert statuses == [404] * UNKNOWN_CODES_PER_CLIENT + [429] * 10
    # Once held back, a right guess answers as a wrong one: 429, and no learner joins.
    right = guesser.post(f"/api/rooms/{room.room.code}/learners", json={"name": "Eve"})
    assert right.status_code == 429 and right.headers["content-type"] == PROBLEM
    assert "unknown room codes" in right.json()["detail"] and int(right.headers["retry-after"]) >= 1
    # Another address is not held back by the guesser, and the guesser gets through after the wait.
    assert joins(at(app, "192.0.2.1"), room.room.code, ["Ada"]) == [201]
    clock.advance(seconds=int(right.headers["retry-after"]))
    assert joins(guesser, room.room.code, ["Eve"]) == [201]


def test_a_classroom_that_mistypes_the_code_gets_its_retries(app, room, clock):
    nat = at(app, "198.51.100.20")
    for n in range(30):  # 30 learners behind one address, one typo each, over a minute
        assert joins(nat, "ZZZZZZ", [f"Learner {n:02d}"]) == [404]
        assert joins(nat, room.room.code, [f"Learner {n:02d}"]) == [201]
        clock.advance(seconds=2)


def test_an_unknown_code_answers_a_facilitators_route_as_a_known_one_does(client, app, room, join):
    for path in ("/rooms/{}/board.json", "/rooms/{}/board", "/rooms/{}/export.csv"):
        known, unknown = client.get(path.format(room.room.code)), client.get(path.format("ZZZZZZ"))
        assert known.status_code == unknown.status_code == 401
        assert known.json()["detail"] == unknown.json()["detail"]
    other = new_room(app, "Other room")
    zed = {"Authorization": f"Bearer {join('Zed').token}"}
    known = client.post(f"/rooms/{other.room.code}/close", headers=zed).json()
    unknown = client.post("/rooms/ZZZZZZ/close", headers=zed).json()
    assert known["status"] == unknown["status"] == 404
    assert known["detail"].replace(other.room.code, "CODE") == unknown["detail"].replace("ZZZZZZ", "CODE")


@pytest.mark.parametrize(
    "name",
    ["\u0410\u0501\u0430", "\uff21\uff44\uff41", "ADA", "A\u0064a  ", "Jose\u0301"],
    ids=["Cyrillic letters", "full-width letters", "another case", "extra spaces", "decomposed accent"],
)
def test_a_join_whose_name_reads_as_one_in_the_room_is_refused(app, room, name):
    joins(at(app, "192.0.2.1"), room.room.code, ["Ada", "Jos\u00e9"])
    refused = at(app, "192.0.2.2").post(f"/api/rooms/{room.room.code}/learners", json={"name": name})
    assert refused.status_code == 409 and refused.headers["content-type"] == PROBLEM, refused.text
    assert "'Ada'" in refused.json()["detail"] or "'José'" in refused.json()["detail"]


@pytest.mark.parametrize(
    ("name", "why"),
    [("A\u200bda", "prints nothing"), ("\u0410da", "mixes Cyrillic and Latin"), ("Ada\u202e", "prints nothing")],
    ids=["zero-width space", "Cyrillic A in a Latin word", "right-to-left override"],
)
def test_a_name_that_hides_characters_or_mixes_alphabets_is_refused(client, room, name, why):
    refused = client.post(f"/api/rooms/{room.room.code}/learners", json={"name": name})
    assert refused.status_code == 422 and why in refused.json()["errors"][0]["detail"]
    assert refused.json()["errors"][0]["field"] == "name"


def test_the_board_shows_names_that_read_differently_and_in_nfkc(app, client, room, admin):
    joins(at(app, "192.0.2.1"), room.room.code, ["Ada", "\u0410\u0434\u0430", "\uff27race"])
    board = client.get(f"/rooms/{room.room.code}/board.json", headers=admin).json()
    assert sorted(row["name"] for row in board["learners"]) == ["Ada", "Grace", "Ада"]


def test_a_room_kept_from_before_the_rule_shows_look_alike_names_marked_with_their_ids(app, client, room, admin):
    engine = app.state.services.engine
    with SqlUnitOfWork(engine) as uow:  # written past the join rule, as a database from before it holds them
        ids = [
            uow.rooms.add_learner(room_id=room.room.id, name=name, token_digest=name, joined_at=START).id  # type: ignore[union-attr]
            for name in ("Ada", "\u0410da", "Grace")
        ]
        uow.commit()
    rows = client.get(f"/rooms/{room.room.code}/board.json", headers=admin).json()["learners"]
    assert {(row["learner_id"], row["lookalike"]) for row in rows} == {(ids[0], True), (ids[1], True), (ids[2], False)}
    page = client.get(f"/rooms/{room.room.code}/board", headers=admin).text
    assert f"≈ #{ids[0]}</span>" in page and f"≈ #{ids[1]}</span>" in page and f"≈ #{ids[2]}" not in page


def test_the_limiters_memory_stays_bounded_under_100_000_distinct_keys():
    buckets = TokenBuckets(rate=1 / 3, burst=1, clock=lambda: 0.0)  # one call empties a bucket
    addresses = (f"10.{n >> 16}.{(n >> 8) & 255}.{n & 255}" for n in range(100_000))
    tracemalloc.start()
    try:  # what a full limiter holds: its first DEFAULT_MAX_KEYS keys, traced
        for _, address in zip(range(DEFAULT_MAX_KEYS), addresses, strict=False):
            buckets.wait(address)
        full, _ = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    for address in addresses:  # the other 90,000: each one evicts the key used least recently
        buckets.wait(address)
    assert len(buckets) == DEFAULT_MAX_KEYS == 10_000
    assert full < 3 * 1024 * 1024, f"{full} bytes held for {DEFAULT_MAX_KEYS} keys"
    assert buckets.peek("10.1.134.159") == 3.0 and buckets.peek("10.0.0.0") == 0  # the last key kept, the first gone


def test_the_limiter_evicts_the_key_used_least_recently():
    now = [0.0]
    buckets = TokenBuckets(rate=1, burst=1, clock=lambda: now[0], max_keys=2)
    assert (buckets.wait("flooder"), buckets.wait("a")) == (0, 0)
    assert buckets.wait("flooder") == 1.0  # used again: now the most recent
    buckets.wait("b")  # a third key evicts "a", not the flooder
    assert len(buckets) == 2 and buckets.peek("flooder") == 1.0 and buckets.peek("a") == 0


def test_peeking_takes_nothing_and_a_clock_set_back_refills_nothing():
    now = [100.0]
    buckets = TokenBuckets(rate=1, burst=2, clock=lambda: now[0])
    assert [buckets.peek("a") for _ in range(5)] == [0] * 5 and len(buckets) == 0
    assert [buckets.wait("a") for _ in range(3)] == [0, 0, 1.0]
    now[0] = 50.0
    assert buckets.wait("a") == 1.0
