"""The public tests run the workload on a smaller database than the hidden suite; the fixtures\nlive in katas/04-indexing/tests/workload.py."""

import pytest
from kata_tests.workload import (  # noqa: F401
    PUBLIC,
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
    return PUBLIC
