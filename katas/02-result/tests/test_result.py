"""Public tests of the Result kata, tasks 1 and 2: run them with `uv run kata check 02-result`.

The reviewer's suite adds checks of the same kinds at more edges of each rule.
"""

from __future__ import annotations

import logging
import os
import tempfile
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from kata_tests.support import result_shape, server_side, what_escaped

from checker.testkit import expect, expect_equal, learner

VALUES = st.one_of(st.none(), st.integers(), st.text(max_size=5), st.lists(st.integers(), max_size=2))


def _require_result_types(kit):
    expect_equal(
        kit.missing(),
        "",
        did="Imported Ok and Err from inkwell.result",
        saw=kit.missing().strip(" ()"),
        expected_text="Err(...) and Ok(...): two generic classes, and Result = Ok[T] | Err[E]",
        why="Every other check of task 1 reads results through these two names.",
    )


@pytest.mark.task(1, points=2)
@pytest.mark.rules("1.1")
@settings(derandomize=True, database=None, deadline=None, max_examples=40)
@given(value=VALUES)
def test_ok_and_err_hold_what_they_are_given_and_match_one_positional_pattern(kit, value):
    _require_result_types(kit)
    ok, err = kit.Ok(value), kit.Err(value)
    other, other_err = kit.Ok(["another", value]), kit.Err(["another", value])
    match ok:
        case kit.Err(_):
            seen_ok = "matched case Err(...)"
        case kit.Ok(inner):
            seen_ok = "captured the value" if inner is value else f"captured {inner!r}"
        case _:
            seen_ok = "matched neither case"
    match err:
        case kit.Ok(_):
            seen_err = "matched case Ok(...)"
        case kit.Err(inner):
            seen_err = "captured the error" if inner is value else f"captured {inner!r}"
        case _:
            seen_err = "matched neither case"
    expect_equal(
        (
            getattr(ok, "value", None) is value,
            getattr(err, "error", None) is value,
            seen_ok,
            seen_err,
            bool(ok != err),
            bool(ok != other),
            bool(err != other_err),
        ),
        (True, True, "captured the value", "captured the error", True, True, True),
        did=f"Built Ok({value!r}) and Err({value!r}) and matched each with `case Ok(x)` and `case Err(x)`",
        saw=f"Ok: .value={getattr(ok, 'value', '<none>')!r}, {seen_ok}; Err: .error={getattr(err, 'error', '<none>')!r}, "
        f"{seen_err}; Ok == Err: {ok == err}; Ok({value!r}) == Ok(['another', {value!r}]): {ok == other}; "
        f"Err({value!r}) == Err(['another', {value!r}]): {err == other_err}",
        expected_text="Ok(v).value is v, Err(e).error is e, each matched by its own case, and an Ok never equal to an Err",
        why="Callers unpack results with match: one positional sub-pattern each (__match_args__)." + kit.missing(),
    )


@pytest.mark.task(1, points=1)
@pytest.mark.rules("1.2")
def test_an_email_is_stored_stripped_and_lower_cased(kit, run, ok):
    raws = ("  Grace@Example.ORG ", "\tgrace@example.org\n", " Weiß@Example.DE")
    addresses = [
        ok(f"Called normalise_email({raw!r})", *run(lambda raw=raw: kit.rules.normalise_email(raw))) for raw in raws
    ]
    expect_equal(
        addresses,
        ["grace@example.org", "grace@example.org", "weiß@example.de"],
        did=f"Called normalise_email on {', '.join(map(repr, raws))}",
        saw=f"{addresses}",
        expected_text="['grace@example.org', 'grace@example.org', 'weiß@example.de']",
        why="Rule 1.2: surrounding whitespace of any kind (space, tab, newline) goes, and each letter is "
        "lower-cased: one stored form. 'ß' is already lower case and stays; case folding writes 'ss', "
        "which is another address.",
    )


