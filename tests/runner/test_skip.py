"""`check(..., skip=ids)` leaves those tests out of the run and out of the report."""

from __future__ import annotations

import pytest

from checker.runner.process import check
from tests.conftest import CATALOG

pytestmark = pytest.mark.grades  # checks a kata twice


def test_skipped_tests_are_not_run_and_not_reported(launcher):
    kata = CATALOG.get("00-welcome")
    whole = check(kata, kata.solution_folder, launcher=launcher)
    hidden = tuple(t.id for t in whole.tests if t.hidden)
    assert hidden and len(hidden) < len(whole.tests)
    part = check(kata, kata.solution_folder, launcher=launcher, skip=hidden)
    assert {t.id for t in part.tests} == {t.id for t in whole.tests if not t.hidden}
    assert all(t.passed for t in part.tests) and not part.problems, part.problems
