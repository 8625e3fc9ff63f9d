"""An agenda as Markdown: a timed table, then what to watch for in each kata."""

from __future__ import annotations

from collections.abc import Callable

from checker.catalog import Kata
from checker.workshop.agenda import Agenda, Slot
from checker.workshop.mistakes import Mistake

_WHAT: dict[str, Callable[[Slot], str]] = {
    "opening": lambda s: "Welcome and set-up: everyone runs `uv run kata doctor --room` and reads out the last line",
    "intro": lambda s: f"Introduce **{_name(s.kata)}**",
    "work": lambda s: _work(s),
    "debrief": lambda s: f"Debrief {_id(s.kata)}: what the checker caught, one fix shown",
    "break": lambda s: "Break",
    "lunch": lambda s: "Lunch",
    "catch-up": lambda s: "Catch-up: finish a kata, or start one of those left for later",
    "closing": lambda s: 'Wrap-up: everyone runs `uv run kata submit --name "Your Name"` and hands in the zip',
}


def agenda_markdown(agenda: Agenda, *, start: str = "09:00", mistakes: dict[str, list[Mistake]] | None = None) -> str:
    begin = _minutes(start)
    lines = [f"# Workshop agenda: {_duration(agenda.minutes)}", ""]
    lines.append(f"Katas: {', '.join(f'`{k.id}`' for k in agenda.katas) or 'none fits'}.")
    if agenda.left_out:
        lines.append(f"Left for later (they do not fit): {', '.join(f'`{k.id}`' for k in agenda.left_out)}.")
    lines += ["", "| time | min | what |", "|---|---|---|"]
    for slot in agenda.slots:
        lines.append(f"| {_clock(begin + slot.start)} | {slot.minutes} | {_WHAT[slot.kind](slot)} |")
    lines.append(f"| {_clock(begin + agenda.end)} | | End |")
    watch = [(k, (mistakes or {}).get(k.id, [])) for k in agenda.katas]
    if any(found for _, found in watch):
        lines += ["", "## Watch for", ""]
        for kata, found in watch:
            if found:
                lines.append(f"**{kata.id}**")
                lines.append("")
                lines += [f"- {m.about} ({_tasks(m.tasks)})" for m in found]
                lines.append("")
    return "\n".join(lines).rstrip() + "\n"


def _work(slot: Slot) -> str:
    if slot.continued:
        return f"Work on {_id(slot.kata)}, continued"
    tasks = len(slot.kata.tasks) if slot.kata else 0
    return f"Work on {_id(slot.kata)}: {tasks} tasks, `uv run kata watch {_id(slot.kata)}`"


def _id(kata: Kata | None) -> str:
    return kata.id if kata else ""


def _name(kata: Kata | None) -> str:
    return f"{kata.id}: {kata.title}" if kata else ""


def _minutes(clock: str) -> int:
    hours, _, minutes = clock.partition(":")
    if not (hours.isdigit() and minutes.isdigit() and int(hours) < 24 and int(minutes) < 60):
        raise ValueError(f"start is {clock!r}; expected a time like 09:00")
    return int(hours) * 60 + int(minutes)


def _clock(minutes: int) -> str:
    return f"{minutes // 60 % 24:02d}:{minutes % 60:02d}"


def _duration(minutes: int) -> str:
    hours, rest = divmod(minutes, 60)
    return f"{hours} h {rest:02d} ({minutes} minutes)" if hours else f"{minutes} minutes"


def _tasks(numbers: tuple[int, ...]) -> str:
    return f"task {numbers[0]}" if len(numbers) == 1 else f"tasks {', '.join(map(str, numbers))}"
