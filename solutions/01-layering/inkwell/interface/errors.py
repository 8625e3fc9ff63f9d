"""Domain errors become HTTP answers here, in one table, instead of in every handler."""

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse

from inkwell.domain import errors

STATUS: dict[type[errors.DomainError], int] = {
    errors.InvalidEmail: 422,
    errors.EmailAlreadyRegistered: 409,
    errors.UserNotFound: 404,
    errors.PostNotFound: 404,
    errors.NotPostAuthor: 403,
    errors.PostNotPublishable: 422,
    errors.NotAuthenticated: 401,
}


def install_error_handlers(app: FastAPI) -> None:
    app.add_exception_handler(errors.DomainError, _answer)


async def _answer(request: Request, error: Exception) -> JSONResponse:
    status = next((code for kind, code in STATUS.items() if isinstance(error, kind)), 400)
    headers = {"WWW-Authenticate": "Bearer"} if status == 401 else None
    return JSONResponse({"detail": str(error)}, status_code=status, headers=headers)
