"""Bar 9: every reference solution is clean under mypy --strict and ruff."""

from __future__ import annotations

import subprocess
import sys

import pytest

from tests.conftest import CATALOG, ROOT

pytestmark = pytest.mark.typecheck  # runs mypy --strict on six reference solutions

KATAS = [kata.id for kata in CATALOG.katas]


@pytest.mark.parametrize("kata_id", KATAS)
def test_the_reference_solution_is_clean_under_mypy_strict(kata_id, tmp_path_factory):
    kata = CATALOG.get(kata_id)
    # One cache for the whole run: the katas share FastAPI, SQLAlchemy and Pydantic's stubs.
    cache = tmp_path_factory.getbasetemp() / "mypy-cache"
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
