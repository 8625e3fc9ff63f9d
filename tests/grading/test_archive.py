"""Bringing submissions in: what is refused, and what is copied."""

from __future__ import annotations

import os
import stat
import zipfile
from pathlib import Path

import pytest

from checker.grading.archive import Caps, Refused, copy_tree, extract_zip


def _zip(path: Path, entries: dict[str, bytes], links: dict[str, str] | None = None) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as bundle:
        for name, data in entries.items():
            bundle.writestr(name, data)
        for name, target in (links or {}).items():
            info = zipfile.ZipInfo(name)
            info.external_attr = (stat.S_IFLNK | 0o777) << 16
            bundle.writestr(info, target)
    return path


def test_a_plain_zip_is_extracted(tmp_path):
    archive = _zip(tmp_path / "a.zip", {"katas/00-welcome/inkwell/text.py": b"x = 1\n"})
    extract_zip(archive, tmp_path / "out")
    assert (tmp_path / "out/katas/00-welcome/inkwell/text.py").read_text() == "x = 1\n"


@pytest.mark.parametrize("name", ["../evil.py", "a/../../evil.py", "/etc/evil.py", "C:/evil.py", "..\\evil.py"])
def test_a_zip_path_that_climbs_out_is_refused(tmp_path, name):
    archive = _zip(tmp_path / "a.zip", {name: b"x"})
    with pytest.raises(Refused, match="climbs out"):
        extract_zip(archive, tmp_path / "out")
    assert not (tmp_path / "evil.py").exists()


@pytest.mark.parametrize("target", ["/etc/passwd", "../../../outside", "a/../../../.."])
def test_a_zip_link_pointing_outside_is_refused(tmp_path, target):
    archive = _zip(tmp_path / "a.zip", {"k/inkwell/__init__.py": b""}, {"k/inkwell/text.py": target})
    with pytest.raises(Refused, match="link pointing outside"):
        extract_zip(archive, tmp_path / "out")


def test_a_zip_link_that_stays_inside_is_left_out(tmp_path):
    archive = _zip(tmp_path / "a.zip", {"k/inkwell/a.py": b"x"}, {"k/inkwell/b.py": "a.py"})
    extract_zip(archive, tmp_path / "out")
    assert (tmp_path / "out/k/inkwell/a.py").exists() and not (tmp_path / "out/k/inkwell/b.py").exists()


def test_a_zip_bomb_is_refused_by_its_ratio(tmp_path):
    archive = _zip(tmp_path / "a.zip", {"zeros.py": b"\0" * (3 * 1024**2)})
    with pytest.raises(Refused, match="zip bomb"):
        extract_zip(archive, tmp_path / "out", Caps(max_ratio=50))


def test_a_zip_over_the_size_cap_is_refused_before_extraction(tmp_path):
    archive = _zip(tmp_path / "a.zip", {"big.py": os.urandom(200_000)})
    with pytest.raises(Refused, match="unpacks to"):
        extract_zip(archive, tmp_path / "out", Caps(max_bytes=100_000))
    assert not (tmp_path / "out").exists()


def test_a_zip_with_too_many_entries_is_refused(tmp_path):
    archive = _zip(tmp_path / "a.zip", {f"f{n}.py": b"" for n in range(11)})
    with pytest.raises(Refused, match="11 entries"):
        extract_zip(archive, tmp_path / "out", Caps(max_files=10))


def test_a_file_that_is_not_a_zip_is_refused(tmp_path):
    (tmp_path / "a.zip").write_text("not a zip")
    with pytest.raises(Refused, match="cannot be read"):
        extract_zip(tmp_path / "a.zip", tmp_path / "out")


def test_a_folder_is_copied_without_its_caches_and_git(tmp_path):
    source = tmp_path / "s"
    for name in ("inkwell/text.py", ".git/config", "inkwell/__pycache__/text.pyc"):
        (source / name).parent.mkdir(parents=True, exist_ok=True)
        (source / name).write_text("x")
    copy_tree(source, tmp_path / "out")
    assert sorted(p.relative_to(tmp_path / "out").as_posix() for p in (tmp_path / "out").rglob("*.*")) == [
        "inkwell/text.py"
    ]


def test_a_folder_with_a_link_pointing_outside_is_refused(tmp_path):
    source = tmp_path / "s" / "inkwell"
    source.mkdir(parents=True)
    (source / "text.py").symlink_to("/etc/hostname")
    with pytest.raises(Refused, match="link pointing outside"):
        copy_tree(tmp_path / "s", tmp_path / "out")


def test_a_folder_over_the_file_cap_is_refused(tmp_path):
    for n in range(6):
        (tmp_path / "s").mkdir(exist_ok=True)
        (tmp_path / "s" / f"f{n}.py").write_text("")
    with pytest.raises(Refused, match="more than 5 files"):
        copy_tree(tmp_path / "s", tmp_path / "out", Caps(max_files=5))
