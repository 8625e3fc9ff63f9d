"""The authorization policy as an object: one instance per caller, one method per action."""

from __future__ import annotations

from inkwell.application.errors import NotFound, PermissionDenied
from inkwell.application.ports import Scope
from inkwell.domain.model import Post, Status, User


class PostPolicy:
    def __init__(self, actor: User | None):
        self.actor = actor
        self.role = actor.role.strip().lower() if actor else "anonymous"

    @property
    def is_staff(self) -> bool:
        return self.role in ("editor", "admin")

    def owns(self, post: Post) -> bool:
        return self.actor is not None and self.actor.id == post.author_id

    def can_read(self, post: Post) -> bool:
        return post.status is Status.PUBLISHED or self.owns(post) or self.is_staff

    def can_edit(self, post: Post) -> bool:
        if self.role == "admin":
            return True
        return (self.owns(post) or self.is_staff) and post.status is not Status.ARCHIVED

    def can_delete(self, post: Post) -> bool:
        return self.role == "admin" or (self.owns(post) and post.status is Status.DRAFT)

    def can_publish(self, post: Post) -> bool:
        return self.owns(post) or self.is_staff

    def can_archive(self, post: Post) -> bool:
        return self.is_staff

    def check(self, action: str, post: Post) -> None:
        if not self.can_read(post):
            raise NotFound("No post has this id.")
        if not getattr(self, f"can_{action}")(post):
            raise PermissionDenied(f"You may not {action} this post.")

    def scope(self) -> Scope:
        return Scope(everything=self.is_staff, own_author_id=self.actor.id if self.actor else None)

    def may_manage_user(self, user_id: int) -> bool:
        return self.actor is not None and (self.actor.id == user_id or self.role == "admin")
