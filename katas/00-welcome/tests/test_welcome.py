"""Public tests of the welcome kata: run them with `uv run kata check 00-welcome`."""

from __future__ import annotations

import pytest

from checker.testkit import expect, expect_equal, learner


@pytest.mark.task(1, points=5)
def test_normalise_email_strips_and_lowercases():
    text = learner("inkwell.text")
    expect_equal(
        text.normalise_email("  Ada@Example.COM "),
        "ada@example.com",
        did="Called normalise_email('  Ada@Example.COM ')",
        why="One stored form per address, or the same person registers twice.",
    )


@pytest.mark.task(2, points=5)
def test_slugify_joins_words_with_hyphens():
    text = learner("inkwell.text")
    expect_equal(text.slugify("Hello World"), "hello-world", did="Called slugify('Hello World')")


@pytest.mark.task(2, points=5)
def test_slugify_drops_punctuation():
    text = learner("inkwell.text")
    expect_equal(
        text.slugify("Hello, World!"),
        "hello-world",
        did="Called slugify('Hello, World!')",
        why="Punctuation in a URL must be escaped, and readers cannot type it.",
    )


@pytest.mark.task(3, points=5)
def test_unique_slug_keeps_a_free_slug():
    text = learner("inkwell.text")
    expect_equal(
        text.unique_slug("Hello World", {"other-post"}),
        "hello-world",
        did="Called unique_slug('Hello World', taken={'other-post'})",
    )


@pytest.mark.task(3, points=5)
def test_unique_slug_appends_two_when_taken():
    text = learner("inkwell.text")
    expect_equal(
        text.unique_slug("Hello World", {"hello-world"}),
        "hello-world-2",
        did="Called unique_slug('Hello World', taken={'hello-world'})",
        why="Two posts with one title still need two URLs.",
    )


@pytest.mark.task(4, points=10)
def test_registration_stores_the_normalised_email(client):
    response = client.post("/users", json={"email": " Ada@Example.COM ", "display_name": "Ada"})
    expect(
        response.status_code == 201 and response.json().get("email") == "ada@example.com",
        did="POST /users with email ' Ada@Example.COM '",
        saw=f"{response.status_code} {response.text}",
        expected='201 with "email": "ada@example.com"',
        why="The route must store what normalise_email returns.",
    )
