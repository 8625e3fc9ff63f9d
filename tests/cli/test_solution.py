import shutil


def test_the_solution_stays_hidden_until_the_kata_passes(kata):
    result = kata("solution", "00-welcome")
    assert result.exit_code == 1
    assert "does not pass yet" in result.output and "--reveal" in result.output
    assert "normalise_email" not in result.output


def test_reveal_needs_a_confirmation(kata):
    refused = kata("solution", "00-welcome", "--reveal")
    assert refused.exit_code == 2 and "--yes" in refused.output
    shown = kata("solution", "00-welcome", "--reveal", "--yes")
    assert shown.exit_code == 0
    assert "+++ solution/inkwell/text.py" in shown.output and "-    return raw" in shown.output


def test_after_passing_the_solution_is_a_diff_against_your_work(kata, sandbox):
    work = sandbox / "katas" / "00-welcome" / "inkwell"
    shutil.rmtree(work)
    shutil.copytree(sandbox / "solutions" / "00-welcome" / "inkwell", work)
    (work / "text.py").write_text((work / "text.py").read_text().replace("# NFKD splits", "# My note. NFKD splits"))
    assert kata("check", "00-welcome").exit_code == 0
    result = kata("solution", "00-welcome")
    assert result.exit_code == 0
    assert "-    # My note. NFKD splits" in result.output
