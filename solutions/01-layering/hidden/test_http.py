"""Task 3: the HTTP behaviour of the starter, on other values than the public tests."""

from __future__ import annotations

import pytest
from kata_tests import http_checks


@pytest.mark.task(3, points=1)
@pytest.mark.rules("3.1")
def test_another_registration_answers_201_409_and_422(client):
    http_checks.registration_statuses(client, "Grace.Hopper@Example.ORG", "grace@")


@pytest.mark.task(3, points=1)
@pytest.mark.rules("3.2")
def test_other_ids_read_back_or_answer_404(client):
    http_checks.reads_back_or_404(client, "grace@example.org", 2)


@pytest.mark.task(3, points=1)
@pytest.mark.rules("3.3")
def test_writing_refuses_other_credentials(client):
    http_checks.writing_needs_a_bearer_token(
        client,
        {"a Token scheme": "Token {token}", "a bare token": "{token}", "a token cut short": "Bearer x{token}"},
        "BEARER",
    )


@pytest.mark.task(3, points=1)
@pytest.mark.rules("3.4")
def test_another_draft_answers_with_every_field(client):
    http_checks.draft_fields_and_unique_slug(client, "Release notes, v2", "release-notes-v2")


@pytest.mark.task(3, points=1)
@pytest.mark.rules("3.5")
def test_publishing_answers_403_422_and_404_for_other_posts(client):
    http_checks.publishing_statuses(client, "", 42)
