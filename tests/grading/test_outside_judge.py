"""The outside judge (`kata grade --judge outside`) against the in-process judges.

Both must give the same score on honest code: the reference solution and a sample of a kata's
decoys (plausible wrong submissions, and right alternatives) are graded by the outside judge, by
`kata grade`'s in-process judge (same sandbox, same limits) and by `kata check`, and compared.
Every decoy of every kata takes minutes on a shared machine; `SAMPLE` decoys per kata, spread over
the list, keep this under a minute or two. Set KATA_JUDGE_ALL=1 to compare every decoy, and
KATA_JUDGE_KATAS to a comma-separated list of kata ids to compare other katas than the two below.
"""

from __future__ import annotations

import os
import shutil
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from checker.catalog import Catalog, Kata
from checker.decoys import load_decoys
from checker.grading.grader import Grader
from checker.grading.intake import discover
from checker.grading.sandbox import SUITE_SETTINGS
from checker.runner.process import check
from tests.grading.conftest import roomy

pytestmark = pytest.mark.grades  # grades a kata's reference and decoys twice, once in the sandbox

# 04-indexing builds large databases and 07-migrations starts PostgreSQL: too slow for the project run.
KATAS = tuple(filter(None, os.environ.get("KATA_JUDGE_KATAS", "00-welcome,02-result").split(",")))
SAMPLE = 2


def _room(kata: Kata, room: Path) -> dict[str, Path]:
    """The reference and a spread sample of the decoys, each a submission folder of its own."""
    reference = room / "reference" / "katas" / kata.id
    shutil.copytree(
        kata.solution_folder / kata.package, reference / kata.package, ignore=shutil.ignore_patterns("__pycache__")
    )
    decoys = load_decoys(kata)
    if not os.environ.get("KATA_JUDGE_ALL"):
        decoys = decoys[:: max(1, len(decoys) // SAMPLE)][:SAMPLE]
    return {"reference": reference} | {d.name: d.assemble(room / d.name / "katas") for d in decoys}


@pytest.mark.parametrize("kata_id", KATAS)
def test_the_reference_and_decoys_score_the_same_outside_as_in_process(
    kata_id, grading_catalog: Catalog, tmp_path, launcher, monkeypatch
):
    kata = grading_catalog.get(kata_id)
    folders = _room(kata, tmp_path)
    # `kata check` as on a machine like the grader's: the settings every grading process gets.
    for name, value in SUITE_SETTINGS.items():
        monkeypatch.setenv(name, value)
    with ThreadPoolExecutor(max_workers=os.cpu_count() or 2) as pool:
        reports = list(pool.map(lambda folder: check(kata, folder, launcher=launcher), folders.values()))
    local = {name: report.score for name, report in zip(folders, reports, strict=True)}
    graded, judged, why = {}, {}, {}
    for judge, into in (("outside", graded), ("process", judged)):
        with Grader(grading_catalog, roomy(kata_id, judge)) as grader:
            for g in grader.grade(discover([str(tmp_path)], [kata_id])):
                row = g.katas[kata_id]
                into[g.name] = row.score
                why[judge, g.name] = f"{row.status} {row.reasons} {row.problems}"
    assert graded["reference"] == judged["reference"] == local["reference"] == 100, (graded, judged, local, why)
    differ = {
        n: f"outside {graded[n]:g} ({why['outside', n]}), in-process {judged[n]:g} ({why['process', n]})"
        for n in folders
        if graded[n] != judged[n]
    }
    assert not differ, differ
    # `kata grade` (the sandboxed warm worker) and `kata check` (a fresh process) agree as well.
    apart = {
        n: f"kata grade {judged[n]:g} ({why['process', n]}), kata check {local[n]:g}"
        for n in folders
        if judged[n] != local[n]
    }
    assert not apart, apart
