"""Bar 8: mutants of each reference solution are killed by its suites, or explained.

The whole run is the benchmark `uv run python -m checker.mutants KATA` (minutes per kata); here
a fixed sample of each kata's mutants is graded (`KATA_MUTANTS=all` grades every one), so a
regression that lets mutants live is still caught within the test run's time budget.
"""

from __future__ import annotations

import hashlib
import os

import pytest

from checker.mutants.explained import explained
from checker.mutants.grade import all_mutations, files_to_mutate, grade
from checker.mutants.summary import summarise
from tests.conftest import CATALOG

pytestmark = pytest.mark.grades  # grades a sample of each kata's mutants

SAMPLE = 8  # mutants per kata in an ordinary run
KATAS = [kata.id for kata in CATALOG.katas]


def _sample(mutants, size):
    if os.environ.get("KATA_MUTANTS") == "all" or len(mutants) <= size:
        return mutants
    return sorted(mutants, key=lambda m: hashlib.sha256(m.id.encode()).hexdigest())[:size]


@pytest.mark.parametrize("kata_id", KATAS)
def test_no_mutant_of_the_solution_survives_unexplained(kata_id, launcher):
    kata = CATALOG.get(kata_id)
    notes = explained(kata)
    mutants = list(all_mutations(kata, files_to_mutate(kata, notes.skip)))
    assert mutants, f"{kata_id}: no mutant could be made of the solution"
    sample = _sample(mutants, SAMPLE)
    summary = summarise(grade(kata, sample, launcher=launcher, jobs=os.cpu_count() or 2), notes)
    survivors = [f"line {g.mutation.line}: {g.mutation.id}" for g in summary.unexplained]
    assert not survivors, (
        f"{kata_id}: {len(survivors)} of {len(sample)} sampled mutants survive unexplained; kill each with a "
        f"test or list it in {notes.path.name} with a reason:\n" + "\n".join(survivors)
    )
    listed_killed = [f"{g.mutation.id} (killed by {g.by})" for g in summary.killed_but_listed]
    assert not listed_killed, f"{kata_id}: listed as equivalent, yet killed:\n" + "\n".join(listed_killed)
    made = {m.id for m in mutants}
    stale = [mutant for mutant in notes.equivalent if mutant not in made]
    assert not stale, f"{kata_id}: {notes.path.name} lists mutants that are no longer made: {stale}"
