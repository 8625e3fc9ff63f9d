"""The fixtures both suites share live in katas/02-result/tests/support.py."""

from kata_tests.support import brief_fixture, broken_app, err, fakes, http, kit, ok, run, world  # noqa: F401
