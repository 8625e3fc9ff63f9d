"""mkdocs hook: the Katas section is built from the catalog, so a new kata needs no edit here.

Adding a kata adds `katas/<id>/kata.toml`, `docs/katas/<id>.md` and `notebooks/<id>.ipynb`; this
hook then, in course order:

- puts a section per kata in the navigation, holding its page and its worked notebook;
- lists every kata on the Katas index (title, summary, time, tasks, notebook), as a tutorial's
  table of contents does;
- ends each kata page with links to the kata before and after it, and opens each notebook with
  a link back to its kata;
- serves each notebook at `notebooks/<id>/`.

Neither mkdocs.yml nor any other shared file changes when a kata is added.
"""

from __future__ import annotations

import html
import sys
from pathlib import Path

from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, Files
from mkdocs.utils import get_relative_url

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from checker.catalog import Kata, load_catalog  # noqa: E402  (the project root is on the path only now)

INDEX = "katas/index.md"


def katas() -> list[Kata]:
    """The katas that have a docs page, in course order."""
    return [k for k in load_catalog(ROOT).katas if (ROOT / "docs" / "katas" / f"{k.id}.md").is_file()]


def on_config(config):  # type: ignore[no-untyped-def]
    for entry in config["nav"]:
        if isinstance(entry, dict) and "Katas" in entry:
            entry["Katas"] = [INDEX, *[{_label(kata): _section(kata)} for kata in katas()]]
    return config


def _label(kata: Kata) -> str:
    return f"{kata.id[:2]} · {kata.title}"


def _section(kata: Kata) -> list[dict[str, str]]:
    pages = [{"The kata": f"katas/{kata.id}.md"}]
    if kata.notebook.is_file():
        pages.append({"Worked notebook": f"notebooks/{kata.id}.ipynb"})
    return pages


@event_priority(100)  # before mkdocs-jupyter turns .ipynb files into pages
def on_files(files: Files, config) -> Files:  # type: ignore[no-untyped-def]
    for notebook in sorted((ROOT / "notebooks").glob("*.ipynb")):
        files.append(
            File(
                f"notebooks/{notebook.name}",
                src_dir=str(notebook.parent.parent),
                dest_dir=config["site_dir"],
                use_directory_urls=config["use_directory_urls"],
            )
        )
    return files


def on_page_markdown(markdown: str, page, config, files) -> str:  # type: ignore[no-untyped-def]
    path = page.file.src_uri
    if path == INDEX:
        return markdown.rstrip() + "\n\n" + kata_list(katas()) + "\n"
    ordered = katas()
    here = next((i for i, k in enumerate(ordered) if path == f"katas/{k.id}.md"), None)
    if here is None:
        return markdown
    return markdown.rstrip() + "\n\n" + neighbours(ordered, here) + "\n"


def kata_list(ordered: list[Kata]) -> str:
    """Every kata, one block each: the title as a link, the summary, the time and the notebook."""
    lines = ["## Every kata, in order", ""]
    for kata in ordered:
        lines += [f"### [{_label(kata)}]({kata.id}.md)", "", kata.summary.strip(), ""]
        facts = [f"About {kata.minutes} minutes", f"{len(kata.tasks)} tasks"]
        if kata.notebook.is_file():
            facts.append(f"[worked notebook](../notebooks/{kata.id}.ipynb)")
        lines += [" · ".join(facts), ""]
    return "\n".join(lines)


def neighbours(ordered: list[Kata], here: int) -> str:
    links = []
    if here > 0:
        links.append(f"← Previous: [{_label(ordered[here - 1])}]({ordered[here - 1].id}.md)")
    links.append("[All katas](index.md)")
    if here + 1 < len(ordered):
        links.append(f"Next: [{_label(ordered[here + 1])}]({ordered[here + 1].id}.md) →")
    return "---\n\n" + " · ".join(links)


def on_page_content(content: str, page, config, files) -> str:  # type: ignore[no-untyped-def]
    """A notebook opens with the way back to its kata (notebooks carry no Markdown of ours)."""
    path = page.file.src_uri
    kata = next((k for k in katas() if path == f"notebooks/{k.id}.ipynb"), None)
    if kata is None:
        return content
    target = get_relative_url(f"katas/{kata.id}/", page.url)
    back = f'<p class="kata-back"><a href="{target}">← The kata: {html.escape(_label(kata))}</a></p>'
    return back + content
