"""The authors list and an author's page."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from inkwell.application.views import AuthorPost, AuthorRef, AuthorSummary, CommentView, Page
from inkwell.domain.paging import PageRequest
from inkwell.infrastructure.tables import PUBLISHED, PostRow, UserRow

# The database keeps an id in a 64-bit integer: a larger one names no user, and the driver refuses
# to send it at all (OverflowError), which would answer 500 for what is only an unknown id.
LARGEST_ID = 2**63 - 1


class SqlAuthorQueries:
    def __init__(self, session: Session) -> None:
        self.session = session

    def find(self, author_id: int) -> AuthorRef | None:
        if abs(author_id) > LARGEST_ID:
            return None
        user = self.session.get(UserRow, author_id)
        return AuthorRef(id=user.id, display_name=user.display_name) if user is not None else None

    def page(self, request: PageRequest) -> Page[AuthorSummary]:
        # TODO(kata): the authors page slows down with every post anyone writes, though it shows
        # one number per author.
        users = self.session.scalars(select(UserRow).order_by(UserRow.display_name, UserRow.id)).all()
        users, next_offset = request.cut(users)
        items = [
            AuthorSummary(
                id=user.id,
                display_name=user.display_name,
                post_count=len([post for post in user.posts if post.status == PUBLISHED]),
            )
            for user in users
        ]
        return Page(items=items, next_offset=next_offset)

    def posts(self, author_id: int, request: PageRequest) -> Page[AuthorPost]:
        # TODO(kata): prolific authors' pages time out; pages of new authors are fast.
        query = (
            select(PostRow)
            .where(PostRow.author_id == author_id, PostRow.status == PUBLISHED)
            .order_by(PostRow.published_at.desc(), PostRow.id.desc())
        )
        posts, next_offset = request.cut(self.session.scalars(query).all())
        return Page(items=[_post(post) for post in posts], next_offset=next_offset)


def _post(post: PostRow) -> AuthorPost:
    assert post.published_at is not None, "a published post has its publication date"
    comments = [
        CommentView(
            id=c.id,
            body=c.body,
            created_at=c.created_at,
            author=AuthorRef(id=c.author.id, display_name=c.author.display_name),
        )
        for c in post.comments
    ]
    return AuthorPost(id=post.id, title=post.title, slug=post.slug, published_at=post.published_at, comments=comments)
