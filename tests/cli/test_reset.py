def _text(sandbox):
    return sandbox / "katas" / "00-welcome" / "inkwell" / "text.py"


def test_reset_restores_the_starter_and_backs_up_the_work_first(kata, sandbox):
    kata("list")
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


def test_reset_restores_the_shipped_starter_even_when_the_first_run_saw_edits(kata, sandbox):
    # The learner edits before ever running kata: the starter restored is still the shipped one.
    _text(sandbox).write_text("# edited before the first run\n")
    kata("list")
    assert kata("reset", "00-welcome", "--yes").exit_code == 0
    assert "TODO(kata)" in _text(sandbox).read_text()


def test_backups_are_listed_and_one_can_be_restored(kata, sandbox):
    _text(sandbox).write_text("# version one\n")
    first = kata("reset", "00-welcome", "--yes")
    assert "--from-backup" in first.output, first.output
    listed = kata("reset", "00-welcome", "--backups")
    stamp = listed.output.split()[0]
    files = len(list((sandbox / "katas" / "00-welcome" / "inkwell").glob("*.py")))
    assert listed.exit_code == 0 and f"{files} files" in listed.output, listed.output
    restored = kata("reset", "00-welcome", "--from-backup", stamp, "--yes")
    assert restored.exit_code == 0, restored.output
    assert _text(sandbox).read_text() == "# version one\n"
    missing = kata("reset", "00-welcome", "--from-backup", "nope", "--yes")
    assert missing.exit_code == 2 and "No backup of 00-welcome is named 'nope'" in missing.output


def test_an_interrupted_swap_never_leaves_a_mixture(kata, sandbox):
    # Cut off between the two renames: the package is gone, the learner's work sits aside whole.
    import os

    from checker.catalog import load_catalog
    from checker.reset import recover

    package = sandbox / "katas" / "00-welcome" / "inkwell"
    _text(sandbox).write_text("# my work\n")
    os.replace(package, package.with_name(".inkwell.replaced"))
    assert recover(load_catalog(sandbox).get("00-welcome")) and _text(sandbox).read_text() == "# my work\n"


def test_a_folder_that_is_neither_a_checkout_nor_a_release_says_so(kata, sandbox):
    import shutil

    shutil.rmtree(sandbox / ".kata" / "starters")
    result = kata("reset", "00-welcome", "--yes")
    assert result.exit_code == 2 and "No shipped starter of 00-welcome" in result.output, result.output
