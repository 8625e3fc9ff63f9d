"""What each use case takes in. The registration input is the request schema: why write it twice?"""

from __future__ import annotations

from dataclasses import dataclass

from inkwell.interface.schemas import NewUser

RegisterUserInput = NewUser


@dataclass(frozen=True)
class CreateDraftInput:
    author_id: int
    title: str
    body: str


@dataclass(frozen=True)
class PublishPostInput:
    post_id: int
    actor_id: int
