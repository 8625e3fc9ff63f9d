"""The post "service": publishing rules, shared by the routes that publish."""

from datetime import UTC, datetime

from fastapi import HTTPException

from inkwell.infrastructure.orm import PostRow, UserRow

MIN_BODY_LENGTH = 30


# TODO(kata): The command-line tool cannot call this: importing it starts pulling in FastAPI and
# SQLAlchemy, it wants ORM rows, and a refusal comes back as an HTTP 403 to catch.
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
