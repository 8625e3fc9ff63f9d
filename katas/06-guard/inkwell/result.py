"""The answer of a use case: `Ok(value)` when it worked, `Err(error)` when it could not.

Expected failures (a taken email, a missing post) are part of a use case's answer, so they are
returned, not raised: the signature `Result[User, Conflict | ValidationFailed]` tells every
caller what can go wrong, and a type checker makes the caller look at both cases. Programming
errors are not results; they stay exceptions.

    match register_user(...):
        case Ok(user): ...
        case Err(error): ...
"""

from __future__ import annotations

from typing import Generic, TypeAlias, TypeVar, final

T = TypeVar("T", covariant=True)
E = TypeVar("E", covariant=True)


@final
class Ok(Generic[T]):
    """A success, holding the use case's value."""

    __slots__ = ("value",)
    __match_args__ = ("value",)

    def __init__(self, value: T) -> None:
        self.value = value

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Ok) and self.value == other.value

    def __hash__(self) -> int:
        return hash(("Ok", self.value))

    def __repr__(self) -> str:
        return f"Ok({self.value!r})"


@final
class Err(Generic[E]):
    """An expected failure, holding a domain error that says what went wrong."""

    __slots__ = ("error",)
    __match_args__ = ("error",)

    def __init__(self, error: E) -> None:
        self.error = error

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Err) and self.error == other.error

    def __hash__(self) -> int:
        return hash(("Err", self.error))

    def __repr__(self) -> str:
        return f"Err({self.error!r})"


# A union, not a base class: `match` and mypy then know there are exactly two cases.
Result: TypeAlias = Ok[T] | Err[E]
