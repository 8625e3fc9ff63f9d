"""A slow test says what makes it slow with a kind marker (tests/conftest.py SLOW_KINDS); the kind makes it slow.

Tests that share a costly fixture share a worker (`worker_group`), so the fixture is made once.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import SLOW_KINDS, pytest_collection_modifyitems, worker_group


class _Item:
    def __init__(self, *names: str, nodeid: str = "tests/cli/test_check.py::test_x") -> None:
        self.names = list(names)
        self.nodeid, self.path = nodeid, Path(nodeid.split("::", 1)[0])
        self.fixturenames: list[str] = []

    def get_closest_marker(self, name: str) -> object | None:
        return name if name in self.names else None

    def add_marker(self, marker: pytest.MarkDecorator) -> None:
        self.names.append(marker.name)


@pytest.mark.parametrize("kind", SLOW_KINDS)
def test_each_kind_makes_a_test_slow_and_a_plain_test_stays_fast(kind):
    marked, plain = _Item(kind), _Item("parametrize")
    pytest_collection_modifyitems([marked, plain])
    assert marked.get_closest_marker("slow"), f"a test marked {kind} is not made slow"
    assert not plain.get_closest_marker("slow"), "a test with no kind was made slow"


def test_tests_that_share_a_costly_cache_share_a_worker_and_the_rest_go_by_module():
    nodeids = {
        "tests/cli/test_check.py::test_x": "tests/cli/test_check.py",
        "notebooks/01-layering.ipynb::Cell 3": "notebooks/01-layering.ipynb",
        "tests/bars/test_rules.py::test_y[01-layering]": "checked",
        "tests/runner/test_messages.py::test_z": "checked",
        "tests/grading/test_attacks.py::test_z": "tests/grading/test_attacks.py",
        "tests/bars/test_decoys.py::test_d[06-guard/a-b]": "tests/bars/test_decoys.py[06-guard]",
        "tests/bars/test_decoys.py::test_share[06-guard]": "tests/bars/test_decoys.py[06-guard]",
        "tests/bars/test_decoys.py::test_every_kata_has_decoys": "tests/bars/test_decoys.py",
        "tests/bars/test_mutants.py::test_m[02-result]": "tests/bars/test_mutants.py[02-result]",
        "tests/tooling/test_docs_links.py::test_l": "built-site",
        "tests/tooling/test_docs_site.py::test_s": "built-site",
    }
    assert {nodeid: worker_group(nodeid) for nodeid in nodeids} == nodeids


def test_a_test_that_asks_for_the_shared_batch_outside_its_modules_is_refused():
    item = _Item(nodeid="tests/cli/test_new.py::test_x")
    item.fixturenames = ["checked"]
    with pytest.raises(pytest.UsageError, match="CHECKED_MODULES"):
        pytest_collection_modifyitems([item])


def test_a_test_that_asks_for_the_docs_site_outside_its_modules_is_refused():
    item = _Item(nodeid="tests/tooling/test_new.py::test_x")
    item.fixturenames = ["built_site"]
    with pytest.raises(pytest.UsageError, match="SITE_MODULES"):
        pytest_collection_modifyitems([item])
