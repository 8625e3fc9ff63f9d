"""Splitting a batch across machines (`--shard i/n`) and merging the shards' results back."""

from __future__ import annotations

from checker.errors import KataError
from checker.grading.intake import Source
from checker.grading.model import Batch, SubmissionGrade


class ShardError(KataError, ValueError):
    pass


def parse_shard(text: str) -> tuple[int, int]:
    index, _, count = text.partition("/")
    if not (index.isdigit() and count.isdigit()) or not 1 <= int(index) <= int(count):
        raise ShardError(f"--shard {text!r}: expected i/n with 1 <= i <= n, e.g. 2/4")
    return int(index), int(count)


def select(sources: list[Source], index: int, count: int) -> list[Source]:
    """This shard's share: every n-th submission in name order, so each shard sees a stable set."""
    ordered = sorted(sources, key=lambda s: (s.name, s.location))
    return [s for position, s in enumerate(ordered) if position % count == index - 1]


def merge(batches: list[Batch]) -> Batch:
    if not batches:
        raise ShardError("nothing to merge: give the output folders of the shards")
    katas = batches[0].katas
    for batch in batches[1:]:
        if batch.katas != katas:
            raise ShardError(f"shards graded different katas: {katas} and {batch.katas}")
    grades: list[SubmissionGrade] = []
    seen: dict[str, str] = {}
    for batch in batches:
        for grade in batch.grades:
            if grade.name in seen:
                raise ShardError(f"{grade.name} was graded in two shards ({seen[grade.name]} and {batch.shard})")
            seen[grade.name] = batch.shard
            grades.append(grade)
    environment = list(dict.fromkeys(note for batch in batches for note in batch.environment))
    shards = ", ".join(b.shard for b in batches if b.shard)
    return Batch(
        katas, sorted(grades, key=lambda g: g.name), environment, f"merged from {shards}" if shards else "merged"
    )
