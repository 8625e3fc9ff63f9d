"""The facilitator guide: three agendas, each kata introduced with the mistakes its decoys plant,
collecting and grading, troubleshooting; and the command reference names the workshop verbs."""

from __future__ import annotations

import re

from checker.workshop.mistakes import common_mistakes
from tests.conftest import CATALOG, ROOT

GUIDE = (ROOT / "docs" / "facilitators.md").read_text(encoding="utf-8")


def _section(title: str) -> str:
    match = re.search(rf"^#+ {re.escape(title)}\n(.*?)(?=^#{{1,3}} |\Z)", GUIDE, flags=re.M | re.S)
    assert match, f"the facilitator guide has no section '{title}'"
    return match.group(1)


def test_the_guide_has_agendas_for_two_hours_half_a_day_and_a_full_day():
    for title in ("Two hours", "Half a day", "A full day"):
        table = _section(title)
        assert "| time | min | what |" in table and "| End |" in table, f"'{title}' has no timed table"


def test_the_guide_introduces_every_kata_with_the_mistakes_its_decoys_plant():
    for kata in CATALOG.katas:
        section = _section(f"`{kata.id}`")
        assert "**Say:**" in section and "**Watch for:**" in section, f"{kata.id}: no introduction"
        planted = [m.name for m in common_mistakes(kata)]
        named = [name for name in planted if f"`{name}`" in section]
        assert named, f"{kata.id}: the guide names none of its decoys {planted}"
        cited = re.findall(r"\(`([a-z0-9-]+)`,\s*tasks?", section)
        gone = [name for name in cited if not (kata.decoys / name / "decoy.toml").is_file()]
        assert not gone, f"{kata.id}: the guide cites decoys that no longer exist: {gone}"


def test_the_guide_covers_collecting_grading_and_troubleshooting():
    collecting = _section("Collecting and grading")
    assert "kata submit --name" in collecting and "kata grade" in collecting
    assert "| what you see | what to do |" in _section("Troubleshooting")
    assert "kata doctor --room" in _section("At the start: the room check")


def test_the_command_reference_has_a_section_for_each_workshop_command():
    reference = (ROOT / "docs" / "cli.md").read_text(encoding="utf-8")
    for heading in ("## `kata release --out DIR", "## `kata submit", "## `kata agenda", "## `kata doctor [--room]"):
        assert heading in reference, f"docs/cli.md has no section starting {heading}"


def test_the_guides_agendas_are_what_kata_agenda_prints_today():
    from typer.testing import CliRunner

    from checker.cli.main import app

    for title, minutes in (("Two hours", 120), ("Half a day", 240), ("A full day", 420)):
        printed = CliRunner().invoke(app, ["agenda", "--minutes", str(minutes)]).output
        table = printed[printed.index("| time | min | what |") : printed.index("| End |") + len("| End |")]
        assert table in _section(title), f"the '{title}' agenda is stale: run `uv run kata agenda --minutes {minutes}`"
