"""Routes of posts: translation only. Who may publish, and when, is the domain's decision."""

from fastapi import APIRouter

from inkwell.application import use_cases
from inkwell.application.dto import CreateDraftInput, PublishPostInput
from inkwell.interface.deps import CallerId, UowDep
from inkwell.interface.schemas import NewPost, PostOut

router = APIRouter(prefix="/posts", tags=["posts"])


@router.post("", status_code=201, response_model=PostOut)
def create_draft(body: NewPost, uow: UowDep, caller: CallerId) -> PostOut:
    command = CreateDraftInput(author_id=caller, title=body.title, body=body.body)
    return PostOut.model_validate(use_cases.create_draft(uow, command))


@router.get("/{post_id}", response_model=PostOut)
def read_post(post_id: int, uow: UowDep) -> PostOut:
    return PostOut.model_validate(use_cases.get_post(uow, post_id))


@router.post("/{post_id}/publish", response_model=PostOut)
def publish(post_id: int, uow: UowDep, caller: CallerId) -> PostOut:
    command = PublishPostInput(post_id=post_id, actor_id=caller)
    return PostOut.model_validate(use_cases.publish_post(uow, command))
