"""Routes translate HTTP to use cases and results back to HTTP, and decide nothing else."""

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import JSONResponse

from inkwell.application.accounts import register_user
from inkwell.application.posts import create_draft, get_post, publish_post
from inkwell.interface.deps import CallerDep, NotifierDep, PostsDep, TagsDep, TokensDep, UsersDep
from inkwell.interface.problems import problem_for
from inkwell.interface.schemas import NewPost, NewToken, NewUser, PostOut, TokenOut, UserOut
from inkwell.result import Err, Ok

router = APIRouter()

# Each route matches on the Result: Ok becomes the response model, every Err goes to the one
# mapping in problems.py. Exceptions are not caught here: the edge's handler answers 500.


@router.post("/users", status_code=201, response_model=UserOut)
def register(body: NewUser, request: Request, users: UsersDep, notifier: NotifierDep) -> UserOut | JSONResponse:
    match register_user(body.email, body.display_name, users=users, notifier=notifier):
        case Ok(user):
            return UserOut.of(user)
        case Err(error):
            return problem_for(error, request)


@router.post("/tokens", status_code=201, response_model=TokenOut)
def issue_token(body: NewToken, users: UsersDep, tokens: TokensDep) -> TokenOut:
    user = users.get_by_email(body.email.strip().lower())
    if user is None or user.id is None:
        raise HTTPException(401, "No account uses this email.")
    return TokenOut(token=tokens.issue(user.id))


@router.post("/posts", status_code=201, response_model=PostOut)
def draft(
    body: NewPost,
    request: Request,
    caller: CallerDep,
    users: UsersDep,
    posts: PostsDep,
    tags: TagsDep,
) -> PostOut | JSONResponse:
    result = create_draft(caller, body.title, body.body, body.tags, users=users, posts=posts, tags=tags)
    match result:
        case Ok(post):
            return PostOut.of(post)
        case Err(error):
            return problem_for(error, request)


@router.get("/posts/{post_id}", response_model=PostOut)
def read_post(post_id: int, request: Request, posts: PostsDep) -> PostOut | JSONResponse:
    match get_post(post_id, posts=posts):
        case Ok(post):
            return PostOut.of(post)
        case Err(error):
            return problem_for(error, request)


@router.post("/posts/{post_id}/publish", response_model=PostOut)
def publish(post_id: int, request: Request, caller: CallerDep, posts: PostsDep) -> PostOut | JSONResponse:
    match publish_post(caller, post_id, posts=posts):
        case Ok(post):
            return PostOut.of(post)
        case Err(error):
            return problem_for(error, request)
