"""The `kata` command: wires one module per verb; no logic lives here."""

from __future__ import annotations

import typer

from checker.cli import (
    agenda_cmd,
    check_cmd,
    doctor_cmd,
    export_cmd,
    grade_cmd,
    hint_cmd,
    join_cmd,
    lab_cmd,
    list_cmd,
    release_cmd,
    reset_cmd,
    serve_cmd,
    solution_cmd,
    submit_cmd,
    watch_cmd,
)
from checker.cli.context import console, fail, project
from checker.errors import KataError

app = typer.Typer(
    help="Inkwell Katas: fix broken backend code, get precise feedback. Run with no command to see "
    "your progress and check the current kata.",
    no_args_is_help=False,
    add_completion=False,
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
)
app.command("list")(list_cmd.command)
app.command("check")(check_cmd.command)
app.command("watch")(watch_cmd.command)
app.command("hint")(hint_cmd.command)
app.command("reset")(reset_cmd.command)
app.command("solution")(solution_cmd.command)
app.command("doctor")(doctor_cmd.command)
app.command("lab")(lab_cmd.lab)
app.command("docs")(lab_cmd.docs)
app.command("release")(release_cmd.command)
app.command("submit")(submit_cmd.command)
app.command("agenda")(agenda_cmd.command)
app.command("serve")(serve_cmd.command)
app.command("join")(join_cmd.command)
app.command("grade")(grade_cmd.command)
app.add_typer(export_cmd.app, name="export")


@app.callback(invoke_without_command=True)
def overview(context: typer.Context) -> None:
    """With no command: the list of katas, then a check of the current one."""
    if context.invoked_subcommand is not None:
        return
    here = project()
    list_cmd.command(as_json=False)
    console().print()
    current = here.current()
    context.invoke(check_cmd.command, kata_id=current.id, path=None, as_json=False, timeout=20.0)


def run() -> None:
    try:
        app()
    except KataError as error:  # any error meant for a person that no command caught: one line, no traceback
        try:
            fail(str(error))
        except typer.Exit as done:
            raise SystemExit(done.exit_code) from None
