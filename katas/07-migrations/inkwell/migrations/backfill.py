"""A first try at turning a release 1 display name into release 2's names and handle."""

from __future__ import annotations

from collections.abc import Iterable


# TODO(kata): in staging, "  Grace   Hopper " became given name "" and family name
# "Grace   Hopper ", and "Jürgen Klopp" got the handle "jürgen-klopp".
def split_name(display_name: str | None) -> tuple[str, str]:
    given, _, family = (display_name or "").partition(" ")
    return given, family


def base_handle(display_name: str | None, user_id: int) -> str:
    return (display_name or "").lower().replace(" ", "-") or f"user-{user_id}"


# TODO(kata): two members called Ann got the handle "ann-2": one typed "Ann 2" as her name.
def assign_handles(users: Iterable[tuple[int, str | None]], taken: Iterable[str]) -> dict[int, str]:
    seen: dict[str, int] = {}
    handles: dict[int, str] = {}
    for user_id, display_name in sorted(users):
        base = base_handle(display_name, user_id)
        seen[base] = seen.get(base, 0) + 1
        handles[user_id] = base if seen[base] == 1 else f"{base}-{seen[base]}"
    return handles
