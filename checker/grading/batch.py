"""One call for a whole grading session: find the submissions, take this shard's share, grade."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable

from checker.catalog import Catalog
from checker.grading.grader import GradeOptions, Grader, RunListener
from checker.grading.intake import Source, discover
from checker.grading.journal import Journal
from checker.grading.model import Batch, SubmissionGrade
from checker.grading.sandbox import probe
from checker.grading.shard import select


def find_sources(
    catalog: Catalog, paths: list[str], shard: tuple[int, int] | None = None, *, one: bool = False
) -> list[Source]:
    sources = discover(paths, catalog.ids, one=one)
    return select(sources, *shard) if shard else sources


def grade_sources(
    catalog: Catalog,
    sources: list[Source],
    options: GradeOptions | None = None,
    *,
    shard: tuple[int, int] | None = None,
    on_graded: Callable[[SubmissionGrade], None] | None = None,
    on_run: RunListener | None = None,
    journal: Journal | None = None,
    resume: bool = False,
) -> Batch:
    """Grade the sources. With a `journal`, each finished grade is recorded as it lands; with
    `resume`, the sources the journal already holds (unchanged) are taken from it, not regraded."""
    options = options or GradeOptions()
    done = journal.done(sources) if journal is not None and resume else {}
    if journal is not None:
        journal.start(resume)
    by_location = {source.location: source for source in sources}

    def graded(grade: SubmissionGrade) -> None:
        if journal is not None:
            journal.record(by_location[grade.location], grade)
        if on_graded is not None:
            on_graded(grade)

    for grade in done.values():
        if on_graded is not None:
            on_graded(grade)
    with Grader(catalog, options) as grader:
        environment = probe(grader.rules, sandboxed=grader.bwrap is not None)
        fresh = {g.location: g for g in grader.grade([s for s in sources if s.location not in done], graded, on_run)}
        katas = [k.id for k in grader.katas]
    grades = [done.get(s.location) or fresh[s.location] for s in sources]
    if not options.katas and shard is None:  # shards keep every kata, so that they merge
        katas = _handed_in(katas, grades)
    _flag_shared_names(grades)
    return Batch(katas, grades, environment, f"{shard[0]}/{shard[1]}" if shard else "")


def _flag_shared_names(grades: list[SubmissionGrade]) -> None:
    """A manifest's learner name is a claim, not an identity: two submissions claiming one are flagged."""
    claims = Counter(g.learner.casefold() for g in grades if g.learner)
    for grade in grades:
        if grade.learner and claims[grade.learner.casefold()] > 1:
            grade.review.append(
                f"submission.json:1 claims the learner name {grade.learner!r}, as another submission does"
            )


def _handed_in(katas: list[str], grades: list[SubmissionGrade]) -> list[str]:
    """Without --katas, only the katas someone handed in count: a workshop on two katas is graded
    out of 200, not out of every kata in the catalog. An untouched starter is not handed in."""
    kept = [k for k in katas if any(k in g.katas and g.katas[k].attempted for g in grades)] or katas
    for grade in grades:
        grade.katas = {k: v for k, v in grade.katas.items() if k in kept}
    return kept
