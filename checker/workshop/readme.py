"""The learner copy's README: what is in it, how to install (online or from the wheelhouse), the loop."""

from __future__ import annotations

from collections.abc import Sequence

from checker.catalog import Kata
from checker.workshop.wheelhouse import offline_install, pip_install


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

`uv run kata list` shows every kata with your progress. The worked notebooks are in `notebooks/`
(`uv run kata lab <id>`), the kata pages in `docs/katas/`.

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

The first run installs the pinned dependencies, shows the katas and checks the first one."""
    if not wheelhouse:
        return online
    offline, pip = offline_install(python), pip_install(python)
    return f"""This copy carries every dependency as a wheel in `wheelhouse/` (built for {platform}),
so it installs with no network at all. In this folder:

```console
python3 -m pip install --no-index --find-links wheelhouse uv   # only if uv is missing
{offline[0]}
{offline[1]}
uv run --no-sync kata
```

Keep `--no-sync` on every `uv run` in the room (or set `UV_NO_SYNC=1`, or activate `.venv` and
type `kata ...`): without it uv would try to reach the network to lock the project. Without uv:

```console
{pip[0]}
{pip[1]}
.venv/bin/kata
```

On another platform, or with the network back, the plain way works too:

{online}"""
