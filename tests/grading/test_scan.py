"""The static scan: code that reaches into the test machinery is flagged with file and line."""

from __future__ import annotations

import shutil

import pytest

from checker.grading.scan import scan, scan_source
from tests.grading.conftest import ROOT


@pytest.mark.parametrize(
    ("source", "says"),
    [
        ("import _pytest.reports", "pytest's internals"),
        ("from _pytest import runner", "pytest's internals"),
        ("import ctypes", "ctypes"),
        ("import atexit", "atexit"),
        ("import os\nos._exit(0)", "os._exit"),
        ("from os import _exit", "os._exit"),
        ("import sys\nsys.modules['x'] = None", "sys.modules"),
        ("import sys\nframe = sys._getframe(1)", "sys._getframe"),
        ("def f(frame):\n    return frame.f_back.f_globals", "f_back"),
        ("import inspect", "inspect"),
        ("__import__('os')", "__import__"),
    ],
)
def test_code_that_reaches_into_the_machinery_is_flagged(source, says):
    found = scan_source(source, "inkwell/x.py")
    assert found and any(says in f.what for f in found), found
    assert str(found[-1]).startswith("inkwell/x.py:")


def test_the_line_of_the_finding_is_given():
    [finding] = scan_source("x = 1\n\nimport ctypes\n", "inkwell/x.py")
    assert (finding.path, finding.line) == ("inkwell/x.py", 3)


def test_the_reference_solution_is_clean():
    assert scan(ROOT / "solutions", [ROOT / "solutions" / "00-welcome" / "inkwell"]) == []


def test_files_that_would_reconfigure_pytest_are_flagged(tmp_path):
    for name in ("conftest.py", "pytest.ini", "sitecustomize.py", "x.pth"):
        (tmp_path / name).write_text("")
    assert sorted(f.path for f in scan(tmp_path)) == ["conftest.py", "pytest.ini", "sitecustomize.py", "x.pth"]


def test_code_that_does_not_parse_is_not_flagged():
    assert scan_source("def (:", "inkwell/x.py") == []


def test_the_katas_own_public_tests_in_a_submission_are_not_flagged(tmp_path):
    from checker.grading.scan import known_files, scan
    from tests.conftest import CATALOG

    kata = CATALOG.get("00-welcome")
    copy = tmp_path / "katas" / "00-welcome" / "tests"
    shutil.copytree(kata.public_tests, copy)
    assert scan(tmp_path, known=known_files([kata.public_tests])) == []
    (copy / "conftest.py").write_text("import pytest\n")
    flagged = scan(tmp_path, known=known_files([kata.public_tests]))
    assert {f.path for f in flagged} == {"katas/00-welcome/tests/conftest.py"}, flagged
