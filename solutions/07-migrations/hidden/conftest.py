"""The hidden suite's fixtures are the public ones: katas/07-migrations/tests/fixtures.py."""

from kata_tests.fixtures import database, postgres_server, pytest_generate_tests  # noqa: F401
