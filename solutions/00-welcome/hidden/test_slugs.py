from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from kata_tests.slugs import CAP, SLUG, expected_slug, slug_why, titles, unique_why

from checker.testkit import expect_equal

# The `text` fixture only imports the learner's module: sharing it across examples is safe.
PROPERTY = settings(
    derandomize=True,
    database=None,
    deadline=None,
    max_examples=100,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
X30, Y29 = "x" * 30, "y" * 29


def _slug_case(text, title, slug, *also):
    got = text.slugify(title)
    # A slug in `also` is right too: it is compared as the first.
    expect_equal(slug if got in also else got, slug, did=f"Called slugify({title!r})", why=slug_why(got, slug))


@pytest.mark.task(2, points=1)
@pytest.mark.rules("2.1")
@pytest.mark.parametrize(
    "title, slug",
    [
        ("Crème brûlée for beginners", ["creme-brulee-for-beginners"]),
        ("ÇA VA, Ørsted?", ["ca-va-rsted"]),
        ("Straße 漢字 42", ["strae-42", "stra-e-42"]),
    ],
    ids=["accents", "capitals-and-o-slash", "no-plain-form"],
)
def test_slugify_folds_accents_and_drops_what_has_no_plain_form(text, title, slug):
    _slug_case(text, title, *slug)


@pytest.mark.task(2, points=1)
@pytest.mark.rules("2.2")
@pytest.mark.parametrize(
    "title, slug",
    [
        ("tabs\tand\nnewlines", "tabs-and-newlines"),
        ("snake_case_names", "snake-case-names"),
        ("wait...what!?!", "wait-what"),
        ("C++ & C# -- compared", "c-c-compared"),
    ],
    ids=["tab-newline", "underscore", "punctuation-run", "symbols"],
)
def test_slugify_turns_every_run_of_separators_into_one_hyphen(text, title, slug):
    _slug_case(text, title, slug)


@pytest.mark.task(2, points=1)
@pytest.mark.rules("2.3")
@pytest.mark.parametrize(
    "title, slug",
    [("  ...Why slugs?  ", "why-slugs"), ("-leading and trailing-\n", "leading-and-trailing")],
    ids=["punctuation", "hyphens"],
)
def test_slugify_leaves_no_hyphen_at_either_end(text, title, slug):
    _slug_case(text, title, slug)


@pytest.mark.task(2, points=2)
@pytest.mark.rules("2.4")
def test_a_slug_of_exactly_sixty_characters_is_kept_whole(text):
    title = f"{X30} {Y29}"
    got = text.slugify(title)
    expect_equal(
        (text.MAX_SLUG_LENGTH, got),
        (60, f"{X30}-{Y29}"),
        did="Read MAX_SLUG_LENGTH, then called slugify('x' * 30 + ' ' + 'y' * 29)",
        why="Rule 2.4: the cap is 60, and a slug of exactly 60 characters fits it: nothing is cut."
        if text.MAX_SLUG_LENGTH == CAP
        else "Rule 2.4: MAX_SLUG_LENGTH is 60.",
    )


@pytest.mark.task(2, points=1)
@pytest.mark.rules("2.5")
@pytest.mark.parametrize(
    "title, slug",
    [
        (f"{X30} {Y29} zzz", f"{X30}-{Y29}"),
        (f"{X30} {Y29}yy z", X30),
        ("x" * 70 + " ab", "x" * 60),
    ],
    ids=["word-ends-at-the-cap", "word-crosses-the-cap", "first-word-too-long"],
)
def test_slugify_keeps_whole_words_when_it_cuts(text, title, slug):
    _slug_case(text, title, slug)


@pytest.mark.task(2, points=1)
@pytest.mark.rules("2.6")
@pytest.mark.parametrize("title", ["", "¿¡…?  ___", "漢字"], ids=["empty", "punctuation", "no-plain-form"])
def test_slugify_falls_back_to_post(text, title):
    _slug_case(text, title, "post")


@pytest.mark.task(2, points=3)
@pytest.mark.rules("2.1", "2.2", "2.3", "2.4", "2.5")
@PROPERTY
@given(titles())
def test_slugify_of_any_title_made_of_words(text, case):
    title, parts = case
    slug = text.slugify(title)
    expect_equal(slug, expected_slug(parts), did=f"Called slugify({title!r})", why=slug_why(slug, expected_slug(parts)))


def _unique_case(text, title, taken, slug, why):
    got = text.unique_slug(title, taken)
    shown = sorted(taken) if not isinstance(taken, tuple) else taken
    expect_equal(got, slug, did=f"Called unique_slug({title!r}, taken={shown!r})", why=why(got))


@pytest.mark.task(3, points=2)
@pytest.mark.rules("3.1")
def test_unique_slug_uses_a_free_slug_even_beside_look_alikes(text):
    taken = {"hello-world-tips", "hello-worlds", "hello-world-2", "hello"}
    _unique_case(text, "Hello World", taken, "hello-world", lambda got: "Rule 3.1: 'hello-world' itself is free.")


@pytest.mark.task(3, points=1)
@pytest.mark.rules("3.2")
@pytest.mark.parametrize(
    "taken, slug",
    [
        ({"hello-world", "hello-world-3"}, "hello-world-2"),
        ({"hello-world", "hello-world-2", "hello-world-3"}, "hello-world-4"),
        ({"hello-world", *(f"hello-world-{n}" for n in range(2, 11))}, "hello-world-11"),
        (("hello-world", "hello-world-2"), "hello-world-3"),
    ],
    ids=["gap", "counts-up", "two-digits", "tuple"],
)
def test_unique_slug_takes_the_first_free_suffix(text, taken, slug):
    _unique_case(text, "Hello World", taken, slug, lambda got: f"Rule 3.2: the first free suffix is {slug[12:]}.")


@pytest.mark.task(3, points=1)
@pytest.mark.rules("3.3")
@pytest.mark.parametrize(
    "title, taken, slug",
    [
        ("x" * 80, {"x" * 60}, "x" * 58 + "-2"),
        (f"{X30} {Y29}", {f"{X30}-{Y29}"}, f"{X30}-2"),
        ("x" * 57 + " yy", {"x" * 57 + "-yy", *(f"{'x' * 57}-{n}" for n in range(2, 10))}, "x" * 57 + "-10"),
    ],
    ids=["one-long-word", "whole-words", "hyphen-at-the-cut"],
)
def test_unique_slug_shortens_the_slug_not_the_suffix(text, title, taken, slug):
    _unique_case(
        text,
        title,
        taken,
        slug,
        lambda got: (
            unique_why(got, set(taken))
            if got in taken or len(got) > CAP or "--" in got
            else "Rule 3.3: shorten by whole words (2.5) to make room for the suffix."
        ),
    )


@pytest.mark.task(3, points=2)
@pytest.mark.rules("3.4")
def test_unique_slug_checks_the_shortened_candidate_too(text):
    taken = {f"{X30}-{Y29}", f"{X30}-2"}
    _unique_case(text, f"{X30} {Y29}", taken, f"{X30}-3", lambda got: unique_why(got, taken))


@pytest.mark.task(3, points=1)
@pytest.mark.rules("3.3", "3.4")
@PROPERTY
@given(titles(), st.integers(min_value=1, max_value=12))
def test_unique_slug_never_returns_a_taken_slug(text, case, count):
    title, parts = case
    base = expected_slug(parts)
    taken = {base}
    for n in range(2, count + 1):
        taken.add(f"{expected_slug(parts, CAP - 1 - len(str(n)))}-{n}")
    got = text.unique_slug(title, taken)
    # Every suffix up to `count` is taken, each on a slug shortened by whole words: the next is free.
    free = count + 1
    expect_equal(
        got,
        f"{expected_slug(parts, CAP - 1 - len(str(free)))}-{free}",
        did=f"Called unique_slug({title!r}, taken={sorted(taken)})",
        why=unique_why(got, taken)
        if not (isinstance(got, str) and got not in taken and len(got) <= CAP and SLUG.match(got))
        else "Rules 3.2 and 3.3: the first free suffix, on the slug shortened by whole words to make room for it.",
    )
