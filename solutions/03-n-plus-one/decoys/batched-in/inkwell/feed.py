"""The feed without relationship loaders: a page of columns, then one IN (...) query per relation."""

from collections import defaultdict

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from inkwell.models import PUBLISHED, Comment, Post, Tag, User, post_tags
from inkwell.paging import Paging, cut
from inkwell.views import AuthorRef, FeedItem, Page


def feed_page(db: Session, paging: Paging) -> Page[FeedItem]:
    query = (
        select(Post.id, Post.title, Post.slug, Post.published_at, User.id.label("uid"), User.display_name)
        .join(User, User.id == Post.author_id)
        .where(Post.status == PUBLISHED)
        .order_by(Post.published_at.desc(), Post.id.desc())
        .limit(paging.fetch)
        .offset(paging.offset)
    )
    rows, next_offset = cut(db.execute(query).all(), paging)
    ids = [row.id for row in rows]
    tags: dict[int, list[str]] = defaultdict(list)
    for post_id, name in db.execute(
        select(post_tags.c.post_id, Tag.name)
        .join(Tag, Tag.id == post_tags.c.tag_id)
        .where(post_tags.c.post_id.in_(ids))
        .order_by(Tag.name)
    ):
        tags[post_id].append(name)
    counts = dict(
        db.execute(
            select(Comment.post_id, func.count(Comment.id)).where(Comment.post_id.in_(ids)).group_by(Comment.post_id)
        ).all()
    )
    items = [
        FeedItem(
            id=row.id,
            title=row.title,
            slug=row.slug,
            published_at=row.published_at,
            author=AuthorRef(id=row.uid, display_name=row.display_name),
            tags=tags[row.id],
            comment_count=counts.get(row.id, 0),
        )
        for row in rows
    ]
    return Page[FeedItem](items=items, next_offset=next_offset)
