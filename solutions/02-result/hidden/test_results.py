"""Task 1: every expected failure is an Err of its declared type, at each edge; every success an Ok."""

from __future__ import annotations

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from checker.testkit import expect, expect_equal

pytestmark = pytest.mark.task(1, points=1)

SPACE = st.sampled_from(["", " ", "\t", "\n", " \t\r\n "])
_ABSENT = object()  # stands for an attribute a result lacks
PART = st.text(alphabet="abcXYZ019._+-", min_size=1, max_size=8)


def _register(kit, world, email, name="Grace"):
    return lambda: kit.accounts.register_user(email, name, uow=world.uow, notifier=world.notifier)


def _draft(kit, world, author_id=1, title="Hello, Result", tags=("python",)):
    return lambda: kit.posts.create_draft(author_id, title, "Failures are values.", list(tags), uow=world.uow)


@pytest.mark.rules("1.1")
@settings(derandomize=True, database=None, deadline=None, max_examples=30)
@given(value=st.one_of(st.none(), st.just(0), st.just(""), st.just(False), st.integers(), st.text(max_size=3)))
def test_nested_results_keep_their_kind(kit, value):
    outer_ok, outer_err = kit.Ok(kit.Err(value)), kit.Err(kit.Ok(value))
    expect_equal(
        (
            isinstance(outer_ok, kit.Ok),
            isinstance(outer_ok, kit.Err),
            isinstance(outer_err, kit.Err),
            isinstance(outer_err, kit.Ok),
            getattr(getattr(outer_ok, "value", None), "error", _ABSENT) is value,
            getattr(getattr(outer_err, "error", None), "value", _ABSENT) is value,
        ),
        (True, False, True, False, True, True),
        did=f"Built Ok(Err({value!r})) and Err(Ok({value!r}))",
        saw=f"{outer_ok!r} and {outer_err!r}",
        expected_text="an Ok holding an Err and an Err holding an Ok, each only of its own kind",
        why="Ok and Err are two distinct kinds, whatever they hold (falsy values and other results too).",
    )


@pytest.mark.rules("1.2")
@settings(derandomize=True, database=None, deadline=None, max_examples=40)
@given(local=PART, domain=PART, before=SPACE, after=SPACE)
@example(local="Jo.GROẞ", domain="Straße.Example.ORG", before="\t", after=" ")  # lower() keeps ß; casefold() writes ss
def test_any_well_formed_address_is_normalised(kit, run, ok, local, domain, before, after):
    raw = f"{before}{local}@{domain}{after}"
    address = ok(f"Called normalise_email({raw!r})", *run(lambda: kit.rules.normalise_email(raw)))
    expect_equal(
        address,
        f"{local}@{domain}".lower(),
        did=f"Called normalise_email({raw!r})",
        saw=f"Ok({address!r})",
        expected_text=f"Ok({f'{local}@{domain}'.lower()!r})",
        why="Rule 1.2: surrounding whitespace of every kind goes and each letter is lower-cased; nothing else "
        "changes ('ß' stays 'ß': case folding to 'ss' makes another address).",
    )


@pytest.mark.rules("1.3")
def test_every_malformed_address_is_refused_naming_email(kit, run, err):
    for raw in (
        "",
        "   ",
        "grace",
        "@example.org",
        "grace@",
        "grace@@example.org",
        "a@b@c.org",
        "gra ce@example.org",
        "grace\t@example.org",
        "grace@exam\nple.org",
    ):
        err(
            f"Called normalise_email({raw!r})",
            *run(lambda raw=raw: kit.rules.normalise_email(raw)),
            "ValidationFailed",
            "email",
        )


@pytest.mark.rules("1.4")
def test_registration_answers_ok_with_the_normalised_user(kit, world, run, ok, brief):
    user = ok(
        "Called register_user('\\tGrace@Example.ORG\\n', '\\tGrace ') with fakes",
        *run(_register(kit, world, "\tGrace@Example.ORG\n", "\tGrace ")),
    )
    expect_equal(
        (getattr(user, "email", None), getattr(user, "display_name", None), getattr(user, "id", None)),
        ("grace@example.org", "Grace", 3),
        did="Called register_user('\\tGrace@Example.ORG\\n', '\\tGrace ') with fakes holding two users",
        saw=f"Ok({brief(user)})",
        expected_text="Ok(User(id=3, email='grace@example.org', display_name='Grace', ...)), added to uow.users",
    )


