from __future__ import annotations

import pytest

from checker.testkit import expect, expect_equal

pytestmark = pytest.mark.task(1, points=4)


def test_normalise_email_strips_tabs_and_newlines(text):
    expect_equal(
        text.normalise_email("\tgrace@inkwell.dev\n"),
        "grace@inkwell.dev",
        did="Called normalise_email('\\tgrace@inkwell.dev\\n')",
        why="Pasted addresses often carry tabs and newlines; str.strip() removes all whitespace.",
    )


@pytest.mark.parametrize(
    "raw",
    ["grace.inkwell.dev", "grace@@inkwell.dev", "grace smith@inkwell.dev", "@inkwell.dev"],
    ids=["no-at", "two-ats", "inner-space", "nothing-before-at"],
)
def test_normalise_email_refuses_what_is_not_an_address(text, raw):
    try:
        result = text.normalise_email(raw)
    except ValueError:
        return
    expect(
        False,
        did=f"Called normalise_email({raw!r})",
        saw=f"it returned {result!r}",
        expected="a ValueError",
        why="An address needs exactly one '@' with text on both sides and no whitespace inside.",
    )
