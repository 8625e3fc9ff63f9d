"""Every decoy is judged as its decoy.toml declares: wrong ones lose the tasks they break.

Bar 10 is measured here too: of the wrong decoys that fail a hidden check, the share that also
fails a public one, so that a learner copy rarely shows green on work the reviewer fails.

A wrong decoy runs every public check and the hidden checks of the tasks in its `fails` (the
loader makes sure they hold the task of each rule it `breaks`): that is all either bar reads, at
about half the cost of the whole suites. An alternative that must score 100 runs everything.
"""

from __future__ import annotations

import os
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from checker.decoys import Decoy, load_decoys
from checker.report import CheckReport
from checker.runner.process import check
from tests.conftest import CATALOG

pytestmark = pytest.mark.grades  # grades every decoy of every kata through the checker

DECOYS = [decoy for kata in CATALOG.katas for decoy in load_decoys(kata)]
_REPORTS: dict[tuple[str, str], CheckReport] = {}

# The least share of hidden-failing decoys that a public test also catches, per kata.
PUBLIC_SHARE = 0.8


@pytest.fixture(scope="session")
def judged(launcher, tmp_path_factory):
    def grade(job: tuple[Decoy, Path, tuple[str, ...]]) -> CheckReport:
        decoy, folder, skip = job
        return check(decoy.kata, decoy.assemble(folder), launcher=launcher, skip=skip)

    def needless(decoy: Decoy, manifest: CheckReport) -> tuple[str, ...]:
        """The hidden checks a wrong decoy need not run: those of the tasks it does not declare.
        Every public check runs (bar 10 asks whether one fails); an alternative runs everything."""
        if decoy.expect == "pass":
            return ()
        return tuple(t.id for t in manifest.tests if t.hidden and t.task not in decoy.fails)

    def run(decoy: Decoy) -> CheckReport:
        key = (decoy.kata.id, decoy.name)
        if key not in _REPORTS:
            # The first decoy asked of a kata grades all of that kata's side by side: each check is a
            # fork of the warm worker.
            batch = [d for d in DECOYS if d.kata.id == decoy.kata.id and (d.kata.id, d.name) not in _REPORTS]
            manifest = check(decoy.kata, decoy.kata.solution_folder, launcher=launcher, collect_only=True)
            # Folders are made here, not in the pool: pytest's tmp_path_factory is not thread-safe.
            jobs = [(d, tmp_path_factory.mktemp(f"{d.kata.id}-{d.name}"), needless(d, manifest)) for d in batch]
            # Two checks per core: a check waits as well as computes (06's suite waits on its deadlines).
            with ThreadPoolExecutor(max_workers=2 * (os.cpu_count() or 2)) as pool:
                for each, report in zip(batch, pool.map(grade, jobs), strict=True):
                    _REPORTS[(each.kata.id, each.name)] = report
        return _REPORTS[key]

    return run


@pytest.mark.parametrize("decoy", DECOYS, ids=[f"{d.kata.id}/{d.name}" for d in DECOYS])
def test_the_decoy_is_judged_as_declared(decoy, judged):
    report = judged(decoy)
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
    # Points follow weight: breaking one rule of a task costs most of that task, never a point or two.
    scores = {task.number: task for task in report.tasks}
    for rule in decoy.breaks:
        task = scores[int(rule.split(".")[0])]
        assert task.points - task.earned > task.points / 2, (
            f"decoy {decoy.name} breaks rule {rule} but loses only {task.points - task.earned:g} of task "
            f"{task.number}'s {task.points} points"
        )


def test_every_kata_has_decoys():
    without = [kata.id for kata in CATALOG.katas if not load_decoys(kata)]
    assert not without, f"katas without decoys: {without}"


KATAS = [kata.id for kata in CATALOG.katas]


@pytest.mark.parametrize("kata_id", KATAS)
def test_most_decoys_the_hidden_suite_fails_also_fail_a_public_check(kata_id, judged, capsys):
    wrong = [d for d in load_decoys(CATALOG.get(kata_id)) if d.expect == "fail"]
    caught_hidden, caught_public = [], []
    for decoy in wrong:
        report = judged(decoy)
        if any(t.hidden and not t.passed for t in report.tests):
            caught_hidden.append(decoy.name)
            if any(not t.hidden and not t.passed for t in report.tests):
                caught_public.append(decoy.name)
    share = len(caught_public) / len(caught_hidden) if caught_hidden else 1.0
    with capsys.disabled():
        print(
            f"\n  bar 10, {kata_id}: {len(caught_public)} of {len(caught_hidden)} decoys ({share:.0%}) also fail a public check"
        )
    missed = sorted(set(caught_hidden) - set(caught_public))
    assert share >= PUBLIC_SHARE, (
        f"{kata_id}: only {len(caught_public)} of {len(caught_hidden)} decoys that fail the hidden suite also "
        f"fail a public test ({share:.0%}, goal {PUBLIC_SHARE:.0%}); a learner copy shows these green: {missed}"
    )
