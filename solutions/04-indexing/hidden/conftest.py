"""The hidden suite runs the workload of katas/04-indexing/tests/workload.py on a larger database."""

import pytest
from kata_tests.workload import (  # noqa: F401
    HIDDEN,
    Scale,
    app_on,
    existing_indexes,
    fresh_database,
    index_lister,
    race_factory,
    small_existing,
    workload,
)


@pytest.fixture(scope="session")
def scale() -> Scale:
    return HIDDEN
