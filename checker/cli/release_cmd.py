"""`kata release`: a learner copy for a workshop, without solutions or hidden suites."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from checker.catalog import CatalogError
from checker.cli.context import console, fail, project
from checker.workshop.release import ReleaseError, build_release
from checker.workshop.wheelhouse import WheelhouseError

KatasOpt = Annotated[
    str | None, typer.Option("--katas", help="Comma-separated kata ids (default: every kata).", show_default=False)
]


def command(
    out: Annotated[Path, typer.Option("--out", help="The folder to write the copy into (new or empty).")],
    katas: KatasOpt = None,
    wheelhouse: Annotated[
        bool, typer.Option("--wheelhouse", help="Add every pinned dependency as a wheel, for an offline room.")
    ] = False,
    force: Annotated[bool, typer.Option("--force", help="Replace what the folder already holds.")] = False,
) -> None:
    """Build a learner copy: the chosen katas, notebooks, docs pages and the checker, audited for leaks."""
    here = project()
    ids = [k.strip() for k in katas.split(",") if k.strip()] if katas else None
    out_console = console()
    if wheelhouse:
        out_console.print("Downloading the pinned wheels for this platform (about 40 MB, under a minute)...")
    try:
        release = build_release(here.catalog, out, ids, force=force, wheelhouse=wheelhouse)
    except (CatalogError, ReleaseError, WheelhouseError) as error:
        fail(str(error))
    if not release.safe:
        for leak in release.leaks[:20]:
            out_console.print(f"  [red]leak[/] {leak}", soft_wrap=True)
        fail(
            f"The copy in {release.folder} holds solution or hidden-suite content ({len(release.leaks)} place(s) above): "
            "do not hand it out.",
            code=1,
        )
    ids_text = ", ".join(k.id for k in release.katas)
    out_console.print(f"[bold green]Learner copy written[/] to {release.folder}: {ids_text}.", soft_wrap=True)
    out_console.print(f"  {release.files} files; audited: no solution or hidden-suite content inside.")
    if release.wheelhouse:
        house = release.wheelhouse
        out_console.print(
            f"  wheelhouse/: {house.wheels} wheels, {house.bytes / 1024**2:.0f} MB, for {house.platform} "
            f"({house.seconds:.0f} s); its README gives the offline install."
        )
    out_console.print("  Hand it out (zip it, or a USB stick); learners start with its README.md.")
