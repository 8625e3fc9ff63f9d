"""Public tests of the welcome kata: run them with `uv run kata check 00-welcome`.

Each kind of check the reviewer's suite makes has a sibling here; the reviewer's suite adds the
edges (every kind of whitespace, exact lengths, ties) and more examples of each property.
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from kata_tests.slugs import CAP, SLUG, expected_slug, slug_why, titles, unique_why

from checker.testkit import expect_equal, learner, outcome

PROPERTY = settings(derandomize=True, database=None, deadline=None, max_examples=40)


@pytest.mark.task(1, points=5)
@pytest.mark.rules("1.1", "1.2")
def test_normalise_email_strips_and_lowercases():
    text = learner("inkwell.text")
    result = text.normalise_email("\t Ada@Example.COM \n")
    why = "One stored form per address, or the same person registers twice."
    if isinstance(result, str) and result.strip() != result:
        why = "Rule 1.1: the whitespace around the address must go."
    elif isinstance(result, str) and result != result.lower():
        why = "Rule 1.2: the whole address is lower-cased."
    expect_equal(result, "ada@example.com", did="Called normalise_email('\\t Ada@Example.COM \\n')", why=why)


@pytest.mark.task(1, points=1)
@pytest.mark.rules("1.3", "1.4", "1.5")
@pytest.mark.parametrize(
    "raw",
    ["ada.example.com", "ada@@example.com", "ada@", "ada\tlovelace@example.com"],
    ids=["no-at", "two-ats", "nothing-after", "inner-tab"],
)
def test_normalise_email_refuses_what_is_not_an_address(raw):
    text = learner("inkwell.text")
    expect_equal(
        outcome(lambda: text.normalise_email(raw), ValueError),
        "raised ValueError",
        did=f"Called normalise_email({raw!r})",
        why=_refusal_why(raw),
    )


@pytest.mark.task(2, points=1)
@pytest.mark.rules("2.1", "2.2")
@pytest.mark.parametrize(
    "title, slug",
    [("Hello World", "hello-world"), ("Crème brûlée", "creme-brulee"), ("Rust -- and -- Python", "rust-and-python")],
    ids=["words", "accents", "separator-run"],
)
def test_slugify_keeps_letters_digits_and_single_hyphens(title, slug):
    text = learner("inkwell.text")
    expect_equal(text.slugify(title), slug, did=f"Called slugify({title!r})", why=slug_why(text.slugify(title), slug))


@pytest.mark.task(2, points=1)
@pytest.mark.rules("2.3", "2.6")
@pytest.mark.parametrize("title, slug", [("Hello, World!", "hello-world"), ("!!!", "post")], ids=["ends", "nothing"])
def test_slugify_trims_hyphens_and_falls_back_to_post(title, slug):
    text = learner("inkwell.text")
    expect_equal(text.slugify(title), slug, did=f"Called slugify({title!r})", why=slug_why(text.slugify(title), slug))


@pytest.mark.task(2, points=2)
@pytest.mark.rules("2.4", "2.5")
def test_slugify_caps_the_length_at_a_word_boundary():
    text = learner("inkwell.text")
    title = "An unusually long title about the many ways in which anchors go wrong"
    expect_equal(
        (text.MAX_SLUG_LENGTH, text.slugify(title)),
        (60, "an-unusually-long-title-about-the-many-ways-in-which-anchors"),
        did=f"Read MAX_SLUG_LENGTH, then called slugify({title!r})",
        why="Rules 2.4 and 2.5: at most 60 characters, as many whole words as fit (here they fill exactly 60).",
    )


@pytest.mark.task(2, points=3)
@pytest.mark.rules("2.1", "2.2", "2.3", "2.4", "2.5")
@PROPERTY
@given(titles())
def test_slugify_of_any_title_made_of_words(case):
    title, parts = case
    text = learner("inkwell.text")
    slug = text.slugify(title)
    expect_equal(slug, expected_slug(parts), did=f"Called slugify({title!r})", why=slug_why(slug, expected_slug(parts)))


@pytest.mark.task(3, points=2)
@pytest.mark.rules("3.1")
def test_unique_slug_keeps_a_free_slug():
    text = learner("inkwell.text")
    expect_equal(
        text.unique_slug("Hello World", {"other-post", "hello-world-2"}),
        "hello-world",
        did="Called unique_slug('Hello World', taken={'other-post', 'hello-world-2'})",
        why="Rule 3.1: a free slug is used as it is.",
    )


@pytest.mark.task(3, points=3)
@pytest.mark.rules("3.2")
def test_unique_slug_counts_up_past_taken_suffixes():
    text = learner("inkwell.text")
    expect_equal(
        text.unique_slug("Hello World", {"hello-world", "hello-world-2"}),
        "hello-world-3",
        did="Called unique_slug('Hello World', taken={'hello-world', 'hello-world-2'})",
        why="Rule 3.2: the first free of -2, -3, ... is used.",
    )


@pytest.mark.task(3, points=2)
@pytest.mark.rules("3.3", "3.4")
def test_unique_slug_shortens_whole_words_for_the_suffix():
    text = learner("inkwell.text")
    title, taken = "x" * 30 + " " + "y" * 29, {"x" * 30 + "-" + "y" * 29, "x" * 30 + "-2"}
    slug = text.unique_slug(title, taken)
    expect_equal(
        slug,
        "x" * 30 + "-3",
        did="Called unique_slug('x' * 30 + ' ' + 'y' * 29, taken={'x' * 30 + '-' + 'y' * 29, 'x' * 30 + '-2'})",
        why=unique_why(slug, taken)
        if slug in taken or not isinstance(slug, str) or len(slug) > CAP
        else "Rule 3.3: shorten the slug by whole words to make room for the suffix.",
    )


@pytest.mark.task(3, points=1)
@pytest.mark.rules("3.3", "3.4")
@PROPERTY
@given(titles(), st.integers(min_value=0, max_value=4))
def test_unique_slug_is_never_taken_and_never_too_long(case, suffixes):
    title, parts = case
    text = learner("inkwell.text")
    base = expected_slug(parts)
    taken = {base} | {f"{expected_slug(parts, CAP - 1 - len(str(n)))}-{n}" for n in range(2, 2 + suffixes)}
    slug = text.unique_slug(title, taken)
    free = 2 + suffixes  # the slug and every suffix up to here are taken
    expect_equal(
        slug,
        f"{expected_slug(parts, CAP - 1 - len(str(free)))}-{free}",
        did=f"Called unique_slug({title!r}, taken={sorted(taken)})",
        why=unique_why(slug, taken)
        if not (isinstance(slug, str) and slug not in taken and len(slug) <= CAP and SLUG.match(slug))
        else "Rules 3.2 and 3.3: the first free suffix, on the slug shortened by whole words to make room for it.",
    )


@pytest.mark.task(4, points=5)
@pytest.mark.rules("4.1")
def test_registration_stores_the_normalised_email():
    client = _client()
    response = client.post("/users", json={"email": " Ada@Example.COM ", "display_name": "Ada"})
    user_id = response.json().get("id") if response.status_code == 201 else None
    stored = client.get(f"/users/{user_id}")
    emails = [r.json().get("email") if r.status_code in (200, 201) else None for r in (response, stored)]
    expect_equal(
        [(response.status_code, emails[0]), (stored.status_code, emails[1])],
        [(201, "ada@example.com"), (200, "ada@example.com")],
        did="POST /users with email ' Ada@Example.COM ', then GET /users/{id}: (status, email) of each",
        why="Rule 4.1: the route stores, and answers with, what normalise_email returns.",
    )


@pytest.mark.task(4, points=2)
@pytest.mark.rules("4.2", "4.3", "4.4", "4.5")
def test_conflicts_malformed_emails_unknown_ids_and_empty_names_are_refused():
    client = _client()
    answers = [
        client.post("/users", json={"email": "grace@inkwell.dev", "display_name": "Grace"}).status_code,
        client.post("/users", json={"email": "GRACE@inkwell.dev", "display_name": "Grace"}).status_code,
        client.post("/users", json={"email": "grace.inkwell.dev", "display_name": "Grace"}).status_code,
        client.get("/users/999").status_code,
        client.post("/users", json={"email": "hopper@inkwell.dev", "display_name": ""}).status_code,
    ]
    wanted = [201, 409, 422, 404, 422]
    rules = [
        "",
        "4.2: a duplicate in another case",
        "4.3: a malformed address",
        "4.4: an unknown id",
        "4.5: an empty name",
    ]
    wrong = [rules[i] for i, (a, w) in enumerate(zip(answers, wanted, strict=True)) if a != w and rules[i]]
    expect_equal(
        answers,
        wanted,
        did="POST grace@inkwell.dev, POST GRACE@inkwell.dev, POST grace.inkwell.dev, GET /users/999, "
        "POST hopper@inkwell.dev with display name ''",
        why=f"Rule {'; rule '.join(wrong)} answers wrong." if wrong else "The first registration must succeed.",
    )


def _refusal_why(raw: str) -> str:
    if raw.count("@") != 1:
        return f"Rule 1.3: an address holds exactly one '@'; this one holds {raw.count('@')}."
    if any(c.isspace() for c in raw):
        return "Rule 1.5: no whitespace of any kind inside an address, a tab included."
    return "Rule 1.4: there must be something on each side of the '@'."


def _client():
    from checker.appclient import AppClient

    return AppClient(learner("inkwell.app").create_app())
