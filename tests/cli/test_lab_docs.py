"""`kata lab` and `kata docs`: the notebook itself opens, and a taken port is no traceback."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import time
from pathlib import Path

import pytest

from checker.cli import lab_cmd, ports
from tests.conftest import ROOT


@pytest.fixture
def launched(monkeypatch):
    """The argv lists `kata lab` and `kata docs` would start, instead of starting them."""
    calls: list[list[str]] = []

    def call(argv, env=None):
        calls.append(list(argv))
        return 0

    monkeypatch.setattr(lab_cmd.subprocess, "call", call)
    return calls


def _lab_argv(sandbox: Path, kata, launched) -> list[str]:
    shutil.copyfile(ROOT / "notebooks" / "00-welcome.ipynb", sandbox / "notebooks" / "00-welcome.ipynb")
    result = kata("lab", "00-welcome")
    assert result.exit_code == 0, result.output
    assert "Opening notebooks/00-welcome.ipynb in JupyterLab" in result.output
    (argv,) = launched
    return argv


def test_lab_opens_the_notebook_it_names_not_the_launcher(sandbox, kata, launched):
    argv = _lab_argv(sandbox, kata, launched)
    assert "--LabApp.default_url=/lab/tree/notebooks/00-welcome.ipynb" in argv, argv
    assert f"--ServerApp.root_dir={sandbox}" in argv
    assert not [a for a in argv[3:] if not a.startswith("--")], f"a positional file opens the Launcher: {argv}"


def test_lab_in_a_learner_copy_opens_the_notebooks_page_in_the_browser(sandbox, kata, launched, monkeypatch):
    page = sandbox / "notebooks" / "00-welcome.html"
    page.write_text("<p>the worked notebook</p>", encoding="utf-8")
    opened: list[str] = []
    monkeypatch.setattr(lab_cmd.webbrowser, "open", lambda url: opened.append(url) or True)
    result = kata("lab", "00-welcome")
    assert result.exit_code == 0, result.output
    assert opened == [page.as_uri()] and not launched, "JupyterLab started in a copy that cannot run the notebook"
    assert "notebooks/00-welcome.html: the worked notebook with its output, read-only" in result.output
    assert f"Opened in your browser: {page.as_uri()}" in result.output


def test_lab_with_no_browser_prints_the_address_to_open(sandbox, kata, monkeypatch):
    page = sandbox / "notebooks" / "00-welcome.html"
    page.write_text("<p>the worked notebook</p>", encoding="utf-8")
    monkeypatch.setattr(lab_cmd.webbrowser, "open", lambda url: False)
    result = kata("lab", "00-welcome")
    assert result.exit_code == 0 and f"No browser found here: open {page.as_uri()}" in result.output


def test_docs_in_a_copy_without_a_site_says_where_the_pages_are(sandbox, kata, launched):
    (sandbox / "docs" / "katas").mkdir(parents=True)
    result = kata("docs")
    assert result.exit_code == 0, result.output
    assert not launched, "mkdocs started without a mkdocs.yml"
    assert "This copy has no docs site to serve" in result.output
    assert "docs/katas/<id>.md" in result.output and "uv run kata lab <id> opens one" in result.output
    assert "Traceback" not in result.output


def test_docs_moves_to_a_free_port_and_says_so(sandbox, kata, launched, held_port):
    (sandbox / "mkdocs.yml").write_text("site_name: t\n", encoding="utf-8")
    result = kata("docs")
    assert result.exit_code == 0, result.output
    (argv,) = launched
    chosen = int(argv[argv.index("-a") + 1].rsplit(":", 1)[1])
    assert chosen != held_port and ports.is_free("127.0.0.1", chosen)
    assert f"Port {held_port} is taken; using {chosen}, the first free one." in result.output
    assert f"Docs at http://127.0.0.1:{chosen}/" in result.output


def test_docs_on_a_taken_port_asked_for_is_one_clear_line(sandbox, kata, launched, held_port):
    (sandbox / "mkdocs.yml").write_text("site_name: t\n", encoding="utf-8")
    result = kata("docs", "--port", str(held_port))
    assert result.exit_code == 2 and not launched
    assert f"port {held_port} is taken on 127.0.0.1" in result.output and "leave --port out" in result.output
    assert "Traceback" not in result.output and len(result.output.strip().splitlines()) == 1


@pytest.mark.processes  # starts JupyterLab (about 10 s)
@pytest.mark.skipif(os.name == "nt", reason="JupyterLab's runtime files are checked on POSIX")
def test_jupyterlab_started_as_kata_lab_starts_it_opens_the_notebook(sandbox, kata, launched, tmp_path):
    argv = _lab_argv(sandbox, kata, launched)
    runtime = tmp_path / "runtime"
    env = {**os.environ, "JUPYTER_RUNTIME_DIR": str(runtime), "JUPYTER_CONFIG_DIR": str(tmp_path / "config")}
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    lab = subprocess.Popen(
        [*argv, "--no-browser", f"--ServerApp.port={port}", "--ServerApp.port_retries=0"],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
    )
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and not list(runtime.glob("jpserver-*-open.html")):
            assert lab.poll() is None, lab.stderr.read() if lab.stderr else "JupyterLab stopped"
            time.sleep(0.3)
        (opener,) = runtime.glob("jpserver-*-open.html")
        assert f"127.0.0.1:{port}/lab/tree/notebooks/00-welcome.ipynb?" in opener.read_text().replace(
            "localhost", "127.0.0.1"
        ), opener.read_text()
    finally:
        os.killpg(lab.pid, 15)
        lab.wait(timeout=30)
