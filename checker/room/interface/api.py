"""The learners' JSON API: join a room, post a check's summary, read one's own progress."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Body, Request, Response

from checker.room.application.learners import join_room, own_progress, record_report
from checker.room.domain.result import Err, Ok
from checker.room.interface.deps import CallerDep, ClientDep, CodeDep, LearnerIdDep, ReadUowDep, ServicesDep, UowDep
from checker.room.interface.problems import problem_for
from checker.room.interface.schemas import JoinIn, JoinOut, ProgressOut, ReportIn, ReportOut

router = APIRouter(prefix="/api")


@router.post("/rooms/{code}/learners", status_code=201, response_model=JoinOut)
def join(
    code: CodeDep, body: Annotated[JoinIn, Body()], request: Request, client: ClientDep, svc: ServicesDep, uow: UowDep
) -> JoinOut | Response:
    outcome = join_room(
        code, body.name, client=client, uow=uow, secrets=svc.secrets, limits=svc.join_limits, clock=svc.clock
    )
    match outcome:
        case Ok(joined):
            return JoinOut(
                room=joined.room.code, room_name=joined.room.name, learner_id=joined.learner.id, token=joined.token
            )
        case Err(error):
            return problem_for(error, request)


@router.post("/learners/{learner_id}/reports", status_code=201, response_model=ReportOut)
def report(
    learner_id: LearnerIdDep,
    body: Annotated[ReportIn, Body()],
    request: Request,
    response: Response,
    caller: CallerDep,
    svc: ServicesDep,
    uow: UowDep,
) -> ReportOut | Response:
    katas = {kata for kata, _ in svc.katas}
    outcome = record_report(
        caller, learner_id, body.to_summary(), uow=uow, limiter=svc.report_limiter, clock=svc.clock, katas=katas
    )
    match outcome:
        case Ok(recorded):
            if not recorded.stored:
                response.status_code = 200  # a retry of a report already stored: accepted, not counted twice
            return ReportOut(stored=recorded.stored)
        case Err(error):
            return problem_for(error, request)


@router.get("/learners/{learner_id}/progress", response_model=list[ProgressOut])
def progress(
    learner_id: LearnerIdDep, request: Request, caller: CallerDep, uow: ReadUowDep
) -> list[ProgressOut] | Response:
    match own_progress(caller, learner_id, uow=uow):
        case Ok(items):
            return [
                ProgressOut(
                    kata=p.kata,
                    best=p.best,
                    last=p.last,
                    checks=p.checks,
                    done=p.done,
                    started_at=p.started_at,
                    last_at=p.last_at,
                    failing=[n for n, _ in p.failing],
                )
                for p in items
            ]
        case Err(error):
            return problem_for(error, request)