@pytest.mark.task(1, points=2)
@pytest.mark.rules("1.3")
def test_a_malformed_email_is_a_validation_failure_naming_email(kit, run, err):
    for raw in ("grace.example.org", "grace@", "grace@exa mple.org", "grace@exa@mple.org"):
        err(
            f"Called normalise_email({raw!r})",
            *run(lambda raw=raw: kit.rules.normalise_email(raw)),
            "ValidationFailed",
            "email",
        )


@pytest.mark.task(1, points=1)
@pytest.mark.rules("1.4")
def test_registration_answers_ok_with_the_user(kit, world, run, ok, brief):
    user = ok(
        "Called register_user('grace@example.org', ' Grace ') with fakes",
        *run(
            lambda: kit.accounts.register_user("grace@example.org", " Grace ", uow=world.uow, notifier=world.notifier)
        ),
    )
    expect_equal(
        (getattr(user, "email", None), getattr(user, "display_name", None), user in world.users.rows.values()),
        ("grace@example.org", "Grace", True),
        did="Called register_user('grace@example.org', ' Grace ') with fakes",
        saw=f"Ok({brief(user)}); users added: {[brief(u) for u in world.users.rows.values()][2:]}",
        expected_text="Ok(User(email='grace@example.org', display_name='Grace', ...)), added to uow.users",
    )


@pytest.mark.task(1, points=1)
@pytest.mark.rules("1.5")
def test_registration_with_a_blank_display_name_is_a_validation_failure(kit, world, run, err):
    err(
        "Called register_user('grace@example.org', '\\t')",
        *run(lambda: kit.accounts.register_user("grace@example.org", "\t", uow=world.uow, notifier=world.notifier)),
        "ValidationFailed",
        "display_name",
    )


@pytest.mark.task(1, points=1)
@pytest.mark.rules("1.6")
def test_registration_with_a_taken_email_is_an_err_holding_a_conflict(kit, world, run, err):
    err(
        "Called register_user('Ada@example.com', 'Ada') while ada@example.com is registered",
        *run(lambda: kit.accounts.register_user("Ada@example.com", "Ada", uow=world.uow, notifier=world.notifier)),
        "Conflict",
    )


@pytest.mark.task(1, points=1)
@pytest.mark.rules("1.7")
def test_a_draft_keeps_its_tags_in_order_and_kata_00s_slug_rule(kit, world, run, ok, brief):
    post = ok(
        "Called create_draft(1, 'Hello', 'B', ['sql', 'python']) with fakes",
        *run(lambda: kit.posts.create_draft(1, "Hello", "B", ["sql", "python"], uow=world.uow)),
    )
    names = [getattr(t, "name", t) for t in getattr(post, "tags", [])]
    expect_equal(
        (names, getattr(post, "slug", None)),
        (["sql", "python"], "hello"),
        did="Called create_draft(1, 'Hello', 'B', ['sql', 'python'])",
        saw=f"Ok({brief(post)})",
        expected_text="Ok(Post(slug='hello', tags=[sql, python], ...)): the tags in the order the writer gave them",
    )
    slugs = {}
    for title in ("hijklmn " * 8, "z" * 52 + " y x", "z" * 52 + " y x"):
        post = ok(
            f"Called create_draft(1, {title!r}, 'B', [])",
            *run(lambda title=title: kit.posts.create_draft(1, title, "B", [], uow=world.uow)),
        )
        slugs.setdefault(title, []).append(getattr(post, "slug", None))
    seen = [slug for each in slugs.values() for slug in each]
    wanted = ["-".join(["hijklmn"] * 7), "z" * 52 + "-y-x", "z" * 52 + "-y-x-2"]
    expect_equal(
        seen,
        wanted,
        did=f"Drafted {'hijklmn ' * 8!r} (63 characters as a slug), then {'z' * 52 + ' y x'!r} twice",
        saw=f"slugs {seen}",
        expected_text=f"slugs {wanted}",
        why="Rule 1.7: kata 00's rule, kept: whole words within 60 characters, single hyphens; a suffix "
        "shortens the base by whole words only when it would not fit.",
    )


