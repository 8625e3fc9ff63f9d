"""Every decoy is judged as its decoy.toml declares: wrong ones lose the tasks they break."""

from __future__ import annotations

import pytest

from checker.decoys import load_decoys
from checker.runner.process import check
from tests.conftest import CATALOG

DECOYS = [decoy for kata in CATALOG.katas for decoy in load_decoys(kata)]


@pytest.mark.parametrize("decoy", DECOYS, ids=[f"{d.kata.id}/{d.name}" for d in DECOYS])
def test_the_decoy_is_judged_as_declared(decoy, tmp_path, launcher):
    report = check(decoy.kata, decoy.assemble(tmp_path), launcher=launcher)
    assert not report.problems, f"{decoy.name}: the check itself had problems: {report.problems}"
    if decoy.expect == "pass":
        failing = [f"{t.id}: {t.message}" for t in report.tests if not t.passed]
        assert report.score == 100, f"alternative {decoy.name} ({decoy.about}) scored {report.score}: {failing}"
        return
    lost = [task.number for task in report.tasks if not task.passed]
    missed = [n for n in decoy.fails if n not in lost]
    assert not missed, (
        f"decoy {decoy.name} ({decoy.about}) should fail task(s) {missed} but passes them; "
        f"it lost tasks {lost}, scoring {report.score}"
    )


def test_every_kata_has_decoys():
    without = [kata.id for kata in CATALOG.katas if not load_decoys(kata)]
    assert not without, f"katas without decoys: {without}"
