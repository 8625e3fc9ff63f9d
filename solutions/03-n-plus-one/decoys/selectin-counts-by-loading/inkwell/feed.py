"""The feed, batched with selectinload, counting comments by loading them all."""

from sqlalchemy import select
from sqlalchemy.orm import Session, load_only, selectinload

from inkwell.models import PUBLISHED, Post
from inkwell.paging import Paging, cut
from inkwell.views import AuthorRef, FeedItem, Page


def feed_page(db: Session, paging: Paging) -> Page[FeedItem]:
    query = (
        select(Post)
        .where(Post.status == PUBLISHED)
        .options(
            load_only(Post.id, Post.title, Post.slug, Post.published_at),
            selectinload(Post.author),
            selectinload(Post.tags),
            selectinload(Post.comments),
        )
        .order_by(Post.published_at.desc(), Post.id.desc())
        .limit(paging.fetch)
        .offset(paging.offset)
    )
    posts, next_offset = cut(db.scalars(query).all(), paging)
    items = [
        FeedItem(
            id=post.id,
            title=post.title,
            slug=post.slug,
            published_at=post.published_at,
            author=AuthorRef(id=post.author.id, display_name=post.author.display_name),
            tags=[tag.name for tag in post.tags],
            comment_count=len(post.comments),
        )
        for post in posts
    ]
    return Page[FeedItem](items=items, next_offset=next_offset)
