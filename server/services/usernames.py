"""How usernames compare (its own module so that the reference data can use it too)."""

from __future__ import annotations


def normalise_username(username: str) -> str:
    """Usernames compare case-insensitively (and so does the login throttle)."""
    return username.strip().lower()
