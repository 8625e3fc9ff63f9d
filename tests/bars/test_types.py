"""Bar 9: every reference solution is clean under mypy --strict and ruff."""

from __future__ import annotations

import subprocess
import sys

import pytest

from tests.conftest import CATALOG, MYPY_CACHE, ROOT

pytestmark = pytest.mark.typecheck  # runs mypy --strict on six reference solutions

KATAS = [kata.id for kata in CATALOG.katas]


@pytest.mark.parametrize("kata_id", KATAS)
def test_the_reference_solution_is_clean_under_mypy_strict(kata_id):
    kata = CATALOG.get(kata_id)
    # mypy's own cache at the project root (git-ignored, the one `uv run mypy` keeps): the katas share
    # FastAPI, SQLAlchemy and Pydantic's stubs, read once per machine instead of once per run (a cold
    # cache took 50 s for one solution on the loaded 2-core machine, a warm one 2 to 4 s).
    cache = MYPY_CACHE
    result = subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", "--cache-dir", str(cache), "-p", kata.package],
        capture_output=True,
        text=True,
        cwd=kata.solution_folder,
    )
    assert result.returncode == 0, f"mypy --strict reports on solutions/{kata_id}/{kata.package}:\n{result.stdout}"


def test_the_reference_solutions_are_clean_under_ruff():
    result = subprocess.run(
        [sys.executable, "-m", "ruff", "check", "--quiet", "solutions"], capture_output=True, text=True, cwd=ROOT
    )
    assert result.returncode == 0, f"ruff check reports on solutions/:\n{result.stdout[-4000:]}"
