"""A slow test says what makes it slow with a kind marker (tests/conftest.py SLOW_KINDS); the kind makes it slow."""

from __future__ import annotations

import pytest

from tests.conftest import SLOW_KINDS, pytest_collection_modifyitems


class _Item:
    def __init__(self, *names: str) -> None:
        self.names = list(names)

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
