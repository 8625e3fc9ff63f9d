"""Task 5: indexes change how rows are found, never which rows the workload answers."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from kata_tests.judge import not_a_problem
from kata_tests.workload import FEEDS, Recorder, login_before_and_after, login_finds

from checker.appclient import AppClient
from checker.testkit import expect_equal, learner

PROPERTY = settings(derandomize=True, database=None, deadline=None, max_examples=15)


def _ids(call) -> list:
    return [item.get("id") for item in call.json] if isinstance(call.json, list) else [call.json]


def _check(call, expected_ids: list[int], why: str) -> None:
    seen = _ids(call)
    expect_equal(
        (call.status, seen),
        (200, expected_ids),
        did=f"Served {call.did} on the seeded existing database",
        saw=call.error or f"{call.status}, ids {seen if call.status == 200 else call.json}",
        expected_text=f"200, ids {expected_ids}",
        why=why,
    )


def _missing(call, why: str) -> None:
    shape = not_a_problem(404, call.content_type, call.json) if call.status == 404 else ""
    expect_equal(
        (call.status, shape),
        (404, ""),
        did=f"Served {call.did}",
        saw=call.error or f"{call.status} {str(call.json)[:160]}" + (f" ({shape})" if shape else ""),
        expected_text="404 as a problem response",
        why=why,
    )


@pytest.mark.task(5, points=1)
@pytest.mark.rules("5.1")
def test_login_never_tells_whether_an_account_exists(workload, app_on, small_existing):
    known, unknown = workload.call("login"), workload.call("login-unknown")
    expect_equal(
        (known.status, unknown.status),
        (202, 202),
        did=f"Served {known.did}, then {unknown.did}",
        saw=f"{known.status} {str(known.json)[:120]}, then {unknown.status} {str(unknown.json)[:120]}",
        expected_text="202 for both",
        why="Rule 5.1: a login that answers another status for an unknown address tells anyone who has an account."
        if known.status != unknown.status
        else "Rule 5.1: login answers 202 (the sign-in link would be mailed).",
    )
    # One address, before and after an account uses it: the body may name the address, never
    # whether it belongs to someone.
    before, after = login_before_and_after(app_on, small_existing, "late.joiner@inkwell.test")
    expect_equal(
        (before.status_code, after.status_code, before.text == after.text),
        (202, 202, True),
        did="POST /login with 'late.joiner@inkwell.test' while no account used it, then again once an "
        "account with that address was stored",
        saw=f"{before.status_code} {before.text[:120]}, then {after.status_code} {after.text[:120]}",
        expected_text="202 and one and the same body both times",
        why="Rule 5.1: the answer changed when the address got an account, so it tells who has one."
        if before.status_code != after.status_code or before.text != after.text
        else "Rule 5.1: login answers 202 (the sign-in link would be mailed).",
    )


@pytest.fixture(scope="module")
def login_client(workload):
    workload.ready()
    app = learner("inkwell.app").create_app(f"sqlite:///{workload.path}")
    with AppClient(app, raise_server_exceptions=False) as client:
        yield client


_SPACE = st.sampled_from([" ", "\t", "\n", "\r\n", "\u00a0"])


@pytest.mark.task(5, points=1)
@pytest.mark.rules("5.2")
@PROPERTY
@given(
    user=st.integers(min_value=1, max_value=900),
    upper=st.lists(st.booleans(), min_size=23, max_size=23),
    before=st.lists(_SPACE, max_size=2),
    after=st.lists(_SPACE, max_size=2),
)
def test_login_finds_the_account_in_any_case_and_spacing(workload, login_client, user, upper, before, after):
    stored = f"writer{user:04d}@inkwell.test"
    typed = (
        "".join(before) + "".join(c.upper() if u else c for c, u in zip(stored, upper, strict=True)) + "".join(after)
    )
    with Recorder() as recorder:
        response = login_client.post("/login", json={"email": typed})
    statements = [(s, p) for s, p in recorder.statements if s.lstrip().upper().startswith("SELECT")]
    found = [row.get("id") for s, p in statements for row in workload.replay(s, p)]
    expect_equal(
        (response.status_code, user in found),
        (202, True),
        did=f"POST /login with {typed!r}, then ran the statements it issued again",
        saw=f"{response.status_code}; rows with ids {found}",
        expected_text=f"202, and a statement that returns the account of {stored} (id {user})",
        why="Rule 5.2: login compares the normalised address with the stored one: every case and "
        "every kind of whitespace around it.",
    )


@pytest.mark.task(5, points=0.25)
@pytest.mark.rules("5.2")
def test_login_finds_the_account_whatever_the_case_of_its_accented_letters(app_on, small_existing):
    status, found = login_finds(app_on, small_existing, "chloé.zoë@inkwell.test", " CHLOÉ.ZOË@Inkwell.TEST")
    expect_equal(
        (status, "chloé.zoë@inkwell.test" in found),
        (202, True),
        did="Stored an account 'chloé.zoë@inkwell.test' with plain SQL, then POST /login with "
        "' CHLOÉ.ZOË@Inkwell.TEST' and ran the statements it issued again",
        saw=f"{status}; rows with emails {found}",
        expected_text="202, and a statement that returns the account of chloé.zoë@inkwell.test",
        why="Rule 5.2: in any case means accented letters too; SQLite's lower() and NOCASE fold A-Z "
        "only, so compare the normalised address (normalise_email) with the stored one.",
    )


@pytest.mark.task(5, points=2.75)
@pytest.mark.rules("5.3")
def test_every_feed_lists_the_newest_published_posts(workload):
    for name, author in FEEDS.items():
        _check(
            workload.call(name),
            workload.seeded.feed(author),
            "Rule 5.3: the author's 20 newest published posts, newest first; all of them when there are "
            "fewer, none when there is none.",
        )


@pytest.mark.task(5, points=0.5)
@pytest.mark.rules("5.4")
def test_the_tag_page_lists_the_newest_published_posts_with_the_tag(workload):
    _check(
        workload.call("tag"), workload.seeded.tag_page(17), "Rule 5.4: published posts with the tag, newest first, 20."
    )
    _check(workload.call("tag-missing"), [], "Rule 5.4: a tag no post has lists nothing.")


@pytest.mark.task(5, points=0.25)
@pytest.mark.rules("5.5")
def test_comments_come_oldest_first_and_ties_by_id(workload):
    _check(
        workload.call("comments"),
        workload.seeded.comments_on(1),
        "Rule 5.5: oldest first; comments 2 and 3 share a timestamp, and the lower id comes first.",
    )
    _missing(workload.call("comments-missing"), "Rule 5.5: the comments of a post that does not exist are a 404.")


@pytest.mark.task(5, points=0.25)
@pytest.mark.rules("5.6")
def test_a_post_is_found_by_its_slug(workload):
    call = workload.call("post")
    expect_equal(
        (call.status, call.json.get("id") if isinstance(call.json, dict) else "no post"),
        (200, 123),
        did=f"Served {call.did}",
        saw=call.error or f"{call.status} {str(call.json)[:200]}",
        expected_text="200 with post 123",
        why="Rule 5.6: the post with that slug.",
    )
    _missing(workload.call("post-missing"), "Rule 5.6: a slug no post has is a 404.")
