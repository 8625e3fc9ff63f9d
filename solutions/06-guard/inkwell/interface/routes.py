"""The routes. Sign-in and invites are limited before any work is done; an outside failure is
answered honestly (a pending preview, or 503 with Retry-After), never as a 500."""

from fastapi import APIRouter, Request

from inkwell.application import accounts, invites, posts
from inkwell.domain.model import Post
from inkwell.interface.deps import MailerDep, NewUow, PreviewsDep, SignedIn, client_address, limit
from inkwell.interface.problems import Problem, unauthenticated
from inkwell.interface.refusals import unavailable
from inkwell.interface.schemas import Credentials, InviteOut, NewInvite, NewPost, PostOut, TokenOut
from inkwell.result import Err

router = APIRouter()


@router.post("/tokens", status_code=201, response_model=TokenOut)
def sign_in(body: Credentials, request: Request, new_uow: NewUow) -> TokenOut:
    # Per address, then per account: a botnet spreading over accounts and a single account
    # tried from many addresses both hit a wall before any password is checked.
    limit(request, "tokens-address", client_address(request))
    limit(request, "tokens-account", accounts.normalise_email(body.email))
    signed = accounts.sign_in(new_uow, body.email, body.password)
    if isinstance(signed, Err):
        raise unauthenticated(signed.error.detail)
    return TokenOut(token=signed.value)


@router.post("/posts", status_code=201, response_model=PostOut)
def create_post(body: NewPost, new_uow: NewUow, previews: PreviewsDep, caller: SignedIn) -> Post:
    link = str(body.link) if body.link is not None else None
    return posts.create_post(new_uow, previews, caller, title=body.title, body=body.body, link=link)


@router.get("/posts/{post_id}", response_model=PostOut)
def read_post(post_id: int, new_uow: NewUow) -> Post:
    post = posts.read_post(new_uow, post_id)
    if post is None:
        raise Problem(404, "Not Found", "No post has this id.")
    return post


@router.post("/invites", status_code=202, response_model=InviteOut)
def invite(body: NewInvite, request: Request, mailer: MailerDep, caller: SignedIn) -> InviteOut:
    limit(request, "invites-account", str(caller.id))
    sent = invites.invite(mailer, caller, body.email)
    if isinstance(sent, Err):
        raise unavailable(f"The invite could not be sent. {sent.error.detail}", sent.error.retry_after)
    return InviteOut(email=body.email, status="sent")
