"""The learner's side of the room: join once, then every check sends its summary in the background.

Nothing here imports FastAPI or the server's packages, and this module imports only the standard
library at the top, so that `kata check` pays nothing for the room when the learner never joined.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from checker.room.client.membership import membership_file

if TYPE_CHECKING:
    from checker.report import CheckReport


def report_in_background(root: Path, result: CheckReport) -> None:
    """Queue the check's summary and start a detached sender; returns at once and never raises."""
    try:
        if not membership_file(root).is_file():
            return
        from checker.room.client.outbox import Outbox
        from checker.room.client.summary import summary_of

        Outbox(root).put(summary_of(result))
        spawn_sender(root)
    except Exception:  # the dashboard must never fail a check
        return


def spawn_sender(root: Path) -> None:
    """A process of its own, so that a slow or absent server delays nothing the learner waits for."""
    # On Windows a detached process group; elsewhere a session of its own. The flags exist only
    # on Windows, so they are read by name.
    windows = os.name == "nt"
    flags = getattr(subprocess, "DETACHED_PROCESS", 0) | getattr(subprocess, "CREATE_NEW_PROCESS_GROUP", 0)
    subprocess.Popen(
        [sys.executable, "-m", "checker.room.client.sender", str(root)],
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        close_fds=True,
        creationflags=flags if windows else 0,
        start_new_session=not windows,
    )
