"""User routes: sign-up, the caller's own account, public profiles."""

from fastapi import APIRouter, HTTPException

from inkwell.domain.model import User
from inkwell.http.deps import Accounts, SignedIn
from inkwell.http.schemas import Me, NewUser, ProfilePatch, PublicUser

router = APIRouter(prefix="/users", tags=["users"])


@router.post("", status_code=201, response_model=Me)
def sign_up(body: NewUser, accounts: Accounts) -> User:
    try:
        user_id = accounts.register_user(body.email, body.display_name, body.role)
    except ValueError as error:
        raise HTTPException(422, str(error)) from None
    return accounts.read_user(user_id)


# TODO(kata): Task 6. "Me" is the user of the bearer token; no query parameter may name another.
@router.get("/me", response_model=Me)
def me(caller: SignedIn, accounts: Accounts, user_id: int | None = None) -> User:
    # The mobile app passes its cached user id.
    return accounts.read_user(user_id) if user_id else caller


@router.get("/{user_id}", response_model=PublicUser)
def read_user(user_id: int, accounts: Accounts) -> User:
    return accounts.read_user(user_id)


# TODO(kata): Task 6. Only the user themself (or an admin) may change a profile: the id in the
# path says which profile, never who is asking. Let the use case decide.
@router.patch("/{user_id}", response_model=PublicUser)
def update_profile(user_id: int, body: ProfilePatch, accounts: Accounts, caller: SignedIn) -> User:
    return accounts.update_profile(caller, user_id, display_name=body.display_name, role=body.role)
