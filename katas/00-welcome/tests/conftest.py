"""Fixtures shared by both suites of the welcome kata."""

from kata_tests.fixtures import client, text  # noqa: F401
