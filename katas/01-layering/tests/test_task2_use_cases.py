"""Public tests of task 2: the use cases on in-memory fakes of the ports, and registration on your
real adapters. The reviewer's suite runs the same checks on other values."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from kata_tests import checks

BODY = checks.BODY


@pytest.mark.task(2, points=1)
@pytest.mark.rules("2.1")
def test_register_user_stores_a_normalised_email(use_cases):
    for raw in ("  Ada@Example.COM ", "\tada@example.com\n", "\r\nADA@EXAMPLE.COM\t "):
        checks.registers_normalised(use_cases, raw)


@pytest.mark.task(2, points=1)
@pytest.mark.rules("2.1")
@settings(
    derandomize=True,
    database=None,
    deadline=None,
    max_examples=25,
    suppress_health_check=[HealthCheck.function_scoped_fixture],  # use_cases holds no state
)
@given(
    local=st.text(alphabet="abcXYZ09._+-", min_size=1, max_size=8),
    domain=st.text(alphabet="abcXYZ09-", min_size=1, max_size=8),
    pad=st.text(alphabet=" \t\n", max_size=2),
)
def test_register_user_normalises_whatever_the_case_and_padding(use_cases, local, domain, pad):
    checks.registers_normalised(use_cases, f"{pad}{local}@{domain}.com{pad}")


MALFORMED = {
    "": "an empty address",
    " \t\n": "only whitespace",
    "ada.example.com": "no '@'",
    "@example.com": "nothing before the '@'",
    "ada@": "nothing after the '@'",
    "ada@@example.com": "two '@' in a row",
    "ada@example@com": "a second '@'",
    "ada @example.com": "a space inside",
    "ada\t@example.com": "a tab inside",
    "ada@exam\nple.com": "a newline inside",
}


@pytest.mark.task(2, points=2)
@pytest.mark.rules("2.2")
def test_register_user_refuses_every_malformed_address(use_cases):
    checks.refuses_malformed(use_cases, MALFORMED, "a@b")


@pytest.mark.task(2, points=2)
@pytest.mark.rules("2.3")
def test_two_spellings_of_one_address_are_one_registration(use_cases):
    checks.refuses_duplicates(use_cases, "ada@example.com", (" ADA@example.com", "Ada@Example.COM"), "ada@example.org")


@pytest.mark.task(2, points=1)
@pytest.mark.rules("2.4")
def test_register_user_issues_the_token_in_the_same_commit(use_cases):
    checks.token_in_the_same_commit(use_cases, "ada@example.com")


@pytest.mark.task(2, points=2)
@pytest.mark.rules("2.4")
def test_a_failing_token_insert_leaves_no_user_in_the_database(real_uow, use_cases, outage):
    checks.no_user_left_after_a_token_outage(real_uow, use_cases, outage, "ada@example.com")


@pytest.mark.task(2, points=1)
@pytest.mark.rules("2.4")
def test_a_failing_token_insert_over_http_lets_the_address_register_again(client, outage):
    checks.registration_over_http_survives_a_token_outage(client, outage, "ada@example.com")


@pytest.mark.task(2, points=1)
@pytest.mark.rules("2.5")
def test_create_draft_stores_the_draft_as_given(use_cases):
    checks.stores_the_draft_as_given(use_cases, "Crème brûlée, for Beginners!", "  tbd\n", "creme-brulee-for-beginners")


@pytest.mark.task(2, points=1)
@pytest.mark.rules("2.5")
def test_create_draft_makes_slugs_at_the_edges_of_the_cap(use_cases):
    checks.slugs_from_titles(
        use_cases,
        {
            "!!! ???": "post",
            "Twelve words make a title long enough to be cut at sixty characters now": (
                "twelve-words-make-a-title-long-enough-to-be-cut-at-sixty"
            ),
            "a" * 10 + " " + "b" * 49: "a" * 10 + "-" + "b" * 49,
            "a" * 10 + " " + "b" * 50: "a" * 10,
            "a" * 10 + " " + "b" * 49 + " c": "a" * 10 + "-" + "b" * 49,  # a word that ends at the cap is kept
            "a" * 10 + " " + "b" * 50 + " c": "a" * 10,
            "x" * 70: "x" * 60,
        },
    )


@pytest.mark.task(2, points=1)
@pytest.mark.rules("2.6")
def test_a_suffix_never_takes_the_slug_past_the_cap(use_cases):
    long_words = "a" * 10 + " " + "b" * 49
    checks.counts_up_until_free(
        use_cases,
        (long_words, long_words, "x" * 70, "x" * 70),
        ["a" * 10 + "-" + "b" * 49, "a" * 10 + "-2", "x" * 60, "x" * 58 + "-2"],
    )


@pytest.mark.task(2, points=1)
@pytest.mark.rules("2.6")
def test_create_draft_counts_up_until_the_slug_is_free(use_cases):
    checks.counts_up_until_free(
        use_cases,
        ("Hello World", "Hello, world!", "HELLO world", "Other"),
        ["hello-world", "hello-world-2", "hello-world-3", "other"],
    )


@pytest.mark.task(2, points=2)
@pytest.mark.rules("2.7")
def test_publish_post_publishes_the_authors_draft_once(use_cases):
    checks.publishes_once(use_cases, "Hello World", BODY)


@pytest.mark.task(2, points=2)
@pytest.mark.rules("2.8")
def test_only_the_author_publishes_and_only_a_post_that_exists(use_cases):
    checks.refuses_strangers_and_missing_posts(use_cases, 404)


UNPUBLISHABLE = {
    "an empty title": ("", BODY),
    "a title of spaces": ("   ", BODY),
    "a title of a tab": ("\t", BODY),
    "a title of a newline": ("\n", BODY),
    "a body of 29 characters": ("Hello", "x" * 29),
    "a body of 29 characters padded with spaces, tabs and newlines": ("Hello", " \t" + "x" * 29 + "\n "),
    "an empty body": ("Hello", ""),
    "an archived post": ("Hello", BODY),
}


@pytest.mark.task(2, points=2)
@pytest.mark.rules("2.9")
def test_publishing_refuses_a_post_that_breaks_the_rules(use_cases):
    checks.refuses_unpublishable(use_cases, UNPUBLISHABLE, " " + "x" * 30 + " ")
