"""The post use cases. A new post with a link asks the outside service for a preview first."""

from __future__ import annotations

from inkwell.application.ports import Previews, UnitOfWorkFactory
from inkwell.domain.model import Post, User
from inkwell.result import Ok


def create_post(
    new_uow: UnitOfWorkFactory, previews: Previews, actor: User, *, title: str, body: str, link: str | None
) -> Post:
    # Asked before the transaction opens: no database connection waits on the outside service.
    # Without a preview the post is still saved, "pending": the writer's work is never lost to
    # someone else's outage.
    fetched = previews.fetch(link) if link is not None else None
    preview = fetched.value if isinstance(fetched, Ok) else None
    with new_uow() as uow:
        post = uow.posts.add(author_id=actor.id, title=title, body=body, link=link, preview=preview)
        uow.commit()
        return post


def read_post(new_uow: UnitOfWorkFactory, post_id: int) -> Post | None:
    with new_uow() as uow:
        return uow.posts.get(post_id)
