"""The rules that turn a release 1 display name into release 2's names and handle, and the
backfill that applies them to the rows.

Frozen with the revisions that call it (0002 and 0004): a revision replays years later, on
whatever the code has become by then, so it depends on no model or use case of the app and
names its table and columns itself.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

import sqlalchemy as sa
from sqlalchemy import Connection

_NOT_SLUG = re.compile(r"[^a-z0-9]+")

users = sa.table(
    "users",
    sa.column("id", sa.Integer),
    sa.column("display_name", sa.String),
    sa.column("given_name", sa.String),
    sa.column("family_name", sa.String),
    sa.column("handle", sa.String),
)


def split_name(display_name: str | None) -> tuple[str, str]:
    """(given name, family name): the first word, then the rest joined by single spaces."""
    # str.split() with no argument splits on every kind of whitespace (tabs, newlines, no-break
    # spaces) and drops it at both ends: "  Ada \t King " is ("Ada", "King"), never ("", "Ada \t King ").
    words = (display_name or "").split()
    if not words:
        return "", ""
    return words[0], " ".join(words[1:])


def base_handle(display_name: str | None, user_id: int) -> str:
    """The handle a name asks for: ASCII letters and digits, words joined by single hyphens."""
    # NFKD splits "ü" into "u" and a combining mark, which the ASCII encoding then drops.
    folded = unicodedata.normalize("NFKD", display_name or "").encode("ascii", "ignore").decode("ascii")
    slug = _NOT_SLUG.sub("-", folded.lower()).strip("-")
    return slug or f"user-{user_id}"


def assign_handles(users: Iterable[tuple[int, str | None]], taken: Iterable[str]) -> dict[int, str]:
    """A unique handle per (id, display name), in id order, none of them already `taken`."""
    used = set(taken)
    handles: dict[int, str] = {}
    for user_id, display_name in sorted(users):
        base = base_handle(display_name, user_id)
        handle, suffix = base, 2
        # The smallest free suffix: "ann-2" may already be someone's natural handle.
        while handle in used:
            handle, suffix = f"{base}-{suffix}", suffix + 1
        used.add(handle)
        handles[user_id] = handle
    return handles


def fill_names_and_handles(bind: Connection) -> None:
    """Give every row that has no handle yet its names and a handle no other row holds."""
    # Rows with a handle keep it: the expand step fills every row, and the contract step only
    # those release 1 wrote while it ran on the expanded schema.
    missing = bind.execute(sa.select(users.c.id, users.c.display_name).where(users.c.handle.is_(None))).all()
    taken = bind.scalars(sa.select(users.c.handle).where(users.c.handle.is_not(None))).all()
    handles = assign_handles([(row.id, row.display_name) for row in missing], taken)
    changes = [
        {"key": row.id, "given": given, "family": family, "handle": handles[row.id]}
        for row in missing
        for given, family in [split_name(row.display_name)]
    ]
    if changes:
        update = users.update().where(users.c.id == sa.bindparam("key"))
        bind.execute(
            update.values(
                given_name=sa.bindparam("given"), family_name=sa.bindparam("family"), handle=sa.bindparam("handle")
            ),
            changes,
        )
