"""Routes translate HTTP to use cases and results back to HTTP, and decide nothing else."""

from fastapi import APIRouter, HTTPException
from fastapi.responses import JSONResponse

from inkwell.application.accounts import issue_token, register_user
from inkwell.application.posts import create_draft, get_post, publish_post
from inkwell.interface.deps import CallerDep, NotifierDep, UowDep
from inkwell.interface.schemas import NewPost, NewToken, NewUser, PostOut, TokenOut, UserOut

router = APIRouter()

# TODO(kata): the mobile team's client parses three shapes of error body (a JSON "error" with
# 200, a JSON "detail", plain text), and a database hiccup while drafting answers 400.


@router.post("/users", status_code=201, response_model=None)
def register(body: NewUser, uow: UowDep, notifier: NotifierDep) -> UserOut | JSONResponse:
    result = register_user(body.email, body.display_name, uow=uow, notifier=notifier)
    if isinstance(result, str):
        return JSONResponse({"error": result}, 200)
    return UserOut.of(result)


@router.post("/tokens", status_code=201, response_model=TokenOut)
def new_token(body: NewToken, uow: UowDep) -> TokenOut:
    token = issue_token(body.email, uow=uow)
    if token is None:
        raise HTTPException(401, "No account uses this email.")
    return TokenOut(token=token)


@router.post("/posts", status_code=201, response_model=PostOut)
def draft(body: NewPost, caller: CallerDep, uow: UowDep) -> PostOut:
    try:
        post = create_draft(caller, body.title, body.body, body.tags, uow=uow)
    except Exception as error:
        raise HTTPException(400, str(error)) from error
    return PostOut.of(post)


@router.get("/posts/{post_id}", response_model=PostOut)
def read_post(post_id: int, uow: UowDep) -> PostOut:
    post = get_post(post_id, uow=uow)
    if post is None:
        raise HTTPException(404, "Post not found")
    return PostOut.of(post)


@router.post("/posts/{post_id}/publish", response_model=None)
def publish(post_id: int, caller: CallerDep, uow: UowDep) -> PostOut | JSONResponse:
    post = publish_post(caller, post_id, uow=uow)
    if post is None:
        raise HTTPException(404)
    if isinstance(post, str):
        return JSONResponse({"error": post})
    return PostOut.of(post)
