"""The command reference, read from the Typer app itself: each command's usage, arguments and
options, so that docs/cli.md cannot lag behind the commands (the docs build writes it in).

`python -m checker.cli.reference` prints it as Markdown.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import typer

PROGRAM = "kata"


@dataclass(frozen=True)
class Parameter:
    usage: str  # as typed: `--katas TEXT`, `PATHS...`
    help: str
    required: bool
    argument: bool


@dataclass(frozen=True)
class Command:
    path: str  # "kata grade", "kata export gradescope"
    help: str
    parameters: tuple[Parameter, ...]

    @property
    def usage(self) -> str:
        shown = [p.usage if p.required else f"[{p.usage}]" for p in self.parameters]
        return " ".join([self.path, *shown])

    @property
    def options(self) -> set[str]:
        return {word for p in self.parameters if not p.argument for word in re.findall(r"--[\w-]+", p.usage)}


def commands(app: typer.Typer) -> list[Command]:
    """Every command of the app that runs something, root first, in the order the app declares them."""
    root = typer.main.get_command(app)
    return list(_walk(root, PROGRAM, None))


def _walk(command: Any, path: str, parent: typer.Context | None) -> Iterator[Command]:
    context = typer.Context(command, info_name=path.rsplit(" ", 1)[-1], parent=parent)
    children = getattr(command, "commands", {})
    if not children or getattr(command, "invoke_without_command", False):
        yield Command(path, _help(command), tuple(_parameter(p, context) for p in command.params if not p.hidden))
    for name, child in children.items():
        yield from _walk(child, f"{path} {name}", context)


def _help(command: Any) -> str:
    text = (command.help or "").strip()
    return text.split("\n\n")[0].replace("\n", " ")


def _parameter(parameter: Any, context: Any) -> Parameter:
    argument = parameter.param_type_name == "argument"
    declared, text = parameter.get_help_record(context) or ("", "")
    text = re.sub(r"\s*\[required\]$", "", text or "")
    if argument:
        name = (parameter.metavar or parameter.name or "").upper().strip("<>")
        usage = name + ("..." if parameter.nargs == -1 else "")
    else:
        usage = max(parameter.opts, key=len)
        if not getattr(parameter, "is_flag", False):
            usage += " " + _metavar(parameter, declared)
    return Parameter(usage, text, bool(parameter.required), argument)


def _metavar(parameter: Any, declared: str) -> str:
    """The placeholder after an option: its own metavar, else one named after its type."""
    if parameter.metavar:
        return str(parameter.metavar)
    kind: str = (re.findall(r"<(\w+)", declared) or ["value"])[0]
    if kind == "float" and "timeout" in (parameter.name or ""):
        return "SECONDS"
    return {"int": "N", "float": "NUMBER", "str": "TEXT"}.get(kind, kind.upper())


def markdown(app: typer.Typer) -> str:
    """A section per command: its usage, what it does, its arguments and options."""
    return "\n".join(section(command) for command in commands(app))


def merge(page: str, found: list[Command]) -> tuple[str, list[str]]:
    """The page with a generated section per command, in the app's order, each keeping the prose
    the page wrote under its heading; and what the page says that the app contradicts: a section
    for a command the app lacks, an option in a heading that the command lacks."""
    intro, *parts = re.split(r"^## ", page, flags=re.M)
    by_path = {c.path: c for c in found}
    prose: dict[str, str] = {}
    problems, others = [], []
    for part in parts:
        heading, _, body = part.partition("\n")
        named = re.match(r"`([^`]*)`", heading.strip())
        if not named or not named.group(1).startswith(PROGRAM):
            others.append(f"## {part}")
            continue
        signature = named.group(1)
        command = _command_of(signature, by_path)
        if command is None:
            problems.append(f"docs/cli.md documents `{signature}`, but the app has no such command")
            continue
        unknown = sorted(set(re.findall(r"--[\w-]+", signature)) - command.options)
        problems += [f"docs/cli.md names {option} for `{command.path}`, which has no such option" for option in unknown]
        prose[command.path] = body
    sections = [section(command, prose.get(command.path, "")) for command in found]
    return "\n".join([intro.rstrip() + "\n", *sections, *others]), problems


def _command_of(signature: str, by_path: dict[str, Command]) -> Command | None:
    """`kata serve [--lan] [--port N]` names `kata serve`: the words before the first placeholder."""
    words = []
    for word in signature.split():
        if word.startswith(("[", "-", "<")) or word.isupper():
            break
        words.append(word)
    return by_path.get(" ".join(words))


def section(command: Command, prose: str = "") -> str:
    lines = [f"## `{command.path}`", "", "```console", f"uv run {command.usage}", "```", ""]
    lines += [prose.strip() if prose.strip() else command.help, ""]
    if command.parameters:
        lines += ["| argument or option | what it sets |", "|---|---|"]
        lines += [f"| `{p.usage}` | {_cell(p.help) or '–'} |" for p in command.parameters]
        lines.append("")
    return "\n".join(lines) + "\n"


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ").strip()


if __name__ == "__main__":
    from checker.cli.main import app

    print(markdown(app))
