"""The room's rules in plain Python: progress folding, the board's figures, the rate limiter."""

from __future__ import annotations

from datetime import timedelta

from checker.room.domain.board import build_board
from checker.room.domain.model import Learner, Progress, Room, RoomStatus, Summary, TaskSummary
from checker.room.infrastructure.ratelimit import TokenBuckets
from tests.room.conftest import START

ROOM = Room(1, "ABCDEF", "Room", RoomStatus.OPEN, START)


def check(score: float, minute: int, kata: str = "00-welcome", failing: tuple[int, ...] = (2,)) -> Summary:
    tasks = tuple(TaskSummary(n, f"Task {n}", 50, 0 if n in failing else 50, n not in failing) for n in (1, 2))
    return Summary(f"{minute:032x}", kata, score, score >= 100, 1.0, START + timedelta(minutes=minute), tasks)


def test_progress_keeps_the_best_score_the_first_start_and_the_first_pass():
    progress = Progress.first(1, check(50, 10))
    for summary in (check(100, 20, failing=()), check(50, 30), check(0, 5, failing=(1, 2))):
        progress = progress.merge(summary)
    assert (progress.best, progress.last, progress.checks) == (100, 50, 4)
    assert progress.started_at == START + timedelta(minutes=5)
    assert progress.finished_at == START + timedelta(minutes=20)
    assert progress.spent(START + timedelta(hours=5)) == timedelta(minutes=15)


def test_time_spent_on_a_kata_not_done_keeps_counting():
    progress = Progress.first(1, check(50, 10))
    assert progress.spent(START + timedelta(minutes=25)) == timedelta(minutes=15)


def test_the_board_names_the_task_most_learners_still_fail_and_the_median_time_to_pass():
    learners = [Learner(n, 1, f"L{n}", START) for n in range(1, 5)]
    cells = [
        [Progress.first(1, check(100, 10, failing=()))],
        [Progress.first(2, check(50, 0)).merge(check(100, 30, failing=()))],
        [Progress.first(3, check(50, 0, failing=(1,)))],
        [Progress.first(4, check(0, 0, failing=(1, 2)))],
    ]
    board = build_board(
        ROOM, [("00-welcome", "Welcome"), ("01-layering", "Layers")], list(zip(learners, cells, strict=True)), START
    )
    welcome, layering = board.columns
    assert (welcome.done, welcome.working, welcome.hardest) == (2, 2, (1, "Task 1", 2))
    assert welcome.median_done == timedelta(minutes=15)
    assert (layering.done, layering.working, layering.hardest, layering.median_done) == (0, 0, None, None)


def test_a_kata_reported_but_not_in_the_course_still_gets_a_column():
    learner = Learner(1, 1, "Ada", START)
    board = build_board(
        ROOM, [("00-welcome", "Welcome")], [(learner, [Progress.first(1, check(10, 0, "07-extra"))])], START
    )
    assert [c.kata for c in board.columns] == ["00-welcome", "07-extra"]


def test_the_rate_limiter_allows_a_burst_then_one_call_per_period():
    now = [0.0]
    buckets = TokenBuckets(rate=2, burst=3, clock=lambda: now[0])
    assert [buckets.wait("a") for _ in range(3)] == [0, 0, 0]
    assert buckets.wait("a") == 0.5 and buckets.wait("b") == 0
    now[0] += 0.5
    assert buckets.wait("a") == 0
