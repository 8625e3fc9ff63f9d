"""The one authorization policy: who may do what to which post, in which status.

Every use case asks this module, so a rule is written once and holds for every entry point.
The table reads like the matrix in the README: for each relation a caller can have to a post,
the actions it allows and the statuses in which it allows them. A caller may hold two relations
(an editor who wrote the post): any one that allows the action is enough.
"""

from __future__ import annotations

from enum import StrEnum

from inkwell.application.errors import NotFound, PermissionDenied
from inkwell.application.ports import Scope
from inkwell.domain.model import Post, Status, User


class Action(StrEnum):
    READ = "read"
    EDIT = "edit"
    DELETE = "delete"
    PUBLISH = "publish"
    ARCHIVE = "archive"


_ANY = frozenset(Status)
_DRAFT = frozenset({Status.DRAFT})
_LIVE = frozenset({Status.DRAFT, Status.PUBLISHED})
_PUBLISHED = frozenset({Status.PUBLISHED})

# Publishing or archiving in the wrong status is allowed here and refused by the domain (409):
# a caller who may moderate a post deserves to hear "not in this status", not "not allowed".
RULES: dict[str, dict[Action, frozenset[Status]]] = {
    "anyone": {Action.READ: _PUBLISHED},
    "author": {Action.READ: _ANY, Action.EDIT: _LIVE, Action.DELETE: _DRAFT, Action.PUBLISH: _ANY},
    "editor": {Action.READ: _ANY, Action.EDIT: _LIVE, Action.PUBLISH: _ANY, Action.ARCHIVE: _ANY},
    "admin": dict.fromkeys(Action, _ANY),
}


def role_of(user: User | None) -> str:
    return user.role if user is not None else "anonymous"


def relations(actor: User | None, post: Post) -> set[str]:
    held = {"anyone", role_of(actor)}
    if actor is not None and actor.id == post.author_id:
        held.add("author")
    return held


def allows(actor: User | None, action: Action, post: Post) -> bool:
    return any(post.status in RULES.get(rel, {}).get(action, ()) for rel in relations(actor, post))


def authorize(actor: User | None, action: Action, post: Post) -> None:
    """Return when allowed; raise NotFound when the caller may not know the post exists."""
    # Hidden first, and with the very error a missing id gives: a "forbidden" here would tell
    # a stranger that the draft exists (enumeration).
    if not allows(actor, Action.READ, post):
        raise NotFound("No post has this id.")
    if not allows(actor, action, post):
        raise PermissionDenied(f"You may not {action} this post.")


def list_scope(actor: User | None) -> Scope:
    """The posts a caller may see in lists, derived from the same table as single reads."""
    everything = RULES.get(role_of(actor), {}).get(Action.READ) == _ANY
    return Scope(everything=everything, own_author_id=actor.id if actor else None)


def may_manage_user(actor: User | None, user_id: int) -> bool:
    return actor is not None and (actor.id == user_id or role_of(actor) == "admin")
