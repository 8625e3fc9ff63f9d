"""Routes translate HTTP to use cases and results back to HTTP, and decide nothing else."""

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse

from inkwell.application.reading import list_authors, show_author, show_feed
from inkwell.interface.deps import PageDep, UowDep
from inkwell.interface.problems import problem_for
from inkwell.interface.schemas import AuthorPageOut, AuthorsPageOut, FeedPageOut
from inkwell.result import Err, Ok

router = APIRouter()


@router.get("/feed", response_model=FeedPageOut)
def feed(page: PageDep, uow: UowDep) -> FeedPageOut:
    return FeedPageOut.model_validate(show_feed(page, uow=uow))


@router.get("/authors", response_model=AuthorsPageOut)
def authors(page: PageDep, uow: UowDep) -> AuthorsPageOut:
    return AuthorsPageOut.model_validate(list_authors(page, uow=uow))


@router.get("/authors/{author_id}/posts", response_model=AuthorPageOut)
def author_posts(author_id: int, page: PageDep, request: Request, uow: UowDep) -> AuthorPageOut | JSONResponse:
    match show_author(author_id, page, uow=uow):
        case Ok(found):
            return AuthorPageOut.model_validate(found)
        case Err(error):
            return problem_for(error, request)
