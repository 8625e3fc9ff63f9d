"""Fixtures of the public tests; the hidden suite imports the same ones."""

from kata_tests.scene import quick, upstream, world  # noqa: F401
