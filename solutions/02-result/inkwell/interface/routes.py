"""Routes translate HTTP to use cases and results back to HTTP, and decide nothing else."""

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse

from inkwell.application.accounts import issue_token, register_user
from inkwell.application.posts import create_draft, get_post, publish_post
from inkwell.interface.deps import CallerDep, NotifierDep, UowDep
from inkwell.interface.problems import problem_for
from inkwell.interface.schemas import NewPost, NewToken, NewUser, PostOut, TokenOut, UserOut
from inkwell.result import Err, Ok

router = APIRouter()

# Each route matches on the Result: Ok becomes the response model, every Err goes to the one
# mapping in problems.py. Exceptions are not caught here: the edge's handlers answer 503 or 500.


@router.post("/users", status_code=201, response_model=UserOut)
def register(body: NewUser, request: Request, uow: UowDep, notifier: NotifierDep) -> UserOut | JSONResponse:
    match register_user(body.email, body.display_name, uow=uow, notifier=notifier):
        case Ok(user):
            return UserOut.of(user)
        case Err(error):
            return problem_for(error, request)


@router.post("/tokens", status_code=201, response_model=TokenOut)
def new_token(body: NewToken, request: Request, uow: UowDep) -> TokenOut | JSONResponse:
    match issue_token(body.email, uow=uow):
        case Ok(token):
            return TokenOut(token=token)
        case Err(error):
            return problem_for(error, request)


@router.post("/posts", status_code=201, response_model=PostOut)
def draft(body: NewPost, request: Request, caller: CallerDep, uow: UowDep) -> PostOut | JSONResponse:
    match create_draft(caller, body.title, body.body, body.tags, uow=uow):
        case Ok(post):
            return PostOut.of(post)
        case Err(error):
            return problem_for(error, request)


@router.get("/posts/{post_id}", response_model=PostOut)
def read_post(post_id: int, request: Request, uow: UowDep) -> PostOut | JSONResponse:
    match get_post(post_id, uow=uow):
        case Ok(post):
            return PostOut.of(post)
        case Err(error):
            return problem_for(error, request)


@router.post("/posts/{post_id}/publish", response_model=PostOut)
def publish(post_id: int, request: Request, caller: CallerDep, uow: UowDep) -> PostOut | JSONResponse:
    match publish_post(caller, post_id, uow=uow):
        case Ok(post):
            return PostOut.of(post)
        case Err(error):
            return problem_for(error, request)
