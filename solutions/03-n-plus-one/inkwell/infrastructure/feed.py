"""The feed's query: published posts, newest first, with author, tags and comment count."""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import Session, joinedload, load_only, raiseload, selectinload

from inkwell.application.views import AuthorRef, FeedItem, Page
from inkwell.domain.paging import PageRequest
from inkwell.infrastructure.tables import PUBLISHED, CommentRow, PostRow, UserRow


class SqlFeedQueries:
    def __init__(self, session: Session) -> None:
        self.session = session

    def page(self, request: PageRequest) -> Page[FeedItem]:
        # The count is a correlated subquery: SQL counts the comments, no comment row leaves the database.
        comments = select(func.count(CommentRow.id)).where(CommentRow.post_id == PostRow.id).scalar_subquery()
        query = (
            select(PostRow, comments)
            .where(PostRow.status == PUBLISHED)
            .options(
                # The feed never shows a body: leave the largest column in the database.
                # raiseload=True turns a read of any other column into an error, not a query.
                load_only(PostRow.id, PostRow.title, PostRow.slug, PostRow.published_at, raiseload=True),
                # Many-to-one: a join adds one author per row, in the same statement.
                joinedload(PostRow.author).load_only(UserRow.id, UserRow.display_name),
                # Many-to-many: one more statement with IN (...) for the tags of the whole page.
                selectinload(PostRow.tags),
                # Every relation not named above raises when touched instead of loading lazily,
                # row by row: what keeps an N+1 from coming back with the next field.
                raiseload("*"),
            )
            .order_by(PostRow.published_at.desc(), PostRow.id.desc())
            # LIMIT in SQL, not a slice in Python: the database returns only the page.
            .limit(request.fetch)
            .offset(request.offset)
        )
        rows, next_offset = request.cut(self.session.execute(query).all())
        return Page(items=[_item(post, count) for post, count in rows], next_offset=next_offset)


def _item(post: PostRow, comment_count: int) -> FeedItem:
    assert post.published_at is not None, "a published post has its publication date"
    return FeedItem(
        id=post.id,
        title=post.title,
        slug=post.slug,
        published_at=post.published_at,
        author=AuthorRef(id=post.author.id, display_name=post.author.display_name),
        tags=[tag.name for tag in post.tags],
        comment_count=comment_count,
    )
