"""The fixtures both suites share live in katas/01-layering/tests/support.py."""

from kata_tests.support import app, client, graph, kit, package_dir, uow, use_cases  # noqa: F401
