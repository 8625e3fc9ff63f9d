"""User routes: sign-up, the caller's own account, public profiles."""

from fastapi import APIRouter

from inkwell.application import accounts as use_cases
from inkwell.domain.model import User
from inkwell.interface.deps import NewUow, SignedIn
from inkwell.interface.problems import Unprocessable
from inkwell.interface.schemas import Me, NewUser, ProfilePatch, PublicUser

router = APIRouter(prefix="/users", tags=["users"])


@router.post("", status_code=201, response_model=Me)
def sign_up(body: NewUser, new_uow: NewUow) -> User:
    try:
        user_id = use_cases.register_user(new_uow, body.email, body.display_name, body.role)
    except ValueError as error:
        raise Unprocessable(str(error)) from None
    return use_cases.read_user(new_uow, user_id)


# TODO(kata): A member opened the mobile app and saw another member's email address and role.
@router.get("/me", response_model=Me)
def me(caller: SignedIn, new_uow: NewUow, user_id: int | None = None) -> User:
    # The mobile app passes its cached user id.
    return use_cases.read_user(new_uow, user_id) if user_id else caller


@router.get("/{user_id}", response_model=PublicUser)
def read_user(user_id: int, new_uow: NewUow) -> User:
    return use_cases.read_user(new_uow, user_id)


@router.patch("/{user_id}", response_model=PublicUser)
def update_profile(user_id: int, body: ProfilePatch, new_uow: NewUow, caller: SignedIn) -> User:
    return use_cases.update_profile(new_uow, caller, user_id, display_name=body.display_name, role=body.role)
