"""Public tests of the Result kata, tasks 3 to 5: the HTTP edge, unexpected errors, silence."""

from __future__ import annotations

import ast
import logging
import sqlite3

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st
from kata_tests.support import answer, check_problem, echoed, find_in_source

from checker.testkit import expect_equal

WELL_FORMED = st.text(alphabet="abcXYZ019._-", min_size=1, max_size=64)
MALFORMED = st.one_of(
    st.just(""),
    st.text(alphabet="abc019-", min_size=65, max_size=70),
    st.tuples(st.text(alphabet="abc1", max_size=3), st.sampled_from(" \t;/:@é<"), st.text(alphabet="abc1", max_size=3))
    .map("".join)
    .filter(lambda s: s.strip(" \t") != "" or s == ""),
)


@pytest.mark.task(3, points=4)
@pytest.mark.rules("3.1", "3.2")
def test_a_taken_email_answers_409_and_another_authors_post_403_as_problems(http):
    r = http.client.post("/users", json={"email": "ADA@example.com", "display_name": "Ada"})
    check_problem("POST /users with 'ADA@example.com' while ada@example.com is registered", r, 409, "/users")
    path = f"/posts/{http.draft}/publish"
    check_problem(f"POST {path} as Bob (Ada's draft)", http.client.post(path, headers=http.bob), 403, path)


@pytest.mark.task(3, points=4)
@pytest.mark.rules("3.3")
def test_a_missing_token_and_an_unknown_route_answer_as_problems(http):
    check_problem(
        "GET /no-such-page (the router's own 404)",
        http.client.get("/no-such-page"),
        404,
        "/no-such-page",
        why="The framework's own errors (401, 404, 405, 422) are error answers too: same format.",
    )
    r = http.client.post("/posts", json={"title": "T", "body": "B", "tags": []})
    check_problem(
        "POST /posts with no Authorization header",
        r,
        401,
        "/posts",
        why="The framework's own errors (401, 404, 405, 422) are error answers too: same format.",
    )


@pytest.mark.task(3, points=4)
@pytest.mark.rules("3.4")
def test_fastapis_422_and_the_apps_422_are_one_kind_of_problem(http):
    mine = http.client.post("/users", json={"email": "grace.example.org", "display_name": "Grace"})
    framework = http.client.post("/users", json={"email": "grace@example.org"})
    check_problem("POST /users with email 'grace.example.org'", mine, 422, "/users", ("email",))
    check_problem(
        "POST /users without display_name (FastAPI's own validation)", framework, 422, "/users", ("display_name",)
    )
    nested = http.client.post("/posts", json={"title": "T", "body": "B", "tags": ["python", 7]}, headers=http.ada)
    broken = http.client.post(
        "/users", content='{"email": "grace@example.org",}', headers={"Content-Type": "application/json"}
    )
    for did, r, field in (
        ("POST /posts as Ada with tags ['python', 7] (FastAPI's own validation)", nested, "tags.1"),
        ('POST /users with the malformed JSON \'{"email": "grace@example.org",}\' (a trailing comma)', broken, "body"),
    ):
        check_problem(
            did,
            r,
            422,
            r.request.url.path,
            (field,),
            why="Rule 3.4: each field is named as the client sent it; malformed JSON names no field but the body."
            if r.status_code == 422
            else "",
        )
    kinds = [(r.json().get("type"), r.json().get("title")) for r in (mine, framework)]
    expect_equal(
        kinds[0] == kinds[1],
        True,
        did="POST /users with a malformed email, then without display_name; compared the two problems",
        saw=f"type and title {kinds[0]} for the first, {kinds[1]} for the second",
        expected_text="the same type and title: both are validation failures",
        why="A client handles 'fix these fields' in one place only if every validation failure is one kind.",
    )


