"""Single key presses without Enter, on POSIX terminals (termios) and on Windows (msvcrt)."""

from __future__ import annotations

import sys
import time
from types import TracebackType


class KeyReader:
    """`with KeyReader() as keys: keys.read(0.1)` returns one key, or None after the timeout."""

    def __init__(self) -> None:
        self._saved: list | None = None  # type: ignore[type-arg]

    def __enter__(self) -> KeyReader:
        if sys.platform != "win32" and sys.stdin.isatty():
            import termios
            import tty

            self._saved = termios.tcgetattr(sys.stdin)
            tty.setcbreak(sys.stdin.fileno())
        return self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None, tb: TracebackType | None) -> None:
        if self._saved is not None:
            import termios

            termios.tcsetattr(sys.stdin, termios.TCSADRAIN, self._saved)

    def read(self, timeout: float) -> str | None:
        if sys.platform == "win32":
            return _read_windows(timeout)
        import select

        ready, _, _ = select.select([sys.stdin], [], [], timeout)
        return sys.stdin.read(1) if ready else None


def _read_windows(timeout: float) -> str | None:
    import msvcrt

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if msvcrt.kbhit():  # type: ignore[attr-defined]
            key: str = msvcrt.getwch()  # type: ignore[attr-defined]
            return key
        time.sleep(0.02)
    return None
