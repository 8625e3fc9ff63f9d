"""Inviting a friend by e-mail: one paid message per invite, however often it is tried."""

from __future__ import annotations

import uuid

from inkwell.application.ports import Mailer
from inkwell.domain.errors import Unavailable
from inkwell.domain.model import User
from inkwell.result import Result


def invite(mailer: Mailer, actor: User, email: str) -> Result[None, Unavailable]:
    # One key per invite, made before the first attempt: every retry of this message carries it,
    # so the provider delivers (and bills) it once.
    return mailer.send(
        to=email,
        subject=f"{actor.display_name} invites you to Inkwell",
        text=f"{actor.display_name} would like you to write on Inkwell.",
        key=str(uuid.uuid4()),
    )
