"""The HTTP API of the N+1 kata and its composition root."""

from collections.abc import Iterator
from typing import Annotated

from fastapi import Depends, FastAPI
from fastapi.responses import JSONResponse
from sqlalchemy.orm import Session, sessionmaker

from inkwell.authors import author_page, authors_page
from inkwell.db import make_engine
from inkwell.feed import feed_page
from inkwell.paging import Paging, paging
from inkwell.views import AuthorPage, AuthorSummary, FeedItem, Page

PageParams = Annotated[Paging, Depends(paging)]


def create_app(database_url: str = "sqlite://") -> FastAPI:
    engine = make_engine(database_url)
    sessions = sessionmaker(engine, expire_on_commit=False)
    app = FastAPI(title="Inkwell (N+1 kata)")
    # Part of the contract: the suites listen on this engine to count the statements a request runs.
    app.state.engine = engine

    def session() -> Iterator[Session]:
        with sessions() as s:
            yield s

    SessionDep = Annotated[Session, Depends(session)]

    @app.get("/feed", response_model=Page[FeedItem])
    def feed(db: SessionDep, page: PageParams) -> Page[FeedItem]:
        return feed_page(db, page)

    @app.get("/authors", response_model=Page[AuthorSummary])
    def authors(db: SessionDep, page: PageParams) -> Page[AuthorSummary]:
        return authors_page(db, page)

    @app.get("/authors/{author_id}/posts", response_model=AuthorPage)
    def posts_of_author(author_id: int, db: SessionDep, page: PageParams) -> AuthorPage | JSONResponse:
        found = author_page(db, author_id, page)
        if found is None:
            return _not_found(f"No author has the id {author_id}.")
        return found

    return app


def _not_found(detail: str) -> JSONResponse:
    problem = {"type": "about:blank", "title": "Not Found", "status": 404, "detail": detail}
    return JSONResponse(problem, status_code=404, media_type="application/problem+json")
