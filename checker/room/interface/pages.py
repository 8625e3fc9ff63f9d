"""The facilitator's room: the page, its live board, the JSON board, the CSV export, close and archive.

Each route takes the room's admin token as a bearer token or as the cookie the page sets.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Body, Header, Request
from fastapi.responses import HTMLResponse, Response

from checker.room.application.callers import identify
from checker.room.application.rooms import archive_room, close_room, room_board, room_version
from checker.room.domain.errors import DomainError, Unauthenticated
from checker.room.domain.model import Room
from checker.room.domain.policy import AsFacilitator
from checker.room.domain.result import Err, Ok
from checker.room.infrastructure.unit_of_work import SqlUnitOfWork
from checker.room.interface import render
from checker.room.interface.deps import ADMIN_COOKIE, CallerDep, CodeDep, ReadUowDep, ServicesDep, UowDep
from checker.room.interface.problems import problem_for
from checker.room.interface.schemas import RoomOut, SessionIn

router = APIRouter(prefix="/rooms/{code}")


def _etag(room: Room, svc: ServicesDep) -> str:
    # The board changes with every join and report, and its times move on: a new tag every 30 s.
    tick = 0 if room.closed_at else int(svc.clock().timestamp() // 30)
    return f'"{room.version}-{tick}"'


@router.get("", response_class=HTMLResponse)
def page(code: CodeDep, request: Request, caller: CallerDep, svc: ServicesDep, uow: ReadUowDep) -> Response:
    match room_board(caller, code, uow=uow, katas=svc.katas, clock=svc.clock):
        case Ok(board):
            join_url = svc.public_url or str(request.base_url).rstrip("/")
            html = render.page(board, join_url=join_url, etag=_etag(board.room, svc))
            return HTMLResponse(html, headers=_NO_STORE)
        case Err(Unauthenticated()):
            return HTMLResponse(render.login(code), 401, headers=_NO_STORE)
        case Err(error):
            return problem_for(error, request)


@router.post("/session", status_code=204)
def sign_in(code: CodeDep, body: Annotated[SessionIn, Body()], request: Request, svc: ServicesDep) -> Response:
    caller = identify(body.token, uow=SqlUnitOfWork(svc.engine, read_only=True), secrets=svc.secrets)
    if not (isinstance(caller, AsFacilitator) and caller.room.code == code):
        return problem_for(Unauthenticated("That is not this room's admin token."), request)
    response = Response(status_code=204)
    # HttpOnly: no script reads it; SameSite=Strict: no other site's page can act with it.
    response.set_cookie(ADMIN_COOKIE, body.token, httponly=True, samesite="strict", path=f"/rooms/{code}")
    return response


@router.get("/board", response_class=HTMLResponse)
def board(
    code: CodeDep,
    request: Request,
    caller: CallerDep,
    svc: ServicesDep,
    uow: ReadUowDep,
    if_none_match: Annotated[str | None, Header(max_length=100)] = None,
) -> Response:
    match room_version(caller, code, uow=uow):
        case Err(error):
            return problem_for(error, request)
        case Ok(room) if if_none_match == _etag(room, svc):
            return Response(status_code=304, headers={"ETag": if_none_match, **_NO_STORE})
    match room_board(caller, code, uow=uow, katas=svc.katas, clock=svc.clock):
        case Ok(built):
            etag = _etag(built.room, svc)
            return HTMLResponse(render.board_fragment(built, etag=etag), headers={"ETag": etag, **_NO_STORE})
        case Err(error):
            return problem_for(error, request)


@router.get("/board.json", response_model=None)
def board_json(
    code: CodeDep, request: Request, caller: CallerDep, svc: ServicesDep, uow: ReadUowDep
) -> dict[str, Any] | Response:
    match room_board(caller, code, uow=uow, katas=svc.katas, clock=svc.clock):
        case Ok(built):
            return {
                "room": {"code": built.room.code, "name": built.room.name, "status": built.room.status.value},
                "katas": [
                    {
                        "kata": c.kata,
                        "done": c.done,
                        "working": c.working,
                        "hardest_task": c.hardest[0] if c.hardest else None,
                        "median_minutes": round(c.median_done.total_seconds() / 60, 1) if c.median_done else None,
                    }
                    for c in built.columns
                ],
                "learners": [
                    {
                        "name": row.learner.name,
                        "learner_id": row.learner.id,
                        "lookalike": row.lookalike,
                        "katas": {
                            k: {
                                "best": p.best,
                                "done": p.done,
                                "minutes": round(p.spent(built.now).total_seconds() / 60, 1),
                            }
                            for k, p in row.cells.items()
                        },
                    }
                    for row in built.rows
                ],
            }
        case Err(error):
            return problem_for(error, request)


@router.get("/export.csv")
def export(code: CodeDep, request: Request, caller: CallerDep, svc: ServicesDep, uow: ReadUowDep) -> Response:
    match room_board(caller, code, uow=uow, katas=svc.katas, clock=svc.clock):
        case Ok(built):
            disposition = f'attachment; filename="room-{built.room.code}.csv"'
            headers = {"Content-Disposition": disposition, **_NO_STORE}
            return Response(render.export_csv(built), media_type="text/csv; charset=utf-8", headers=headers)
        case Err(error):
            return problem_for(error, request)


@router.post("/close", response_model=RoomOut)
def close(code: CodeDep, request: Request, caller: CallerDep, svc: ServicesDep, uow: UowDep) -> RoomOut | Response:
    return _room_or_problem(close_room(caller, code, uow=uow, clock=svc.clock), request)


@router.post("/archive", response_model=RoomOut)
def archive(code: CodeDep, request: Request, caller: CallerDep, svc: ServicesDep, uow: UowDep) -> RoomOut | Response:
    return _room_or_problem(archive_room(caller, code, uow=uow, clock=svc.clock), request)


def _room_or_problem(outcome: Ok[Room] | Err[DomainError], request: Request) -> RoomOut | Response:
    match outcome:
        case Ok(room):
            return RoomOut(code=room.code, name=room.name, status=room.status.value, closed_at=room.closed_at)
        case Err(error):
            return problem_for(error, request)


# Nothing of the room is cached, framed by another site, sniffed as another type, or sent as a referrer.
_NO_STORE = {
    "Cache-Control": "no-store",
    "X-Frame-Options": "DENY",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
}
