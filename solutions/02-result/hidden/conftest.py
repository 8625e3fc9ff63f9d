"""The fixtures both suites share live in katas/02-result/tests/support.py."""

from kata_tests.support import (  # noqa: F401
    brief_fixture,
    database_fails_fixture,
    err,
    fakes,
    fresh,
    http,
    kit,
    ok,
    run,
    world,
)
