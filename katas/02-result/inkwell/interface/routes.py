"""Routes translate HTTP to use cases and results back to HTTP, and decide nothing else."""

from fastapi import APIRouter, HTTPException
from fastapi.responses import JSONResponse

from inkwell.application.accounts import register_user
from inkwell.application.posts import create_draft, get_post, publish_post
from inkwell.interface.deps import CallerDep, NotifierDep, PostsDep, TagsDep, TokensDep, UsersDep
from inkwell.interface.schemas import NewPost, NewToken, NewUser, PostOut, TokenOut, UserOut

router = APIRouter()

# TODO(kata): Task 3. Each route matches on the use case's Result: Ok gives the response model,
# Err goes to the one mapping in inkwell.interface.problems. No {"error": ...} with 200, no
# HTTPException built from a message string, no `except Exception` turning bugs into 400s.


@router.post("/users", status_code=201, response_model=None)
def register(body: NewUser, users: UsersDep, notifier: NotifierDep) -> UserOut | JSONResponse:
    result = register_user(body.email, body.display_name, users=users, notifier=notifier)
    if isinstance(result, str):
        return JSONResponse({"error": result}, 200)
    return UserOut.of(result)


@router.post("/tokens", status_code=201, response_model=TokenOut)
def issue_token(body: NewToken, users: UsersDep, tokens: TokensDep) -> TokenOut:
    user = users.get_by_email(body.email.strip().lower())
    if user is None or user.id is None:
        raise HTTPException(401, "No account uses this email.")
    return TokenOut(token=tokens.issue(user.id))


@router.post("/posts", status_code=201, response_model=PostOut)
def draft(body: NewPost, caller: CallerDep, users: UsersDep, posts: PostsDep, tags: TagsDep) -> PostOut:
    try:
        post = create_draft(caller, body.title, body.body, body.tags, users=users, posts=posts, tags=tags)
    except Exception as error:
        raise HTTPException(400, str(error)) from error
    return PostOut.of(post)


@router.get("/posts/{post_id}", response_model=PostOut)
def read_post(post_id: int, posts: PostsDep) -> PostOut:
    post = get_post(post_id, posts=posts)
    if post is None:
        raise HTTPException(404, "Post not found")
    return PostOut.of(post)


@router.post("/posts/{post_id}/publish", response_model=None)
def publish(post_id: int, caller: CallerDep, posts: PostsDep) -> PostOut | JSONResponse:
    post = publish_post(caller, post_id, posts=posts)
    if post is None:
        raise HTTPException(404)
    if isinstance(post, str):
        return JSONResponse({"error": post})
    return PostOut.of(post)
