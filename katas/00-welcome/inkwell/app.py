"""The HTTP API of the welcome kata and its composition root."""

from collections.abc import Iterator
from typing import Annotated

from fastapi import Depends, FastAPI, HTTPException
from pydantic import BaseModel, Field
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from inkwell.db import UserRow, make_engine


class NewUser(BaseModel):
    email: str = Field(max_length=320)
    display_name: str = Field(min_length=1, max_length=100)


class UserOut(BaseModel):
    id: int
    email: str
    display_name: str


def create_app(database_url: str = "sqlite://") -> FastAPI:
    sessions = sessionmaker(make_engine(database_url), expire_on_commit=False)
    app = FastAPI(title="Inkwell (welcome kata)")

    def session() -> Iterator[Session]:
        with sessions() as s:
            yield s

    SessionDep = Annotated[Session, Depends(session)]

    @app.post("/users", status_code=201, response_model=UserOut)
    def register(body: NewUser, db: SessionDep) -> UserRow:
        # TODO(kata): Task 4. Normalise the email with inkwell.text.normalise_email before the
        # duplicate check and before storing it; answer 422 when it is not an address.
        email = body.email
        if db.scalar(select(UserRow).where(UserRow.email == email)) is not None:
            raise HTTPException(409, "This email is already registered.")
        user = UserRow(email=email, display_name=body.display_name)
        db.add(user)
        db.commit()
        return user

    @app.get("/users/{user_id}", response_model=UserOut)
    def read_user(user_id: int, db: SessionDep) -> UserRow:
        user = db.get(UserRow, user_id)
        if user is None:
            raise HTTPException(404, "No user has this id.")
        return user

    return app
