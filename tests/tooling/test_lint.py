"""The project holds its own code to the standards it teaches: ruff, and the layer contract."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import CATALOG, ROOT


def _run(*argv: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", *argv], capture_output=True, text=True, cwd=ROOT)


def test_ruff_finds_no_lint():
    result = _run("ruff", "check", "--quiet", ".")
    assert result.returncode == 0, f"ruff check reports:\n{result.stdout[-4000:]}"


def test_ruff_format_leaves_the_code_unchanged():
    result = _run("ruff", "format", "--check", "--quiet", ".")
    assert result.returncode == 0, f"ruff format would change:\n{result.stdout[-4000:]}"


def test_every_import_linter_contract_of_pyproject_is_kept():
    script = Path(sys.executable).parent / "lint-imports"
    result = subprocess.run([str(script)], capture_output=True, text=True, cwd=ROOT)
    assert result.returncode == 0, f"import-linter reports a broken contract:\n{result.stdout[-3000:]}"


SUITES = [
    p
    for kata in CATALOG.katas
    for folder in (kata.public_tests, kata.hidden_tests)
    for p in sorted(folder.rglob("*.py"))
]


@pytest.mark.parametrize("path", SUITES, ids=[p.relative_to(ROOT).as_posix() for p in SUITES])
def test_every_assert_in_a_suite_carries_a_message(path):
    # Suites run with --assert=plain: an assert without a message would show the learner nothing.
    tree = ast.parse(path.read_text(encoding="utf-8"))
    bare = [node.lineno for node in ast.walk(tree) if isinstance(node, ast.Assert) and node.msg is None]
    assert not bare, f"{path.relative_to(ROOT)}: assert without a message on line(s) {bare}"
