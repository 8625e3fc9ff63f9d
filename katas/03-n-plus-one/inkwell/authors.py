"""The authors list and an author's page."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from inkwell.models import PUBLISHED, Post, User
from inkwell.paging import Paging, cut
from inkwell.views import AuthorPage, AuthorPost, AuthorRef, AuthorSummary, CommentView, Page


def authors_page(db: Session, paging: Paging) -> Page[AuthorSummary]:
    # TODO(kata): Task 4. Put the page in the SQL: LIMIT and OFFSET, not a slice in Python.
    users, next_offset = cut(db.scalars(select(User).order_by(User.display_name, User.id)).all(), paging)
    items = [
        AuthorSummary(
            id=user.id,
            display_name=user.display_name,
            # TODO(kata): Task 1. This runs one query per user: get every count of the page in
            # the same statement as the users (an outer join to a grouped subquery).
            # TODO(kata): Task 3. This loads every post to count it: count the published posts in SQL.
            post_count=len([post for post in user.posts if post.status == PUBLISHED]),
        )
        for user in users
    ]
    return Page[AuthorSummary](items=items, next_offset=next_offset)


def author_page(db: Session, author_id: int, paging: Paging) -> AuthorPage | None:
    author = db.get(User, author_id)
    if author is None:
        return None
    # TODO(kata): Task 4. Put the page in the SQL: LIMIT and OFFSET, not a slice in Python.
    # TODO(kata): Task 5. Select only what the page shows: it never shows a post's body.
    query = (
        select(Post)
        .where(Post.author_id == author_id, Post.status == PUBLISHED)
        .order_by(Post.published_at.desc(), Post.id.desc())
    )
    posts, next_offset = cut(db.scalars(query).all(), paging)
    return AuthorPage(
        author=AuthorRef(id=author.id, display_name=author.display_name),
        items=[_author_post(post) for post in posts],
        next_offset=next_offset,
    )


def _author_post(post: Post) -> AuthorPost:
    # TODO(kata): Task 1. post.comments runs a query per post, and comment.author one per
    # comment author not seen yet: load the comments of the whole page, with their authors, at once.
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
