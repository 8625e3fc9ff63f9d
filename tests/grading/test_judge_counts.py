"""The reviewers' guide counts each kata's checks by kind; the counts are the rewrite's own."""

from __future__ import annotations

import re

from checker.grading.judge import copy_stripped
from tests.conftest import CATALOG, ROOT


def test_the_reviewers_table_gives_each_katas_checks_as_the_rewrite_counts_them(tmp_path):
    guide = (ROOT / "docs" / "reviewers.md").read_text(encoding="utf-8")
    table = {
        row[0]: (int(row[1]), int(row[2]))
        for row in re.findall(r"^\| (\d\d-[\w-]+) \| (\d+) \| (\d+) \|", guide, flags=re.MULTILINE)
    }
    counted = {}
    for kata in CATALOG.katas:
        _, sites = copy_stripped(kata, tmp_path / kata.id, {})
        counted[kata.id] = (sites.outside, sites.self_reported)
    assert table == counted, "docs/reviewers.md's table of checks differs from `python -m checker.grading.judge`"