@pytest.mark.task(3, points=1)
@pytest.mark.rules("3.5")
def test_two_problems_of_one_kind_share_type_and_title_and_say_each_what_went_wrong(http):
    pairs = [
        (
            "two validation failures (a blank title, then an unknown tag)",
            http.client.post("/posts", json={"title": " ", "body": "B", "tags": []}, headers=http.ada),
            http.client.post("/posts", json={"title": "T", "body": "B", "tags": ["cobol"]}, headers=http.ada),
        ),
        (
            "two missing posts (publishing posts 7771 and 7772 as Ada)",
            http.client.post("/posts/7771/publish", headers=http.ada),
            http.client.post("/posts/7772/publish", headers=http.ada),
        ),
    ]
    seen = {}
    for kind, first, second in pairs:
        a, b = (r.json() if r.headers.get("content-type", "").endswith("json") else {} for r in (first, second))
        seen[kind] = (
            "same type and title" if (a.get("type"), a.get("title")) == (b.get("type"), b.get("title")) else "differ",
            "same detail" if a.get("detail") == b.get("detail") else "each its own detail",
        )
    expect_equal(
        seen,
        dict.fromkeys(seen, ("same type and title", "each its own detail")),
        did="Compared " + " and ".join(seen),
        saw="; ".join(f"{kind}: {', '.join(got)}" for kind, got in seen.items()),
        expected_text="within each pair, the same type and title, and a detail of its own",
        why="Rule 3.5: a client branches on type and shows title; detail says what went wrong this time.",
    )


@pytest.mark.task(4, points=4)
@pytest.mark.rules("4.1", "4.2")
def test_a_bug_answers_500_with_an_error_id_and_nothing_of_the_exception(fresh, database_fails):
    with database_fails("from posts", bug=True):
        r = fresh.client.get("/posts/1", headers={"X-Request-ID": "req-4-2"})
        later = fresh.client.get("/posts/1", headers={"X-Request-ID": "req-4-2-later"})
    body = r.json() if r.headers.get("content-type", "").startswith("application/") else {}
    leaked = [word for word in ("hunter2", "secret-dsn", "Traceback", "RuntimeError") if word in r.text]
    own_id = isinstance(body, dict) and bool(body.get("error_id")) and body.get("error_id") != "req-4-2"
    expect_equal(
        (r.status_code, leaked, own_id),
        (500, [], True),
        did="GET /posts/1 with X-Request-ID 'req-4-2' while reading posts raises RuntimeError (a bug)",
        saw=answer(r, "status", "detail", "error_id") + (f"; it shows {leaked}" if leaked else ""),
        expected_text="500, a problem body with an error_id of its own (not the request id), and no word of the exception",
        why="Exception text leaks internals to anyone who can make a request fail"
        if leaked
        else "An error id names this one failure: a request id may be shared by retries and other requests"
        if isinstance(body, dict) and body.get("error_id") == "req-4-2"
        else "The client quotes the error id; the operator finds the logged exception by it.",
    )
    check_problem("GET /posts/1 while reading posts raises RuntimeError (a bug)", r, 500, "/posts/1")
    ids = [
        b.get("error_id") if isinstance(b, dict) else None
        for b in (body, later.json() if later.headers.get("content-type", "").startswith("application/") else {})
    ]
    expect_equal(
        "one id per failure" if ids[0] and ids[1] and ids[0] != ids[1] else "the same id twice" if ids[0] else "none",
        "one id per failure",
        did="GET /posts/1 twice (X-Request-ID 'req-4-2', then 'req-4-2-later') while reading posts raises RuntimeError",
        saw=f"error ids {ids}",
        expected_text="two different error ids",
        why="Rule 4.2: an error id is fresh for each failure, so that it leads to one logged exception.",
    )


@pytest.mark.task(4, points=3)
@pytest.mark.rules("4.3")
def test_an_unreachable_database_answers_503_with_retry_after(fresh, database_fails):
    with database_fails("from posts"):
        r = fresh.client.get("/posts/1")
    retry = r.headers.get("retry-after", "")
    expect_equal(
        (r.status_code, retry.isdigit() and int(retry) > 0, "hunter2" in r.text),
        (503, True, False),
        did="GET /posts/1 while the database fails every statement reading posts (OperationalError)",
        saw=f"{answer(r, 'status', 'detail')}; Retry-After {retry or 'missing'}",
        expected_text="503 with Retry-After: <seconds>, and no word of the exception",
        why="An outage is not a bug: 503 tells the client to come back, Retry-After says when."
        if r.status_code != 503
        else "Retry-After says how many seconds to wait before trying again.",
    )
    with database_fails("from posts", driver=sqlite3.InterfaceError):
        bug = fresh.client.get("/posts/1")
    expect_equal(
        bug.status_code,
        500,
        did="GET /posts/1 while every statement reading posts raises sqlalchemy.exc.InterfaceError",
        saw=answer(bug, "status", "detail"),
        expected_text="500: a database error that is no OperationalError is a bug, not an outage",
        why="Only an OperationalError (the database unreachable, locked or full) is an outage; other "
        "database errors are bugs, which 'try again later' will not fix.",
    )


