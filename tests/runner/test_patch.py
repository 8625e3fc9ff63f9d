"""Decoys are diffs: they apply exactly, or fail naming the file and the line."""

from __future__ import annotations

import difflib

import pytest

from checker.patch import PatchError, apply


def _diff(before: str, after: str, name: str = "inkwell/text.py") -> str:
    old = before.splitlines(keepends=True)
    return "".join(difflib.unified_diff(old, after.splitlines(keepends=True), f"a/{name}", f"b/{name}"))


def test_a_diff_changes_the_file_it_names(tmp_path):
    before = "".join(f"line {n}\n" for n in range(30))
    after = before.replace("line 3\n", "line three\n").replace("line 25\n", "")
    (tmp_path / "inkwell").mkdir()
    (tmp_path / "inkwell" / "text.py").write_text(before)
    apply(_diff(before, after), tmp_path)
    assert (tmp_path / "inkwell" / "text.py").read_text() == after


def test_a_diff_can_create_a_file(tmp_path):
    diff = "".join(difflib.unified_diff([], ["x = 1\n"], "/dev/null", "b/inkwell/new.py"))
    apply(diff, tmp_path)
    assert (tmp_path / "inkwell" / "new.py").read_text() == "x = 1\n"


def test_a_diff_that_no_longer_fits_names_the_file_and_line(tmp_path):
    before = "".join(f"line {n}\n" for n in range(10))
    diff = _diff(before, before.replace("line 5\n", "line five\n"))
    (tmp_path / "inkwell").mkdir()
    (tmp_path / "inkwell" / "text.py").write_text(before.replace("line 4\n", "changed since\n"))
    with pytest.raises(PatchError, match=r"inkwell/text.py: the hunk at line 3 does not match"):
        apply(diff, tmp_path)
