"""A worked notebook as one read-only web page, with the output it stores, for the learner copy.

The notebooks run the reference solution, which a learner copy does not hold, so there they are
read, not run: each becomes `notebooks/<id>.html`, a page that needs no Jupyter and no network
(its images are inline). Markdown cells are rendered with markdown-it (which the loop installs
anyway, for Rich); code and text outputs are shown as escaped text, line for line, so the copy's
audit reads them as it reads any file.
"""

from __future__ import annotations

import html
import json
import re
from pathlib import Path

from markdown_it import MarkdownIt

_ANSI = re.compile(r"\x1b\[[0-9;]*[A-Za-z]")
_STYLE = """
body { font: 16px/1.55 system-ui, sans-serif; color: #1f2328; margin: 0; }
main { max-width: 52rem; margin: 0 auto; padding: 1.5rem; }
.note { background: #fff8c5; border: 1px solid #d4a72c; padding: .6rem .9rem; border-radius: 6px; }
pre { overflow-x: auto; padding: .6rem .9rem; border-radius: 6px; font-size: 14px; line-height: 1.4; }
pre.in { background: #f6f8fa; border-left: 4px solid #0969da; }
pre.out { background: #fff; border: 1px solid #d0d7de; }
pre.error { background: #ffebe9; border: 1px solid #ff8182; }
code { font-family: ui-monospace, SFMono-Regular, Menlo, monospace; }
img { max-width: 100%; }
table { border-collapse: collapse; } td, th { border: 1px solid #d0d7de; padding: .3rem .6rem; }
"""
NOTE = (
    "A worked notebook, shown with the output it gave when the project ran it. It is read-only here: "
    "it runs the reference solution, which stays with your facilitator."
)


def notebook_page(notebook: Path) -> str:
    """The HTML page of `notebook`: its cells in order, each code cell followed by its stored output."""
    cells = json.loads(notebook.read_text(encoding="utf-8")).get("cells", [])
    markdown = MarkdownIt("commonmark").enable("table")
    parts = [f'<p class="note">{html.escape(NOTE)}</p>']
    for cell in cells:
        source = _text(cell.get("source", ""))
        if cell.get("cell_type") == "markdown":
            parts.append(markdown.render(source))
        elif cell.get("cell_type") == "code":
            parts.append(f'<pre class="in"><code>{html.escape(source)}</code></pre>')
            parts += [_output(output) for output in cell.get("outputs", [])]
    title = html.escape(_title(cells) or notebook.stem)
    body = "\n".join(part for part in parts if part)
    return (
        f'<!doctype html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n<title>{title}</title>\n'
        f'<meta name="viewport" content="width=device-width, initial-scale=1">\n<style>{_STYLE}</style>\n</head>\n'
        f"<body>\n<main>\n{body}\n</main>\n</body>\n</html>\n"
    )


def _output(output: dict[str, object]) -> str:
    kind = output.get("output_type")
    if kind == "stream":
        return f'<pre class="out">{html.escape(_text(output.get("text", "")))}</pre>'
    if kind == "error":
        lines = [_ANSI.sub("", line) for line in _list(output.get("traceback"))]
        text = "\n".join(lines) or f"{output.get('ename')}: {output.get('evalue')}"
        return f'<pre class="error">{html.escape(text)}</pre>'
    data = output.get("data")
    if not isinstance(data, dict):
        return ""
    if "image/png" in data:
        return f'<p><img alt="figure" src="data:image/png;base64,{_text(data["image/png"]).strip()}"></p>'
    if "text/plain" in data:
        return f'<pre class="out">{html.escape(_text(data["text/plain"]))}</pre>'
    return ""


def _title(cells: list[dict[str, object]]) -> str:
    for cell in cells:
        if cell.get("cell_type") == "markdown":
            for line in _text(cell.get("source", "")).splitlines():
                if line.startswith("# "):
                    return line[2:].strip()
    return ""


def _text(value: object) -> str:
    return "".join(str(part) for part in value) if isinstance(value, list) else str(value)


def _list(value: object) -> list[str]:
    return [str(part) for part in value] if isinstance(value, list) else []
