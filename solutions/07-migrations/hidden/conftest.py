"""The hidden suite's fixtures are the public ones: katas/07-migrations/tests/fixtures.py."""

from kata_tests.fixtures import (  # noqa: F401
    database,
    postgres_server,
    pytest_generate_tests,
    pytest_sessionfinish,
)
