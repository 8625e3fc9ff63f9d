"""The room's HTTP API through TestClient: joining, reporting, idempotency, closing, and bad inputs."""

from __future__ import annotations

import pytest

from tests.room.conftest import START, summary

PROBLEM = "application/problem+json"


def test_a_learner_joins_with_the_code_and_gets_a_token_of_their_own(client, room):
    response = client.post(f"/api/rooms/{room.room.code}/learners", json={"name": "Ada Lovelace"})
    assert response.status_code == 201, response.text
    body = response.json()
    assert body["room"] == room.room.code and body["room_name"] == "Tuesday workshop"
    assert len(body["token"]) >= 32 and body["token"] != room.admin_token


def test_a_taken_name_in_the_same_room_is_a_conflict(client, room, join):
    join("Ada")
    response = client.post(f"/api/rooms/{room.room.code}/learners", json={"name": "Ada"})
    assert response.status_code == 409 and response.headers["content-type"] == PROBLEM
    assert "already called 'Ada'" in response.json()["detail"]


def test_an_unknown_room_code_is_not_found_as_problem_json(client):
    response = client.post("/api/rooms/ZZZZZZ/learners", json={"name": "Ada"})
    assert response.status_code == 404 and response.headers["content-type"] == PROBLEM
    problem = response.json()
    assert set(problem) >= {"type", "title", "status", "detail", "instance"}
    assert problem["instance"] == "/api/rooms/ZZZZZZ/learners"


def test_a_report_is_stored_once_however_often_it_is_retried(client, join, admin, room):
    ada = join("Ada")
    report = summary(score=40)
    first = client.post(f"/api/learners/{ada.id}/reports", json=report, headers=ada.auth)
    again = client.post(f"/api/learners/{ada.id}/reports", json=report, headers=ada.auth)
    assert (first.status_code, first.json()) == (201, {"stored": True})
    assert (again.status_code, again.json()) == (200, {"stored": False})
    progress = client.get(f"/api/learners/{ada.id}/progress", headers=ada.auth).json()
    assert [(p["kata"], p["checks"], p["best"], p["failing"]) for p in progress] == [("00-welcome", 1, 40.0, [2])]


def test_a_late_report_of_an_older_check_does_not_replace_the_latest(client, join, clock):
    ada = join("Ada")
    clock.advance(minutes=30)  # both checks lie in the past when they arrive
    later = summary(score=100, at=START.replace(minute=20))
    older = summary(score=25, at=START.replace(minute=5))
    for report in (later, older):
        client.post(f"/api/learners/{ada.id}/reports", json=report, headers=ada.auth)
    [progress] = client.get(f"/api/learners/{ada.id}/progress", headers=ada.auth).json()
    assert (progress["best"], progress["last"], progress["done"], progress["checks"]) == (100, 100, True, 2)
    assert progress["started_at"].startswith("2026-05-04T09:05")


def test_a_closed_room_takes_no_report_and_no_new_learner(client, join, admin, room):
    ada = join("Ada")
    closed = client.post(f"/rooms/{room.room.code}/close", headers=admin)
    assert closed.status_code == 200 and closed.json()["status"] == "closed"
    report = client.post(f"/api/learners/{ada.id}/reports", json=summary(), headers=ada.auth)
    assert report.status_code == 409 and "closed" in report.json()["detail"]
    late = client.post(f"/api/rooms/{room.room.code}/learners", json={"name": "Grace"})
    assert late.status_code == 409
    assert client.get(f"/rooms/{room.room.code}/board.json", headers=admin).status_code == 200


def test_archiving_needs_a_closed_room_and_revokes_every_learner_token(client, join, admin, room):
    ada = join("Ada")
    early = client.post(f"/rooms/{room.room.code}/archive", headers=admin)
    assert early.status_code == 409 and "only a closed room" in early.json()["detail"]
    client.post(f"/rooms/{room.room.code}/close", headers=admin)
    assert client.post(f"/rooms/{room.room.code}/archive", headers=admin).json()["status"] == "archived"
    assert client.get(f"/api/learners/{ada.id}/progress", headers=ada.auth).status_code == 401


