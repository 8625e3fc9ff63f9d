"""The authors list with a correlated count, and an author's page loaded with selectinload."""

from sqlalchemy import func, select
from sqlalchemy.orm import Session, load_only, selectinload

from inkwell.models import PUBLISHED, Comment, Post, User
from inkwell.paging import Paging, cut
from inkwell.views import AuthorPage, AuthorPost, AuthorRef, AuthorSummary, CommentView, Page


def authors_page(db: Session, paging: Paging) -> Page[AuthorSummary]:
    post_count = (
        select(func.count(Post.id)).where(Post.author_id == User.id, Post.status == PUBLISHED).scalar_subquery()
    )
    query = (
        select(User.id, User.display_name, post_count)
        .order_by(User.display_name, User.id)
        .limit(paging.fetch)
        .offset(paging.offset)
    )
    rows, next_offset = cut(db.execute(query).all(), paging)
    items = [AuthorSummary(id=i, display_name=name, post_count=n) for i, name, n in rows]
    return Page[AuthorSummary](items=items, next_offset=next_offset)


def author_page(db: Session, author_id: int, paging: Paging) -> AuthorPage | None:
    author = db.get(User, author_id)
    if author is None:
        return None
    query = (
        select(Post)
        .where(Post.author_id == author_id, Post.status == PUBLISHED)
        .options(
            load_only(Post.id, Post.title, Post.slug, Post.published_at),
            selectinload(Post.comments).selectinload(Comment.author),
        )
        .order_by(Post.published_at.desc(), Post.id.desc())
        .limit(paging.fetch)
        .offset(paging.offset)
    )
    posts, next_offset = cut(db.scalars(query).all(), paging)
    items = [
        AuthorPost(
            id=post.id,
            title=post.title,
            slug=post.slug,
            published_at=post.published_at,
            comments=[
                CommentView(
                    id=c.id,
                    body=c.body,
                    created_at=c.created_at,
                    author=AuthorRef(id=c.author.id, display_name=c.author.display_name),
                )
                for c in post.comments
            ],
        )
        for post in posts
    ]
    return AuthorPage(
        author=AuthorRef(id=author.id, display_name=author.display_name), items=items, next_offset=next_offset
    )
