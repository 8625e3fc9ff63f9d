"""Types the katas promise: 02-result's README says its Result type is clean under mypy --strict."""

from __future__ import annotations

import subprocess
import sys

from tests.conftest import ROOT


def test_the_result_type_of_02_result_is_clean_under_mypy_strict(tmp_path):
    module = ROOT / "solutions" / "02-result" / "inkwell" / "result.py"
    result = subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", "--cache-dir", str(tmp_path), str(module)],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    assert result.returncode == 0, f"mypy --strict reports on {module.name}:\n{result.stdout}"
