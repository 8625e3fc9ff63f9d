"""A timed workshop plan from the katas' estimates: opening, each kata, breaks, closing.

Each kata is introduced (5 min), worked on for its estimate, and debriefed (5 min). In a session
longer than two hours a break of 10 minutes comes after at most 90 minutes, splitting a long work
block when it must; a day of 6 hours or more has a lunch of 45 minutes between two katas near its
middle. The katas are taken in the order given; one that does not fit is left for later and the
next is tried. Time left over becomes catch-up time before the closing.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from checker.catalog import Kata
from checker.errors import KataError

OPENING, INTRO, DEBRIEF, CLOSING = 10, 5, 5, 10
BREAK, BREAK_EVERY, LUNCH, LUNCH_FROM = 10, 90, 45, 360
NO_BREAK_UNTIL = 120  # a session of two hours or less runs without a break
MIN_PART = 10  # a work block is split for a break only when both parts last this long


@dataclass(frozen=True)
class Slot:
    start: int  # minutes from the start of the session
    minutes: int
    kind: str  # opening, intro, work, debrief, break, lunch, catch-up, closing
    kata: Kata | None = None
    continued: bool = False  # the second part of a work block split by a break


@dataclass(frozen=True)
class Agenda:
    minutes: int
    slots: tuple[Slot, ...]
    katas: tuple[Kata, ...]
    left_out: tuple[Kata, ...]

    @property
    def end(self) -> int:
        return self.slots[-1].start + self.slots[-1].minutes if self.slots else 0


class AgendaError(KataError):
    """No plan is possible: the time is too short even for the opening and the closing."""


def plan(katas: Sequence[Kata], minutes: int) -> Agenda:
    if minutes < OPENING + CLOSING + INTRO + DEBRIEF + 10:
        raise AgendaError(f"{minutes} minutes is too short for a session: give at least 40.")
    chosen: list[Kata] = []
    for kata in katas:
        if _layout([*chosen, kata], minutes)[-1].start + CLOSING <= minutes:
            chosen.append(kata)
    slots = _layout(chosen, minutes)
    left_out = tuple(k for k in katas if k not in chosen)
    return Agenda(minutes=minutes, slots=tuple(slots), katas=tuple(chosen), left_out=left_out)


def _layout(katas: Sequence[Kata], minutes: int) -> list[Slot]:
    clock = _Clock(minutes)
    clock.add("opening", OPENING, None)
    for kata in katas:
        clock.lunch_before(INTRO + kata.minutes + DEBRIEF)
        clock.add("intro", INTRO, kata)
        clock.add("work", kata.minutes, kata)
        clock.add("debrief", DEBRIEF, kata)
    clock.catch_up(minutes - CLOSING)
    clock.slots.append(Slot(clock.now, CLOSING, "closing"))
    return clock.slots


class _Clock:
    def __init__(self, minutes: int) -> None:
        self.now, self.since_break = 0, 0
        self.slots: list[Slot] = []
        self.breaks = minutes > NO_BREAK_UNTIL
        self.lunch_due = minutes >= LUNCH_FROM
        self.middle = minutes // 2

    def lunch_before(self, block: int) -> None:
        """Lunch at a kata boundary: before the kata that would run well past the middle of the day."""
        if self.lunch_due and self.now + block > self.middle + block // 2:
            self._pause(LUNCH, "lunch")
            self.lunch_due = False

    def catch_up(self, until: int) -> None:
        """Fill the time left before `until` with catch-up, keeping the breaks."""
        while (slack := until - self.now) >= MIN_PART:
            if not self.breaks or self.since_break + slack <= BREAK_EVERY or slack < BREAK + MIN_PART:
                self._slot("catch-up", slack, None)
                return
            part = min(BREAK_EVERY - self.since_break, slack - BREAK)
            if part >= MIN_PART:
                self._slot("catch-up", part, None)
            self._pause(BREAK, "break")

    def add(self, kind: str, length: int, kata: Kata | None) -> None:
        continued = False
        while self.breaks and self.since_break + length > BREAK_EVERY:
            room = BREAK_EVERY - self.since_break
            if kind == "work" and room >= MIN_PART and length - room >= MIN_PART:
                self._slot(kind, room, kata, continued)
                length -= room
                continued = True
                self._pause(BREAK, "break")
            elif kind == "work" and self.slots[-1].kind == "intro" and self.since_break > self.slots[-1].minutes:
                intro = self.slots.pop()  # break before the introduction, not between it and the work
                self.now -= intro.minutes
                self._pause(BREAK, "break")
                self._slot("intro", intro.minutes, intro.kata)
            elif kind == "work" and MIN_PART <= length - MIN_PART <= room:
                # Just too long even right after a break (a 90-minute kata after its introduction):
                # split so that the second part lasts MIN_PART.
                self._slot(kind, length - MIN_PART, kata, continued)
                length = MIN_PART
                continued = True
                self._pause(BREAK, "break")
            else:
                self._pause(BREAK, "break")
        self._slot(kind, length, kata, continued)

    def _slot(self, kind: str, length: int, kata: Kata | None, continued: bool = False) -> None:
        self.slots.append(Slot(self.now, length, kind, kata, continued))
        self.now += length
        self.since_break += length

    def _pause(self, length: int, kind: str) -> None:
        self.slots.append(Slot(self.now, length, kind))
        self.now += length
        self.since_break = 0
