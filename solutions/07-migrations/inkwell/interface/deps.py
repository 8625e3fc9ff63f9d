"""The dependencies routes ask for: ports only. Which adapter stands behind them is the
composition root's decision (`inkwell.app`): the interface never imports the infrastructure."""

from typing import Annotated

from fastapi import Depends, Request

from inkwell.application.ports import UnitOfWork


def unit_of_work(request: Request) -> UnitOfWork:
    uow: UnitOfWork = request.app.state.uow_factory()
    return uow


UowDep = Annotated[UnitOfWork, Depends(unit_of_work)]
