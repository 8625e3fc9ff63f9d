"""The hidden suite plays the public suite's scene (katas/06-guard/tests/scene.py)."""

from kata_tests.scene import quick, upstream, world  # noqa: F401
