"""Publishing rules, out of the handlers at last, so that every route can share them."""

from fastapi import HTTPException

from inkwell.domain.model import Post, User

MIN_BODY_LENGTH = 30


def ensure_can_publish(post: Post, caller: User) -> None:
    if post.author_id != caller.id:
        raise HTTPException(403, "Only the author of a post may publish it.")
    if post.status == "published":
        return
    if not post.title.strip():
        raise HTTPException(422, "A post needs a title before it is published.")
    if len(post.body.strip()) < MIN_BODY_LENGTH:
        raise HTTPException(422, f"A post needs a body of at least {MIN_BODY_LENGTH} characters.")