@pytest.mark.task(1, points=1)
@pytest.mark.rules("1.8")
def test_a_draft_with_an_unknown_tag_is_a_validation_failure_naming_tags(kit, world, run, err):
    for names in (["python", "cobol"], ["Python"]):
        err(
            f"Called create_draft(1, 'T', 'B', {names}) where only the tags python and sql exist",
            *run(lambda names=names: kit.posts.create_draft(1, "T", "B", names, uow=world.uow)),
            "ValidationFailed",
            "tags",
        )


@pytest.mark.task(1, points=1)
@pytest.mark.rules("1.9")
def test_publishing_an_archived_post_is_a_conflict(kit, world, run, err):
    err(
        "Called publish_post(1, 3): Ada publishes her archived post",
        *run(lambda: kit.posts.publish_post(1, 3, uow=world.uow)),
        "Conflict",
    )


@pytest.mark.task(1, points=1)
@pytest.mark.rules("1.10")
def test_reading_a_missing_post_is_not_found(kit, world, run, err):
    err("Called get_post(99) where no post has id 99", *run(lambda: kit.posts.get_post(99, uow=world.uow)), "NotFound")


@pytest.mark.task(1, points=1)
@pytest.mark.rules("1.7", "1.10")
def test_a_draft_is_read_back_over_http(http):
    r = http.client.get(f"/posts/{http.draft}")
    body = r.json() if r.headers.get("content-type", "").startswith("application/json") else {}
    expect_equal(
        (r.status_code, body.get("slug"), body.get("tags")),
        (200, "ada-s-draft", ["python"]),
        did=f"GET /posts/{http.draft}, Ada's draft 'Ada's draft' with the tag python",
        saw=f"{r.status_code} {r.text[:200]}",
        expected_text="200 with the post: slug 'ada-s-draft', tags ['python']",
        why="An Ok becomes the response model: the route's success is the entity, not a problem body.",
    )


@pytest.mark.task(1, points=1)
@pytest.mark.rules("1.11")
def test_a_token_is_issued_for_a_registered_email_in_another_case_and_refused_for_a_malformed_one(
    kit, world, run, ok, err
):
    token = ok(
        "Called issue_token(' ADA@example.com') while ada@example.com is registered",
        *run(lambda: kit.accounts.issue_token(" ADA@example.com", uow=world.uow)),
    )
    expect(
        world.uow.tokens.rows.get(token) == 1,
        did="Called issue_token(' ADA@example.com')",
        saw=f"Ok({token!r}); tokens issued: {world.uow.tokens.rows}",
        expected="Ok(<a token that uow.tokens issued for Ada, user 1>)",
        why="A token is looked up by the same normalised email as registration: ' ADA@example.com' is Ada.",
    )
    err(
        "Called issue_token('ada.example.com')",
        *run(lambda: kit.accounts.issue_token("ada.example.com", uow=world.uow)),
        "ValidationFailed",
        "email",
    )


@pytest.mark.task(1, points=3)
@pytest.mark.rules("1.12")
def test_the_result_module_is_clean_under_mypy_strict(kit):
    from mypy import api

    _require_result_types(kit)

    path = Path(learner("inkwell.result").__file__).resolve()
    root = path.parent.parent
    before = os.environ.get("MYPYPATH")
    os.environ["MYPYPATH"] = str(root)
    try:
        # An incremental cache of typeshed's stubs brings a run from about 2 s to under 1 s; mypy
        # rechecks inkwell.result whenever the file differs from the one it cached. One cache per
        # user: another user's, left in a shared temporary folder, cannot be written.
        cache = Path(tempfile.gettempdir()) / f"inkwell-kata-02-mypy-cache-{getattr(os, 'getuid', str)()}"
        out, errors, status = api.run(
            ["--strict", "--cache-dir", str(cache), "--follow-imports=silent", "-m", "inkwell.result"]
        )
    finally:
        os.environ.pop("MYPYPATH") if before is None else os.environ.__setitem__("MYPYPATH", before)
    lines = [line.replace(str(root) + os.sep, "") for line in (out + errors).splitlines() if ": error:" in line]
    expect(
        status == 0,
        did="Ran mypy --strict on inkwell/result.py",
        saw="\n            ".join(lines[:6]) or (out + errors).strip()[:300],
        expected="no errors: Ok, Err and Result fully typed and generic",
        why="Result[T, E] is only worth its signature if a type checker can follow it into every caller.",
    )


