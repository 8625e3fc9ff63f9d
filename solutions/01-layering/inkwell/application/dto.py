"""What each use case takes in: plain values, already shaped by the interface layer."""

from __future__ import annotations

from dataclasses import dataclass


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
