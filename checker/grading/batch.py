"""One call for a whole grading session: find the submissions, take this shard's share, grade."""

from __future__ import annotations

from collections.abc import Callable

from checker.catalog import Catalog
from checker.grading.grader import GradeOptions, Grader
from checker.grading.intake import Source, discover
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
) -> Batch:
    options = options or GradeOptions()
    with Grader(catalog, options) as grader:
        environment = probe(grader.rules)
        grades = grader.grade(sources, on_graded)
        katas = [k.id for k in grader.katas]
    return Batch(katas, grades, environment, f"{shard[0]}/{shard[1]}" if shard else "")
