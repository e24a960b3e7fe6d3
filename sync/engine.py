"""One sync pass: pull reference data, push pending records, send their photos.

    pull   page by page from the stored cursor; each page and its cursor are
           applied in one durable step, so a crash never skips or half-applies one
    push   batches of pending records (marked sending first); the server answers
           per record: accepted / duplicate → the server has it; rejected → kept,
           with the reason; conflict → kept as the device's version, for a person
    photos of the records the server has: ask which bytes it holds, send the rest
    mark   synced only what the server has with all its photos, and only at the
           revision sent: an edit made meanwhile stays pending

Anything that stops the pass part-way releases the batch in flight back to
pending: the next pass sends it again and the server answers "duplicate".
The engine does no HTTP itself; it is handed a transport (the real one wraps
a ``requests.Session``, tests pass fakes).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import datetime

from domain.text import Text
from sync import protocol
from sync.errors import BadResponse, Refused, SyncError, Unreachable
from sync.outbox import Outbox

PUSH_BATCH = 500
# Half the server's body limit: a batch of long patrol rounds still goes through.
PUSH_BATCH_BYTES = protocol.PUSH_MAX_BYTES // 2
PULL_PAGE = 500


@dataclass(frozen=True)
class SyncStatus:
    """What the sync bar shows; a new snapshot goes to the observer on every change."""

    online: bool | None = None
    syncing: bool = False
    pending_records: int = 0
    pending_photos: int = 0
    bytes_sent: int = 0
    bytes_total: int = 0
    oldest_pending_age_s: float | None = None
    last_success_at: datetime | None = None
    last_error: Text | None = None
    auth_required: bool = False
    rejections: tuple[tuple[str, dict], ...] = ()


@dataclass
class SyncReport:
    pulled: int = 0
    accepted: int = 0
    duplicates: int = 0
    rejected: int = 0
    conflicts: int = 0
    photos_sent: int = 0
    synced: int = 0
    rejections: list[tuple[str, dict]] = field(default_factory=list)


class SyncEngine:
    def __init__(
        self,
        outbox: Outbox,
        transport,
        observer: Callable[[SyncStatus], None] = lambda status: None,
        now: Callable[[], datetime] = datetime.now,
        push_batch: int = PUSH_BATCH,
        push_batch_bytes: int = PUSH_BATCH_BYTES,
        pull_page: int = PULL_PAGE,
    ):
        self.outbox = outbox
        self.transport = transport
        self.observer = observer
        self.now = now
        self.push_batch = push_batch
        self.push_batch_bytes = push_batch_bytes
        self.pull_page = pull_page
        self.status = SyncStatus()

    def update_status(self, **changes) -> None:
        self.status = replace(self.status, **changes)
        self.observer(self.status)

    def refresh_counts(self) -> None:
        records, photos = self.outbox.pending_counts()
        self.update_status(
            pending_records=records,
            pending_photos=photos,
            oldest_pending_age_s=self.outbox.oldest_pending_age_seconds(),
        )

    def run_once(self) -> SyncReport:
        """One full pass. Raises the transport's ``SyncError`` after making everything safe."""
        report = SyncReport()
        self.update_status(syncing=True, bytes_sent=0, bytes_total=0)
        try:
            self._pull(report)
            # Only what waits now: an edit made during this pass goes in the next one.
            waiting = self.outbox.pending_records()
            while waiting > 0:
                sent = self._push_one_batch(report)
                if not sent:
                    break
                waiting -= sent
        except SyncError as error:
            self.update_status(syncing=False, last_error=error.text, online=_online_after(error))
            self.refresh_counts()
            raise
        self.update_status(
            syncing=False,
            online=True,
            last_error=None,
            auth_required=False,
            last_success_at=self.now(),
            rejections=tuple(report.rejections),
        )
        self.refresh_counts()
        return report

    # -- pull ------------------------------------------------------------------------

    def _pull(self, report: SyncReport) -> None:
        while True:
            page = self.transport.pull(self.outbox.pull_cursor(), self.pull_page)
            self.outbox.apply_pulled(page["items"], page["next_cursor"])
            report.pulled += len(page["items"])
            if not page["has_more"]:
                return

    # -- push ------------------------------------------------------------------------

    def _push_one_batch(self, report: SyncReport) -> int:
        """Push one batch; returns how many records it held (0: nothing waits)."""
        batch = self.outbox.take_batch(self.push_batch, self.push_batch_bytes)
        if not batch:
            return 0
        in_flight = [record["id"] for record in batch]
        try:
            results = self.transport.push(batch)
            confirmed = self._apply_results(batch, results, report)
            self._send_photos(confirmed, report)
        except BaseException:
            self.outbox.release(in_flight)
            raise
        self.outbox.mark_synced([(record["id"], record["revision"]) for record in confirmed])
        report.synced += len(confirmed)
        return len(batch)

    def _apply_results(self, batch: list[dict], results: list[dict], report) -> list[dict]:
        """Record each answer; return the records the server now has."""
        confirmed = []
        for record, result in zip(batch, results, strict=True):
            outcome = result["outcome"]
            if outcome in (protocol.ACCEPTED, protocol.DUPLICATE):
                confirmed.append(record)
                report.accepted += outcome == protocol.ACCEPTED
                report.duplicates += outcome == protocol.DUPLICATE
            elif outcome == protocol.REJECTED:
                reason = {"outcome": outcome, "errors": result["errors"]}
                self.outbox.mark_rejected(record["id"], record["revision"], reason)
                report.rejected += 1
                report.rejections.append((record["id"], reason))
            else:
                reason = {
                    "outcome": outcome,
                    "reason": result["reason"],
                    "server_revision": result["server_revision"],
                }
                if "work_order" in result:
                    reason["work_order"] = result["work_order"]
                self.outbox.mark_rejected(record["id"], record["revision"], reason)
                report.conflicts += 1
                report.rejections.append((record["id"], reason))
        return confirmed

    # -- photos ----------------------------------------------------------------------

    def _send_photos(self, records: list[dict], report: SyncReport) -> None:
        hashes = sorted({sha for record in records for sha in record["photos"]})
        if not hashes:
            return
        states = self.transport.photo_status(hashes)
        to_send = [
            (s["sha256"], s["received"]) for s in states if s["state"] != protocol.PHOTO_HAVE
        ]
        payloads = {sha: self.outbox.photo_bytes(sha) for sha, _ in to_send}
        total = sum(len(payloads[sha]) - received for sha, received in to_send)
        self.update_status(bytes_total=self.status.bytes_total + total)
        for sha, received in to_send:
            self._send_photo(sha, payloads[sha], received)
            report.photos_sent += 1

    def _send_photo(self, sha256: str, data: bytes, received: int) -> None:
        def progress(sent: int) -> None:
            self.update_status(bytes_sent=self.status.bytes_sent + sent)

        try:
            self.transport.upload_photo(sha256, data, received, progress)
        except Refused as refused:
            if refused.code != "offset_mismatch":
                raise
            # The server holds a different number of bytes than it said (a chunk we
            # thought lost did arrive): ask again and go on from there.
            (state,) = self.transport.photo_status([sha256])
            if state["state"] != protocol.PHOTO_HAVE:
                self.transport.upload_photo(sha256, data, state["received"], progress)


def _online_after(error: SyncError) -> bool:
    """Whether the server answered at all before the error."""
    return not isinstance(error, Unreachable | BadResponse)
