"""`kata export gradescope`: a Gradescope autograder zip that grades with `kata grade`."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.text import Text

from checker.cli.context import console, project
from checker.grading.export import build_gradescope_zip

app = typer.Typer(help="Package the katas for other graders.", no_args_is_help=True, rich_markup_mode=None)

KatasOpt = Annotated[str | None, typer.Option("--katas", help="Comma-separated kata ids (default: every kata).")]
OutOpt = Annotated[Path, typer.Option("--out", help="The zip to write.")]
TimeoutOpt = Annotated[float, typer.Option("--timeout", min=1, help="Seconds one test may run.")]


@app.command("gradescope")
def gradescope(katas: KatasOpt = None, out: OutOpt = Path("autograder.zip"), timeout: TimeoutOpt = 10.0) -> None:
    """Build a Gradescope autograder zip (setup.sh, run_autograder, the suites; no solutions)."""
    here = project()
    chosen = [here.kata(k.strip()) for k in katas.split(",") if k.strip()] if katas else list(here.catalog.katas)
    names = build_gradescope_zip(here.root, chosen, out, timeout=timeout)
    terminal = console()
    terminal.print(f"[bold green]Wrote {out}[/] ({len(names)} files, katas: {', '.join(k.id for k in chosen)})")
    terminal.print(Text("Upload it as the autograder of a Gradescope programming assignment.", style="dim"))
