"""Every process of a grading batch collects the same tests, 07's PostgreSQL variants included.

07-migrations' suites run some checks on a throwaway PostgreSQL server where one can start. The
grader's trusted processes (the manifest's collection, the outside judge's reference runs) could
start one; a sandboxed run cannot. The manifest then named tests the run never collected, and
`kata grade` flagged 07's own reference solution as tampered, with 0 points. Grading now gives
every process the same settings (checker.grading.sandbox.SUITE_SETTINGS).
"""

from __future__ import annotations

import shutil
from dataclasses import replace

import pytest

from checker.grading.grader import Grader
from checker.grading.intake import discover
from checker.runner.process import Limits
from tests.grading.conftest import TIGHT

pytestmark = pytest.mark.grades  # grades 07's reference solution under both judges

KATA = "07-migrations"


@pytest.mark.parametrize("judge", ["process", "outside"])
def test_the_reference_of_a_kata_with_a_server_leg_is_graded_100_not_tampered(grading_catalog, tmp_path, judge):
    kata = grading_catalog.get(KATA)
    package = tmp_path / "reference" / "katas" / KATA / kata.package
    shutil.copytree(kata.solution_folder / kata.package, package, ignore=shutil.ignore_patterns("__pycache__"))
    options = replace(TIGHT, katas=(KATA,), judge=judge, limits=Limits(per_test=20.0, per_run=180.0))
    with Grader(grading_catalog, options) as grader:
        [graded] = grader.grade(discover([str(tmp_path / "reference")], [KATA]))
    row = graded.katas[KATA]
    assert (row.score, row.status) == (100, "graded"), f"{row.status} {row.reasons} {row.problems}"
