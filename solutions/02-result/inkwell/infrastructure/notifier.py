"""The mail adapter. Here it only records what it would send: Inkwell has no mail server yet."""

from __future__ import annotations

import logging

from inkwell.domain.errors import DeliveryFailed
from inkwell.domain.model import User
from inkwell.result import Ok, Result

log = logging.getLogger(__name__)


class LoggingNotifier:
    def send_welcome(self, user: User) -> Result[None, DeliveryFailed]:
        log.info("Welcome email queued for user %s", user.id)
        # A real mailer answers Err(DeliveryFailed(...)) when the relay refuses the message.
        return Ok(None)
