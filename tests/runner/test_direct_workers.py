"""The project's run spreads over a worker more than the cores; a kata's own tests, run directly, stay in one process."""

from __future__ import annotations

import os
from types import SimpleNamespace

import pytest

from checker.runner.direct import pytest_xdist_auto_num_workers
from tests.conftest import ROOT

SPREAD = (os.cpu_count() or 1) + 1


@pytest.mark.parametrize(
    ("args", "workers"),
    [
        ([], SPREAD),
        (["tests/cli"], SPREAD),
        (["katas/06-guard/tests"], 0),
        (["solutions/02-result/hidden/test_loud.py::test_x"], 0),
        (["tests", "katas/00-welcome/tests"], 0),
    ],
)
def test_a_katas_own_tests_run_in_one_process_and_the_projects_on_a_worker_more_than_the_cores(args, workers):
    assert pytest_xdist_auto_num_workers(SimpleNamespace(rootpath=ROOT, args=args)) == workers
