"""mkdocs hook: the command reference (cli.md) is completed from the `kata` app at build time.

Each command gets its usage, arguments and options read from the Typer app, under the prose
cli.md writes for it; a command cli.md does not describe still gets its section. A section or an
option that cli.md names and the app lacks fails the build.
"""

from __future__ import annotations

import sys
from pathlib import Path

from mkdocs.exceptions import PluginError

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from checker.cli.main import app  # noqa: E402  (the project root is on the path only now)
from checker.cli.reference import commands, merge  # noqa: E402


def on_page_markdown(markdown: str, page, config, files) -> str:  # type: ignore[no-untyped-def]
    if page.file.src_uri != "cli.md":
        return markdown
    merged, problems = merge(markdown, commands(app))
    if problems:
        raise PluginError("the command reference disagrees with the app:\n  " + "\n  ".join(problems))
    return merged
