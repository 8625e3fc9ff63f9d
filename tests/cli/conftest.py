from __future__ import annotations

import pytest
from typer.testing import CliRunner

from checker.cli.main import app


@pytest.fixture
def kata(sandbox):
    """Run `kata ARGS...` in the sandbox project; returns the click Result."""
    runner = CliRunner()

    def invoke(*args: str, input: str | None = None):
        return runner.invoke(app, list(args), input=input)

    return invoke
