"""Inkwell's use cases as classes: built with a unit of work, run with `execute(command)`."""

from __future__ import annotations

from inkwell.application.dto import CreateDraftInput, PublishPostInput, RegisterUserInput
from inkwell.application.unit_of_work import UnitOfWork
from inkwell.domain.errors import EmailAlreadyRegistered, NotAuthenticated, PostNotFound, UserNotFound
from inkwell.domain.model import Post, User, utc_now
from inkwell.domain.text import normalise_email, unique_slug


class UseCase:
    def __init__(self, uow: UnitOfWork) -> None:
        self.uow = uow

    def _post(self, post_id: int) -> Post:
        post = self.uow.posts.get(post_id)
        if post is None:
            raise PostNotFound(f"No post has id {post_id}.")
        return post


class RegisterUser(UseCase):
    def execute(self, command: RegisterUserInput) -> User:
        email = normalise_email(command.email)
        with self.uow as uow:
            if uow.users.get_by_email(email) is not None:
                raise EmailAlreadyRegistered(f"{email} is already registered.")
            user = uow.users.add(User(email=email, display_name=command.display_name))
            uow.commit()
        return user


class CreateDraft(UseCase):
    def execute(self, command: CreateDraftInput) -> Post:
        with self.uow as uow:
            if uow.users.get(command.author_id) is None:
                raise UserNotFound(f"No user has id {command.author_id}.")
            slug = unique_slug(command.title, _TakenSlugs(uow))
            post = uow.posts.add(Post(author_id=command.author_id, title=command.title, slug=slug, body=command.body))
            uow.commit()
        return post


class PublishPost(UseCase):
    def execute(self, command: PublishPostInput) -> Post:
        with self.uow as uow:
            post = self._post(command.post_id)
            post.publish(actor_id=command.actor_id, now=utc_now())
            uow.posts.save(post)
            uow.commit()
        return post


class GetUser(UseCase):
    def execute(self, user_id: int) -> User:
        with self.uow as uow:
            user = uow.users.get(user_id)
        if user is None:
            raise UserNotFound(f"No user has id {user_id}.")
        return user


class GetPost(UseCase):
    def execute(self, post_id: int) -> Post:
        with self.uow:
            return self._post(post_id)


class IssueToken(UseCase):
    def execute(self, user_id: int) -> str:
        with self.uow as uow:
            token = uow.tokens.issue(user_id)
            uow.commit()
        return token


class Authenticate(UseCase):
    def execute(self, token: str) -> User:
        with self.uow as uow:
            user_id = uow.tokens.user_id_for(token)
            user = uow.users.get(user_id) if user_id is not None else None
        if user is None:
            raise NotAuthenticated("A valid bearer token is required.")
        return user


class _TakenSlugs:
    def __init__(self, uow: UnitOfWork) -> None:
        self.uow = uow

    def __contains__(self, slug: object) -> bool:
        return isinstance(slug, str) and self.uow.posts.slug_taken(slug)
