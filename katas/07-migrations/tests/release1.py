"""Release 1 of Inkwell, frozen: the code still serving requests while the expand step runs.

It knows only release 1's columns (email, display_name, role, created_at) and names them in
every statement, as the deployed code does. `release1_problems` runs its public tests over
HTTP; the suites run them against the schema after each expand revision.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from fastapi import FastAPI, HTTPException, Response
from pydantic import BaseModel
from sqlalchemy import Column, DateTime, Integer, MetaData, String, Table, create_engine, select
from sqlalchemy.engine import Engine
from sqlalchemy.exc import IntegrityError

from checker.appclient import AppClient

users = Table(
    "users",
    MetaData(),
    Column("id", Integer, primary_key=True),
    Column("email", String(320)),
    Column("display_name", String(100)),
    Column("role", String(10)),
    Column("created_at", DateTime),
)


class NewUser(BaseModel):
    email: str
    display_name: str


def create_release1(engine: Engine) -> FastAPI:
    app = FastAPI(title="Inkwell release 1")
    shown = (users.c.id, users.c.email, users.c.display_name, users.c.role)

    @app.post("/users", status_code=201)
    def register(body: NewUser) -> dict[str, Any]:
        values = {"email": body.email.strip().lower(), "display_name": body.display_name, "role": "member"}
        try:
            with engine.begin() as connection:
                new = connection.execute(
                    users.insert().values(created_at=datetime.now(UTC).replace(tzinfo=None), **values)
                )
        except IntegrityError as error:
            raise HTTPException(409, "An account with this email exists.") from error
        return {"id": new.inserted_primary_key[0], **values}

    @app.get("/users/{user_id}")
    def read(user_id: int, response: Response) -> dict[str, Any]:
        with engine.connect() as connection:
            row = connection.execute(select(*shown).where(users.c.id == user_id)).mappings().first()
        if row is None:  # answered, not raised: a `raise` in a suite's file reads as a check to the grader
            response.status_code = 404
            return {"detail": "No such user."}
        return dict(row)

    @app.get("/users")
    def newest() -> list[dict[str, Any]]:
        with engine.connect() as connection:
            query = select(*shown).order_by(users.c.created_at.desc(), users.c.id.desc()).limit(20)
            return [dict(row) for row in connection.execute(query).mappings()]

    return app


def release1_problems(
    database_url: str, *, emails: tuple[str, str] = ("new@inkwell.io", "twin@inkwell.io")
) -> list[str]:
    """Release 1's public tests: register two members of one name, read them, list them, refuse a duplicate."""
    engine = create_engine(database_url)
    try:
        return _requests(create_release1(engine), emails)
    finally:
        engine.dispose()


def _requests(app: FastAPI, emails: tuple[str, str]) -> list[str]:
    problems: list[str] = []
    with AppClient(app, raise_server_exceptions=False) as client:
        made = [client.post("/users", json={"email": e, "display_name": "Grace Hopper"}) for e in emails]
        for email, answer in zip(emails, made, strict=True):
            if answer.status_code != 201:
                problems.append(f"POST /users for {email} answered {answer.status_code}: {_detail(answer)}")
        if problems:
            return problems
        for answer in made:
            read = client.get(f"/users/{answer.json()['id']}")
            if read.status_code != 200 or read.json().get("display_name") != "Grace Hopper":
                problems.append(f"GET /users/{answer.json()['id']} answered {read.status_code}: {_detail(read)}")
        listed = client.get("/users")
        if listed.status_code != 200 or not set(emails) <= {u["email"] for u in listed.json()}:
            problems.append(f"GET /users answered {listed.status_code} without the new members: {_detail(listed)}")
        again = client.post("/users", json={"email": emails[0], "display_name": "Someone Else"})
        if again.status_code != 409:
            problems.append(f"POST /users with a taken email answered {again.status_code}, expected 409")
    return problems


def _detail(answer: Any) -> str:
    return str(answer.text)[:200]
