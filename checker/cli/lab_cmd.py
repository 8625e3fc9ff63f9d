"""`kata lab` and `kata docs`: the worked notebooks in JupyterLab and the docs site, locally."""

from __future__ import annotations

import os
import subprocess
import sys
from typing import Annotated

import typer

from checker.cli.context import console, fail, project


def lab(kata_id: Annotated[str | None, typer.Argument(help="Kata id (default: the current kata).")] = None) -> None:
    """Open the kata's worked notebook in JupyterLab."""
    here = project()
    kata = here.kata(kata_id) if kata_id else here.current()
    if not kata.notebook.is_file():
        fail(f"{kata.id} has no notebook at {kata.notebook}.")
    _need("jupyterlab", "jupyter-lab")
    console().print(f"Opening {kata.notebook.name} in JupyterLab (Ctrl+C stops it).")
    argv = [sys.executable, "-m", "jupyterlab", str(kata.notebook), f"--notebook-dir={here.root}"]
    if getattr(os, "geteuid", lambda: 1)() == 0:
        argv.append("--allow-root")  # containers and CI machines often run as root; JupyterLab refuses otherwise
    _run(argv)


def docs(
    port: Annotated[int, typer.Option("--port", help="Port to serve on.")] = 8000,
    build_only: Annotated[bool, typer.Option("--build", help="Build into site/ and stop, instead of serving.")] = False,
) -> None:
    """Serve the docs site locally and print its address."""
    here = project()
    _need("mkdocs", "mkdocs")
    config = str(here.root / "mkdocs.yml")
    if build_only:
        _run([sys.executable, "-m", "mkdocs", "build", "--strict", "-f", config])
        return
    console().print(f"Docs at [bold]http://127.0.0.1:{port}/[/] (Ctrl+C stops the server).")
    _run([sys.executable, "-m", "mkdocs", "serve", "-f", config, "-a", f"127.0.0.1:{port}"])


def _need(module: str, command: str) -> None:
    import importlib.util

    if importlib.util.find_spec(module) is None:
        fail(f"{command} is not installed: it comes with the dev dependencies, `uv sync --group dev`.")


def _run(argv: list[str]) -> None:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}  # a banner about a future version, not for learners
    try:
        raise typer.Exit(subprocess.call(argv, env=env))
    except KeyboardInterrupt:
        raise typer.Exit(0) from None


__all__ = ["docs", "lab"]
