"""The authors list and an author's page."""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import Session, load_only, raiseload, selectinload

from inkwell.application.views import AuthorPost, AuthorRef, AuthorSummary, CommentView, Page
from inkwell.domain.paging import PageRequest
from inkwell.infrastructure.tables import PUBLISHED, CommentRow, PostRow, UserRow

# The database keeps an id in a 64-bit integer: a larger one names no user, and the driver refuses
# to send it at all (OverflowError), which would answer 500 for what is only an unknown id.
LARGEST_ID = 2**63 - 1


class SqlAuthorQueries:
    def __init__(self, session: Session) -> None:
        self.session = session

    def find(self, author_id: int) -> AuthorRef | None:
        if abs(author_id) > LARGEST_ID:
            return None
        query = select(UserRow.id, UserRow.display_name).where(UserRow.id == author_id)
        found = self.session.execute(query).one_or_none()
        return AuthorRef(id=found.id, display_name=found.display_name) if found is not None else None

    def page(self, request: PageRequest) -> Page[AuthorSummary]:
        # One grouped subquery counts every author's published posts; the outer join keeps the
        # users who have none (their count is NULL, hence coalesce).
        published = (
            select(PostRow.author_id, func.count(PostRow.id).label("posts"))
            .where(PostRow.status == PUBLISHED)
            .group_by(PostRow.author_id)
            .subquery()
        )
        query = (
            select(UserRow.id, UserRow.display_name, func.coalesce(published.c.posts, 0))
            .outerjoin(published, published.c.author_id == UserRow.id)
            .order_by(UserRow.display_name, UserRow.id)
            .limit(request.fetch)
            .offset(request.offset)
        )
        rows, next_offset = request.cut(self.session.execute(query).all())
        items = [AuthorSummary(id=id_, display_name=name, post_count=n) for id_, name, n in rows]
        return Page(items=items, next_offset=next_offset)

    def posts(self, author_id: int, request: PageRequest) -> Page[AuthorPost]:
        query = (
            select(PostRow)
            .where(PostRow.author_id == author_id, PostRow.status == PUBLISHED)
            .options(
                load_only(PostRow.id, PostRow.title, PostRow.slug, PostRow.published_at, raiseload=True),
                # One IN (...) statement for the comments of the whole page, each joined to its author.
                selectinload(PostRow.comments)
                .joinedload(CommentRow.author)
                .load_only(UserRow.id, UserRow.display_name),
                raiseload("*"),
            )
            .order_by(PostRow.published_at.desc(), PostRow.id.desc())
            .limit(request.fetch)
            .offset(request.offset)
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