def test_reports_beyond_the_rate_limit_get_429_with_retry_after(client, join):
    ada = join("Ada")
    statuses = [
        client.post(f"/api/learners/{ada.id}/reports", json=summary(), headers=ada.auth).status_code for _ in range(40)
    ]
    assert statuses.count(201) >= 30 and statuses[-1] == 429, statuses
    limited = client.post(f"/api/learners/{ada.id}/reports", json=summary(), headers=ada.auth)
    assert limited.headers["content-type"] == PROBLEM and int(limited.headers["retry-after"]) >= 1


def test_the_board_counts_done_names_the_most_failing_task_and_the_median_time(client, join, admin, room, clock):
    ada, grace, linus = join("Ada"), join("Grace"), join("Linus")
    post = lambda who, **kw: client.post(f"/api/learners/{who.id}/reports", json=summary(**kw), headers=who.auth)  # noqa: E731
    clock.now = START.replace(minute=45)
    post(ada, score=25, at=START)
    post(ada, score=100, at=START.replace(minute=10))
    post(grace, score=25, at=START)
    post(grace, score=100, at=START.replace(minute=30))
    post(linus, score=0, at=START.replace(minute=5))
    board = client.get(f"/rooms/{room.room.code}/board.json", headers=admin).json()
    welcome = next(k for k in board["katas"] if k["kata"] == "00-welcome")
    assert (welcome["done"], welcome["working"], welcome["median_minutes"]) == (2, 1, 20.0)
    assert welcome["hardest_task"] == 1
    linus_row = next(r for r in board["learners"] if r["name"] == "Linus")
    assert linus_row["katas"]["00-welcome"] == {"best": 0.0, "done": False, "minutes": 40.0}


def test_the_csv_export_has_a_row_per_learner_and_kata_and_defuses_formulas(client, join, admin, room):
    ada = join("Ada")
    client.post(f"/api/learners/{ada.id}/reports", json=summary(score=40), headers=ada.auth)
    response = client.get(f"/rooms/{room.room.code}/export.csv", headers=admin)
    assert response.status_code == 200 and response.headers["content-type"].startswith("text/csv")
    assert f'filename="room-{room.room.code}.csv"' in response.headers["content-disposition"]
    lines = response.text.splitlines()
    assert lines[0] == "learner,kata,best,last,checks,done,minutes,started_at,finished_at,failing"
    assert lines[1].startswith("Ada,00-welcome,40,40,1,no,")


def test_the_room_page_escapes_what_learners_typed(client, admin, room, join):
    join("Dara O'Brien")
    page = client.get(f"/rooms/{room.room.code}", headers=admin)
    assert page.status_code == 200 and "Dara O&#x27;Brien" in page.text


def test_the_board_answers_304_while_nothing_changed(client, admin, room, join):
    first = client.get(f"/rooms/{room.room.code}/board", headers=admin)
    same = client.get(f"/rooms/{room.room.code}/board", headers={**admin, "If-None-Match": first.headers["etag"]})
    assert same.status_code == 304
    join("Ada")
    changed = client.get(f"/rooms/{room.room.code}/board", headers={**admin, "If-None-Match": first.headers["etag"]})
    assert changed.status_code == 200 and "Ada" in changed.text


def test_the_page_link_signs_the_facilitator_in_with_an_httponly_strict_cookie(client, room):
    assert client.get(f"/rooms/{room.room.code}").status_code == 401
    wrong = client.post(f"/rooms/{room.room.code}/session", json={"token": "not-it"})
    assert wrong.status_code == 401 and wrong.headers["content-type"] == PROBLEM
    signed = client.post(f"/rooms/{room.room.code}/session", json={"token": room.admin_token})
    cookie = signed.headers["set-cookie"]
    assert signed.status_code == 204 and "HttpOnly" in cookie and "SameSite=strict" in cookie
    assert f"Path=/rooms/{room.room.code}" in cookie
    assert client.get(f"/rooms/{room.room.code}").status_code == 200


