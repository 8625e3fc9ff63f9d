"""The hidden suite plays the public suite's scene (katas/05-authorization/tests/scene.py)."""

from kata_tests.scene import world  # noqa: F401
