"""The learner copy's README: what is in it, how to install (online or from the wheelhouse), the loop.

Every command in it is the plain `uv run kata ...`: the copy's pyproject.toml makes that work with
no network (see checker.workshop.learner_project), so the lines paste and run in an offline room.
"""

from __future__ import annotations

from collections.abc import Sequence

from checker.catalog import Kata
from checker.workshop.wheelhouse import pip_install


def learner_readme(katas: Sequence[Kata], *, wheelhouse: bool, platform: str = "", python: str = "3.11") -> str:
    rows = "\n".join(f"| `{k.id}` | {k.title} | {k.minutes} min |" for k in katas)
    total = sum(k.minutes for k in katas)
    return f"""# Inkwell Katas: your workshop copy

Learn senior backend practice by fixing broken code. Each kata is a piece of **Inkwell**, a small
publishing platform in FastAPI, SQLAlchemy 2 and Pydantic 2, broken the way real services are.
You fix it, and `kata check` tells you, task by task, what your code did and what was expected.

| kata | title | time |
|---|---|---|
{rows}

About {total} minutes of work in all.

## Install

{_install(wheelhouse, platform, python)}

Then check that this laptop is ready, and read the last line out when your facilitator asks:

```console
uv run kata doctor --room
```

## The loop

1. Read `katas/<id>/README.md`: the story, the numbered tasks, the contract.
2. Change the code at the `# TODO(kata):` comments.
3. `uv run kata check` (or leave `uv run kata watch` running: it re-checks on every save).
4. Stuck? `uv run kata hint <id>` gives the next hint: a nudge, then the technique, then the
   shape of the code.

`uv run kata list` shows every kata with your progress. The worked notebooks are web pages with
their output in `notebooks/` (`uv run kata lab <id>` opens one in your browser; they are read-only
here, since they run the reference solution); the kata pages are in `docs/katas/`.

Only the public tests run in this copy: the full grading, with the hidden suites, is with your
facilitator. The reference solutions are not here either.

## Hand in your work

```console
uv run kata submit --name "Your Name"
```

writes one zip of your kata folders with a manifest (your name, the katas, a hash of every file,
your last check results). Give that file to your facilitator, who grades it with `kata grade`.
"""


def _install(wheelhouse: bool, platform: str, python: str) -> str:
    online = """You need [uv](https://docs.astral.sh/uv/) (none? `python3 -m pip install uv`). In this folder:

```console
uv run kata
```

The first run installs the pinned dependencies (the loop's alone, about 40 packages), shows the
katas and checks the first one. From then on it needs no network: uv keeps what it resolved in
`uv.lock`."""
    if not wheelhouse:
        return online
    pip = pip_install(python)
    return f"""This copy carries every dependency as a wheel in `wheelhouse/` (built for {platform}),
and its `pyproject.toml` tells uv to install from there alone: every `uv run kata ...` in this
README works with no network at all. In this folder:

```console
python3 -m pip install --no-index --find-links wheelhouse uv   # only if uv is missing
uv run kata
```

The first run installs the loop's dependencies from `wheelhouse/`, shows the katas and checks the
first one. Without uv:

```console
{pip[0]}
{pip[1]}
{pip[2]}
kata
```

and type `kata ...` wherever this README says `uv run kata ...` (in a new terminal, activate again
with `{pip[2]}`; on Windows, `.venv\\Scripts\\activate`).

On another platform or Python, ask your facilitator for the copy built for it."""
