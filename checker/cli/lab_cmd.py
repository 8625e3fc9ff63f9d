"""`kata lab` and `kata docs`: the worked notebooks in JupyterLab and the docs site, locally.

A learner copy has neither JupyterLab nor the docs site: its notebooks are read-only web pages
(they run the reference solution, which the copy does not hold), which `kata lab` opens in the
browser, and `kata docs` says where its kata pages are.
"""

from __future__ import annotations

import os
import subprocess
import sys
import webbrowser
from pathlib import Path
from typing import Annotated

import typer

from checker.cli.context import console, fail, invocation, project
from checker.cli.ports import PortOpt, choose_port


def lab(kata_id: Annotated[str | None, typer.Argument(help="Kata id (default: the current kata).")] = None) -> None:
    """Open the kata's worked notebook in JupyterLab (in a learner copy: its page, in the browser)."""
    here = project()
    kata = here.kata(kata_id) if kata_id else here.current()
    page = kata.notebook.with_suffix(".html")
    if not kata.notebook.is_file() and page.is_file():
        _open_page(page, here.root)
        return
    if not kata.notebook.is_file():
        fail(f"{kata.id} has no notebook at {kata.notebook}.")
    _need("jupyterlab", "JupyterLab", "notebooks")
    relative = kata.notebook.relative_to(here.root).as_posix()
    console().print(f"Opening {relative} in JupyterLab (Ctrl+C stops it).")
    # The notebook, not the Launcher: the URL the browser opens is the lab's default one.
    argv = [
        sys.executable,
        "-m",
        "jupyterlab",
        f"--ServerApp.root_dir={here.root}",
        f"--LabApp.default_url=/lab/tree/{relative}",
    ]
    if getattr(os, "geteuid", lambda: 1)() == 0:
        argv.append("--allow-root")  # containers and CI machines often run as root; JupyterLab refuses otherwise
    _run(argv)


def docs(
    port: PortOpt = None,
    build_only: Annotated[bool, typer.Option("--build", help="Build into site/ and stop, instead of serving.")] = False,
) -> None:
    """Serve the docs site locally and print its address."""
    here = project()
    config = here.root / "mkdocs.yml"
    if not config.is_file():
        _point_to_pages(here.root)
        return
    _need("mkdocs", "mkdocs", "docs")
    if build_only:
        _run([sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(config)])
        return
    chosen, note = choose_port("127.0.0.1", port, "kata docs")
    out = console()
    if note:
        out.print(note)
    out.print(f"Docs at [bold]http://127.0.0.1:{chosen}/[/] (Ctrl+C stops the server).")
    _run([sys.executable, "-m", "mkdocs", "serve", "-f", str(config), "-a", f"127.0.0.1:{chosen}"])


def _open_page(page: Path, root: Path) -> None:
    out = console()
    out.soft_wrap = True  # the address stays on one line, to be copied whole
    relative = page.relative_to(root).as_posix()
    out.print(
        f"{relative}: the worked notebook with its output, read-only in this copy (it runs the reference solution)."
    )
    if webbrowser.open(page.as_uri()):
        out.print(f"Opened in your browser: {page.as_uri()}")
    else:
        out.print(f"No browser found here: open {page.as_uri()}")


def _point_to_pages(root: Path) -> None:
    out = console()
    out.soft_wrap = True
    places = [("katas/<id>/README.md", "each kata's story, tasks and contract")]
    if (root / "docs" / "katas").is_dir():
        places.append(("docs/katas/<id>.md", "each kata's page (Markdown)"))
    if (root / "notebooks").is_dir():
        places.append(
            ("notebooks/<id>.html", f"the worked notebooks, with their output ({invocation()} lab <id> opens one)")
        )
    width = max(len(place) for place, _ in places)
    out.print("This copy has no docs site to serve (it is built from the facilitator's full project). Read here:")
    for place, what in places:
        out.print(f"  {place:<{width}}  {what}", markup=False)


def _need(module: str, name: str, group: str) -> None:
    import importlib.util

    if importlib.util.find_spec(module) is None:
        fail(f"{name} is not installed: it comes with the {group} dependency group, `uv sync --group {group}`.")


def _run(argv: list[str]) -> None:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}  # a banner about a future version, not for learners
    try:
        raise typer.Exit(subprocess.call(argv, env=env))
    except KeyboardInterrupt:
        raise typer.Exit(0) from None


__all__ = ["docs", "lab"]