@pytest.mark.rules("1.5")
def test_registration_refuses_a_blank_name_and_a_malformed_email(kit, world, run, err):
    for name in ("", " ", "\t", "\n", " \t\r\n"):
        err(
            f"Called register_user('grace@example.org', {name!r})",
            *run(_register(kit, world, "grace@example.org", name)),
            "ValidationFailed",
            "display_name",
        )
    err(
        "Called register_user('grace.example.org', 'Grace')",
        *run(_register(kit, world, "grace.example.org")),
        "ValidationFailed",
        "email",
    )


@pytest.mark.rules("1.6")
def test_a_taken_email_in_another_form_is_a_conflict(kit, world, run, err):
    for raw in (" ADA@example.com", "\tada@EXAMPLE.com\n", "bob@example.com"):
        err(
            f"Called register_user({raw!r}, 'Grace') while ada@ and bob@example.com are registered",
            *run(_register(kit, world, raw)),
            "Conflict",
        )


@pytest.mark.rules("1.7")
def test_a_draft_answers_ok_with_a_slug_and_its_tags_and_an_unknown_author_is_not_found(
    kit, world, run, ok, err, brief
):
    post = ok(
        "Called create_draft(1, 'Hello, Result', ..., ['sql', 'python']) with fakes",
        *run(_draft(kit, world, tags=("sql", "python"))),
    )
    tags = [getattr(t, "name", t) for t in getattr(post, "tags", [])]
    expect_equal(
        (
            getattr(post, "slug", None),
            tags,
            str(getattr(post, "status", "")),
            getattr(post, "id", None) in world.posts.rows,
        ),
        ("hello-result", ["sql", "python"], "draft", True),
        did="Called create_draft(1, 'Hello, Result', 'Failures are values.', ['sql', 'python'])",
        saw=f"Ok({brief(post)})",
        expected_text="Ok(Post(slug='hello-result', status='draft', tags=[sql, python], ...)) added to uow.posts",
    )
    err("Called create_draft(99, ...) where no user has id 99", *run(_draft(kit, world, author_id=99)), "NotFound")


@pytest.mark.rules("1.7")
def test_a_draft_keeps_kata_00s_slug_rule_and_a_stripped_title(kit, world, run, ok, brief):
    cases = [
        (" Draft ", "draft-2", "the slug 'draft' is taken by post 1"),
        ("Crème brûlée", "creme-brulee", "accents fold to ASCII"),
        ("!!!", "post", "nothing is left of the title"),
        ("!" + "a" * 70, "a" * 60, "a leading separator, then a long word: cut at 60"),
        ("a" * 59 + " bc", "a" * 59, "the cut falls on a hyphen, which goes"),
        ("abcdefg " * 8, "-".join(["abcdefg"] * 7), "whole words: the eighth does not fit in 60"),
        ("k" * 10 + " " + "m" * 49 + " n", "k" * 10 + "-" + "m" * 49, "a word that ends at the 60th character stays"),
        ("k" * 10 + " " + "m" * 50 + " n", "k" * 10, "a word that ends at the 61st character goes"),
    ]
    for title, slug, because in cases:
        post = ok(f"Called create_draft(1, {title!r}, ...)", *run(_draft(kit, world, title=title, tags=())))
        expect_equal(
            (getattr(post, "slug", None), getattr(post, "title", None)),
            (slug, title.strip()),
            did=f"Called create_draft(1, {title!r}, ...) ({because})",
            saw=f"Ok({brief(post)})",
            expected_text=f"Ok(Post(title={title.strip()!r}, slug={slug!r}, ...))",
            why="The slug rule is kata 00's, kept: a Result around the use case changes none of it.",
        )
    seconds = []
    for long in ("a" * 54 + " b c", "x" * 60):  # slugs of 58 and 60 characters, taken once drafted
        ok(f"Called create_draft(1, {long!r}, ...)", *run(_draft(kit, world, title=long, tags=())))
        again = ok(f"Called create_draft(1, {long!r}, ...) again", *run(_draft(kit, world, title=long, tags=())))
        seconds.append(getattr(again, "slug", None))
    expect_equal(
        seconds,
        ["a" * 54 + "-b-c-2", "x" * 58 + "-2"],
        did=f"Drafted {'a' * 54 + ' b c'!r} twice, then {'x' * 60!r} twice",
        saw=f"second slugs {seconds}",
        expected_text=f"second slugs {['a' * 54 + '-b-c-2', 'x' * 58 + '-2']}: the base shortened only when the "
        "suffix would not fit in 60",
        why="Rule 1.7: kata 00's rule: single hyphens, at most 60 characters; cutting the base at a fixed "
        "length can leave its hyphen before the suffix's.",
    )
    third = ok("Called create_draft(1, 'Draft', ...) once more", *run(_draft(kit, world, title="Draft", tags=())))
    expect(
        getattr(third, "slug", None) == "draft-3",
        did="Drafted 'Draft' a third time",
        saw=f"Ok({brief(third)})",
        expected="Ok(Post(slug='draft-3', ...))",
    )


