"""What the sync bar and the Sync screen show: one immutable view, replaced on each change
(``mobile.services.sync_status`` computes it).

Apart from the feed so that the shell, drawn in the app's first frame, needs only this
and not the store and the sync engine behind the feed.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from domain.text import Text

OFFLINE, IDLE, SYNCING, SENDING_PHOTOS, BLOCKED = (
    "offline", "idle", "syncing", "sending_photos", "blocked",
)  # fmt: skip


@dataclass(frozen=True)
class SyncView:
    online: bool | None = None
    syncing: bool = False
    pending_records: int = 0
    pending_photos: int = 0
    oldest_pending_at: datetime | None = None
    bytes_sent: int = 0
    bytes_total: int = 0
    last_success_at: datetime | None = None
    last_error: Text | None = None
    blocked: Text | None = None
    rejections: tuple[tuple[str, dict], ...] = ()
    # Previous people at a shift change whose records wait for their new sign-in.
    waiting_for_sign_in: Text | None = None

    @property
    def phase(self) -> str:
        if self.blocked is not None:
            return BLOCKED
        if self.syncing:
            return SENDING_PHOTOS if self.bytes_total else SYNCING
        return OFFLINE if self.online is False else IDLE

    def oldest_age(self, now: datetime) -> timedelta | None:
        return None if self.oldest_pending_at is None else now - self.oldest_pending_at
