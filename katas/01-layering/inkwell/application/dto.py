"""What each use case takes in (plain values, already shaped by the interface layer), and what
registration gives back."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # the entities of the domain layer, which the split has not reached yet
    from inkwell.domain.model import User


@dataclass(frozen=True)
class RegisterUserInput:
    email: str
    display_name: str


@dataclass(frozen=True)
class CreateDraftInput:
    author_id: int
    title: str
    body: str


@dataclass(frozen=True)
class PublishPostInput:
    post_id: int
    actor_id: int


@dataclass(frozen=True)
class Registration:
    """The new user and its first bearer token: stored together, or not at all."""

    user: User
    token: str
