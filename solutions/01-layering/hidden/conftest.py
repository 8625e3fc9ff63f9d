"""Fixtures of the hidden suite: the shared ones, from katas/01-layering/tests/support.py."""

from kata_tests.support import (  # noqa: F401
    app,
    client,
    graph,
    kit,
    outage,
    package_dir,
    real_uow,
    record_raised,
    uow,
    use_cases,
)
