"""The one place where failures should become HTTP responses. Today each route improvises."""

from fastapi import FastAPI


# TODO(kata): Task 3. Map each domain error type to its status (see the README) and render an
# RFC 9457 problem body (type, title, status, detail, instance; `errors` for validation) with the
# content type application/problem+json. Routes then hand every Err to that one function.
def install_problem_handlers(app: FastAPI) -> None:
    # TODO(kata): Task 3. Register exception handlers so that FastAPI's own 404, 405 and 422
    # (and HTTPException raised anywhere) answer in the same problem format.
    # TODO(kata): Task 4. Handle every other exception: log it with a fresh correlation id, and
    # answer 500 with no internals in the body, the id in the body and in X-Correlation-ID.
    return None
