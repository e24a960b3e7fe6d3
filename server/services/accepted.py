"""A revision the push has just accepted, as the workflows and the answer see it.

The push writes accepted revisions with one bulk statement per table instead of
an ORM object per row (several times faster for a batch of hundreds), so what
it hands on is this plain value, not a ``Record`` row.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime


@dataclass(frozen=True)
class Accepted:
    id: str
    kind: str
    estate_id: str
    photos: list[str]
    complete: bool
    updated_at: datetime  # the server's acceptance time: "when" for the work it raises
