"""The learner's side: joining, the local queue, and the background report after each check."""

from __future__ import annotations

import json
import stat
import time
import uuid
from datetime import UTC, datetime

import httpx2
import pytest

from checker.room.client import report_in_background
from checker.room.client.joining import JoinError, join
from checker.room.client.membership import Membership, load, membership_file
from checker.room.client.outbox import Outbox
from checker.room.client.sender import send_pending
from tests.room.conftest import summary as summary_at


def summary(**changes):
    # The live server keeps real time, and takes only checks of the last day.
    return summary_at(at=datetime.now(UTC), **changes)


def board(server, opened) -> dict:
    headers = {"Authorization": f"Bearer {opened.admin_token}"}
    return httpx2.get(f"{server.url}/rooms/{opened.room.code}/board.json", headers=headers, timeout=5).json()


def test_without_a_room_a_check_sends_nothing_and_writes_nothing(tmp_path):
    started = time.perf_counter()
    report_in_background(tmp_path, object())  # type: ignore[arg-type]
    assert time.perf_counter() - started < 0.1
    assert not (tmp_path / ".kata").exists()


def test_a_broken_membership_file_never_fails_the_check(tmp_path):
    membership_file(tmp_path).parent.mkdir()
    membership_file(tmp_path).write_text("{not json")
    report_in_background(tmp_path, object())  # type: ignore[arg-type]  # must not raise


def test_joining_stores_the_token_readable_by_the_learner_only(tmp_path, live):
    server, opened = live
    membership = join(tmp_path, server.url + "/", opened.room.code.lower(), " Ada ")
    assert (membership.room, membership.name) == (opened.room.code, "Ada")
    assert load(tmp_path) == membership
    assert stat.S_IMODE(membership_file(tmp_path).stat().st_mode) == 0o600


def test_joining_another_room_forgets_what_was_queued_for_the_first(tmp_path, live):
    server, opened = live
    join(tmp_path, server.url, opened.room.code, "Ada")
    Outbox(tmp_path).put(summary())
    join(tmp_path, server.url, opened.room.code, "Ada Again")
    assert len(Outbox(tmp_path)) == 0 and load(tmp_path).name == "Ada Again"


@pytest.mark.parametrize(
    ("url", "code", "says"),
    [
        ("ftp://example", "ABCDEF", "is not a web address"),
        ("http://127.0.0.1:9", "ABCDEF", "Could not reach the room"),
    ],
)
def test_a_join_that_cannot_work_says_why(tmp_path, url, code, says):
    with pytest.raises(JoinError, match=says):
        join(tmp_path, url, code, "Ada")
    assert not membership_file(tmp_path).exists()


def test_a_wrong_code_is_the_servers_sentence(tmp_path, live):
    server, _ = live
    with pytest.raises(JoinError, match="There is no room ZZZZZZ"):
        join(tmp_path, server.url, "ZZZZZZ", "Ada")


def test_a_refused_name_is_the_servers_one_sentence_said_once(tmp_path, live):
    server, opened = live
    with pytest.raises(JoinError) as refused:
        join(tmp_path, server.url, opened.room.code, "A\u200bda")
    assert str(refused.value) == (
        "The name holds a character that prints nothing (U+200B ZERO WIDTH SPACE); type it with visible characters only."
    )
    assert not membership_file(tmp_path).exists()


def test_summaries_wait_in_the_queue_while_the_server_is_down_and_go_out_later(tmp_path, live):
    server, opened = live
    member = join(tmp_path, server.url, opened.room.code, "Ada")
    outbox = Outbox(tmp_path)
    reports = [summary(score=s) for s in (10, 40, 100)]
    for report in reports:
        outbox.put(report)
    offline = Membership(**{**member.__dict__, "url": "http://127.0.0.1:9"})
    with httpx2.Client(timeout=1) as client:
        down = send_pending(offline, outbox, client)
        assert (down.sent, down.kept) == (0, 3)
        outbox.put(reports[0])  # the same report queued twice is kept once
        up = send_pending(member, outbox, client)
    assert (up.sent, up.kept, len(outbox)) == (3, 0, 0)
    [row] = board(server, opened)["learners"]
    assert row["katas"]["00-welcome"]["best"] == 100 and row["katas"]["00-welcome"]["done"] is True


