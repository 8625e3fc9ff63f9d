"""Post routes, each guarding its own call with the policy."""

from typing import Annotated

from fastapi import APIRouter, Query, Response

from inkwell.application.policy import Action, authorize
from inkwell.application.posts import PostService
from inkwell.domain.model import Post, Status, User
from inkwell.http.deps import Caller, Posts, SignedIn
from inkwell.http.schemas import NewPost, PostOut, PostPatch

router = APIRouter(prefix="/posts", tags=["posts"])
Limit = Annotated[int, Query(ge=1, le=100)]
Offset = Annotated[int, Query(ge=0)]


def _guard(posts: PostService, caller: User | None, action: Action, post_id: int) -> Post:
    post = posts.read_post(caller, post_id)
    authorize(caller, action, post)
    return post


@router.get("", response_model=list[PostOut])
def list_posts(
    posts: Posts,
    caller: Caller,
    status: Status | None = None,
    author_id: int | None = None,
    limit: Limit = 20,
    offset: Offset = 0,
) -> list[Post]:
    return posts.list_posts(caller, status=status, author_id=author_id, limit=limit, offset=offset)


@router.get("/search", response_model=list[PostOut])
def search_posts(
    posts: Posts, caller: Caller, q: Annotated[str, Query(min_length=1)], limit: Limit = 20, offset: Offset = 0
) -> list[Post]:
    return posts.search_posts(caller, q, limit=limit, offset=offset)


@router.post("", status_code=201, response_model=PostOut)
def create_post(body: NewPost, posts: Posts, caller: SignedIn) -> Post:
    return posts.create_post(caller, title=body.title, body=body.body)


@router.get("/{post_id}", response_model=PostOut)
def read_post(post_id: int, posts: Posts, caller: Caller) -> Post:
    return _guard(posts, caller, Action.READ, post_id)


@router.patch("/{post_id}", response_model=PostOut)
def edit_post(post_id: int, body: PostPatch, posts: Posts, caller: SignedIn) -> Post:
    _guard(posts, caller, Action.EDIT, post_id)
    return posts.edit_post(caller, post_id, title=body.title, body=body.body)


@router.delete("/{post_id}", status_code=204)
def delete_post(post_id: int, posts: Posts, caller: SignedIn) -> Response:
    _guard(posts, caller, Action.DELETE, post_id)
    posts.delete_post(caller, post_id)
    return Response(status_code=204)


@router.post("/{post_id}/publish", response_model=PostOut)
def publish_post(post_id: int, posts: Posts, caller: SignedIn) -> Post:
    _guard(posts, caller, Action.PUBLISH, post_id)
    return posts.publish_post(caller, post_id)


@router.post("/{post_id}/archive", response_model=PostOut)
def archive_post(post_id: int, posts: Posts, caller: SignedIn) -> Post:
    _guard(posts, caller, Action.ARCHIVE, post_id)
    return posts.archive_post(caller, post_id)