@pytest.mark.task(4, points=1)  # the reviewer's suite holds the rest of 4.4's points
@pytest.mark.rules("4.4")
@settings(derandomize=True, database=None, deadline=None, max_examples=15)
@given(sent=st.one_of(WELL_FORMED, MALFORMED))
@example(sent="caf\u00ea")  # a letter, but not an ASCII one (the app reads it as "Ãª", two letters)
@example(sent="A1._-" * 12 + "Zz09")  # 64 characters: the longest id the rule accepts
def test_a_well_formed_request_id_is_echoed_and_any_other_replaced(http, sent):
    got = echoed(http.client, f"/posts/{http.draft}", sent)
    own = got in (sent, sent.encode().decode("latin-1"))
    well_formed = 1 <= len(sent) <= 64 and all(c.isascii() and (c.isalnum() or c in "._-") for c in sent)
    expect_equal(
        "the client's own" if own else "a fresh id" if got else "none",
        "the client's own" if well_formed else "a fresh id",
        did=f"GET /posts/{http.draft} with X-Request-ID {sent!r}",
        saw=f"X-Request-ID {got!r}",
        expected_text=f"{sent!r}, the client's own" if well_formed else "a fresh id, not the malformed one",
        why="A gateway's id follows the request into our logs"
        if well_formed
        else "An id must be 1 to 64 letters, digits, '.', '_' or '-': anything else could forge log lines.",
    )


@pytest.mark.task(4, points=2)
@pytest.mark.rules("4.2", "4.4", "4.5")
def test_the_log_records_of_a_request_carry_its_request_id_and_the_500_its_error_id(fresh, caplog, database_fails):
    with caplog.at_level(logging.INFO), database_fails("from posts", bug=True):
        r = fresh.client.get("/posts/1", headers={"X-Request-ID": "trace-4-5"})
    ours = [rec for rec in caplog.records if rec.name.startswith("inkwell")]
    tagged = [rec for rec in ours if getattr(rec, "request_id", None) == "trace-4-5"]
    expect_equal(
        (bool(ours), len(ours) - len(tagged)),
        (True, 0),
        did="GET /posts/1 with X-Request-ID 'trace-4-5' while reading posts raises RuntimeError; read the log",
        saw=f"{len(ours)} record(s) from inkwell loggers, {len(tagged)} with request_id 'trace-4-5'; response "
        f"X-Request-ID {r.headers.get('x-request-id')!r}",
        expected_text="every record (the 500's error record included) with the attribute request_id = 'trace-4-5'",
        why="An operator greps the logs by the id a client quotes; a line without it is lost.",
    )
    body = r.json() if r.headers.get("content-type", "").startswith("application/") else {}
    error_id = body.get("error_id") if isinstance(body, dict) else None
    logged = [
        rec
        for rec in ours
        if rec.levelno >= logging.ERROR
        and rec.exc_info
        and error_id
        and (error_id in rec.getMessage() or getattr(rec, "error_id", None) == error_id)
    ]
    expect_equal(
        bool(logged),
        True,
        did="GET /posts/1 while reading posts raises RuntimeError; looked for the 500's error id in the log",
        saw=f"error_id {error_id!r}; {len([x for x in ours if x.levelno >= logging.ERROR])} ERROR record(s), "
        f"{len(logged)} with the exception attached and that id",
        expected_text="an ERROR record with exc_info and the error id (in the message or record.error_id)",
        why="The body hides the details; the log must hold them, findable by the id the client quotes.",
    )
    caplog.clear()
    with caplog.at_level(logging.INFO), database_fails("from posts", bug=True):
        replaced = fresh.client.get("/posts/1", headers={"X-Request-ID": "trace:4.5"})
    answered = replaced.headers.get("x-request-id")
    tags = sorted({str(getattr(rec, "request_id", None)) for rec in caplog.records if rec.name.startswith("inkwell")})
    expect_equal(
        (
            "fresh" if answered and answered != "trace:4.5" else repr(answered),
            "the response's" if tags == [answered] else "none logged" if not tags else "another",
        ),
        ("fresh", "the response's"),
        did="GET /posts/1 with the malformed X-Request-ID 'trace:4.5' while reading posts raises RuntimeError",
        saw=f"X-Request-ID {answered!r}; the request's log records tagged {tags}",
        expected_text="a fresh X-Request-ID (not 'trace:4.5'), and the 500's log records tagged with that same id",
        why="A malformed id is replaced on every response, a 500 too."
        if answered == "trace:4.5"
        else "The id a request is given, a minted one too, is the one its response and its log records share.",
    )


