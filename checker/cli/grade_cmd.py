"""`kata grade`: grade many submissions, isolated, and write the gradebook and feedback."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Annotated

import typer
from rich import box
from rich.console import Console
from rich.table import Table
from rich.text import Text

from checker.bubblewrap import SandboxMissing
from checker.catalog import Catalog
from checker.cli import render
from checker.cli.context import console, fail, project
from checker.cli.grade_progress import run_progress
from checker.grading.archive import Refused
from checker.grading.batch import find_sources, grade_sources
from checker.grading.formats.gradebook import by_learner, judged_outside, self_reported
from checker.grading.formats.write import read_batch, write_batch
from checker.grading.grader import GradeOptions
from checker.grading.jail import Confinement
from checker.grading.journal import Journal, JournalError
from checker.grading.manifest import ManifestError
from checker.grading.model import Batch, KataGrade
from checker.grading.shard import ShardError, merge, parse_shard
from checker.inert import one_line
from checker.runner.process import Limits

PathsArg = Annotated[
    list[str],
    typer.Argument(
        help="Submissions (folders, .zip files, git repositories or URLs) or folders of them.", show_default=False
    ),
]
KatasOpt = Annotated[
    str | None, typer.Option("--katas", help="Comma-separated kata ids to grade (default: every kata).")
]
WorkersOpt = Annotated[int, typer.Option("--workers", min=0, help="Runs at once (0: one per CPU).")]
TimeoutOpt = Annotated[float, typer.Option("--timeout", min=1, help="Seconds one test may run.")]
RunTimeoutOpt = Annotated[float, typer.Option("--run-timeout", min=5, help="Seconds one kata's run may take.")]
MemoryOpt = Annotated[int, typer.Option("--memory", min=256, help="MiB of address space per run.")]
OutOpt = Annotated[Path, typer.Option("--out", help="Folder for the gradebook and per-submission results.")]
ShardOpt = Annotated[str | None, typer.Option("--shard", help="Grade only share i of n of the submissions, e.g. 2/4.")]
MergeOpt = Annotated[
    bool, typer.Option("--merge", help="PATHS are the --out folders of shards: merge them into --out.")
]
OneOpt = Annotated[bool, typer.Option("--one", help="Each PATH is one submission, never a folder of submissions.")]
FreshOpt = Annotated[bool, typer.Option("--fresh", help="A new interpreter per run instead of the warm worker.")]
JsonOpt = Annotated[bool, typer.Option("--json", help="Print the batch as one JSON object.")]
ResumeOpt = Annotated[
    bool,
    typer.Option(
        "--resume", help="Finish an interrupted batch: keep the grades already journaled in --out, grade the rest."
    ),
]
UnconfinedOpt = Annotated[
    bool,
    typer.Option(
        "--unconfined",
        help="Grade without the bubblewrap sandbox: runs can read and write what you can. Only for code you trust.",
    ),
]

JudgeOpt = Annotated[
    str,
    typer.Option(
        "--judge",
        help="outside (default): the grader compares the checks' observations with the reference "
        "solution's itself, so a submission that owns its process cannot raise its verdicts. process: the "
        "run's own pytest outcomes, faster, for code you trust; see docs/reviewers.md.",
    ),
]


def command(
    paths: PathsArg,
    katas: KatasOpt = None,
    workers: WorkersOpt = 0,
    timeout: TimeoutOpt = 10.0,
    run_timeout: RunTimeoutOpt = 180.0,
    memory: MemoryOpt = 2048,
    out: OutOpt = Path("grades"),
    shard: ShardOpt = None,
    merge_shards: MergeOpt = False,
    one: OneOpt = False,
    fresh: FreshOpt = False,
    as_json: JsonOpt = False,
    unconfined: UnconfinedOpt = False,
    resume: ResumeOpt = False,
    judge: JudgeOpt = "outside",
) -> None:
    """Grade submissions: a gradebook CSV, results per submission (Exercism, Gradescope, JUnit), feedback."""
    terminal = console()
    if merge_shards:
        batch = _merge(paths)
    else:
        here = project()
        chosen = [here.kata(k.strip()) for k in (katas or "").split(",") if k.strip()]
        ids = tuple(k.id for k in chosen)
        if judge not in ("process", "outside"):
            fail(f"--judge {one_line(judge)} is not a judge: write --judge process or --judge outside.")
        unsolved = [k.id for k in chosen or here.catalog.katas if not k.has_solution]
        if judge == "outside" and unsolved:
            fail(
                f"The outside judge runs each kata's reference solution, and this copy has none for "
                f"{', '.join(unsolved)} (solutions/<id>/inkwell/): grade with --judge process here."
            )
        options = GradeOptions(
            katas=ids,
            workers=workers or os.cpu_count() or 2,
            limits=Limits(per_test=timeout, per_run=run_timeout),
            rules=Confinement(memory_bytes=memory * 1024**2, cpu_seconds=int(run_timeout) + 30),
            warm=not fresh,
            sandbox=not unconfined,
            judge=judge,
        )
        if unconfined:
            terminal.print(
                Text(
                    "UNCONFINED: every submission runs with your rights, outside the sandbox. "
                    "Use this only for code you trust.",
                    style="bold red",
                )
            )
        identity = {
            "katas": list(ids or here.catalog.ids),
            "limits": [timeout, run_timeout, memory],
            "sandbox": not unconfined,
            "judge": judge,
            "shard": shard or "",
        }
        journal = Journal(out, identity)
        batch = _grade(
            terminal, here.catalog, paths, options, shard, one=one, quiet=as_json, journal=journal, resume=resume
        )
    write_batch(batch, out)
    if as_json:
        render.print_json(terminal, batch.to_dict())
        return
    summary(terminal, batch)
    terminal.print(Text(f"gradebook: {out / 'gradebook.csv'}   per submission: {out / 'submissions'}/", style="dim"))


def _grade(
    terminal: Console,
    catalog: Catalog,
    paths: list[str],
    options: GradeOptions,
    shard: str | None,
    *,
    one: bool,
    quiet: bool,
    journal: Journal,
    resume: bool,
) -> Batch:
    try:
        where = parse_shard(shard) if shard else None
        sources = find_sources(catalog, paths, where, one=one)
    except (Refused, ShardError) as error:
        fail(str(error))
    if not sources:
        fail(f"no submissions found in {', '.join(paths)}")
    katas = len(options.katas) or len(catalog.katas)
    try:
        with run_progress(terminal, submissions=len(sources), katas=katas, quiet=quiet) as progress:
            return grade_sources(
                catalog,
                sources,
                options,
                shard=where,
                on_graded=progress.on_graded,
                on_run=progress.on_run,
                journal=journal,
                resume=resume,
            )
    except (ManifestError, JournalError, SandboxMissing) as error:
        fail(str(error))


def _merge(paths: list[str]) -> Batch:
    try:
        return merge([read_batch(Path(p)) for p in paths])
    except (OSError, ValueError, KeyError) as error:
        fail(f"could not merge {', '.join(paths)}: {error}")


def summary(out: Console, batch: Batch) -> None:
    for note in batch.environment:
        style = "yellow" if "NOT" in note else "dim"
        out.print(Text(f"  {note}", style=style))
    # Only the katas someone attempted get a column, headed by their number to stay narrow.
    shown = [k for k in batch.katas if any(g.katas.get(k) and g.katas[k].attempted for g in batch.grades)]
    table = Table(box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False)
    table.add_column("submission", no_wrap=True)
    for kata in shown:
        table.add_column(kata[:2], justify="right", no_wrap=True)
    table.add_column("total", justify="right")
    table.add_column("flags", justify="right")
    ordered = by_learner(batch.grades)
    for grade in ordered:
        cells = [_cell(grade.katas.get(k)) for k in shown]
        flags = Text(f"⚑ {len(grade.flags)}", style="yellow") if grade.flags else Text("")
        table.add_row(Text(one_line(grade.label)), *cells, Text(f"{grade.total:g}", style="bold"), flags)
    out.print(table)
    out.print(Text("  " + "   ".join(f"{k[:2]} = {k}" for k in shown), style="dim"))
    for grade in ordered:
        for flag in grade.flags:
            out.print(Text.assemble(("  ⚑ ", "yellow"), one_line(f"{grade.label}: {flag}")))
    if judged_outside(batch):
        total = round(sum(g.total for g in batch.grades), 2)
        own = round(sum(self_reported(g) for g in batch.grades), 2)
        out.print(
            Text(
                f"outside judge: {total - own:g} of {total:g} points decided by the grader; {own:g} self-reported "
                "(checks the run decided itself: the gradebook's self-reported column)",
                style="dim",
            )
        )
    graded = len(batch.grades)
    flagged = sum(1 for g in batch.grades if g.flags)
    out.print(
        Text(f"{graded} submission(s) graded, {flagged} flagged" + (f", shard {batch.shard}" if batch.shard else ""))
    )


def _cell(grade: KataGrade | None) -> Text:
    """The gradebook's own cell (`verdict`), coloured: the table and the CSV say the same."""
    if grade is None:
        return Text("")
    if not grade.attempted:
        return Text(grade.verdict, style="dim")
    colour = {"tampered": "bold red", "refused": "red", "error": "bold red"}.get(
        grade.status, "green" if grade.score >= 100 else "yellow" if grade.score else "red"
    )
    return Text(grade.verdict, style=colour)
