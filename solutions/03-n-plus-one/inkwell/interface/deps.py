"""The dependencies routes ask for: ports and page requests, never adapters.

Which adapters stand behind the ports is the composition root's decision (`inkwell.app`): the
interface never imports the infrastructure.
"""

from typing import Annotated

from fastapi import Depends, Query, Request

from inkwell.application.ports import UnitOfWork
from inkwell.domain.paging import DEFAULT_PAGE_SIZE, MAX_OFFSET, MAX_PAGE_SIZE, PageRequest


def unit_of_work(request: Request) -> UnitOfWork:
    uow: UnitOfWork = request.app.state.uow_factory()
    return uow


def page_request(
    # The hard maximum is what keeps one request from reading a whole table; a page of 0 would
    # send a client following next_offset round in circles.
    limit: Annotated[int, Query(ge=1, le=MAX_PAGE_SIZE)] = DEFAULT_PAGE_SIZE,
    # OFFSET reads and discards every row before the page: deep pages are bounded too.
    offset: Annotated[int, Query(ge=0, le=MAX_OFFSET)] = 0,
) -> PageRequest:
    return PageRequest(limit=limit, offset=offset)


UowDep = Annotated[UnitOfWork, Depends(unit_of_work)]
PageDep = Annotated[PageRequest, Depends(page_request)]
