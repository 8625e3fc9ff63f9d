"""Post routes."""

from typing import Annotated

from fastapi import APIRouter, HTTPException, Query, Response

from inkwell.application import posts as use_cases
from inkwell.application.policy import is_owner, is_staff
from inkwell.domain.model import Post, Status
from inkwell.interface.deps import Caller, NewUow, SignedIn
from inkwell.interface.schemas import NewPost, PostOut, PostPatch

router = APIRouter(prefix="/posts", tags=["posts"])
Limit = Annotated[int, Query(ge=1, le=100)]
Offset = Annotated[int, Query(ge=0)]


@router.get("", response_model=list[PostOut])
def list_posts(
    new_uow: NewUow,
    caller: Caller,
    status: Status | None = None,
    author_id: int | None = None,
    limit: Limit = 20,
    offset: Offset = 0,
) -> list[Post]:
    return use_cases.list_posts(new_uow, caller, status=status, author_id=author_id, limit=limit, offset=offset)


@router.get("/search", response_model=list[PostOut])
def search_posts(
    new_uow: NewUow, caller: Caller, q: Annotated[str, Query(min_length=1)], limit: Limit = 20, offset: Offset = 0
) -> list[Post]:
    return use_cases.search_posts(new_uow, caller, q, limit=limit, offset=offset)


@router.post("", status_code=201, response_model=PostOut)
def create_post(body: NewPost, new_uow: NewUow, caller: SignedIn) -> Post:
    # TODO(kata): Members find posts under their name that they never wrote.
    return use_cases.create_post(new_uow, caller, title=body.title, body=body.body, author_id=body.author_id)


@router.get("/{post_id}", response_model=PostOut)
def read_post(post_id: int, new_uow: NewUow, caller: Caller) -> Post:
    return use_cases.read_post(new_uow, caller, post_id)


@router.patch("/{post_id}", response_model=PostOut)
def edit_post(post_id: int, body: PostPatch, new_uow: NewUow, caller: SignedIn) -> Post:
    return use_cases.edit_post(
        new_uow, caller, post_id, title=body.title, body=body.body, status=body.status, author_id=body.author_id
    )


# TODO(kata): A researcher mapped which post ids hold other people's drafts: deleting or publishing
# such an id answers differently from deleting an id that does not exist.
@router.delete("/{post_id}", status_code=204)
def delete_post(post_id: int, new_uow: NewUow, caller: SignedIn) -> Response:
    post = use_cases.read_post(new_uow, caller, post_id)
    if not is_owner(caller, post) and not is_staff(caller):
        raise HTTPException(403, "This post is not yours.")
    use_cases.delete_post(new_uow, caller, post_id)
    return Response(status_code=204)


@router.post("/{post_id}/publish", response_model=PostOut)
def publish_post(post_id: int, new_uow: NewUow, caller: SignedIn) -> Post:
    if not is_owner(caller, use_cases.read_post(new_uow, caller, post_id)):
        raise HTTPException(403, "This post is not yours.")
    return use_cases.publish_post(new_uow, caller, post_id)


# Moderation: editors take published posts down.
@router.post("/{post_id}/archive", response_model=PostOut)
def archive_post(post_id: int, new_uow: NewUow, caller: SignedIn) -> Post:
    return use_cases.archive_post(new_uow, caller, post_id)
