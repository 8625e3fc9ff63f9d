"""The answer of a use case: `Ok(value)` when it worked, `Err(error)` when it could not.

Nobody has written it yet. The README's contract says what it must look like.
"""

# TODO(kata): Task 1. Write the Result type here: a generic `Ok` holding `.value`, a generic `Err`
# holding `.error`, and `Result = Ok[T] | Err[E]`; both must work in `match` (`case Ok(value):`).
