"""The feed: published posts, newest first, with author, tags and comment count."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from inkwell.models import PUBLISHED, Post
from inkwell.paging import Paging, cut
from inkwell.views import AuthorRef, FeedItem, Page


def feed_page(db: Session, paging: Paging) -> Page[FeedItem]:
    # TODO(kata): Task 4. Put the page in the SQL: LIMIT and OFFSET, not a slice in Python.
    # TODO(kata): Task 5. Select only what the feed shows: it never shows a post's body.
    query = select(Post).where(Post.status == PUBLISHED).order_by(Post.published_at.desc(), Post.id.desc())
    posts, next_offset = cut(db.scalars(query).all(), paging)
    return Page[FeedItem](items=[_item(post) for post in posts], next_offset=next_offset)


def _item(post: Post) -> FeedItem:
    return FeedItem(
        id=post.id,
        title=post.title,
        slug=post.slug,
        published_at=post.published_at,
        # TODO(kata): Task 1. Each of these two lines runs a query per post: load the authors
        # and the tags of the whole page at once.
        author=AuthorRef(id=post.author.id, display_name=post.author.display_name),
        tags=[tag.name for tag in post.tags],
        # TODO(kata): Task 3. Count the comments in SQL instead of loading them to call len().
        comment_count=len(post.comments),
    )
