"""The routes: each translates HTTP to one use case and its Result back to HTTP, and decides nothing else."""

from typing import Any

from fastapi import APIRouter, Request

from inkwell.application import use_cases
from inkwell.domain.result import Err, Result
from inkwell.interface import schemas
from inkwell.interface.deps import UowDep
from inkwell.interface.problems import from_error

router = APIRouter()

SIGN_IN = {"detail": "If an account uses this address, a sign-in link is on its way."}


@router.post("/users", status_code=201, response_model=schemas.UserOut)
def register(body: schemas.NewUser, uow: UowDep, request: Request) -> Any:
    return _answer(use_cases.register(uow, email=body.email, display_name=body.display_name), request)


@router.post("/login", status_code=202)
def log_in(body: schemas.LogIn, uow: UowDep, request: Request) -> Any:
    # One answer whether an account uses the address or not: login does not tell who is a member.
    result = use_cases.log_in(uow, email=body.email)
    return from_error(result.error, request) if isinstance(result, Err) else SIGN_IN


@router.post("/posts", status_code=201, response_model=schemas.PostOut)
def write_post(body: schemas.NewPost, uow: UowDep, request: Request) -> Any:
    return _answer(use_cases.write_post(uow, **body.model_dump()), request)


@router.get("/posts/{slug}", response_model=schemas.PostOut)
def read_post(slug: str, uow: UowDep, request: Request) -> Any:
    return _answer(use_cases.read_post(uow, slug), request)


@router.get("/posts/{slug}/comments", response_model=list[schemas.CommentOut])
def comments(slug: str, uow: UowDep, request: Request) -> Any:
    return _answer(use_cases.comments_on(uow, slug), request)


@router.get("/users/{author_id}/posts", response_model=list[schemas.PostSummaryOut])
def author_feed(author_id: int, uow: UowDep) -> Any:
    return use_cases.author_feed(uow, author_id)


@router.get("/tags/{name}/posts", response_model=list[schemas.PostSummaryOut])
def tag_page(name: str, uow: UowDep) -> Any:
    return use_cases.tag_page(uow, name)


def _answer(result: Result[Any, Any], request: Request) -> Any:
    if isinstance(result, Err):
        return from_error(result.error, request)
    return result.value
