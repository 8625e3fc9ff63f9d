"""The feed in a single statement: tags folded with group_concat over an inner join."""

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from inkwell.models import PUBLISHED, Comment, Post, Tag, User, post_tags
from inkwell.paging import Paging, cut
from inkwell.views import AuthorRef, FeedItem, Page


def feed_page(db: Session, paging: Paging) -> Page[FeedItem]:
    comment_count = select(func.count(Comment.id)).where(Comment.post_id == Post.id).scalar_subquery()
    query = (
        select(
            Post.id,
            Post.title,
            Post.slug,
            Post.published_at,
            User.id.label("author_id"),
            User.display_name,
            func.group_concat(Tag.name).label("tags"),
            comment_count.label("comment_count"),
        )
        .join(User, User.id == Post.author_id)
        .join(post_tags, post_tags.c.post_id == Post.id)
        .join(Tag, Tag.id == post_tags.c.tag_id)
        .where(Post.status == PUBLISHED)
        .group_by(Post.id)
        .order_by(Post.published_at.desc(), Post.id.desc())
        .limit(paging.fetch)
        .offset(paging.offset)
    )
    rows, next_offset = cut(db.execute(query).all(), paging)
    items = [
        FeedItem(
            id=row.id,
            title=row.title,
            slug=row.slug,
            published_at=row.published_at,
            author=AuthorRef(id=row.author_id, display_name=row.display_name),
            tags=sorted(row.tags.split(",")) if row.tags else [],
            comment_count=row.comment_count,
        )
        for row in rows
    ]
    return Page[FeedItem](items=items, next_offset=next_offset)
