"""The authors list and an author's page from column queries and batched IN (...) queries."""

from collections import defaultdict

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from inkwell.models import PUBLISHED, Comment, Post, User
from inkwell.paging import Paging, cut
from inkwell.views import AuthorPage, AuthorPost, AuthorRef, AuthorSummary, CommentView, Page


def authors_page(db: Session, paging: Paging) -> Page[AuthorSummary]:
    query = select(User.id, User.display_name).order_by(User.display_name, User.id)
    rows, next_offset = cut(db.execute(query.limit(paging.fetch).offset(paging.offset)).all(), paging)
    counts = dict(
        db.execute(
            select(Post.author_id, func.count(Post.id))
            .where(Post.author_id.in_([r.id for r in rows]), Post.status == PUBLISHED)
            .group_by(Post.author_id)
        ).all()
    )
    items = [AuthorSummary(id=r.id, display_name=r.display_name, post_count=counts.get(r.id, 0)) for r in rows]
    return Page[AuthorSummary](items=items, next_offset=next_offset)


def author_page(db: Session, author_id: int, paging: Paging) -> AuthorPage | None:
    author = db.execute(select(User.id, User.display_name).where(User.id == author_id)).one_or_none()
    if author is None:
        return None
    query = (
        select(Post.id, Post.title, Post.slug, Post.published_at)
        .where(Post.author_id == author_id, Post.status == PUBLISHED)
        .order_by(Post.published_at.desc(), Post.id.desc())
        .limit(paging.fetch)
        .offset(paging.offset)
    )
    posts, next_offset = cut(db.execute(query).all(), paging)
    comments: dict[int, list[CommentView]] = defaultdict(list)
    for c in db.execute(
        select(Comment.id, Comment.post_id, Comment.body, Comment.created_at, User.id.label("uid"), User.display_name)
        .join(User, User.id == Comment.author_id)
        .where(Comment.post_id.in_([p.id for p in posts]))
        .order_by(Comment.created_at, Comment.id)
    ):
        author_ref = AuthorRef(id=c.uid, display_name=c.display_name)
        comments[c.post_id].append(CommentView(id=c.id, body=c.body, created_at=c.created_at, author=author_ref))
    items = [
        AuthorPost(id=p.id, title=p.title, slug=p.slug, published_at=p.published_at, comments=comments[p.id])
        for p in posts
    ]
    return AuthorPage(
        author=AuthorRef(id=author.id, display_name=author.display_name), items=items, next_offset=next_offset
    )
