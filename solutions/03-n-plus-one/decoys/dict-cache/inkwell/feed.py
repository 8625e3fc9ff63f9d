"""The feed, with authors memoised in a dict that starts empty on every request."""

from sqlalchemy import func, select
from sqlalchemy.orm import Session, load_only, selectinload

from inkwell.models import PUBLISHED, Comment, Post, User
from inkwell.paging import Paging, cut
from inkwell.views import AuthorRef, FeedItem, Page


def feed_page(db: Session, paging: Paging) -> Page[FeedItem]:
    comment_count = select(func.count(Comment.id)).where(Comment.post_id == Post.id).scalar_subquery()
    query = (
        select(Post, comment_count)
        .where(Post.status == PUBLISHED)
        .options(load_only(Post.id, Post.author_id, Post.title, Post.slug, Post.published_at), selectinload(Post.tags))
        .order_by(Post.published_at.desc(), Post.id.desc())
        .limit(paging.fetch)
        .offset(paging.offset)
    )
    rows, next_offset = cut(db.execute(query).all(), paging)
    authors: dict[int, AuthorRef] = {}

    def author_of(author_id: int) -> AuthorRef:
        if author_id not in authors:
            row = db.execute(select(User.id, User.display_name).where(User.id == author_id)).one()
            authors[author_id] = AuthorRef(id=row.id, display_name=row.display_name)
        return authors[author_id]

    items = [
        FeedItem(
            id=post.id,
            title=post.title,
            slug=post.slug,
            published_at=post.published_at,
            author=author_of(post.author_id),
            tags=[tag.name for tag in post.tags],
            comment_count=count,
        )
        for post, count in rows
    ]
    return Page[FeedItem](items=items, next_offset=next_offset)
