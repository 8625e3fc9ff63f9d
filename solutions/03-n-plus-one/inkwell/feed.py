"""The feed: published posts, newest first, with author, tags and comment count."""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import Session, joinedload, load_only, selectinload

from inkwell.models import PUBLISHED, Comment, Post, User
from inkwell.paging import Paging, cut
from inkwell.views import AuthorRef, FeedItem, Page


def feed_page(db: Session, paging: Paging) -> Page[FeedItem]:
    # The count is a correlated subquery: SQL counts the comments, no comment row leaves the database.
    comment_count = select(func.count(Comment.id)).where(Comment.post_id == Post.id).scalar_subquery()
    query = (
        select(Post, comment_count)
        .where(Post.status == PUBLISHED)
        .options(
            # The feed never shows a body: leave the largest column in the database.
            load_only(Post.id, Post.title, Post.slug, Post.published_at),
            # Many-to-one: a join adds one author per row, in the same statement.
            joinedload(Post.author).load_only(User.id, User.display_name),
            # Many-to-many: one more statement with IN (...) for the tags of the whole page.
            selectinload(Post.tags),
        )
        .order_by(Post.published_at.desc(), Post.id.desc())
        # LIMIT in SQL, not a slice in Python: the database returns only the page.
        .limit(paging.fetch)
        .offset(paging.offset)
    )
    rows, next_offset = cut(db.execute(query).all(), paging)
    return Page[FeedItem](items=[_item(post, count) for post, count in rows], next_offset=next_offset)


def _item(post: Post, comment_count: int) -> FeedItem:
    assert post.published_at is not None, "a published post has its publication date"
    return FeedItem(
        id=post.id,
        title=post.title,
        slug=post.slug,
        published_at=post.published_at,
        author=AuthorRef(id=post.author.id, display_name=post.author.display_name),
        tags=[tag.name for tag in post.tags],
        comment_count=comment_count,
    )
