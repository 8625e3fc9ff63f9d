"""`kata reset`: restore the starter (or one of your backups), after backing up your work."""

from __future__ import annotations

from typing import Annotated

import typer

from checker.cli.context import console, fail, invocation, is_interactive, project
from checker.reset import ResetError, backups, find_backup, reset


def command(
    kata_id: Annotated[str, typer.Argument(help="Kata id, e.g. 00-welcome.")],
    yes: Annotated[bool, typer.Option("--yes", "-y", help="Do not ask for confirmation.")] = False,
    from_backup: Annotated[
        str | None, typer.Option("--from-backup", help="Restore this backup (a name from --backups) instead.")
    ] = None,
    list_backups: Annotated[bool, typer.Option("--backups", help="List this kata's backups, newest first.")] = False,
) -> None:
    """Restore a kata's starter as the project ships it; your current work is backed up first."""
    here = project()
    kata = here.kata(kata_id)
    out = console()
    if list_backups:
        found = backups(kata)
        if not found:
            out.print(f"No backups of {kata.id} yet: each reset makes one.")
        for backup in found:
            out.print(f"  {backup.stamp}  {backup.files:>3} files  {backup.path}")
        if found:
            out.print(f"Restore one: {invocation()} reset {kata.id} --from-backup {found[0].stamp}")
        return
    try:
        chosen = find_backup(kata, from_backup) if from_backup else None
    except ResetError as error:
        fail(str(error))
    what = f"backup {chosen.stamp}" if chosen else "the starter"
    if (
        not yes
        and is_interactive()
        and not typer.confirm(f"Restore {what} of {kata.id}? Your work is backed up first.")
    ):
        raise typer.Exit(1)
    try:
        outcome = reset(kata, from_backup=chosen)
    except ResetError as error:
        fail(str(error))
    out.print(f"[green]✓[/] Restored {what} of {kata.id} in {outcome.restored}")
    out.print(f"  Your work was saved to {outcome.backup}")
    out.print(f"  To bring it back: {invocation()} reset {kata.id} --from-backup {outcome.backup.name}")
