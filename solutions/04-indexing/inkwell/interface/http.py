"""The routes: each translates HTTP to one use case and its Result back to HTTP."""

from collections.abc import Callable, Iterator
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Request
from sqlalchemy.orm import Session

from inkwell.application import use_cases
from inkwell.domain.result import Err, Result
from inkwell.infrastructure.repositories import SqlAccounts, SqlPosts
from inkwell.interface import schemas
from inkwell.interface.problems import from_error


def build_router(sessions: Callable[[], Session]) -> APIRouter:
    router = APIRouter()

    def session() -> Iterator[Session]:
        with sessions() as s:
            yield s

    def accounts(s: Annotated[Session, Depends(session)]) -> SqlAccounts:
        return SqlAccounts(s)

    def posts(s: Annotated[Session, Depends(session)]) -> SqlPosts:
        return SqlPosts(s)

    AccountsDep = Annotated[SqlAccounts, Depends(accounts)]
    PostsDep = Annotated[SqlPosts, Depends(posts)]

    @router.post("/users", status_code=201, response_model=schemas.UserOut)
    def register(body: schemas.NewUser, repo: AccountsDep, request: Request) -> Any:
        return _answer(use_cases.register(repo, email=body.email, display_name=body.display_name), request)

    @router.post("/login", response_model=schemas.UserOut)
    def log_in(body: schemas.LogIn, repo: AccountsDep, request: Request) -> Any:
        return _answer(use_cases.log_in(repo, email=body.email), request)

    @router.post("/posts", status_code=201, response_model=schemas.PostOut)
    def write_post(body: schemas.NewPost, repo: PostsDep, request: Request) -> Any:
        return _answer(use_cases.write_post(repo, **body.model_dump()), request)

    @router.get("/posts/{slug}", response_model=schemas.PostOut)
    def read_post(slug: str, repo: PostsDep, request: Request) -> Any:
        return _answer(use_cases.read_post(repo, slug), request)

    @router.get("/posts/{slug}/comments", response_model=list[schemas.CommentOut])
    def comments(slug: str, repo: PostsDep, request: Request) -> Any:
        return _answer(use_cases.comments_on(repo, slug), request)

    @router.get("/users/{author_id}/posts", response_model=list[schemas.PostSummaryOut])
    def author_feed(author_id: int, repo: PostsDep) -> Any:
        return use_cases.author_feed(repo, author_id)

    @router.get("/tags/{name}/posts", response_model=list[schemas.PostSummaryOut])
    def tag_page(name: str, repo: PostsDep) -> Any:
        return use_cases.tag_page(repo, name)

    return router


def _answer(result: Result[Any, Any], request: Request) -> Any:
    if isinstance(result, Err):
        return from_error(result.error, request)
    return result.value
