def _text(sandbox):
    return sandbox / "katas" / "00-welcome" / "inkwell" / "text.py"


def test_reset_restores_the_starter_and_backs_up_the_work_first(kata, sandbox):
    kata("list")  # the first run keeps a pristine copy of every starter
    starter = _text(sandbox).read_text()
    _text(sandbox).write_text("# my careful work\n")
    (sandbox / "katas" / "00-welcome" / "inkwell" / "notes.py").write_text("# a file of my own\n")
    result = kata("reset", "00-welcome", "--yes")
    assert result.exit_code == 0, result.output
    assert _text(sandbox).read_text() == starter
    assert not (sandbox / "katas" / "00-welcome" / "inkwell" / "notes.py").exists()
    backups = list((sandbox / ".kata" / "backups" / "00-welcome").iterdir())
    assert len(backups) == 1 and str(backups[0].name) in result.output.replace("\n", "")
    assert (backups[0] / "inkwell" / "text.py").read_text() == "# my careful work\n"
    assert (backups[0] / "inkwell" / "notes.py").read_text() == "# a file of my own\n"


def test_reset_never_loses_work_across_repeated_resets(kata, sandbox):
    kata("list")
    for attempt in range(3):
        _text(sandbox).write_text(f"# attempt {attempt}\n")
        assert kata("reset", "00-welcome", "--yes").exit_code == 0
    saved = sorted(p.read_text() for p in (sandbox / ".kata" / "backups").rglob("text.py"))
    assert saved == ["# attempt 0\n", "# attempt 1\n", "# attempt 2\n"]


def test_reset_works_when_the_package_was_deleted(kata, sandbox):
    kata("list")
    import shutil

    shutil.rmtree(sandbox / "katas" / "00-welcome" / "inkwell")
    assert kata("reset", "00-welcome", "--yes").exit_code == 0
    assert "TODO(kata)" in _text(sandbox).read_text()
