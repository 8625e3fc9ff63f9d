"""mkdocs hook: the Katas section and the rendered notebooks come from the catalog's folders.

Adding a kata adds `docs/katas/<id>.md` and `notebooks/<id>.ipynb`; this hook puts the page in
the navigation in course order and serves the notebook at `notebooks/<id>.ipynb`, so neither
mkdocs.yml nor any other shared file changes.
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, Files

ROOT = Path(__file__).resolve().parents[2]


def on_config(config):  # type: ignore[no-untyped-def]
    pages = sorted(p.name for p in (ROOT / "docs" / "katas").glob("[0-9][0-9]-*.md"))
    for entry in config["nav"]:
        if isinstance(entry, dict) and "Katas" in entry:
            index = entry["Katas"]
            entry["Katas"] = [index if isinstance(index, str) else "katas/index.md"]
            entry["Katas"] += [f"katas/{name}" for name in pages]
    notebooks = sorted(p.name for p in (ROOT / "notebooks").glob("*.ipynb"))
    if notebooks and not any(isinstance(e, dict) and "Notebooks" in e for e in config["nav"]):
        config["nav"].insert(3, {"Notebooks": [{n.removesuffix(".ipynb"): f"notebooks/{n}"} for n in notebooks]})
    return config


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
