from __future__ import annotations

import pytest

from checker.testkit import expect_equal, outcome

ADDRESS = "grace@inkwell.dev"


@pytest.mark.task(1, points=1)
@pytest.mark.rules("1.1")
@pytest.mark.parametrize(
    "raw",
    ["\tgrace@inkwell.dev\n", "\r\n\x0bgrace@inkwell.dev\x0c\r\n", "\u00a0grace@inkwell.dev\u2003"],
    ids=["tab-newline", "cr-vt-ff", "no-break-space-em-space"],
)
def test_normalise_email_strips_every_kind_of_surrounding_whitespace(text, raw):
    result = text.normalise_email(raw)
    kept = [repr(c) for c in {result[:1], result[-1:]} if isinstance(result, str) and c.isspace()]
    expect_equal(
        result,
        ADDRESS,
        did=f"Called normalise_email({raw!r})",
        why=f"Rule 1.1: {', '.join(kept)} stayed; str.strip() with no argument removes every kind of whitespace."
        if kept
        else "Rule 1.1: the address without its surrounding whitespace.",
    )


@pytest.mark.task(1, points=3)
@pytest.mark.rules("1.2")
def test_normalise_email_lowercases_the_local_part_and_the_domain(text):
    result = text.normalise_email("GRACE.Hopper@Inkwell.DEV")
    local, _, domain = result.partition("@") if isinstance(result, str) else ("", "", "")
    half = "the part before the '@'" if local != local.lower() else "the domain"
    expect_equal(
        result,
        "grace.hopper@inkwell.dev",
        did="Called normalise_email('GRACE.Hopper@Inkwell.DEV')",
        why=f"Rule 1.2: {half} kept capitals; the whole address is lower-cased, or one person is two.",
    )


def _refused(text, raw, rule):
    expect_equal(
        outcome(lambda: text.normalise_email(raw), ValueError),
        "raised ValueError",
        did=f"Called normalise_email({raw!r})",
        why=rule,
    )


@pytest.mark.task(1, points=1)
@pytest.mark.rules("1.3")
@pytest.mark.parametrize(
    "raw", ["", "   ", "grace@@inkwell.dev", "grace@inkwell@dev"], ids=["empty", "blank", "two-ats", "ats-apart"]
)
def test_normalise_email_refuses_anything_but_one_at(text, raw):
    count = raw.count("@")
    _refused(text, raw, f"Rule 1.3: an address holds exactly one '@'; this one holds {count}.")


@pytest.mark.task(1, points=1)
@pytest.mark.rules("1.4")
@pytest.mark.parametrize("raw", ["@inkwell.dev", " grace@ \t"], ids=["nothing-before", "nothing-after-once-stripped"])
def test_normalise_email_refuses_an_empty_side(text, raw):
    side = "before" if raw.strip().startswith("@") else "after"
    _refused(text, raw, f"Rule 1.4: there must be something {side} the '@'.")


@pytest.mark.task(1, points=1)
@pytest.mark.rules("1.5")
@pytest.mark.parametrize(
    "raw",
    ["grace hopper@inkwell.dev", "grace\t@inkwell.dev", "grace@ink\nwell.dev", "grace@ink\u00a0well.dev"],
    ids=["space", "tab", "newline", "no-break-space"],
)
def test_normalise_email_refuses_whitespace_inside(text, raw):
    inner = next(c for c in raw if c.isspace())
    _refused(text, raw, f"Rule 1.5: {inner!r} inside an address is whitespace too; check every kind, not only ' '.")
