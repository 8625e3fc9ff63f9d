"""The post "service": publishing rules, shared by the routes that publish."""

from datetime import UTC, datetime

from fastapi import HTTPException

from inkwell.db import PostRow, UserRow

MIN_BODY_LENGTH = 30


# TODO(kata): Task 1. A business rule that raises HTTPException and takes ORM rows cannot be
# used without FastAPI and SQLAlchemy. Make it a method of a plain Post entity in the domain
# that raises domain errors; the interface layer maps those to status codes.
def publish(post: PostRow, caller: UserRow) -> None:
    if post.author_id != caller.id:
        raise HTTPException(403, "Only the author of a post may publish it.")
    if post.status == "published":
        return  # published_at is set once
    if post.status == "archived":
        raise HTTPException(422, "An archived post cannot be published again.")
    if not post.title.strip():
        raise HTTPException(422, "A post needs a title before it is published.")
    if len(post.body.strip()) < MIN_BODY_LENGTH:
        raise HTTPException(422, f"A post needs a body of at least {MIN_BODY_LENGTH} characters.")
    post.status = "published"
    post.published_at = datetime.now(UTC)