def _report(found, did, expected, why):
    expect_equal(found, [], did=did, saw="found at " + ", ".join(found), expected_text=expected, why=why)


def _swallows(handler):
    if len(handler.body) != 1:
        return False
    only = handler.body[0]
    if isinstance(only, ast.Pass | ast.Continue):
        return True
    if isinstance(only, ast.Expr) and isinstance(only.value, ast.Constant) and only.value.value is Ellipsis:
        return True
    return isinstance(only, ast.Return) and (
        only.value is None or (isinstance(only.value, ast.Constant) and only.value.value is None)
    )


def _error_text(node):
    # The text a returned string starts with, however it is built: a literal, an f-string,
    # "..." + x, "..." % x or "...".format(x).
    while True:
        if isinstance(node, ast.JoinedStr) and node.values:
            node = node.values[0]
        elif isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add | ast.Mod):
            node = node.left
        elif isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "format":
            node = node.func.value
        else:
            break
    return (
        isinstance(node, ast.Constant)
        and isinstance(node.value, str)
        and node.value.strip().lower().startswith("error")
    )


@pytest.mark.task(5, points=3)
@pytest.mark.rules("5.1")
def test_no_bare_except_in_the_package():
    _report(
        find_in_source(lambda n: isinstance(n, ast.ExceptHandler) and n.type is None),
        did="Read every except clause of the package",
        expected="every except naming the exception it expects",
        why="A bare except catches everything, your own bugs and KeyboardInterrupt too, and hides them.",
    )


@pytest.mark.task(5, points=5)
@pytest.mark.rules("5.2")
def test_no_handler_swallows_an_error():
    _report(
        find_in_source(lambda n: isinstance(n, ast.ExceptHandler) and _swallows(n)),
        did="Read every except clause of the package",
        expected="no handler whose whole body is pass, ..., continue, return or return None",
        why="Such a handler turns a failure into nothing: no one hears of it, and a None travels on until it "
        "crashes far away. Handle the failure, or let it reach the edge.",
    )


@pytest.mark.task(5, points=3)
@pytest.mark.rules("5.3")
def test_no_function_returns_an_error_string():
    _report(
        find_in_source(lambda n: isinstance(n, ast.Return) and _error_text(n.value)),
        did="Read every return statement of the package",
        expected="no returned string that starts with 'error' (a literal, an f-string, or built with +, % or .format)",
        why="A string is not a failure a caller must handle: it looks like a value and flows on. Return Err(...).",
    )


@pytest.mark.task(5, points=4)
@pytest.mark.rules("5.4")
def test_no_response_carries_an_ad_hoc_error_member():
    _report(
        find_in_source(
            lambda n: (
                isinstance(n, ast.Dict) and any(isinstance(k, ast.Constant) and k.value == "error" for k in n.keys)
            )
        ),
        did="Read every dict literal of the package",
        expected="no dict with an 'error' key",
        why="{'error': ...} is an ad-hoc error format, often sent with 200. Every error answer is a problem body.",
    )
