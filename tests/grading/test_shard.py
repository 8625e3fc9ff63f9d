"""Splitting a batch across machines and merging the pieces."""

from __future__ import annotations

import pytest

from checker.grading.intake import Source
from checker.grading.model import Batch, SubmissionGrade
from checker.grading.shard import ShardError, merge, parse_shard, select

pytestmark = pytest.mark.grades  # grades a batch twice, in shards

SOURCES = [Source(f"s{n}", f"/room/s{n}", "folder") for n in range(7)]


@pytest.mark.parametrize("text", ["0/2", "3/2", "a/b", "2", "1/0"])
def test_a_shard_must_be_i_of_n(text):
    with pytest.raises(ShardError):
        parse_shard(text)


def test_the_shards_split_the_submissions_without_overlap():
    shares = [select(SOURCES, i, 3) for i in (1, 2, 3)]
    names = [s.name for share in shares for s in share]
    assert sorted(names) == sorted(s.name for s in SOURCES) and len(set(names)) == len(names)


def test_merging_gathers_the_shards_in_name_order():
    one = Batch(["k"], [SubmissionGrade("b", "/b", "folder")], ["network: cut"], "1/2")
    two = Batch(["k"], [SubmissionGrade("a", "/a", "folder")], ["network: cut"], "2/2")
    merged = merge([one, two])
    assert [g.name for g in merged.grades] == ["a", "b"] and merged.environment == ["network: cut"]


def test_a_submission_graded_in_two_shards_cannot_be_merged():
    one = Batch(["k"], [SubmissionGrade("a", "/a", "folder")], shard="1/2")
    with pytest.raises(ShardError, match="two shards"):
        merge([one, one])
