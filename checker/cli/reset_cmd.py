"""`kata reset`: restore the starter, after backing up your work."""

from __future__ import annotations

from typing import Annotated

import typer

from checker.cli.context import console, fail, is_interactive, project
from checker.reset import ResetError, reset


def command(
    kata_id: Annotated[str, typer.Argument(help="Kata id, e.g. 00-welcome.")],
    yes: Annotated[bool, typer.Option("--yes", "-y", help="Do not ask for confirmation.")] = False,
) -> None:
    """Restore a kata's starter; your current work is copied to .kata/backups/ first."""
    here = project()
    kata = here.kata(kata_id)
    if (
        not yes
        and is_interactive()
        and not typer.confirm(f"Restore the starter of {kata.id}? Your work is backed up first.")
    ):
        raise typer.Exit(1)
    try:
        outcome = reset(kata)
    except ResetError as error:
        fail(str(error))
    out = console()
    out.print(f"[green]✓[/] Restored the starter of {kata.id} in {outcome.restored}")
    out.print(f"  Your work was saved to {outcome.backup}")
