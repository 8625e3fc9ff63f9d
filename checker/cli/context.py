"""What every command needs: the catalog, the progress store, a console, and clean errors."""

from __future__ import annotations

import os
import shutil
import sys
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import NoReturn

import typer
from rich.console import Console

from checker.catalog import Catalog, CatalogError, Kata, find_project_root, load_catalog
from checker.progress import ProgressError, ProgressStore, store_for


def console() -> Console:
    # Rich colours only a terminal; NO_COLOR turns colour off even there. Piped output is not
    # wrapped at all, so that a line a tool greps for stays whole.
    piped = not sys.stdout.isatty()
    # Tables size to their content; a generous width keeps piped rows on one line each.
    return Console(
        highlight=False, no_color=bool(os.environ.get("NO_COLOR")), soft_wrap=piped, width=200 if piped else None
    )


def fail(message: str, code: int = 2) -> NoReturn:
    Console(stderr=True, highlight=False, soft_wrap=True, no_color=bool(os.environ.get("NO_COLOR"))).print(
        f"[bold red]error:[/] {message}"
    )
    raise typer.Exit(code)


@dataclass
class Project:
    root: Path

    @cached_property
    def catalog(self) -> Catalog:
        try:
            return load_catalog(self.root)
        except CatalogError as error:
            fail(str(error))

    @cached_property
    def store(self) -> ProgressStore:
        try:
            return store_for(self.root)
        except ProgressError as error:
            fail(str(error))

    def kata(self, kata_id: str) -> Kata:
        try:
            return self.catalog.get(kata_id)
        except CatalogError as error:
            fail(str(error))

    def here_or_current(self) -> Kata:
        """The kata whose folder the user stands in (as Exercism does), else the current one."""
        where = Path.cwd().resolve()
        for kata in self.catalog.katas:
            if where == kata.folder.resolve() or kata.folder.resolve() in where.parents:
                return kata
        return self.current()

    def current(self) -> Kata:
        """The first kata, in course order, that is not done yet (the last one when all are)."""
        for kata in self.catalog.katas:
            if not self.store.of(kata.id).done:
                return kata
        return self.catalog.katas[-1]


def project() -> Project:
    try:
        return Project(find_project_root())
    except CatalogError as error:
        fail(str(error))


def invocation() -> str:
    """How to run `kata` again from where the user is, so that every printed command pastes and runs.

    Under `uv run` (which sets UV_RUN_RECURSION_DEPTH) the venv's `kata` is on the PATH only for
    that one process: a fresh shell needs `uv run kata`. Elsewhere `kata` runs as typed when it is
    on the PATH (an activated venv, an installed tool).
    """
    if os.environ.get("UV_RUN_RECURSION_DEPTH") or not shutil.which("kata"):
        return "uv run kata"
    return "kata"


def is_interactive() -> bool:
    return sys.stdin.isatty() and sys.stdout.isatty()
