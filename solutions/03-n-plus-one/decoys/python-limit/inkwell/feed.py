"""The feed, eager-loaded, then sliced in Python from the whole listing."""

from sqlalchemy import func, select
from sqlalchemy.orm import Session, joinedload, load_only, selectinload

from inkwell.models import PUBLISHED, Comment, Post, User
from inkwell.paging import Paging, cut
from inkwell.views import AuthorRef, FeedItem, Page


def feed_page(db: Session, paging: Paging) -> Page[FeedItem]:
    comment_count = select(func.count(Comment.id)).where(Comment.post_id == Post.id).scalar_subquery()
    query = (
        select(Post, comment_count)
        .where(Post.status == PUBLISHED)
        .options(
            load_only(Post.id, Post.title, Post.slug, Post.published_at),
            joinedload(Post.author).load_only(User.id, User.display_name),
            selectinload(Post.tags),
        )
        .order_by(Post.published_at.desc(), Post.id.desc())
    )
    everything = db.execute(query).all()
    rows, next_offset = cut(everything[paging.offset : paging.offset + paging.fetch], paging)
    items = [
        FeedItem(
            id=post.id,
            title=post.title,
            slug=post.slug,
            published_at=post.published_at,
            author=AuthorRef(id=post.author.id, display_name=post.author.display_name),
            tags=[tag.name for tag in post.tags],
            comment_count=count,
        )
        for post, count in rows
    ]
    return Page[FeedItem](items=items, next_offset=next_offset)
