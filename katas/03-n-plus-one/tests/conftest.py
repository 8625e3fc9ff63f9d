"""The fixtures both suites share live in katas/03-n-plus-one/tests/site.py."""

from kata_tests.site import fresh, hint, large, small  # noqa: F401
