"""`kata release`: a learner copy that holds no answers, and works on its own."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import time
import tomllib
from pathlib import Path

import pytest

from checker.workshop.audit import find_leaks, secrets_of
from checker.workshop.release import build_release
from tests.conftest import CATALOG, ROOT

pytestmark = pytest.mark.builds  # builds a learner copy and a fresh environment for it


def _text_lines(path: Path) -> list[str]:
    try:
        return [line.strip() for line in path.read_text(encoding="utf-8").splitlines()]
    except UnicodeDecodeError:
        return []


def test_the_copy_holds_the_katas_notebooks_docs_checker_and_pins_but_no_solutions(release):
    copy = release.folder
    for kata in CATALOG.katas:
        assert (copy / "katas" / kata.id / "kata.toml").is_file(), f"{kata.id} is missing from the copy"
        assert (copy / "katas" / kata.id / kata.package).is_dir(), f"{kata.id}'s starter is missing"
        if kata.notebook.is_file():
            # The notebooks run the reference solution: the copy has them as read-only pages instead.
            assert (copy / "notebooks" / f"{kata.id}.html").is_file(), f"{kata.id}'s notebook page is missing"
            assert not (copy / "notebooks" / kata.notebook.name).exists(), f"{kata.id}'s notebook cannot run here"
        if (ROOT / "docs" / "katas" / f"{kata.id}.md").is_file():
            assert (copy / "docs" / "katas" / f"{kata.id}.md").is_file(), f"{kata.id}'s docs page is missing"
    pins, project = (tomllib.loads((place / "pyproject.toml").read_text()) for place in (copy, ROOT))
    assert pins["project"] == project["project"], "the loop's pins differ"
    assert pins["tool"]["uv"] == project["tool"]["uv"], "the transitive pins differ"
    assert "dependency-groups" not in pins, "the copy would install the contributors' tools"
    assert (copy / "checker" / "runner" / "process.py").is_file(), "the checker is missing"
    assert not (copy / "solutions").exists(), "the copy has a solutions/ folder"
    assert not list(copy.rglob("hidden")) and not list(copy.rglob("decoy.toml")), "hidden suites or decoys inside"
    kept = {p.relative_to(copy / ".kata").parts[0] for p in (copy / ".kata").rglob("*")}
    assert kept == {"starters"}, f"the copy's .kata holds {kept}: the project's progress or backups were copied"


def test_no_line_of_a_solution_or_hidden_suite_appears_in_the_katas_docs_or_readme_of_the_copy(release):
    # The strict proof, for everything a learner reads or edits: not one telling line of a reference
    # package, a hidden suite or a decoy that the starters do not already hold.
    secrets = secrets_of(ROOT, [k.id for k in CATALOG.katas])
    assert len(secrets.lines) > 500, "the audit found suspiciously few secret lines to look for"
    places = [
        *(release.folder / "katas").rglob("*"),
        *(release.folder / "docs").rglob("*"),
        release.folder / "README.md",
    ]
    found = [
        f"{path.relative_to(release.folder)}:{number}: {line}"
        for path in places
        if path.is_file()
        for number, line in enumerate(_text_lines(path), start=1)
        if line in secrets.lines
    ]
    assert not found, "solution content in the learner copy:\n" + "\n".join(found[:10])


def test_the_whole_copy_passes_the_content_audit(release):
    # Notebooks and the checker may share a stray line with a solution (`from inkwell.app import
    # create_app`); the audit holds them to no run of 3 such lines and no solution file's bytes.
    assert release.safe, "\n".join(map(str, release.leaks))
    assert find_leaks(release.folder, ROOT) == []


def test_the_audit_finds_solution_code_pasted_into_a_copy(release, tmp_path):
    copy = tmp_path / "copy"
    shutil.copytree(release.folder, copy)
    hidden = sorted(CATALOG.get("00-welcome").hidden_tests.glob("test_*.py"))[0]
    body = [line for line in hidden.read_text(encoding="utf-8").splitlines() if len(line.strip()) > 30][:6]
    notes = copy / "katas" / "00-welcome" / "notes.md"
    notes.write_text("My notes\n\n" + "\n".join(body) + "\n", encoding="utf-8")
    solution = CATALOG.get("00-welcome").solution_folder / "inkwell" / "text.py"
    shutil.copyfile(solution, copy / "docs" / "spare.txt")
    leaks = [str(leak) for leak in find_leaks(copy, ROOT)]
    assert any(leak.startswith("katas/00-welcome/notes.md:") and "hidden/" in leak for leak in leaks), leaks
    assert any(leak.startswith("docs/spare.txt") and "same bytes" in leak for leak in leaks), leaks


def test_docs_pages_in_the_copy_keep_their_starter_snippets_and_lose_their_solution_snippets(release):
    for page in (release.folder / "docs" / "katas").glob("*.md"):
        text = page.read_text(encoding="utf-8")
        assert not re.search(r"--8<--\s*\"solutions/", text), f"{page.name} still includes a solution file"
        original = (ROOT / "docs" / "katas" / page.name).read_text(encoding="utf-8")
        if '--8<-- "solutions/' in original:
            assert "The reference solution is not part of this copy" in text


def test_the_learner_readme_names_the_katas_the_loop_and_how_to_hand_in(release):
    readme = (release.folder / "README.md").read_text(encoding="utf-8")
    for kata in CATALOG.katas:
        assert f"`{kata.id}`" in readme and f"{kata.minutes} min" in readme
    assert "uv run kata doctor --room" in readme and "kata submit --name" in readme
    assert "full grading, with the hidden suites, is with your" in readme
    assert json.loads((release.folder / "release.json").read_text())["katas"] == CATALOG.ids


def test_kata_list_check_and_the_room_doctor_work_inside_the_copy_from_a_fresh_environment(in_copy, release):
    listed = in_copy("list")
    assert listed.returncode == 0, listed.stderr
    for kata in CATALOG.katas:
        assert kata.id in listed.stdout
    checked = in_copy("check", "00-welcome")
    assert checked.returncode == 1, checked.stdout + checked.stderr  # the starter fails, as it should
    assert "✗ 1  Normalise emails" in checked.stdout, checked.stdout
    assert re.search(r"\d+ tests \(\d+ public\) in", checked.stdout), "hidden tests ran in the copy"
    assert "Only the public checks ran here; the reviewer's suite adds" in checked.stdout, checked.stdout
    assert "the full grading is with your facilitator." in checked.stdout, checked.stdout
    room = in_copy("doctor", "--room")
    assert room.returncode == 0, room.stdout + room.stderr
    assert room.stdout.strip().splitlines()[-1].startswith("READY: all"), room.stdout
    assert "✓ installed checker" in room.stdout and "learner copy built" in room.stdout


def test_in_the_copy_lab_opens_the_notebooks_page_and_docs_says_where_the_pages_are(in_copy, release, monkeypatch):
    monkeypatch.setenv("BROWSER", "true")  # a browser that opens nothing and says it did
    lab = in_copy("lab", "00-welcome")
    assert lab.returncode == 0, lab.stdout + lab.stderr
    page = (release.folder / "notebooks" / "00-welcome.html").resolve()
    assert f"Opened in your browser: {page.as_uri()}" in lab.stdout, lab.stdout
    assert "<title>00 · Welcome to Inkwell" in page.read_text(encoding="utf-8")
    docs = in_copy("docs")
    assert docs.returncode == 0 and "This copy has no docs site to serve" in docs.stdout, docs.stdout + docs.stderr
    assert all((release.folder / "docs" / "katas" / f"{kata.id}.md").is_file() for kata in CATALOG.katas)


def test_the_copy_ships_the_committed_starters_not_the_facilitators_working_tree(release):
    for kata in CATALOG.katas:
        committed = subprocess.run(
            ["git", "-C", str(ROOT), "ls-files", f"katas/{kata.id}/{kata.package}"], capture_output=True, text=True
        ).stdout.split()
        for path in committed:
            shown = subprocess.run(["git", "-C", str(ROOT), "show", f"HEAD:{path}"], capture_output=True).stdout
            relative = Path(path).relative_to(f"katas/{kata.id}")
            for place in (release.folder / "katas" / kata.id, release.folder / ".kata" / "starters" / kata.id):
                assert (place / relative).read_bytes() == shown, f"{place / relative} is not the committed starter"


def test_the_copy_knows_how_many_checks_each_reviewer_suite_adds(release):
    from checker.catalog import load_catalog

    copy = load_catalog(release.folder)
    for kata in copy.katas:
        hidden = CATALOG.get(kata.id).hidden_tests
        assert kata.reviewer_checks and kata.reviewer_checks >= len(list(hidden.glob("test_*.py"))), (
            f"{kata.id}: the copy's kata.toml says the reviewer's suite adds {kata.reviewer_checks} checks"
        )
        assert kata.tasks == CATALOG.get(kata.id).tasks, f"{kata.id}: writing the count changed the tasks"


def test_work_that_passes_every_public_check_never_reads_as_done_in_the_copy(in_copy, release):
    # A learner who copies in the reference solution passes every public check: the copy must
    # still say that only the reviewer's suite can say the kata passes.
    package = release.folder / "katas" / "00-welcome" / "inkwell"
    backup = {path: path.read_bytes() for path in package.glob("*.py")}
    try:
        for path in (ROOT / "solutions" / "00-welcome" / "inkwell").glob("*.py"):
            shutil.copyfile(path, package / path.name)
        checked = in_copy("check", "00-welcome")
    finally:
        for path, content in backup.items():
            path.write_bytes(content)
    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert "All 4 tasks pass" not in checked.stdout, checked.stdout
    assert re.search(r"Public checks pass \((\d+) of \1\); the reviewer's suite adds \d+ more", checked.stdout), (
        checked.stdout
    )


def test_the_fresh_environment_imports_the_checker_of_the_copy(fresh_python, release):
    shown = subprocess.run(
        [str(fresh_python), "-I", "-c", "import checker; print(checker.__file__)"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    assert Path(shown).resolve().is_relative_to(release.folder.resolve()), shown


def test_release_refuses_a_folder_that_holds_files(kata, tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    (out / "keep.txt").write_text("mine")
    result = kata("release", "--out", str(out))
    assert result.exit_code == 2
    assert "is not empty" in result.output and "--force" in result.output
    assert (out / "keep.txt").read_text() == "mine"


def test_force_replaces_the_folder_content_and_nothing_a_link_inside_it_points_to(kata, tmp_path):
    outside = tmp_path / "precious"
    outside.mkdir()
    (outside / "thesis.tex").write_text("years of work")
    out = tmp_path / "out"
    out.mkdir()
    (out / "old.txt").write_text("old")
    (out / "link").symlink_to(outside, target_is_directory=True)
    result = kata("release", "--out", str(out), "--force")
    assert result.exit_code == 0, result.output
    assert (outside / "thesis.tex").read_text() == "years of work"
    assert not (out / "old.txt").exists() and not (out / "link").exists()
    assert (out / "katas" / "00-welcome").is_dir()


def test_release_refuses_to_write_into_the_project_itself(kata, sandbox):
    result = kata("release", "--out", str(sandbox / "handout"))
    assert result.exit_code == 2 and "choose a folder outside" in result.output
    assert not (sandbox / "handout").exists()


def test_release_of_chosen_katas_names_an_unknown_one(kata, tmp_path):
    result = kata("release", "--out", str(tmp_path / "out"), "--katas", "00-welcom")
    assert result.exit_code == 2 and "Did you mean 00-welcome?" in result.output


def test_release_reports_what_it_wrote_and_the_audit(kata, tmp_path):
    result = kata("release", "--out", str(tmp_path / "out"), "--katas", "00")
    assert result.exit_code == 0, result.output
    assert "Learner copy written" in result.output and "00-welcome" in result.output
    assert "audited: no solution or hidden-suite content inside" in result.output


def test_a_copy_built_from_a_copy_is_still_a_copy(release, tmp_path):
    # A facilitator may cut a smaller handout from a learner copy: it has no solutions to leak.
    from checker.catalog import load_catalog

    again = build_release(load_catalog(release.folder), tmp_path / "again", ["00-welcome"])
    assert again.safe and (again.folder / "katas" / "00-welcome").is_dir()


# The contributors' tools a learner copy must not install (mypy is the loop's: 02-result's suite runs it).
CONTRIBUTORS_ONLY = {
    "jupyterlab",
    "notebook",
    "ipykernel",
    "mkdocs",
    "mkdocs-material",
    "matplotlib",
    "ruff",
    "nbval",
}


def _clean_env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("VIRTUAL_ENV", "UV_", "PYTHON"))}
    return {**env, "NO_COLOR": "1", **extra}


def _offline_env(**extra: str) -> dict[str, str]:
    """An environment in which the network does not answer: every request goes to a proxy that is not there.

    The index address stays the one the copy was locked against (changing it would make uv lock
    again), and UV_OFFLINE is not set: the copy itself must make uv work offline.
    """
    dead = "http://127.0.0.1:9"
    env = {k: v for k, v in _clean_env(**extra).items() if k.lower() != "no_proxy"}
    return {**env, "HTTP_PROXY": dead, "HTTPS_PROXY": dead, "ALL_PROXY": dead, "http_proxy": dead, "https_proxy": dead}


def _cut() -> list[str]:
    """A prefix that runs a command with no network at all, where the system allows it."""
    if shutil.which("unshare") and subprocess.run(["unshare", "-rn", "true"], capture_output=True).returncode == 0:
        return ["unshare", "-rn"]
    return []


def _run_offline(line: str, copy: Path, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run([*_cut(), "sh", "-c", line], cwd=copy, env=env, capture_output=True, text=True, timeout=600)


def _installed(copy: Path) -> tuple[set[str], float]:
    """The distributions in the copy's .venv and their size on disk in MB."""
    python = copy / ".venv" / "bin" / "python"
    listed = subprocess.run(
        [
            str(python),
            "-c",
            "import importlib.metadata as m, json; print(json.dumps([d.metadata['Name'] for d in m.distributions()]))",
        ],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    names = {name.lower().replace("_", "-") for name in json.loads(listed)}
    size = sum(p.stat().st_size for p in (copy / ".venv").rglob("*") if p.is_file() and not p.is_symlink())
    return names, size / 1024**2


def _printed_commands(text: str) -> list[str]:
    """Every `uv run kata ...` command a README or the checker's output prints, whole."""
    return sorted(set(re.findall(r"uv run kata(?: [^\s`]+)*", text)))


# The commands a learner types in the room that the copy's README and `kata` print, for 00-welcome.
ROOM_COMMANDS = {
    "uv run kata": 1,  # the starter fails its checks
    "uv run kata list": 0,
    "uv run kata check 00-welcome": 1,
    "uv run kata hint 00-welcome": 0,
    "uv run kata doctor --room": 0,
    "uv run kata docs": 0,
    "uv run kata agenda": 0,
    'uv run kata submit --name "Ada Lovelace"': 0,
    "uv run pytest katas/00-welcome/tests -q": 1,  # runs the kata's tests (failing), not a usage error
    # uv starts it offline; only the room is unreachable (no server runs there), which it says in one line.
    'uv run kata join http://127.0.0.1:9 --room K7M2QX --name "Ada Lovelace"': 2,
}


def _runs_every_printed_command_offline(copy: Path, env: dict[str, str]) -> None:
    readme = (copy / "README.md").read_text(encoding="utf-8")
    printed = set(_printed_commands(readme))
    for line, expected in ROOM_COMMANDS.items():
        done = _run_offline(line, copy, env)
        assert done.returncode == expected, f"{line} -> {done.returncode}\n{done.stdout[-1500:]}\n{done.stderr[-1500:]}"
        assert "dns error" not in done.stderr.lower() and "Traceback" not in done.stderr, done.stderr[-1500:]
        if expected == 2:
            assert "Could not reach the room at http://127.0.0.1:9" in done.stderr, done.stderr[-1500:]
        printed |= set(_printed_commands(done.stdout))
    # What the README and kata printed must run too (a hint's --task, the next kata to check, ...).
    for line in sorted(printed - set(ROOM_COMMANDS)):
        if (
            "<" in line
            or "NAME" in line
            or "..." in line
            or line.split()[3:4] in (["watch"], ["join"], ["lab"], ["serve"])
        ):
            continue  # placeholders to fill in; what runs until stopped, needs a server or opens a browser
        done = _run_offline(line, copy, env)
        assert done.returncode in (0, 1), f"{line} -> {done.returncode}\n{done.stdout[-1500:]}\n{done.stderr[-1500:]}"
        assert "dns error" not in done.stderr.lower(), f"{line} reached for the network:\n{done.stderr[-1500:]}"


def test_the_copy_installs_the_loop_alone_and_then_runs_every_printed_command_offline(tmp_path):
    # Installed from uv's cache (this project installed the same pins), then run with the network cut.
    copy = build_release(CATALOG, tmp_path / "copy", ["00-welcome"]).folder
    cache = {"UV_CACHE_DIR": os.environ["UV_CACHE_DIR"]} if "UV_CACHE_DIR" in os.environ else {}
    synced = subprocess.run(
        ["uv", "sync", "--offline"], cwd=copy, env=_clean_env(**cache), capture_output=True, text=True
    )
    if synced.returncode != 0 and "not found in the cache" in synced.stderr:
        pytest.skip(f"uv's cache lacks a pinned wheel, so the copy cannot install offline here: {synced.stderr[-300:]}")
    assert synced.returncode == 0, synced.stderr[-2000:]
    names, megabytes = _installed(copy)
    assert not names & CONTRIBUTORS_ONLY, f"the learner copy installs {sorted(names & CONTRIBUTORS_ONLY)}"
    assert {"fastapi", "sqlalchemy", "pytest", "hypothesis", "inkwell-katas"} <= names
    assert len(names) < 60 and megabytes < 150, f"{len(names)} packages, {megabytes:.0f} MB"
    print(f"learner copy: {len(names)} distributions, {megabytes:.0f} MB")
    _runs_every_printed_command_offline(copy, _offline_env(**cache))


@pytest.mark.skipif(not os.environ.get("KATA_SLOW_TESTS"), reason="downloads ~40 MB: set KATA_SLOW_TESTS=1")
def test_the_wheelhouse_installs_the_copy_and_every_printed_command_runs_with_the_network_cut(tmp_path):
    copy = build_release(CATALOG, tmp_path / "copy", ["00-welcome"], wheelhouse=True)
    assert copy.safe and copy.wheelhouse and copy.wheelhouse.wheels > 30
    without_uv = tmp_path / "without-uv"
    shutil.copytree(copy.folder, without_uv)
    readme = (copy.folder / "README.md").read_text(encoding="utf-8")
    assert "\nuv run kata\n" in readme, "the README gives no install line"
    env = _offline_env(UV_CACHE_DIR=str(tmp_path / "empty-cache"))  # every wheel from the wheelhouse
    started = time.perf_counter()
    _runs_every_printed_command_offline(copy.folder, env)
    names, megabytes = _installed(copy.folder)
    assert not names & CONTRIBUTORS_ONLY and len(names) < 60, sorted(names)
    print(
        f"offline install and every command in {time.perf_counter() - started:.0f} s: {len(names)} distributions, {megabytes:.0f} MB"
    )
    # Without uv: the README's pip lines, then `kata` as typed once the venv is active.
    pip_lines = re.search(r"Without uv:\n\n```console\n(.*?)```", readme, flags=re.S)
    assert pip_lines, "the README gives no install without uv"
    script = " && ".join(
        line.replace(f"python{copy.wheelhouse.python} ", f"{sys.executable} ")
        for line in pip_lines[1].splitlines()
        if line.strip() and line.strip() != "kata"
    )
    done = _run_offline(f"{script} && kata list", without_uv, env)
    assert done.returncode == 0 and "00-welcome" in done.stdout, done.stdout[-1500:] + done.stderr[-1500:]
    assert "Next: kata check 00-welcome" in done.stdout, "an active venv's kata must print commands without uv run"
