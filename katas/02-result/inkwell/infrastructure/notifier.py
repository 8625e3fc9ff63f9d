"""The mail adapter. Here it only records what it would send: Inkwell has no mail server yet."""

from __future__ import annotations

import logging

from inkwell.domain.model import User

log = logging.getLogger(__name__)


class LoggingNotifier:
    def send_welcome(self, user: User) -> None:
        log.info("Welcome email queued for user %s", user.id)
        # A real mailer raises when the relay refuses the message.
