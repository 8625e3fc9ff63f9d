"""User routes: sign-up, the caller's own account, public profiles."""

from fastapi import APIRouter, HTTPException

from inkwell.domain.model import User
from inkwell.http.deps import Accounts, SignedIn
from inkwell.http.schemas import Me, NewUser, ProfilePatch, PublicUser

router = APIRouter(prefix="/users", tags=["users"])


@router.post("", status_code=201, response_model=Me)
def sign_up(body: NewUser, accounts: Accounts) -> User:
    # Sign-up makes members only; the role is not a field a client can send.
    try:
        user_id = accounts.register_user(body.email, body.display_name)
    except ValueError as error:
        raise HTTPException(422, str(error)) from None
    return accounts.read_user(user_id)


@router.get("/me", response_model=Me)
def me(caller: SignedIn) -> User:
    # "Me" is the token's user; the route takes no id that could name someone else.
    return caller


@router.get("/{user_id}", response_model=PublicUser)
def read_user(user_id: int, accounts: Accounts) -> User:
    return accounts.read_user(user_id)


@router.patch("/{user_id}", response_model=PublicUser)
def update_profile(user_id: int, body: ProfilePatch, accounts: Accounts, caller: SignedIn) -> User:
    return accounts.update_profile(caller, user_id, display_name=body.display_name)
