"""Task 2: the public checks on other values, a wider property, and registration's outage over HTTP."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from kata_tests import checks

BODY = "Another body, well over thirty characters long."
WHITESPACE = " \t\n\r\x0b\x0c"


@pytest.mark.task(2, points=1)
@pytest.mark.rules("2.1")
@settings(
    derandomize=True,
    database=None,
    deadline=None,
    max_examples=60,
    suppress_health_check=[HealthCheck.function_scoped_fixture],  # use_cases holds no state
)
@given(
    local=st.text(alphabet="abcxyzABCXYZ0189._+-", min_size=1, max_size=12),
    domain=st.text(alphabet="abcxyzABCXYZ0189-", min_size=1, max_size=10),
    tld=st.text(alphabet="abcxyzABCXYZ", min_size=2, max_size=4),
    before=st.text(alphabet=WHITESPACE, max_size=3),
    after=st.text(alphabet=WHITESPACE, max_size=3),
)
def test_register_user_normalises_any_address_with_any_surrounding_whitespace(
    use_cases, local, domain, tld, before, after
):
    checks.registers_normalised(use_cases, f"{before}{local}@{domain}.{tld}{after}")


@pytest.mark.task(2, points=1)
@pytest.mark.rules("2.2")
def test_register_user_refuses_other_malformed_addresses(use_cases):
    checks.refuses_malformed(
        use_cases,
        {
            "@": "a lone '@'",
            "bob@": "nothing after the '@'",
            "@bob": "nothing before the '@'",
            "b@o@b": "a second '@'",
            "bob@exa mple.org": "a space inside",
            "bob\r@example.org": "a carriage return inside",
            "bob@example.org\x0bx": "a vertical tab inside",
        },
        "b@o",
    )


@pytest.mark.task(2, points=1)
@pytest.mark.rules("2.3")
def test_other_spellings_of_another_address_are_one_registration(use_cases):
    checks.refuses_duplicates(
        use_cases,
        "bob.smith@example.org",
        ("BOB.SMITH@EXAMPLE.ORG", "\tBob.Smith@example.org\n"),
        "bob.smith@example.com",
    )


@pytest.mark.task(2, points=1)
@pytest.mark.rules("2.4")
def test_another_failing_token_insert_leaves_no_user(real_uow, use_cases, outage):
    checks.no_user_left_after_a_token_outage(real_uow, use_cases, outage, "grace@example.org")


@pytest.mark.task(2, points=1)
@pytest.mark.rules("2.4")
def test_a_token_outage_over_http_leaves_another_address_free(client, outage):
    checks.registration_over_http_survives_a_token_outage(client, outage, "Grace@Example.org")


@pytest.mark.task(2, points=1)
@pytest.mark.rules("2.5")
def test_create_draft_stores_another_draft_as_given(use_cases):
    checks.stores_the_draft_as_given(
        use_cases, "  Ünïcode & Friends  ", "\n\tA body with its own spacing.  ", "unicode-friends"
    )


@pytest.mark.task(2, points=1)
@pytest.mark.rules("2.6")
def test_create_draft_counts_up_for_another_title(use_cases):
    checks.counts_up_until_free(
        use_cases,
        ("Release notes", "Release Notes", "Other", "release-notes", "RELEASE NOTES!"),
        ["release-notes", "release-notes-2", "other", "release-notes-3", "release-notes-4"],
    )


@pytest.mark.task(2, points=1)
@pytest.mark.rules("2.7")
def test_publish_post_publishes_another_draft_once(use_cases):
    checks.publishes_once(use_cases, "Another", BODY)


@pytest.mark.task(2, points=1)
@pytest.mark.rules("2.8")
def test_strangers_and_another_missing_post_are_refused(use_cases):
    checks.refuses_strangers_and_missing_posts(use_cases, 7)


@pytest.mark.task(2, points=1)
@pytest.mark.rules("2.9")
def test_publishing_refuses_other_unpublishable_posts(use_cases):
    checks.refuses_unpublishable(
        use_cases,
        {
            "a title of a tab and spaces": (" \t ", BODY),
            "a title of a carriage return": ("\r\n", BODY),
            "a body of 29 characters with words": ("Hello", "Twenty-nine characters long!!"),
            "a body of 29 characters inside newlines": ("Hello", "\n\n" + "y" * 29 + "\n\n"),
            "an archived post": ("Archived", BODY),
        },
        "\t" + "z" * 30 + "\n",
    )
