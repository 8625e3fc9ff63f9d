"""The feed's query: published posts, newest first, with author, tags and comment count."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from inkwell.application.views import AuthorRef, FeedItem, Page
from inkwell.domain.paging import PageRequest
from inkwell.infrastructure.tables import PUBLISHED, PostRow


class SqlFeedQueries:
    def __init__(self, session: Session) -> None:
        self.session = session

    def page(self, request: PageRequest) -> Page[FeedItem]:
        # TODO(kata): the feed takes two seconds in production and the database's CPU sits at
        # 90 %, yet the slow-query log is empty.
        # TODO(kata): each feed request moves megabytes out of the database to show 20 titles.
        query = (
            select(PostRow).where(PostRow.status == PUBLISHED).order_by(PostRow.published_at.desc(), PostRow.id.desc())
        )
        posts, next_offset = request.cut(self.session.scalars(query).all())
        return Page(items=[_item(post) for post in posts], next_offset=next_offset)


def _item(post: PostRow) -> FeedItem:
    assert post.published_at is not None, "a published post has its publication date"
    return FeedItem(
        id=post.id,
        title=post.title,
        slug=post.slug,
        published_at=post.published_at,
        author=AuthorRef(id=post.author.id, display_name=post.author.display_name),
        tags=[tag.name for tag in post.tags],
        # TODO(kata): the feed got slower the week a post went viral and collected 4,000 comments.
        comment_count=len(post.comments),
    )
