"""`uv run pytest katas/<id>/tests`: a kata's own tests, run the way a Python developer expects.

Loaded for every run of the project's pytest (`-p checker.runner.direct` in pyproject.toml), it
does nothing unless the command line names a kata's tests (or a hidden suite): then it puts that
kata's folder first on `sys.path`, so `inkwell` is the learner's (or the reference) package, and
maps the kata's public tests folder to `kata_tests`, as `kata check` does. The grade still comes
from `kata check`, which also runs the reviewer's suite and turns failures into sentences.
Such a run stays in one process; the project's own run spreads over one worker more than there are
cores (`-n auto`): a part of every worker's time is spent waiting on the processes it starts.
"""

from __future__ import annotations

import os
import re
import sys
from pathlib import Path

import pytest

from checker.runner.plugin import expose_support

_SUITE = re.compile(r"^(?P<kind>katas|solutions)/(?P<kata>\d\d-[a-z0-9-]+)(/|$)")


@pytest.hookimpl(tryfirst=True)
def pytest_load_initial_conftests(early_config: pytest.Config, args: list[str]) -> None:
    root = Path(early_config.rootpath)
    for arg in args:
        folder = _kata_folder(root, arg.split("::", 1)[0])
        if folder is not None:
            sys.path.insert(0, str(folder))
            expose_support(root / "katas" / folder.name / "tests")
            early_config.addinivalue_line("markers", "task(number, points): the kata task a test grades")
            early_config.addinivalue_line("markers", "rules(*ids): the README rules a test proves")
            _share_fixtures_with_properties()
            return


@pytest.hookimpl(tryfirst=True, optionalhook=True)  # optional: a learner copy has no pytest-xdist
def pytest_xdist_auto_num_workers(config: pytest.Config) -> int | None:
    """`-n auto` (the project's setting): a kata's own tests run in one process, as `kata check` runs
    them; the project's run on a worker more than the cores. Its workers spend about a quarter of
    their time waiting on the checks, servers and browsers they start (on 2 cores, 2 workers used
    811 CPU-seconds in 548 s); 3 workers took 471 s and 530 s (two runs of fresh clones)."""
    root = Path(config.rootpath)
    named = [arg.split("::", 1)[0] for arg in config.args]
    return 0 if any(_kata_folder(root, arg) is not None for arg in named) else (os.cpu_count() or 1) + 1


def _kata_folder(root: Path, arg: str) -> Path | None:
    try:
        relative = (Path.cwd() / arg).resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return None
    match = _SUITE.match(relative)
    if match is None or not (root / "katas" / match["kata"] / "tests").is_dir():
        return None
    return root / match["kind"] / match["kata"]


def _share_fixtures_with_properties() -> None:
    # Under `kata check` Hypothesis's pytest plugin is not loaded; here it is, and it would refuse
    # property tests that take a suite's fixtures (they only hand out the learner's module).
    from hypothesis import HealthCheck, settings

    settings.register_profile("kata-direct", suppress_health_check=[HealthCheck.function_scoped_fixture])
    settings.load_profile("kata-direct")
