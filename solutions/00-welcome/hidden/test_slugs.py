from __future__ import annotations

import pytest

from checker.testkit import expect, expect_equal

CASES = {
    "accents": (
        "Crème brûlée for beginners",
        "creme-brulee-for-beginners",
        "accents are folded to plain ASCII letters.",
    ),
    "separator-runs": ("Rust -- and -- Python", "rust-and-python", "a run of separators becomes one hyphen."),
    "edges": ("  ...Why slugs?  ", "why-slugs", "a slug neither starts nor ends with a hyphen."),
    "nothing-usable": ("!!!", "post", "a title with no letters or digits still needs a slug."),
}


@pytest.mark.task(2, points=4)
@pytest.mark.parametrize("case", list(CASES))
def test_slugify_keeps_only_ascii_letters_digits_and_single_hyphens(text, case):
    title, slug, why = CASES[case]
    expect_equal(text.slugify(title), slug, did=f"Called slugify({title!r})", why=f"In a slug, {why}")


@pytest.mark.task(2, points=4)
def test_slugify_caps_the_length_at_a_word_boundary(text):
    title = "An unusually long title about the many ways in which slugs go wrong in practice"
    slug = text.slugify(title)
    expect(
        len(slug) <= text.MAX_SLUG_LENGTH
        and not slug.endswith("-")
        and title.lower().startswith(slug.replace("-", " ")),
        did=f"Called slugify({title!r})",
        saw=f"{slug!r} ({len(slug)} characters)",
        expected=f"at most {text.MAX_SLUG_LENGTH} characters, whole words only, no hyphen at the end",
    )


@pytest.mark.task(3, points=5)
def test_unique_slug_counts_up_past_taken_suffixes(text):
    taken = {"hello-world", "hello-world-2", "hello-world-3"}
    expect_equal(
        text.unique_slug("Hello World", taken),
        "hello-world-4",
        did=f"Called unique_slug('Hello World', taken={sorted(taken)})",
        why="The first free suffix is used.",
    )


@pytest.mark.task(3, points=5)
def test_unique_slug_stays_within_the_cap(text):
    title = "x" * 80
    base = text.slugify(title)
    slug = text.unique_slug(title, {base})
    expect(
        len(slug) <= text.MAX_SLUG_LENGTH and slug.endswith("-2") and slug != base,
        did="Called unique_slug('x' * 80, taken={slugify('x' * 80)})",
        saw=f"{slug!r} ({len(slug)} characters)",
        expected=f"a slug ending in '-2' of at most {text.MAX_SLUG_LENGTH} characters",
        why="Shorten the base to make room for the suffix.",
    )
