"""Inkwell's use cases. Each takes a unit of work and an input, and returns what it made.

They decide nothing the domain can decide (the entities hold the rules); they load, ask, store
and commit, once, when the change is complete. Failures are domain errors, so any interface
(HTTP, a CLI, a test) can map them.
"""

from __future__ import annotations

from inkwell.application.dto import CreateDraftInput, PublishPostInput, RegisterUserInput, Registration
from inkwell.application.ports import PostRepository, UnitOfWork
from inkwell.domain.errors import EmailAlreadyRegistered, NotAuthenticated, PostNotFound, UserNotFound
from inkwell.domain.model import Post, User, utc_now
from inkwell.domain.text import normalise_email, unique_slug


def register_user(uow: UnitOfWork, command: RegisterUserInput) -> Registration:
    email = normalise_email(command.email)
    with uow:
        if uow.users.get_by_email(email) is not None:
            raise EmailAlreadyRegistered(f"{email} is already registered.")
        user = uow.users.add(User(email=email, display_name=command.display_name))
        assert user.id is not None, "UserRepository.add sets the id"
        # The token in the same transaction: a user who cannot log in is never stored.
        token = uow.tokens.issue(user.id)
        uow.commit()
    return Registration(user=user, token=token)


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
        post = _existing_post(uow, command.post_id)
        post.publish(actor_id=command.actor_id, now=utc_now())
        uow.posts.save(post)
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


def authenticate(uow: UnitOfWork, token: str) -> int:
    """The id of the user the bearer token belongs to."""
    with uow:
        user_id = uow.tokens.user_id_for(token)
        user = uow.users.get(user_id) if user_id is not None else None
    if user is None or user.id is None:
        raise NotAuthenticated("A valid bearer token is required.")
    return user.id


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
