"""The checker is held to the typing it asks of the katas' solutions: mypy --strict, the whole package."""

from __future__ import annotations

import subprocess
import sys

import pytest

from tests.conftest import MYPY_CACHE, ROOT

pytestmark = pytest.mark.typecheck  # runs mypy --strict on the checker


def test_the_checker_is_clean_under_mypy_strict():
    cache = MYPY_CACHE  # the cache `uv run mypy --strict checker` keeps: warm after a developer's own run
    result = subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", "--cache-dir", str(cache), "checker"],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    assert result.returncode == 0, f"mypy --strict reports on checker/:\n{result.stdout[-4000:]}"
