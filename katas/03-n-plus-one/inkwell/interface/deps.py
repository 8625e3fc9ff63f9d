"""The dependencies routes ask for: ports and page requests, never adapters.

Which adapters stand behind the ports is the composition root's decision (`inkwell.app`): the
interface never imports the infrastructure.
"""

from typing import Annotated

from fastapi import Depends, Query, Request

from inkwell.application.ports import UnitOfWork
from inkwell.domain.paging import DEFAULT_PAGE_SIZE, PageRequest


def unit_of_work(request: Request) -> UnitOfWork:
    uow: UnitOfWork = request.app.state.uow_factory()
    return uow


def page_request(
    # TODO(kata): a partner's script asked for ?limit=1000000 and the API ran out of memory; a
    # mobile client that sent limit=0 kept asking for the same page all night; a crawler walking
    # ?offset=5000000 and beyond kept the database busy on pages nobody reads.
    limit: Annotated[int, Query()] = DEFAULT_PAGE_SIZE,
    offset: Annotated[int, Query()] = 0,
) -> PageRequest:
    return PageRequest(limit=limit, offset=offset)


UowDep = Annotated[UnitOfWork, Depends(unit_of_work)]
PageDep = Annotated[PageRequest, Depends(page_request)]