@pytest.mark.task(2, points=1)
@pytest.mark.rules("2.1")
def test_a_malformed_email_at_registration_raises_nothing(kit, world, run):
    outcome, raised = run(
        lambda: kit.accounts.register_user("grace.example.org", "Grace", uow=world.uow, notifier=world.notifier)
    )
    expect_equal(
        "no exception" if raised is None else f"raised {type(raised).__name__}",
        "no exception",
        did="Called register_user('grace.example.org', 'Grace')",
        saw=f"it raised {type(raised).__name__}: {raised}",
        expected_text="no exception: an Err",
        why="A caller cannot see from a signature which exceptions to catch; an Err in the return type cannot be missed.",
    )


@pytest.mark.task(2, points=1)
@pytest.mark.rules("2.2")
def test_a_broken_tag_repository_is_not_caught_by_create_draft(kit, fakes, world, run, brief):
    tags = fakes.Broken("the tag store")
    uow = fakes.Uow(world.users, world.posts, tags)
    outcome, raised = run(lambda: kit.posts.create_draft(1, "T", "B", ["python"], uow=uow))
    expect_equal(
        what_escaped(tags, outcome, raised),
        "the port's own RuntimeError",
        did="Called create_draft(1, 'T', 'B', ['python']) with uow.tags raising RuntimeError",
        saw=f"it raised {type(raised).__name__}: {raised}" if raised else f"it returned {brief(outcome)}",
        expected_text="the RuntimeError itself, not caught and not turned into an Err",
        why="A bug or an outage is not a client's mistake: let it reach the edge.",
    )


@pytest.mark.task(2, points=3)
@pytest.mark.rules("2.3")
def test_the_database_failing_under_the_tag_lookup_is_not_an_unknown_tag(fresh, database_fails):
    with database_fails("from tags"):
        r = fresh.client.post("/posts", json={"title": "T", "body": "B", "tags": ["python"]}, headers=fresh.ada)
    why = (
        "The database failed while looking the tag up; answering as if the tag were unknown blames the writer."
        if 400 <= r.status_code < 500
        else "The database failed: the draft cannot have been saved, and the answer must say the server failed."
    )
    expect_equal(
        server_side(r),
        "5xx",
        did="POST /posts with tags ['python'] while the database fails every statement reading tags (OperationalError)",
        saw=f"{r.status_code} {r.text[:200]}",
        expected_text="a 5xx: the server's failure, not the client's",
        why=why,
    )


@pytest.mark.task(2, points=2)
@pytest.mark.rules("2.3")
def test_the_database_failing_under_the_slug_lookup_is_not_a_free_slug(fresh, database_fails):
    with database_fails("from posts"):
        r = fresh.client.post("/posts", json={"title": "Slugs", "body": "B", "tags": []}, headers=fresh.ada)
    expect_equal(
        server_side(r),
        "5xx",
        did="POST /posts titled 'Slugs' while the database fails every statement reading posts (OperationalError), "
        "the lookup of a free slug included",
        saw=f"{r.status_code} {r.text[:200]}",
        expected_text="a 5xx: the server's failure, not a draft saved under a slug nobody checked",
        why="Rule 2.3: an adapter that catches the database's error and answers 'the slug is free' turns an "
        "outage into a success, and a slug it never checked may be taken."
        if r.status_code < 500
        else "",
    )


