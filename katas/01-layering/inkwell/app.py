"""The HTTP API of Inkwell and its composition root. Everything happens in the handlers."""

import secrets
from collections.abc import Iterator
from datetime import UTC, datetime
from typing import Annotated

from fastapi import Depends, FastAPI, Header, HTTPException
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from inkwell import services
from inkwell.db import PostRow, TokenRow, UserRow, make_engine
from inkwell.schemas import NewPost, NewUser, PostOut, RegisteredUserOut, UserOut
from inkwell.text import normalise_email, unique_slug


# TODO(kata): Task 2. Write the use cases (inkwell/application/use_cases.py) over the ports and a
# unit-of-work port, then keep create_app here as the composition root that only wires layers:
# an engine and a unit of work from the infrastructure, routers from the interface.
def create_app(database_url: str = "sqlite://") -> FastAPI:
    sessions = sessionmaker(make_engine(database_url), expire_on_commit=False)
    app = FastAPI(title="Inkwell (layering kata)")

    def session() -> Iterator[Session]:
        with sessions() as s:
            yield s

    SessionDep = Annotated[Session, Depends(session)]

    def current_user(db: SessionDep, authorization: Annotated[str | None, Header()] = None) -> UserRow:
        scheme, _, token = (authorization or "").partition(" ")
        row = db.get(TokenRow, token) if scheme.lower() == "bearer" and token else None
        user = db.get(UserRow, row.user_id) if row is not None else None
        if user is None:
            raise HTTPException(401, "A valid bearer token is required.", {"WWW-Authenticate": "Bearer"})
        return user

    CurrentUser = Annotated[UserRow, Depends(current_user)]

    # TODO(kata): Task 4. This handler normalises the email, checks for a duplicate and writes
    # rows itself. Make it build a RegisterUserInput, call the register_user use case, and
    # shape the answer; move the rules to the domain and the application.
    @app.post("/users", status_code=201, response_model=RegisteredUserOut)
    def register(body: NewUser, db: SessionDep) -> dict[str, object]:
        try:
            email = normalise_email(body.email)
        except ValueError as error:
            raise HTTPException(422, str(error)) from None
        if db.scalar(select(UserRow).where(UserRow.email == email)) is not None:
            raise HTTPException(409, f"{email} is already registered.")
        user = UserRow(email=email, display_name=body.display_name, created_at=datetime.now(UTC))
        db.add(user)
        db.flush()
        token = secrets.token_urlsafe(24)
        db.add(TokenRow(token=token, user_id=user.id))
        db.commit()
        return {**UserOut.model_validate(user).model_dump(), "token": token}

    @app.get("/users/{user_id}", response_model=UserOut)
    def read_user(user_id: int, db: SessionDep) -> UserRow:
        user = db.get(UserRow, user_id)
        if user is None:
            raise HTTPException(404, f"No user has id {user_id}.")
        return user

    # TODO(kata): Task 4. Slug generation and uniqueness are domain rules, and the session is
    # infrastructure: call a create_draft use case with a CreateDraftInput instead.
    @app.post("/posts", status_code=201, response_model=PostOut)
    def create_draft(body: NewPost, db: SessionDep, caller: CurrentUser) -> PostRow:
        taken = set(db.scalars(select(PostRow.slug)))
        post = PostRow(
            author_id=caller.id,
            title=body.title,
            slug=unique_slug(body.title, taken),
            body=body.body,
            status="draft",
            created_at=datetime.now(UTC),
        )
        db.add(post)
        db.commit()
        return post

    @app.get("/posts/{post_id}", response_model=PostOut)
    def read_post(post_id: int, db: SessionDep) -> PostRow:
        post = db.get(PostRow, post_id)
        if post is None:
            raise HTTPException(404, f"No post has id {post_id}.")
        return post

    # TODO(kata): Task 4. Call a publish_post use case with a PublishPostInput; the rules of
    # services.publish belong to the Post entity (Task 1), the commit to the unit of work (Task 2).
    @app.post("/posts/{post_id}/publish", response_model=PostOut)
    def publish(post_id: int, db: SessionDep, caller: CurrentUser) -> PostRow:
        post = db.get(PostRow, post_id)
        if post is None:
            raise HTTPException(404, f"No post has id {post_id}.")
        services.publish(post, caller)
        db.commit()
        return post

    return app
