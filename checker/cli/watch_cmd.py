"""`kata watch`: re-check on every save, with single keys for hints, rerun, list, next and quit."""

from __future__ import annotations

import queue
import threading
from pathlib import Path
from typing import Annotated

import typer
import watchfiles
from rich.console import Console

from checker.catalog import Kata
from checker.cli import render
from checker.cli.context import Project, console, invocation, is_interactive, project
from checker.cli.keys import KeyReader
from checker.hints import HintError, show_hint
from checker.room import client as room
from checker.runner.launch import WarmLauncher
from checker.runner.process import check, side_by_side

KEYS = "[dim]h[/] hint · [dim]r[/] rerun · [dim]l[/] list · [dim]n[/] next kata · [dim]q[/] quit"


def command(kata_id: Annotated[str | None, typer.Argument(help="Kata id (default: the current kata).")] = None) -> None:
    """Re-check the kata on every save of its files; stays on it until you press n for the next."""
    here = project()
    kata = here.kata(kata_id) if kata_id else here.current()
    launcher = WarmLauncher()
    launcher.prepare()
    try:
        _Session(here, kata, launcher, console()).loop()
    except KeyboardInterrupt:
        console().print("\n[dim]stopped watching.[/]")
    finally:
        launcher.close()


class _Session:
    def __init__(self, here: Project, kata: Kata, launcher: WarmLauncher, out: Console) -> None:
        self.here, self.kata, self.launcher, self.out = here, kata, launcher, out
        self.saves: queue.Queue[set[str]] = queue.Queue()
        self.stop = threading.Event()
        self.interactive = is_interactive()
        self.running: threading.Thread | None = None
        self.cancel = threading.Event()

    def loop(self) -> None:
        threading.Thread(target=self._watch_files, daemon=True).start()
        self._check()
        with KeyReader() as keys:
            while not self.stop.is_set():
                key = keys.read(0.05) if self.interactive else None
                if key is None and not self.interactive:
                    self.stop.wait(0.05)
                if key and self._on_key(key.lower()):
                    break
                if not self.saves.empty() and self._drain():
                    self._check()  # a newer save stops the check still running: one endless loop costs nothing
        self._cancel_running()
        self.stop.set()

    def _watch_files(self) -> None:
        # A short step makes a save visible within tens of milliseconds.
        for changes in watchfiles.watch(self.here.root / "katas", stop_event=self.stop, step=30, debounce=400):
            touched = {path for _, path in changes if path.endswith(".py")}
            if touched:
                self.saves.put(touched)

    def _mine(self, touched: set[str]) -> bool:
        """Only a save inside the kata being watched re-checks it."""
        folder = self.kata.folder.resolve()
        return any(Path(path).resolve().is_relative_to(folder) for path in touched)

    def _drain(self) -> bool:
        """Empty the queue of saves; True when one of them was a file of this kata."""
        mine = False
        while not self.saves.empty():
            mine = self._mine(self.saves.get_nowait()) or mine
        return mine

    def _on_key(self, key: str) -> bool:
        if key == "q":
            return True
        if key == "r":
            self._check()
        elif key == "h":
            self._hint()
        elif key == "l":
            rows = [(k, self.here.store.of(k.id)) for k in self.here.catalog.katas]
            render.katas(self.out, rows, self.kata)
        elif key == "n":
            self._move_on()
        return False

    def _check(self) -> None:
        """Start a check of the current kata in the background, stopping any check still running."""
        self._cancel_running()
        self.cancel = threading.Event()
        self.running = threading.Thread(target=self._run_check, args=(self.kata, self.cancel), daemon=True)
        self.running.start()

    def _cancel_running(self) -> None:
        if self.running is not None and self.running.is_alive():
            self.cancel.set()
            self.running.join()

    def _run_check(self, kata: Kata, cancel: threading.Event) -> None:
        if self.out.is_terminal:
            self.out.clear()
        self.out.print(f"[dim]checking {kata.id} … (save again, or press r, to start over)[/]")
        result = check(kata, launcher=self.launcher, cancel=cancel, jobs=side_by_side(kata))
        if cancel.is_set():
            return
        self.here.store.record_check(result)
        room.report_in_background(self.here.root, result)
        render.report(self.out, result, self.here.store.of(kata.id))
        if result.complete:
            self.out.print(f"[bold green]{kata.id}: {result.verdict()}[/]")
            if kata.has_solution:
                self.out.print(f"Compare with the reference: {invocation()} solution {kata.id}")
            following = self.here.catalog.after(kata.id)
            if following is None:
                self.out.print("[bold green]That was the last kata.[/] Well done.")
            elif self.interactive:
                self.out.print(f"Press [bold]n[/] for the next kata, {following.id}, when you are ready.")
            else:
                self.out.print(f"Next: {invocation()} watch {following.id}")
        self._footer()

    def _footer(self) -> None:
        keys = KEYS if self.interactive else "[dim]Ctrl+C to stop[/]"
        self.out.print(f"\n[dim]watching katas/{self.kata.id}/ for saves ·[/] {keys}")

    def _hint(self) -> None:
        progress = self.here.store.of(self.kata.id)
        task = progress.failing[0] if progress.failing else self.kata.tasks[0].number
        try:
            hint = show_hint(self.kata, self.here.store, task)
        except HintError as error:
            self.out.print(f"[red]{error}[/]")
            return
        self.out.print(f"\n[bold]Task {hint.task}, hint {hint.level} of {hint.levels}:[/] {hint.text}")
        if hint.level == hint.levels:
            self.out.print("[dim]That was the last hint level for this task.[/]")
        self._footer()

    def _move_on(self) -> None:
        self._cancel_running()
        following = self.here.catalog.after(self.kata.id)
        if following is None:
            self.out.print("[bold green]That was the last kata.[/] Well done.")
            return
        self.kata = following
        self.out.print(f"\nNext: [bold]{following.id}[/] · {following.title} · about {following.minutes} min")
        self.out.print(f"[dim]Read katas/{following.id}/README.md, then save a change to check it.[/]")
        self._footer()
