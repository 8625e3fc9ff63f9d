"""The one place where failures should become HTTP responses. Today each route improvises."""

from fastapi import FastAPI


def install_problem_handlers(app: FastAPI) -> None:
    # TODO(kata): the mobile client cannot tell a wrong request from a server failure, and
    # FastAPI's own 404, 405 and 422 look like nothing else the API answers.
    # TODO(kata): when something crashes, the client gets a plain-text 500 with nothing to
    # quote to support, and during last week's database maintenance clients were told the same
    # (and paged the on-call as a bug) instead of being asked to retry.
    return None
