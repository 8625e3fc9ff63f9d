"""Routes of users: each turns a request into a use-case input and the result into a response."""

from fastapi import APIRouter

from inkwell.application import use_cases
from inkwell.application.dto import RegisterUserInput
from inkwell.interface.deps import UowDep
from inkwell.interface.schemas import NewUser, RegisteredUserOut, UserOut

router = APIRouter(prefix="/users", tags=["users"])


@router.post("", status_code=201, response_model=RegisteredUserOut)
def register(body: NewUser, uow: UowDep) -> RegisteredUserOut:
    command = RegisterUserInput(email=body.email, display_name=body.display_name)
    registration = use_cases.register_user(uow, command)
    return RegisteredUserOut(**UserOut.model_validate(registration.user).model_dump(), token=registration.token)


@router.get("/{user_id}", response_model=UserOut)
def read_user(user_id: int, uow: UowDep) -> UserOut:
    return UserOut.model_validate(use_cases.get_user(uow, user_id))
