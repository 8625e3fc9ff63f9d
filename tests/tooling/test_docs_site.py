"""The docs site builds strictly, and names every kata and every command."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from checker.cli.main import app
from tests.conftest import CATALOG, ROOT

pytestmark = pytest.mark.slow  # builds the docs site with mkdocs


def test_the_docs_site_builds_under_mkdocs_strict(tmp_path):
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "mkdocs",
            "build",
            "--strict",
            "-f",
            str(ROOT / "mkdocs.yml"),
            "-d",
            str(tmp_path / "site"),
        ],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )
    assert result.returncode == 0, f"mkdocs build --strict failed:\n{result.stderr[-3000:]}"
    for kata in CATALOG.katas:
        page = tmp_path / "site" / "katas" / kata.id / "index.html"
        assert page.is_file(), f"no page was built for {kata.id}"
        notebook = tmp_path / "site" / "notebooks" / kata.id / "index.html"
        assert notebook.is_file(), f"the notebook of {kata.id} was not rendered"


def test_the_command_reference_documents_every_verb():
    reference = (ROOT / "docs" / "cli.md").read_text(encoding="utf-8")
    verbs = [command.name for command in app.registered_commands]
    missing = [verb for verb in verbs if f"`kata {verb}" not in reference]
    assert not missing, f"docs/cli.md has no section for: {missing}"
