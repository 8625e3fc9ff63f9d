"""The authors list and an author's page."""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import Session, load_only, selectinload

from inkwell.models import PUBLISHED, Comment, Post, User
from inkwell.paging import Paging, cut
from inkwell.views import AuthorPage, AuthorPost, AuthorRef, AuthorSummary, CommentView, Page


def authors_page(db: Session, paging: Paging) -> Page[AuthorSummary]:
    # One grouped subquery counts every author's published posts; the outer join keeps the
    # users who have none (their count is NULL, hence coalesce).
    published = (
        select(Post.author_id, func.count(Post.id).label("posts"))
        .where(Post.status == PUBLISHED)
        .group_by(Post.author_id)
        .subquery()
    )
    query = (
        select(User.id, User.display_name, func.coalesce(published.c.posts, 0))
        .outerjoin(published, published.c.author_id == User.id)
        .order_by(User.display_name, User.id)
        .limit(paging.fetch)
        .offset(paging.offset)
    )
    rows, next_offset = cut(db.execute(query).all(), paging)
    items = [AuthorSummary(id=id_, display_name=name, post_count=n) for id_, name, n in rows]
    return Page[AuthorSummary](items=items, next_offset=next_offset)


def author_page(db: Session, author_id: int, paging: Paging) -> AuthorPage | None:
    author = db.execute(select(User.id, User.display_name).where(User.id == author_id)).one_or_none()
    if author is None:
        return None
    query = (
        select(Post)
        .where(Post.author_id == author_id, Post.status == PUBLISHED)
        .options(
            load_only(Post.id, Post.title, Post.slug, Post.published_at),
            # One IN (...) statement for the comments of the whole page, each joined to its author.
            selectinload(Post.comments).joinedload(Comment.author).load_only(User.id, User.display_name),
        )
        .order_by(Post.published_at.desc(), Post.id.desc())
        .limit(paging.fetch)
        .offset(paging.offset)
    )
    posts, next_offset = cut(db.scalars(query).all(), paging)
    return AuthorPage(
        author=AuthorRef(id=author.id, display_name=author.display_name),
        items=[_author_post(post) for post in posts],
        next_offset=next_offset,
    )


def _author_post(post: Post) -> AuthorPost:
    assert post.published_at is not None, "a published post has its publication date"
    comments = [
        CommentView(
            id=c.id,
            body=c.body,
            created_at=c.created_at,
            author=AuthorRef(id=c.author.id, display_name=c.author.display_name),
        )
        for c in post.comments
    ]
    return AuthorPost(
        id=post.id,
        title=post.title,
        slug=post.slug,
        published_at=post.published_at,
        comments=comments,
    )