BAD_REPORTS = {
    "an unknown field": {"code": "print('hi')"},
    "a score above 100": {"score": 101},
    "a score as a string": {"score": "40"},
    "a kata id that is not one": {"kata": "../etc/passwd"},
    "a kata outside the course": {"kata": "99-unknown"},
    "a time without a time zone": {"checked_at": "2026-05-04T09:00:00"},
    "a report id that is not hex": {"report_id": "x" * 32},
    "no tasks": {"tasks": []},
    "a task that earned more than its points": {
        "tasks": [{"number": 1, "title": "t", "points": 5, "earned": 6, "passed": True}]
    },
    "a task with an unknown field": {
        "tasks": [{"number": 1, "title": "t", "points": 5, "earned": 5, "passed": True, "source": "x"}]
    },
    "a title too long": {"tasks": [{"number": 1, "title": "t" * 121, "points": 5, "earned": 5, "passed": True}]},
    "a time out of any range": {"checked_at": "9999-12-31T23:59:59-23:59"},
    "a time a week old": {"checked_at": "2026-04-27T09:00:00+00:00"},
    "a time in the future": {"checked_at": "2026-05-04T10:00:00+00:00"},
    "a score the tasks do not add up to": {"score": 90},
    "complete with a failing task": {"complete": True},
    "a task passed without its points": {
        "score": 1,
        "tasks": [{"number": 1, "title": "t", "points": 5, "earned": 1, "passed": True}],
    },
}


@pytest.mark.parametrize("change", BAD_REPORTS.values(), ids=BAD_REPORTS.keys())
def test_a_malformed_report_is_refused_with_422_and_nothing_is_stored(client, join, change):
    ada = join("Ada")
    response = client.post(f"/api/learners/{ada.id}/reports", json={**summary(), **change}, headers=ada.auth)
    assert response.status_code == 422, response.text
    assert response.headers["content-type"] == PROBLEM
    assert client.get(f"/api/learners/{ada.id}/progress", headers=ada.auth).json() == []


@pytest.mark.parametrize("name", ["", " ", "x" * 41, "<script>", "=cmd()", "-1", "a\nb"], ids=lambda n: repr(n)[:12])
def test_a_name_outside_the_rules_is_refused(client, room, name):
    response = client.post(f"/api/rooms/{room.room.code}/learners", json={"name": name})
    assert response.status_code == 422 and response.headers["content-type"] == PROBLEM


def test_a_join_with_an_extra_field_is_refused(client, room):
    response = client.post(f"/api/rooms/{room.room.code}/learners", json={"name": "Ada", "admin": True})
    assert response.status_code == 422 and response.json()["errors"][0]["field"] == "admin"


def test_a_body_over_16_kib_is_refused_before_it_is_read(client, join):
    ada = join("Ada")
    response = client.post(
        f"/api/learners/{ada.id}/reports",
        content=b"{" + b" " * 20_000 + b"}",
        headers={**ada.auth, "Content-Type": "application/json"},
    )
    assert response.status_code == 413 and response.headers["content-type"] == PROBLEM


def test_a_chunked_body_of_unknown_length_is_refused(client, join):
    ada = join("Ada")

    def chunks():
        yield b'{"name": '
        yield b'"Ada"}'

    response = client.post(f"/api/learners/{ada.id}/reports", content=chunks(), headers=ada.auth)
    assert response.status_code == 411


@pytest.mark.parametrize("path", ["/rooms/abc/board.json", "/rooms/TOOLONGCODE/board.json", "/api/learners/0/progress"])
def test_a_malformed_path_is_a_422_problem(client, admin, path):
    response = client.get(path, headers=admin)
    assert response.status_code == 422 and response.headers["content-type"] == PROBLEM


def test_an_unknown_route_is_a_404_problem(client):
    response = client.get("/nowhere")
    assert response.status_code == 404 and response.headers["content-type"] == PROBLEM
