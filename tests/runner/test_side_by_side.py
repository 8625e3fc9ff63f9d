"""A check whose kata asks for several test processes shares the suites' files among them and
reports exactly what one process would: the same tests, outcomes and order."""

from __future__ import annotations

import pytest

from checker.runner.process import check, share_files, side_by_side
from tests.conftest import CATALOG


def test_files_are_shared_by_size_and_each_share_keeps_their_order(tmp_path):
    public, hidden = tmp_path / "tests", tmp_path / "hidden"
    for folder, sizes in (
        (public, {"test_a.py": 900}),
        (hidden, {"test_b.py": 500, "test_c.py": 450, "test_d.py": 40}),
    ):
        folder.mkdir()
        for name, size in sizes.items():
            (folder / name).write_text("#" * size)
    (hidden / "conftest.py").write_text("#" * 5000)  # not a test file: it goes with every share
    shares = share_files([public, hidden], 2)
    assert [[f.name for f in share] for share in shares] == [["test_a.py", "test_d.py"], ["test_b.py", "test_c.py"]]
    assert [[f.name for f in share] for share in share_files([public, hidden], 9)] == [
        ["test_a.py"],
        ["test_b.py"],
        ["test_c.py"],
        ["test_d.py"],
    ]
    assert share_files([public], 2) == [[public]]  # one file: nothing to share


def test_only_a_kata_that_asks_gets_more_than_one_process(monkeypatch):
    monkeypatch.setattr("os.cpu_count", lambda: 2)
    assert side_by_side(CATALOG.get("06-guard")) == 2
    assert side_by_side(CATALOG.get("00-welcome")) == 1
    monkeypatch.setattr("os.cpu_count", lambda: 1)
    assert side_by_side(CATALOG.get("06-guard")) == 1


@pytest.mark.grades  # checks a kata four times
@pytest.mark.parametrize("folder", ["solution", "starter"])
def test_two_processes_report_what_one_does(launcher, folder):
    kata = CATALOG.get("01-layering")  # five public files and a hidden suite
    path = kata.solution_folder if folder == "solution" else kata.folder
    one = check(kata, path, launcher=launcher)
    two = check(kata, path, launcher=launcher, jobs=2)
    assert [(t.id, t.outcome, t.task, t.points) for t in two.tests] == [
        (t.id, t.outcome, t.task, t.points) for t in one.tests
    ]
    assert (two.score, two.problems) == (one.score, one.problems)
    assert len(one.tests) > 10 and (one.score == 100) == (folder == "solution")
