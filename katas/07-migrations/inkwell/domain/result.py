"""A small Result: expected failures are values that a caller must look at (kata 02)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Generic, TypeVar

# Covariant: an Ok or Err is never mutated, so Err[Conflict] is also an Err[Conflict | Invalid].
T = TypeVar("T", covariant=True)
E = TypeVar("E", covariant=True)


@dataclass(frozen=True)
class Ok(Generic[T]):
    value: T


@dataclass(frozen=True)
class Err(Generic[E]):
    error: E


Result = Ok[T] | Err[E]
