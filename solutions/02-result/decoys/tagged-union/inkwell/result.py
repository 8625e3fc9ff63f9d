"""The answer of a use case, as a tagged union: `kind` says which of the two it is.

Callers branch on the discriminator (`if result.kind == "err":`), which mypy narrows.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Generic, Literal, TypeAlias, TypeVar, Union

T = TypeVar("T")
E = TypeVar("E")


@dataclass(frozen=True, slots=True)
class Ok(Generic[T]):
    value: T
    kind: Literal["ok"] = "ok"


@dataclass(frozen=True, slots=True)
class Err(Generic[E]):
    error: E
    kind: Literal["err"] = "err"


Result: TypeAlias = Union[Ok[T], Err[E]]
