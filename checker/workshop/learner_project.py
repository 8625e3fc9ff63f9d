"""The learner copy's pyproject.toml: the project's pins for the loop, none of the contributors' tools.

The copy keeps the project table (the loop's pinned dependencies, the `kata` script), the build
backend and every other tool's settings, but no dependency group: `uv run` would install the dev
group (JupyterLab, mkdocs, mypy: three quarters of the install) by default, and nothing in a copy
uses it. Its pytest settings lose the options of nbval and pytest-xdist, which are not installed there.

A copy that carries a wheelhouse is also told, in its `[tool.uv]` table, to install from it alone:
no index, no network, and only the platform the wheels were built for. Then the plain
`uv run kata ...` that the README and the checker print works in a room with no network, where it
would otherwise fail on a DNS lookup.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass

from checker.errors import KataError

_HEADER = re.compile(r"^\[\[?\s*([^\]]+?)\s*\]\]?\s*(#.*)?$")
# The options of the project's dev-only plugins: nbval's (the notebooks run under pytest in the
# project; one takes a value) and pytest-xdist's (a worker more than the cores).
_DEV_OPTION = re.compile(r"\s*(?:--nbval(?:-sanitize-with\s+[^\s\"]+|[\w-]*)|-n\s+\w+|--dist\s+\w+)")


class LearnerProjectError(KataError):
    """The project's pyproject.toml is not laid out as the copy's builder expects."""


@dataclass(frozen=True)
class Offline:
    """Where the wheels are and what they were built for: `sys.platform`, `platform.machine()`, major.minor."""

    folder: str
    sys_platform: str
    machine: str
    python: str


def learner_pyproject(text: str, offline: Offline | None = None) -> str:
    """The copy's pyproject.toml made from the project's `text`; raises LearnerProjectError."""
    tables = _tables(text)
    kept: list[str] = []
    for name, lines in tables:
        if name == "dependency-groups":
            continue
        if name == "tool.pytest.ini_options":
            lines = _learner_pytest(lines)
        if name == "tool.uv" and offline is not None:
            header = next(i for i, line in enumerate(lines) if _HEADER.match(line.rstrip("\n")))
            lines = [*lines[: header + 1], *_offline_settings(offline), *lines[header + 1 :]]
        kept.append("".join(lines))
    result = "".join(kept)
    try:
        data = tomllib.loads(result)
    except tomllib.TOMLDecodeError as error:
        raise LearnerProjectError(
            f"the learner copy's pyproject.toml does not parse ({error}): fix the builder."
        ) from None
    if offline is not None and not data.get("tool", {}).get("uv", {}).get("offline"):
        raise LearnerProjectError(
            "pyproject.toml has no [tool.uv] table to hold the copy's offline settings: add one (it may be empty)."
        )
    return result


def _tables(text: str) -> list[tuple[str, list[str]]]:
    """The file cut at each table header: (table name, its lines); the lines before any header come first."""
    tables: list[tuple[str, list[str]]] = [("", [])]
    for line in text.splitlines(keepends=True):
        match = _HEADER.match(line.rstrip("\n"))
        if match:
            tables.append((match[1], [line]))
        else:
            tables[-1][1].append(line)
    # Comments just above a header belong to that table, not to the one before.
    for index in range(len(tables) - 1, 0, -1):
        above = tables[index - 1][1]
        moved: list[str] = []
        while len(above) > 1 and above[-1].lstrip().startswith("#"):
            moved.insert(0, above.pop())
        tables[index][1][:0] = moved
    return tables


def _learner_pytest(lines: list[str]) -> list[str]:
    """The pytest settings without the dev plugins' options and test paths (the copy has neither)."""
    kept: list[str] = []
    comments: list[str] = []  # comment lines go with the setting below them
    for line in lines:
        if line.lstrip().startswith("#"):
            comments.append(line)
            continue
        key = line.split("=", 1)[0].strip()
        if key == "testpaths":
            comments = []
            continue
        if key == "addopts":
            line = _DEV_OPTION.sub("", line)
        kept += [*comments, line]
        comments = []
    return kept + comments


def _offline_settings(offline: Offline) -> list[str]:
    environment = f"sys_platform == '{offline.sys_platform}' and platform_machine == '{offline.machine}'"
    return [
        "# Written by kata release: this copy installs from its wheelhouse alone, with no network, so\n",
        "# that a plain `uv run kata ...` works offline. The wheels are for one platform and Python.\n",
        "offline = true\n",
        "no-index = true\n",
        f'find-links = ["{offline.folder}"]\n',
        f"environments = [\"{environment} and python_version == '{offline.python}'\"]\n",
    ]
