"""A slow test says what makes it slow with a kind marker (tests/conftest.py SLOW_KINDS); the kind makes it slow.

Every test also gets its worker group (`--dist loadgroup`), so costly shared fixtures are made once.
"""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

import pytest

from tests.conftest import SLOW_KINDS, pytest_collection_modifyitems


class _Item:
    def __init__(self, *names: str, nodeid: str = "tests/cli/test_check.py::test_x", **params: object) -> None:
        self.names = list(names)
        self.nodeid, self.path = nodeid, Path(nodeid.split("::", 1)[0])
        self.fixturenames = ["checked"] if "checked" in params else []
        self.callspec = SimpleNamespace(params=params)
        self.groups: list[str] = []

    def get_closest_marker(self, name: str) -> object | None:
        return name if name in self.names else None

    def add_marker(self, marker: pytest.MarkDecorator) -> None:
        self.names.append(marker.name)
        self.groups += list(marker.args)


@pytest.mark.parametrize("kind", SLOW_KINDS)
def test_each_kind_makes_a_test_slow_and_a_plain_test_stays_fast(kind):
    marked, plain = _Item(kind), _Item("parametrize")
    pytest_collection_modifyitems([marked, plain])
    assert marked.get_closest_marker("slow"), f"a test marked {kind} is not made slow"
    assert not plain.get_closest_marker("slow"), "a test with no kind was made slow"


def test_tests_that_share_a_costly_cache_share_a_worker_and_the_rest_go_by_module():
    decoy = SimpleNamespace(kata=SimpleNamespace(id="06-guard"))
    items = {
        "module": _Item(nodeid="tests/cli/test_check.py::test_x"),
        "checked": _Item(nodeid="tests/bars/test_rules.py::test_y[01-layering]", checked=True, kata_id="01-layering"),
        "decoy": _Item(nodeid="tests/bars/test_decoys.py::test_d[06-guard/x]", decoy=decoy),
        "share": _Item(nodeid="tests/bars/test_decoys.py::test_share[06-guard]", kata_id="06-guard"),
        "mutants": _Item(nodeid="tests/bars/test_mutants.py::test_m[02-result]", kata_id="02-result"),
    }
    pytest_collection_modifyitems(list(items.values()))
    groups = {name: item.groups for name, item in items.items()}
    assert groups == {
        "module": ["tests/cli/test_check.py"],
        "checked": ["checked"],
        "decoy": ["test_decoys.py:06-guard"],
        "share": ["test_decoys.py:06-guard"],
        "mutants": ["test_mutants.py:02-result"],
    }
