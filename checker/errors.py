"""The one base of every error the checker raises for a person to act on.

Its message names what is wrong and what to do; the command line prints it as one line
(`error: ...`) and never a traceback.
"""

from __future__ import annotations


class KataError(Exception):
    """An error a user can act on: the message says what is wrong and what to do."""
