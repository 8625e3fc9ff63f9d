"""What `kata release` writes into a learner copy besides the katas, checked without building one:
its pyproject.toml (the loop alone; offline with a wheelhouse), its notebook pages, its README."""

from __future__ import annotations

import html
import json
import re
import shutil
import tomllib

import pytest

from checker.cli.main import app
from checker.workshop.audit import find_leaks
from checker.workshop.learner_project import LearnerProjectError, Offline, learner_pyproject
from checker.workshop.notebook_page import NOTE, notebook_page
from checker.workshop.readme import learner_readme
from tests.conftest import CATALOG, ROOT

PROJECT_TOML = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
PROJECT = tomllib.loads(PROJECT_TOML)
OFFLINE = Offline("wheelhouse", "linux", "x86_64", "3.11")
NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))


def test_the_copy_keeps_the_loops_pins_and_drops_every_dependency_group():
    copy = tomllib.loads(learner_pyproject(PROJECT_TOML))
    assert PROJECT["dependency-groups"], "the project has no dependency groups left to drop"
    assert "dependency-groups" not in copy, "uv run would install the contributors' tools in the copy"
    assert copy["project"] == PROJECT["project"], "the loop's pins or the kata script changed"
    assert copy["build-system"] == PROJECT["build-system"]
    assert copy["tool"]["uv"] == PROJECT["tool"]["uv"], "the copy must not be offline without a wheelhouse"
    assert copy["tool"]["importlinter"] == PROJECT["tool"]["importlinter"]


def test_the_copys_pytest_settings_lose_the_options_of_nbval_and_xdist_which_are_not_there_to_read():
    project = PROJECT["tool"]["pytest"]["ini_options"]
    copy = tomllib.loads(learner_pyproject(PROJECT_TOML))["tool"]["pytest"]["ini_options"]
    assert "--nbval" in project["addopts"], "the project no longer runs its notebooks under pytest"
    assert "-n auto" in project["addopts"], "the project no longer spreads its run over workers"
    assert "nbval" not in copy["addopts"] and "notebooks" not in copy["addopts"]
    dev_options = r"--nbval-sanitize-with \S+|-n \S+|--dist \S+"
    assert copy["addopts"].split() == [
        word for word in re.sub(dev_options, "", project["addopts"]).split() if "nbval" not in word
    ]
    assert "-p checker.runner.direct" in copy["addopts"], "`uv run pytest katas/<id>/tests` needs the plugin"
    assert "testpaths" not in copy
    assert {k: v for k, v in copy.items() if k != "addopts"} == {
        k: v for k, v in project.items() if k not in ("addopts", "testpaths")
    }


def test_a_copy_with_a_wheelhouse_tells_uv_to_install_from_it_alone():
    copy = tomllib.loads(learner_pyproject(PROJECT_TOML, OFFLINE))["tool"]["uv"]
    assert copy["offline"] is True and copy["no-index"] is True and copy["find-links"] == ["wheelhouse"]
    assert copy["environments"] == [
        "sys_platform == 'linux' and platform_machine == 'x86_64' and python_version == '3.11'"
    ]
    assert copy["constraint-dependencies"] == PROJECT["tool"]["uv"]["constraint-dependencies"]


def test_the_offline_settings_go_into_the_uv_table_even_under_a_comment_above_it():
    commented = PROJECT_TOML.replace("\n[tool.uv]\n", "\n# The whole transitive set.\n[tool.uv]\n")
    assert commented != PROJECT_TOML
    copy = tomllib.loads(learner_pyproject(commented, OFFLINE))
    assert copy["tool"]["uv"]["offline"] is True
    assert copy["tool"]["importlinter"] == PROJECT["tool"]["importlinter"], "a setting landed in the table above"


def test_a_project_without_a_uv_table_gets_one_clear_error_not_a_silently_online_copy():
    without = re.sub(r"\n\[tool\.uv\]\n.*", "\n", PROJECT_TOML, flags=re.S)
    assert "[tool.uv]" not in without
    with pytest.raises(LearnerProjectError, match=r"no \[tool.uv\] table"):
        learner_pyproject(without, OFFLINE)


@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=lambda p: p.stem)
def test_each_notebook_page_holds_every_cell_and_stored_output_and_runs_nothing(notebook):
    page = notebook_page(notebook)
    text = html.unescape(re.sub(r"<[^>]*>", "", page))
    cells = json.loads(notebook.read_text(encoding="utf-8"))["cells"]
    assert NOTE in text
    pngs = 0
    for cell in cells:
        source = "".join(cell["source"])
        if cell["cell_type"] == "code":
            assert source in text, f"{notebook.name}: a code cell is missing: {source[:60]}"
        else:
            words = set(re.findall(r"\w{4,}", re.sub(r"\]\([^)]*\)", "]", source)))
            missing = words - set(re.findall(r"\w{4,}", text))
            assert not missing, f"{notebook.name}: prose missing: {sorted(missing)[:5]} of {source[:60]}"
        for output in cell.get("outputs", []):
            if output["output_type"] == "stream":
                assert "".join(output["text"]) in text, f"{notebook.name}: an output is missing"
            pngs += "image/png" in output.get("data", {})
    assert page.count("data:image/png;base64,") == pngs, "figures must be inline: the copy may be offline"
    assert "<script" not in page.lower() and "http://" not in page and "https://cdn" not in page


def test_the_audit_reads_a_web_page_without_its_escaping(tmp_path):
    copy = tmp_path / "copy"
    shutil.copytree(ROOT / "katas" / "00-welcome", copy / "katas" / "00-welcome")
    hidden = sorted(CATALOG.get("00-welcome").hidden_tests.glob("test_*.py"))[0]
    body = [line for line in hidden.read_text(encoding="utf-8").splitlines() if len(line.strip()) > 30][:6]
    assert any(set(line) & set("<>&\"'") for line in body), "pick lines that HTML escaping changes"
    (copy / "notebooks").mkdir()
    escaped = "\n".join(f"<span>{html.escape(line)}</span>" for line in body)
    (copy / "notebooks" / "00-welcome.html").write_text(f"<pre><code>{escaped}</code></pre>\n", encoding="utf-8")
    leaks = [str(leak) for leak in find_leaks(copy, ROOT)]
    assert any(leak.startswith("notebooks/00-welcome.html:") and "hidden/" in leak for leak in leaks), leaks


def _commands(readme: str) -> list[str]:
    blocks = re.findall(r"```console\n(.*?)```", readme, flags=re.S)
    return [line.split("  #")[0].strip() for block in blocks for line in block.splitlines() if line.strip()]


@pytest.mark.parametrize("wheelhouse", [False, True], ids=["online", "wheelhouse"])
def test_every_kata_command_in_the_learner_readme_is_plain_and_names_a_real_command(wheelhouse):
    readme = learner_readme(CATALOG.katas, wheelhouse=wheelhouse, platform="linux x86_64, CPython 3.11", python="3.11")
    assert "--no-sync" not in readme and "UV_NO_SYNC" not in readme and "uv pip install" not in readme
    verbs = {command.name for command in app.registered_commands}
    mentioned = re.findall(r"(?:uv run kata|^kata)(?: ([a-z]+))?", readme + "\n" + "\n".join(_commands(readme)), re.M)
    assert mentioned, "the README names no command"
    unknown = {verb for verb in mentioned if verb and verb not in verbs}
    assert not unknown, f"the README names commands kata does not have: {unknown}"
    if wheelhouse:
        assert "uv run kata" in _commands(readme) and "kata" in _commands(readme)
        assert ". .venv/bin/activate" in _commands(readme), "without uv, `kata` must be on the PATH as printed"
