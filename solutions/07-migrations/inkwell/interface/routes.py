"""The routes: each translates HTTP to one use case and its Result back to HTTP, and decides nothing else."""

from typing import Any

from fastapi import APIRouter, Request

from inkwell.application import use_cases
from inkwell.domain.result import Err
from inkwell.interface import schemas
from inkwell.interface.deps import UowDep
from inkwell.interface.problems import from_error

router = APIRouter()


@router.post("/users", status_code=201, response_model=schemas.UserOut)
def register(body: schemas.NewUser, uow: UowDep, request: Request) -> Any:
    result = use_cases.register(uow, **body.model_dump())
    return from_error(result.error, request) if isinstance(result, Err) else result.value


@router.get("/users/{user_id}", response_model=schemas.UserOut)
def read_user(user_id: int, uow: UowDep, request: Request) -> Any:
    result = use_cases.read_user(uow, user_id)
    return from_error(result.error, request) if isinstance(result, Err) else result.value


@router.get("/users", response_model=list[schemas.UserOut])
def newest_members(uow: UowDep) -> Any:
    return use_cases.newest_members(uow)
