"""`kata solution`: the diff from your work to the reference solution."""

from __future__ import annotations

from typing import Annotated

import typer
from rich.syntax import Syntax

from checker.cli.context import console, fail, invocation, is_interactive, project
from checker.solution import SolutionError, solution_diff


def command(
    kata_id: Annotated[str, typer.Argument(help="Kata id, e.g. 00-welcome.")],
    reveal: Annotated[bool, typer.Option("--reveal", help="Show it before the kata passes (asks to confirm).")] = False,
    yes: Annotated[bool, typer.Option("--yes", "-y", help="Confirm --reveal without asking.")] = False,
) -> None:
    """Show the reference solution as a diff against your work, once the kata passes."""
    here = project()
    kata = here.kata(kata_id)
    if not here.store.of(kata.id).done:
        if not reveal:
            fail(
                f"{kata.id} does not pass yet, so its solution stays hidden. Keep going "
                f"({invocation()} hint {kata.id}), or see it anyway with: {invocation()} solution {kata.id} --reveal",
                code=1,
            )
        if not yes:
            if not is_interactive():
                fail("--reveal needs a confirmation: add --yes when there is no terminal to ask in.")
            if not typer.confirm("The kata does not pass yet. Reveal the solution anyway?"):
                raise typer.Exit(1)
    try:
        diff = solution_diff(kata)
    except SolutionError as error:
        fail(str(error))
    out = console()
    if not diff:
        out.print(f"Your {kata.package}/ matches the reference solution line for line.")
        return
    if out.is_terminal:
        out.print(Syntax(diff, "diff", theme="ansi_dark", background_color="default"))
    else:
        print(diff, end="")
