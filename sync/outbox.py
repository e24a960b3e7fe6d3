"""What the engine needs from the tablet's store, and nothing more.

The engine never sees TinyDB: the app hands it an object with these methods
(mobile/services/outbox.py wraps the store). Tests hand it a fake.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

from domain.rejection import Rejection


class Outbox(Protocol):
    # -- pushing -------------------------------------------------------------------
    def take_batch(self, limit: int, max_bytes: int) -> list[dict]:
        """Mark up to ``limit`` pending records as sending, oldest first, as many as fit
        in ``max_bytes`` of push body (always at least one); return their envelopes."""

    def release(self, record_ids: Sequence[str]) -> None:
        """The push did not finish: the records are pending again."""

    def release_all(self) -> None:
        """Every record still marked sending is pending again (cheap when there is none):
        what a failed pass could not release, because the store refused that too."""

    def mark_synced(self, confirmed: Sequence[tuple[str, int]]) -> None:
        """The server has these (record id, revision)s and all their photos, in one
        durable step (a record edited since stays pending)."""

    def mark_rejected(self, record_id: str, revision: int, rejection: Rejection) -> None:
        """This revision waits for a person (refused, a conflict, a bad photo), with the
        reason to show the user."""

    def photo_problem(self, sha256: str) -> str | None:
        """None if the stored photo's bytes hash to ``sha256``; else why not:
        ``domain.rejection.PHOTO_MISSING`` or ``PHOTO_DAMAGED``."""

    def photo_bytes(self, sha256: str) -> bytes:
        """The stored bytes of a photo (they hash to ``sha256``)."""

    def photo_size(self, sha256: str) -> int:
        """How many bytes ``photo_bytes`` would return, without reading them."""

    def pending_records(self) -> int:
        """How many records wait (cheap: the engine asks before pushing)."""

    def pending_counts(self) -> tuple[int, int]:
        """(records waiting, photos of those records) for the sync bar."""

    def oldest_pending_age_seconds(self) -> float | None:
        """How long the oldest record has waited, for the sync bar."""

    # -- pulling -------------------------------------------------------------------
    def pull_cursor(self) -> int:
        """The server sequence number up to which reference data has been applied."""

    def pull_scope(self) -> str | None:
        """The scope the cursor was reached under (None before the first pull)."""

    def apply_pulled(self, items: Sequence[dict], next_cursor: int, scope: str) -> None:
        """Apply one page of pulled changes and the new cursor in one durable step."""

    def start_over(self, scope: str) -> None:
        """Empty the reference data and set the cursor to 0 under ``scope``, in one step."""
