"""Bar 7: every numbered rule of a README is proven by a test and broken, alone, by a decoy."""

from __future__ import annotations

import pytest

from checker.catalog import read_rules
from checker.decoys import load_decoys
from tests.conftest import CATALOG

KATAS = [kata.id for kata in CATALOG.katas]


@pytest.mark.grades  # checks the whole solution through the checker
@pytest.mark.parametrize("kata_id", KATAS)
def test_every_rule_of_the_readme_is_named_by_a_test(kata_id, checked):
    kata = CATALOG.get(kata_id)
    rules = {rule.id: rule for rule in read_rules(kata.readme)}
    assert rules, f"{kata_id}: README.md states no numbered rules (`- **1.1** ...` under each task)"
    report = checked(kata_id, "solution")
    named = {rule for test in report.tests for rule in test.rules}
    unproven = sorted(set(rules) - named)
    assert not unproven, f"{kata_id}: no test names rule(s) {unproven}: add @pytest.mark.rules(...) to the tests"
    unknown = sorted(named - set(rules))
    assert not unknown, f"{kata_id}: tests name rule(s) {unknown}, which README.md does not state"
    bare = [test.id for test in report.tests if not test.rules]
    assert not bare, f"{kata_id}: these tests name no rule: {bare}"
    wrong_task = [t.id for t in report.tests for r in t.rules if rules[r].task != t.task]
    assert not wrong_task, f"{kata_id}: these tests name a rule of another task than their own: {wrong_task}"


@pytest.mark.parametrize("kata_id", KATAS)
def test_every_rule_is_broken_alone_by_a_decoy(kata_id):
    kata = CATALOG.get(kata_id)
    rules = [rule.id for rule in read_rules(kata.readme)]
    assert rules, f"{kata_id}: README.md states no numbered rules"
    alone = {decoy.breaks[0] for decoy in load_decoys(kata) if len(decoy.breaks) == 1}
    unbroken = [rule for rule in rules if rule not in alone]
    assert not unbroken, (
        f"{kata_id}: no decoy breaks rule(s) {unbroken} alone: write one per rule, with "
        f'breaks = ["{unbroken[0]}"] in its decoy.toml'
    )