@pytest.mark.task(2, points=1)
@pytest.mark.rules("2.4")
def test_registration_commits_once_after_adding_and_a_refusal_commits_nothing(kit, world, run):
    run(lambda: kit.accounts.register_user("grace@example.org", "Grace", uow=world.uow, notifier=world.notifier))
    after_ok = list(world.uow.commits)
    run(lambda: kit.accounts.register_user("ada@example.com", "Ada", uow=world.uow, notifier=world.notifier))
    after_refusal = world.uow.commits[len(after_ok) :]
    run(lambda: kit.posts.publish_post(1, 1, uow=world.uow))
    after_publish = world.uow.commits[len(after_ok) + len(after_refusal) :]
    expect_equal(
        (len(after_publish), bool(after_publish) and (1, "published") in after_publish[0]["saved"]),
        (1, True),
        did="Called publish_post(1, 1): Ada publishes her draft, with a fake unit of work",
        saw=f"{len(after_publish)} commit(s)"
        + (
            ", the post not yet saved at the commit"
            if after_publish and (1, "published") not in after_publish[0]["saved"]
            else ""
        ),
        expected_text="one commit, after uow.posts.save(post)",
        why="A change saved after the commit is outside the transaction, and the unit of work discards it.",
    )
    expect_equal(
        (len(after_ok), bool(after_ok) and "grace@example.org" in after_ok[0]["users"], len(after_refusal)),
        (1, True, 0),
        did="Called register_user('grace@example.org', ...), then register_user('ada@example.com', ...) (taken)",
        saw=f"{len(after_ok)} commit(s) for Grace"
        + (
            f", Grace {'' if 'grace@example.org' in after_ok[0]['users'] else 'not yet '}added at the commit"
            if after_ok
            else ""
        )
        + f"; {len(after_refusal)} commit(s) for the refused Ada",
        expected_text="one commit for Grace, after uow.users.add; none for the refusal",
        why="The use case decides when its change is whole: it commits once, and never a refusal.",
    )


@pytest.mark.task(2, points=1)
@pytest.mark.rules("2.5")
def test_a_user_added_without_commit_is_gone_in_the_next_unit_of_work(kit, fresh):
    with fresh.app.state.uow_factory() as uow:
        uow.users.add(kit.model.User(email="grace@example.org", display_name="Grace"))
    with fresh.app.state.uow_factory() as uow:
        kept = uow.users.get_by_email("grace@example.org")
    expect_equal(
        "no Grace" if kept is None else "Grace",
        "no Grace",
        did="Added Grace through the app's unit of work (app.state.uow_factory()) and left without commit()",
        saw="Grace is in the database: the repository committed on its own",
        expected_text="no Grace: without uow.commit() nothing lasts",
        why="Only the unit of work commits; a repository that commits makes half a use case permanent.",
    )


@pytest.mark.task(2, points=1)
@pytest.mark.rules("2.6")
def test_a_failed_welcome_email_is_logged_and_the_account_still_exists(kit, world, fakes, run, caplog, brief):
    notifier = fakes.Notifier(kit, failing=True)
    with caplog.at_level(logging.WARNING):
        outcome, raised = run(
            lambda: kit.accounts.register_user("grace@example.org", "Grace", uow=world.uow, notifier=notifier)
        )
    warned = [r for r in caplog.records if r.levelno >= logging.WARNING]
    expect_equal(
        (result_shape(kit, outcome, raised), bool(world.uow.commits), bool(notifier.sent), bool(warned)),
        ("Ok", True, True, True),
        did="Called register_user('grace@example.org', 'Grace') with a notifier answering Err(DeliveryFailed(...))",
        saw=(f"it raised {type(raised).__name__}: {raised}" if raised else brief(outcome))
        + f"; {len(world.uow.commits)} commit(s); notifier called {len(notifier.sent)} time(s); "
        f"{len(warned)} log record(s) at WARNING or above",
        expected_text="Ok(user), committed, the notifier called, and a log record at WARNING or above",
        why="The account exists, so registration succeeds; a dropped email nobody hears of is a silent failure.",
    )