def test_a_report_resent_after_a_lost_answer_is_counted_once(tmp_path, live):
    server, opened = live
    member = join(tmp_path, server.url, opened.room.code, "Ada")
    report = summary(score=40)
    with httpx2.Client(timeout=2) as client:
        for _ in range(3):
            Outbox(tmp_path).put(report)
            send_pending(member, Outbox(tmp_path), client)
        progress = client.get(
            f"{server.url}/api/learners/{member.learner_id}/progress",
            headers={"Authorization": f"Bearer {member.token}"},
        ).json()
    assert progress[0]["checks"] == 1


def test_a_report_the_server_will_never_take_is_dropped_not_retried_forever(tmp_path, live):
    server, opened = live
    member = join(tmp_path, server.url, opened.room.code, "Ada")
    outbox = Outbox(tmp_path)
    outbox.put(summary(kata="99-not-in-the-course"))
    outbox.put(summary())
    with httpx2.Client(timeout=2) as client:
        outcome = send_pending(member, outbox, client)
    assert (outcome.sent, outcome.dropped, outcome.kept) == (1, 1, 0)


def test_kata_join_then_kata_check_puts_the_learner_on_the_board(kata, sandbox, live):
    server, opened = live
    joined = kata("join", server.url, "--room", opened.room.code, "--name", "Ada")
    assert joined.exit_code == 0, joined.output
    assert "Joined 'Tuesday workshop' as Ada" in joined.output and "never your code" in joined.output
    started = time.perf_counter()
    checked = kata("check", "00-welcome")
    assert checked.exit_code == 1 and "7.5/100" in checked.output
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        learners = board(server, opened)["learners"]
        if learners and learners[0]["katas"]:
            break
        time.sleep(0.2)
    ada = {"name": "Ada", "learner_id": 1, "lookalike": False}
    assert learners == [{**ada, "katas": {"00-welcome": {"best": 7.5, "done": False, "minutes": 0.0}}}], (
        f"the board after {time.perf_counter() - started:.1f} s: {learners}"
    )
    stored = json.loads((sandbox / ".kata" / "room.json").read_text())
    assert set(stored) == {"url", "room", "room_name", "name", "learner_id", "token"}


def test_kata_join_with_a_wrong_code_is_a_clean_error(kata, live):
    server, _ = live
    result = kata("join", server.url, "--room", "ZZZZZZ", "--name", "Ada")
    assert result.exit_code == 2 and "There is no room ZZZZZZ" in result.output
    assert "Traceback" not in result.output


def test_a_check_with_the_server_down_is_not_slowed_and_queues_its_summary(kata, sandbox, live):
    server, opened = live
    kata("join", server.url, "--room", opened.room.code, "--name", "Ada")
    membership = load(sandbox)
    assert membership is not None
    offline = {**membership.__dict__, "url": "http://10.255.255.1:9"}  # unroutable: a connect would hang
    membership_file(sandbox).write_text(json.dumps(offline))
    from checker.report import CheckReport
    from tests.conftest import CATALOG

    result = CheckReport(CATALOG.get("00-welcome"), ())
    started = time.perf_counter()
    report_in_background(sandbox, result)
    assert time.perf_counter() - started < 0.5
    assert len(Outbox(sandbox)) == 1
    assert uuid.UUID(Outbox(sandbox).pending()[0]["report_id"])


def test_each_recheck_of_kata_watch_reports_too(kata, live, monkeypatch):
    from checker.cli import watch_cmd
    from checker.cli.context import console, project
    from checker.report import CheckReport

    server, opened = live
    assert kata("join", server.url, "--room", opened.room.code, "--name", "Ada").exit_code == 0
    here = project()
    monkeypatch.setattr(watch_cmd, "check", lambda kata, launcher=None, cancel=None, jobs=1: CheckReport(kata, ()))
    session = watch_cmd._Session(here, here.kata("00-welcome"), None, console())  # type: ignore[arg-type]
    session._check()  # checks run in the background, so that a newer save can stop them
    assert session.running is not None
    session.running.join(30)
    deadline, learners = time.monotonic() + 20, []
    while time.monotonic() < deadline and not (learners and learners[0]["katas"]):
        learners = board(server, opened)["learners"]
        time.sleep(0.2)
    assert learners[0]["katas"]["00-welcome"]["best"] == 0.0, learners