@pytest.mark.rules("1.7", "1.9", "1.10")
def test_successes_over_http_answer_the_post(fresh):
    client, ada = fresh.client, fresh.ada
    first = client.post("/posts", json={"title": "Same title", "body": "B", "tags": ["sql"]}, headers=ada)
    second = client.post("/posts", json={"title": "Same title", "body": "B"}, headers=ada)
    post_id = second.json().get("id") if second.status_code == 201 else None
    read = client.get(f"/posts/{post_id}")
    published = client.post(f"/posts/{post_id}/publish", headers=ada)
    seen = [
        (first.status_code, first.json().get("slug")),
        (second.status_code, second.json().get("slug")),
        (read.status_code, read.json().get("slug")),
        (published.status_code, published.json().get("status")),
    ]
    expect(
        seen == [(201, "same-title"), (201, "same-title-2"), (200, "same-title-2"), (200, "published")],
        did="POST /posts twice with the title 'Same title', GET the second, then publish it, as Ada",
        saw=str(seen),
        expected=str([(201, "same-title"), (201, "same-title-2"), (200, "same-title-2"), (200, "published")]),
        why="Successes answer the entity: the real adapters find the taken slug, and each route its 2xx.",
    )


@pytest.mark.rules("1.8")
def test_a_blank_title_or_any_unknown_tag_is_a_validation_failure(kit, world, run, err):
    for title in ("", "  ", "\t", "\n"):
        err(
            f"Called create_draft(1, {title!r}, ...)",
            *run(_draft(kit, world, title=title)),
            "ValidationFailed",
            "title",
        )
    for tags in (["cobol"], ["cobol", "python"], ["python", "sql", "cobol"], ["Python"]):
        err(
            f"Called create_draft(1, ..., tag_names={tags}) where only python and sql exist",
            *run(_draft(kit, world, tags=tags)),
            "ValidationFailed",
            "tags",
        )


@pytest.mark.rules("1.9")
def test_publishing_answers_ok_and_saves_or_says_why_not(kit, world, run, ok, err, brief):
    def publish(actor, post):
        return run(lambda: kit.posts.publish_post(actor, post, uow=world.uow))

    err("Called publish_post(1, 99) where no post has id 99", *publish(1, 99), "NotFound")
    err("Called publish_post(2, 1): Bob publishes Ada's draft", *publish(2, 1), "PermissionDenied")
    err("Called publish_post(1, 2): Ada publishes her published post", *publish(1, 2), "Conflict")
    post = ok("Called publish_post(1, 1): Ada publishes her draft", *publish(1, 1))
    expect_equal(
        (
            str(getattr(post, "status", "")),
            getattr(post, "published_at", None) is not None,
            post in world.posts.saved,
        ),
        ("published", True, True),
        did="Called publish_post(1, 1): Ada publishes her draft",
        saw=f"Ok({brief(post)}); saved: {[brief(p) for p in world.posts.saved]}",
        expected_text="Ok(Post(status='published', published_at=<now>, ...)), passed to uow.posts.save",
    )
    err("Called publish_post(1, 1) a second time", *publish(1, 1), "Conflict")


@pytest.mark.rules("1.10")
def test_reading_a_post_answers_ok_or_not_found(kit, world, run, ok, err, brief):
    post = ok("Called get_post(2)", *run(lambda: kit.posts.get_post(2, uow=world.uow)))
    expect(
        getattr(post, "id", None) == 2,
        did="Called get_post(2)",
        saw=f"Ok({brief(post)})",
        expected="Ok(Post(id=2, ...))",
    )
    for missing in (99, 0, -1):
        err(
            f"Called get_post({missing}) where no post has id {missing}",
            *run(lambda missing=missing: kit.posts.get_post(missing, uow=world.uow)),
            "NotFound",
        )


@pytest.mark.rules("1.11")
def test_a_token_is_refused_for_a_malformed_or_unknown_email(kit, world, run, err):
    err(
        "Called issue_token('ada.example.com')",
        *run(lambda: kit.accounts.issue_token("ada.example.com", uow=world.uow)),
        "ValidationFailed",
        "email",
    )
    err(
        "Called issue_token('grace@example.org') where no account uses it",
        *run(lambda: kit.accounts.issue_token("grace@example.org", uow=world.uow)),
        "NotAuthenticated",
    )
    expect_equal(
        dict(world.uow.tokens.rows),
        {},
        did="Asked for tokens with a malformed and an unknown email",
        saw=f"tokens issued: {world.uow.tokens.rows}",
        expected_text="no token issued",
    )
