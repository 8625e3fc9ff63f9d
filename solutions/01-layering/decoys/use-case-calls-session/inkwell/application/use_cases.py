"""Inkwell's use cases. Each takes a unit of work and an input, and returns an entity.

They decide nothing the domain can decide (the entities hold the rules); they load, ask, store
and commit. Failures are domain errors, so any interface (HTTP, a CLI, a test) can map them.
"""

from __future__ import annotations

from inkwell.application.dto import CreateDraftInput, PublishPostInput, RegisterUserInput
from inkwell.application.unit_of_work import UnitOfWork
from inkwell.domain.errors import EmailAlreadyRegistered, NotAuthenticated, PostNotFound, UserNotFound
from inkwell.domain.model import Post, User, utc_now
from inkwell.domain.ports import PostRepository
from inkwell.domain.text import normalise_email, unique_slug
from inkwell.infrastructure.orm import PostRow


def register_user(uow: UnitOfWork, command: RegisterUserInput) -> User:
    email = normalise_email(command.email)
    with uow:
        if uow.users.get_by_email(email) is not None:
            raise EmailAlreadyRegistered(f"{email} is already registered.")
        user = uow.users.add(User(email=email, display_name=command.display_name))
        uow.commit()
    return user


def create_draft(uow: UnitOfWork, command: CreateDraftInput) -> Post:
    with uow:
        if uow.users.get(command.author_id) is None:
            raise UserNotFound(f"No user has id {command.author_id}.")
        slug = unique_slug(command.title, _TakenSlugs(uow.posts))
        draft = Post(author_id=command.author_id, title=command.title, slug=slug, body=command.body)
        post = uow.posts.add(draft)
        uow.commit()
    return post


def publish_post(uow: UnitOfWork, command: PublishPostInput) -> Post:
    with uow:
        # One query instead of get() + save(): the session is right there.
        row = uow.session.get(PostRow, command.post_id)
        if row is None:
            raise PostNotFound(f"No post has id {command.post_id}.")
        post = Post(
            author_id=row.author_id,
            title=row.title,
            slug=row.slug,
            body=row.body,
            status=row.status,
            created_at=row.created_at,
            published_at=row.published_at,
            id=row.id,
        )
        post.publish(actor_id=command.actor_id, now=utc_now())
        row.status, row.published_at = str(post.status), post.published_at
        uow.commit()
    return post


def get_user(uow: UnitOfWork, user_id: int) -> User:
    with uow:
        user = uow.users.get(user_id)
    if user is None:
        raise UserNotFound(f"No user has id {user_id}.")
    return user


def get_post(uow: UnitOfWork, post_id: int) -> Post:
    with uow:
        return _existing_post(uow, post_id)


def issue_token(uow: UnitOfWork, user_id: int) -> str:
    with uow:
        token = uow.tokens.issue(user_id)
        uow.commit()
    return token


def authenticate(uow: UnitOfWork, token: str) -> User:
    with uow:
        user_id = uow.tokens.user_id_for(token)
        user = uow.users.get(user_id) if user_id is not None else None
    if user is None:
        raise NotAuthenticated("A valid bearer token is required.")
    return user


def _existing_post(uow: UnitOfWork, post_id: int) -> Post:
    post = uow.posts.get(post_id)
    if post is None:
        raise PostNotFound(f"No post has id {post_id}.")
    return post


class _TakenSlugs:
    """Lets `unique_slug` ask `slug in taken` of the repository, one slug at a time."""

    def __init__(self, posts: PostRepository) -> None:
        self._posts = posts

    def __contains__(self, slug: object) -> bool:
        return isinstance(slug, str) and self._posts.slug_taken(slug)
