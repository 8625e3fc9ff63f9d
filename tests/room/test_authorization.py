"""The authorization matrix, driven over HTTP: every caller against every resource of room A.

Callers: nobody, a token that belongs to nobody, two learners of room A (Ada, whose data is the
target, and Grace), a learner of room B, the facilitator of room A and the facilitator of room B.
What belongs to another room answers 404, so that no token learns what exists beyond its room.
"""

from __future__ import annotations

import pytest

from tests.room.conftest import new_room, summary

CALLERS = ("nobody", "junk", "ada", "grace", "zed_of_b", "admin_a", "admin_b")
#                                nobody junk ada  grace zed  adm_a adm_b
MATRIX = {
    ("GET", "/rooms/{a}/board.json"): (401, 401, 403, 403, 404, 200, 404),
    ("GET", "/rooms/{a}/board"): (401, 401, 403, 403, 404, 200, 404),
    ("GET", "/rooms/{a}/export.csv"): (401, 401, 403, 403, 404, 200, 404),
    ("GET", "/rooms/{a}"): (401, 401, 403, 403, 404, 200, 404),
    ("POST", "/rooms/{a}/close"): (401, 401, 403, 403, 404, 200, 404),
    ("POST", "/rooms/{a}/archive"): (401, 401, 403, 403, 404, 409, 404),  # 409: allowed, but the room is open
    ("GET", "/api/learners/{ada}/progress"): (401, 401, 200, 404, 404, 200, 404),
    ("POST", "/api/learners/{ada}/reports"): (401, 401, 201, 404, 404, 403, 404),
}
CASES = [
    pytest.param(method, path, caller, status, id=f"{caller}-{method}-{path}")
    for (method, path), statuses in MATRIX.items()
    for caller, status in zip(CALLERS, statuses, strict=True)
]


@pytest.fixture
def world(app, client, room, join):
    other = new_room(app, "Other room")
    ada, grace = join("Ada"), join("Grace")
    zed = join("Zed", other.room.code)
    tokens = {
        "nobody": None,
        "junk": "not-a-token-of-anyone-0000000000",
        "ada": ada.token,
        "grace": grace.token,
        "zed_of_b": zed.token,
        "admin_a": room.admin_token,
        "admin_b": other.admin_token,
    }
    return {"a": room.room.code, "ada": ada, "tokens": tokens}


@pytest.mark.parametrize(("method", "path", "caller", "expected"), CASES)
def test_each_caller_gets_exactly_what_the_matrix_allows(client, world, method, path, caller, expected):
    url = path.format(a=world["a"], ada=world["ada"].id)
    token = world["tokens"][caller]
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    body = summary() if path.endswith("/reports") else None
    response = client.request(method, url, headers=headers, json=body)
    assert response.status_code == expected, (
        f"{caller} {method} {url}: got {response.status_code}, the matrix says {expected}: {response.text[:200]}"
    )
    if expected >= 400 and not url.endswith(world["a"]):
        assert response.headers["content-type"] == "application/problem+json"


def test_a_refused_report_leaves_the_target_learners_progress_untouched(client, world):
    ada = world["ada"]
    for caller in ("grace", "zed_of_b", "admin_a", "admin_b"):
        headers = {"Authorization": f"Bearer {world['tokens'][caller]}"}
        client.post(f"/api/learners/{ada.id}/reports", json=summary(score=100), headers=headers)
    assert client.get(f"/api/learners/{ada.id}/progress", headers=ada.auth).json() == []


def test_a_learner_sees_only_their_own_progress(client, world, join):
    ada, grace = world["ada"], join("Grace Hopper")
    client.post(f"/api/learners/{grace.id}/reports", json=summary(score=60), headers=grace.auth)
    client.post(f"/api/learners/{ada.id}/reports", json=summary(score=10), headers=ada.auth)
    mine = client.get(f"/api/learners/{ada.id}/progress", headers=ada.auth).json()
    assert [p["best"] for p in mine] == [10.0]


def test_an_admin_cookie_of_room_a_opens_nothing_in_room_b(app, client, room):
    other = new_room(app, "Other room")
    client.post(f"/rooms/{room.room.code}/session", json={"token": room.admin_token})
    assert client.get(f"/rooms/{room.room.code}/board.json").status_code == 200
    # The cookie is scoped to room A's path, and its token is no admin of room B.
    client.cookies.set("room_admin", room.admin_token, path=f"/rooms/{other.room.code}")
    assert client.get(f"/rooms/{other.room.code}/board.json").status_code == 404
