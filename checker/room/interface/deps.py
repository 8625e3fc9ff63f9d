"""What routes ask for, defined once. Tests swap the services with their own clock or limits."""

from __future__ import annotations

import ipaddress
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Annotated

from fastapi import Cookie, Depends, Header, Path, Request
from sqlalchemy import Engine

from checker.room.application.callers import identify
from checker.room.application.learners import JoinLimits
from checker.room.application.ports import RateLimiter, Secrets
from checker.room.domain.policy import Caller
from checker.room.infrastructure.unit_of_work import SqlUnitOfWork

ADMIN_COOKIE = "room_admin"


@dataclass(frozen=True)
class Services:
    engine: Engine
    secrets: Secrets
    report_limiter: RateLimiter
    join_limits: JoinLimits
    clock: Callable[[], datetime]
    katas: tuple[tuple[str, str], ...]  # the course, (id, title) in order; empty: any kata id is taken
    public_url: str | None = None  # the address learners join, when it differs from the page's own


def services(request: Request) -> Services:
    wired = request.app.state.services  # Starlette's app.state is untyped: say what create_app put there
    assert isinstance(wired, Services)
    return wired


ServicesDep = Annotated[Services, Depends(services)]


def unit_of_work(svc: ServicesDep) -> SqlUnitOfWork:
    return SqlUnitOfWork(svc.engine)


def read_only_unit_of_work(svc: ServicesDep) -> SqlUnitOfWork:
    return SqlUnitOfWork(svc.engine, read_only=True)


UowDep = Annotated[SqlUnitOfWork, Depends(unit_of_work)]
ReadUowDep = Annotated[SqlUnitOfWork, Depends(read_only_unit_of_work)]


def caller(
    svc: ServicesDep,
    authorization: Annotated[str | None, Header(max_length=200)] = None,
    room_admin: Annotated[str | None, Cookie(max_length=200)] = None,
) -> Caller:
    """A bearer token, or the admin cookie the room page sets (sent only to that room's pages)."""
    scheme, _, token = (authorization or "").partition(" ")
    bearer = token.strip() if scheme.lower() == "bearer" else None
    return identify(bearer or room_admin, uow=SqlUnitOfWork(svc.engine, read_only=True), secrets=svc.secrets)


CallerDep = Annotated[Caller, Depends(caller)]
CodeDep = Annotated[str, Path(pattern=r"^[A-Z0-9]{6}$")]
LearnerIdDep = Annotated[int, Path(ge=1, le=2**62)]


def client_address(request: Request) -> str:
    """Whom per-client limits count: the peer's address; for IPv6 its /64, which one host often holds whole."""
    host = request.client.host if request.client else ""
    try:
        address = ipaddress.ip_address(host)
    except ValueError:
        return host or "unknown"
    if isinstance(address, ipaddress.IPv6Address):
        if address.ipv4_mapped is not None:
            return str(address.ipv4_mapped)
        return str(ipaddress.IPv6Network((address, 64), strict=False))
    return str(address)


ClientDep = Annotated[str, Depends(client_address)]
