"""Bearer tokens: which user a token stands for. Login is out of this kata's scope."""

from __future__ import annotations

import secrets

from sqlalchemy.orm import Session

from inkwell.infrastructure.db import TokenRow


class TokenStore:
    def __init__(self, session: Session) -> None:
        self.session = session

    def issue(self, user_id: int) -> str:
        token = secrets.token_urlsafe(24)
        self.session.add(TokenRow(token=token, user_id=user_id))
        self.session.commit()
        return token

    def user_id_for(self, token: str) -> int | None:
        row = self.session.get(TokenRow, token)
        return row.user_id if row is not None else None
