"""One sync pass: pull reference data, push pending records, send their photos.

    report with every pull and push, what waits on the tablet beyond that request
           (records and their photos), for the supervisors' device list
    pull   page by page from the stored cursor; each page and its cursor are
           applied in one durable step, so a crash never skips or half-applies one;
           a new scope (another account, role or estates) starts over from 0
    check  each photo of a record taken for a batch, against its hash: a record whose
           photo is missing or damaged is set aside (rejected, with the reason and
           the photos), and the rest of the batch goes on
    push   batches of pending records (marked sending first); the server answers
           per record: accepted / duplicate → the server has it; rejected → kept,
           with the reason; conflict → kept as the device's version, for a person
    photos the push answer says the server lacks: small ones whole, several to a
           request; big ones in resumable chunks from the offset the server reports
    mark   synced only what the server has with all its photos, and only at the
           revision sent: an edit made meanwhile stays pending

Anything that stops the pass part-way releases the batches not yet settled to
pending: the next pass sends them again and the server answers "duplicate".
If the store refuses even that (a full disk), the next pass releases them first.
The engine does no HTTP itself; it is handed a transport (the real one wraps
a ``requests.Session``, tests pass fakes).
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor, wait
from dataclasses import dataclass, field, replace
from datetime import datetime

from domain.rejection import (
    PHOTO_DAMAGED,
    PHOTO_MISSING,
    REFUSED,
    Conflict,
    FieldError,
    Rejection,
    text_for,
)
from domain.text import Text
from sync import protocol
from sync.errors import (
    BadResponse,
    Refused,
    SyncError,
    TabletStoreFailed,
    TimedOut,
    Unreachable,
    explain,
)
from sync.outbox import Outbox

PUSH_BATCH = 500
# Half the server's body limit: a batch of long patrol rounds still goes through.
PUSH_BATCH_BYTES = protocol.PUSH_MAX_BYTES // 2
PULL_PAGE = 500
# Small photos go whole, several to a request of at most this many bytes.
PHOTO_BATCH_BYTES = protocol.PHOTO_BATCH_MAX_BYTES // 2
# On a link too slow for a piece to cross before the timeout, the next try sends a
# quarter of what failed, down to these floors; each success doubles it back.
MIN_PUSH_BYTES = 8 * 1024
MIN_PHOTO_BYTES = 8 * 1024


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
    rejections: tuple[tuple[str, Rejection], ...] = ()


@dataclass
class SyncReport:
    pulled: int = 0
    accepted: int = 0
    duplicates: int = 0
    rejected: int = 0
    conflicts: int = 0
    set_aside: int = 0  # for a missing or damaged photo, before sending
    photos_sent: int = 0
    synced: int = 0
    rejections: list[tuple[str, Rejection]] = field(default_factory=list)


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
        self.push_bytes_now = push_batch_bytes
        # The most photo bytes one request carries now: a batch of whole photos, or a
        # chunk of a big one (never more than PHOTO_CHUNK_SIZE).
        self.photo_bytes_now = PHOTO_BATCH_BYTES
        self.status = SyncStatus()
        self._status_lock = threading.RLock()

    def update_status(self, **changes) -> None:
        """A new snapshot to the observer; called from the pass's thread and its wire thread."""
        with self._status_lock:
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
        """One full pass. Raises whatever stopped it (a ``SyncError``, or a bug) after
        making everything safe and putting the error in the status."""
        report = SyncReport()
        self.update_status(syncing=True, bytes_sent=0, bytes_total=0)
        try:
            self._pull(report)
            self._push(report)
        except Exception as error:
            online = _online_after(error, self.status.online)
            self.update_status(syncing=False, last_error=explain(error), online=online)
            # The counts are a nicety here: a store that just failed may fail this too,
            # and the error to report is the first one.
            with contextlib.suppress(Exception):
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

    def push_only(self) -> SyncReport:
        """Push what the outbox holds, without pulling or a new status: another account's
        records at a shift change, after the current account's pass. Raises what
        stopped it, with everything made safe as in ``run_once``."""
        report = SyncReport()
        self._push(report)
        return report

    # -- pull ------------------------------------------------------------------------

    def backlog(self) -> dict[str, int]:
        """What waits to be sent: the records pending now (not those taken for a batch)
        and their photos. It reads every pending record, so a pass asks it once for the
        pull and once for the push (about 0.1 s for 2,000 records here)."""
        records, photos = self.outbox.pending_counts()
        return {"records": records, "photos": photos}

    def _pull(self, report: SyncReport) -> None:
        backlog = self.backlog()
        while True:
            cursor = self.outbox.pull_cursor()
            page = self.transport.pull(cursor, self.pull_page, backlog=backlog)
            if cursor and page["scope"] != self.outbox.pull_scope():
                # Another account signed in, or this one's role or estates changed: what
                # the tablet holds was pulled for another view. Start again from 0.
                self.outbox.start_over(page["scope"])
                continue
            self.outbox.apply_pulled(page["items"], page["next_cursor"], page["scope"])
            report.pulled += len(page["items"])
            if not page["has_more"]:
                return

    # -- push ------------------------------------------------------------------------

    def _push(self, report: SyncReport) -> None:
        """Push the records waiting now (an edit made during the pass goes in the next).

        Batches go one at a time over the wire, on a worker thread: while batch N is
        there, the store takes batch N+1 and settles N-1, so the tablet's own work
        overlaps the server's. Whatever is not settled when something fails is
        released to pending, after the wire is idle.
        """
        # Nothing is in flight between passes: whatever is still "sending" is what a
        # failed pass could not put back (a full disk refused that write too).
        self.outbox.release_all()
        waiting = self.outbox.pending_records()
        unsettled: list[list[dict]] = []  # taken and not yet settled, oldest first
        photo_problems: dict[str, str | None] = {}  # each photo is checked once a pass
        # What waits beyond the batches taken: counted in the store once, then less each
        # batch's records and photos (a photo also named by a record still waiting is
        # taken as gone with the first: photos belong to one record, as a rule).
        beyond: dict[str, int] = {}

        def take() -> tuple[list[dict], dict[str, int]]:
            """The next batch to send, without the records set aside for a bad photo,
            and the backlog beyond it."""
            nonlocal waiting
            while waiting > 0:
                if not beyond:
                    beyond.update(self.backlog())
                taken = self.outbox.take_batch(self.push_batch, self.push_bytes_now)
                if not taken:
                    return [], beyond
                waiting -= len(taken)
                beyond["records"] = max(0, beyond["records"] - len(taken))
                photos = {sha for record in taken for sha in record["photos"]}
                beyond["photos"] = max(0, beyond["photos"] - len(photos))
                unsettled.append(taken)
                batch = self._set_aside_bad_photos(taken, photo_problems, report)
                unsettled[-1] = batch
                if batch:
                    return batch, dict(beyond)
                unsettled.pop()
            return [], beyond

        with ThreadPoolExecutor(1, thread_name_prefix="sync-wire") as wire:
            on_wire = None
            try:
                batch, backlog = take()
                on_wire = wire.submit(self._exchange, batch, backlog) if batch else None
                while on_wire is not None:
                    upcoming, backlog = take()
                    results, photos_sent = on_wire.result()
                    report.photos_sent += photos_sent
                    on_wire = wire.submit(self._exchange, upcoming, backlog) if upcoming else None
                    self._settle(unsettled[0], results, report)
                    unsettled.pop(0)
            except BaseException:
                if on_wire is not None:
                    wait([on_wire])
                # If the store refuses this too, the next pass releases them first; the
                # error to report is the one that stopped the pass.
                with contextlib.suppress(Exception):
                    self.outbox.release([r["id"] for batch in unsettled for r in batch])
                raise

    def _set_aside_bad_photos(
        self, batch: list[dict], problems: dict[str, str | None], report: SyncReport
    ) -> list[dict]:
        """Check the photos of ``batch`` against their hashes; a record whose photo is
        missing or damaged is set aside (rejected, with the photos and what the user
        can do), so the server never answers it with a refusal that stops the rest.
        Returns the records to send."""
        kept = []
        for record in batch:
            for sha in record["photos"]:
                if sha not in problems:
                    problems[sha] = self.outbox.photo_problem(sha)
            bad = {sha: problems[sha] for sha in record["photos"] if problems[sha]}
            if not bad:
                kept.append(record)
                continue
            code = PHOTO_MISSING if PHOTO_MISSING in bad.values() else PHOTO_DAMAGED
            rejection = Rejection(code, text_for(code), photos=tuple(bad))
            self.outbox.mark_rejected(record["id"], record["revision"], rejection)
            report.set_aside += 1
            report.rejections.append((record["id"], rejection))
        return kept

    def _exchange(self, batch: list[dict], backlog: dict[str, int]) -> tuple[list[dict], int]:
        """The wire part of a batch: push it (with the ``backlog`` beyond it), then the
        photos of what the server took. Returns the server's answers and how many photos
        went up."""
        try:
            results = self.transport.push(batch, backlog=backlog)
        except TimedOut:
            sent = len(protocol.canonical_json({"records": batch}))
            self.push_bytes_now = max(MIN_PUSH_BYTES, min(self.push_bytes_now, sent) // 4)
            raise
        self.push_bytes_now = min(self.push_batch_bytes, self.push_bytes_now * 2)
        # What the server still lacks of the photos of the records it has (a photo the
        # record does not name is not the tablet's to send).
        missing = {
            sha
            for record, result in zip(batch, results, strict=True)
            if result["outcome"] in (protocol.ACCEPTED, protocol.DUPLICATE)
            for sha in set(result["missing_photos"]) & set(record["photos"])
        }
        return results, self._send_photos(sorted(missing))

    def _settle(self, batch: list[dict], results: list[dict], report: SyncReport) -> None:
        """Record each answer; the records the server has with all their photos are synced
        (in one durable step), the others keep the server's reason."""
        confirmed = []
        for record, result in zip(batch, results, strict=True):
            outcome = result["outcome"]
            if outcome in (protocol.ACCEPTED, protocol.DUPLICATE):
                confirmed.append((record["id"], record["revision"]))
                report.accepted += outcome == protocol.ACCEPTED
                report.duplicates += outcome == protocol.DUPLICATE
            else:
                rejection = rejection_of(result)
                self.outbox.mark_rejected(record["id"], record["revision"], rejection)
                report.rejected += outcome == protocol.REJECTED
                report.conflicts += outcome == protocol.CONFLICT
                report.rejections.append((record["id"], rejection))
        self.outbox.mark_synced(confirmed)
        report.synced += len(confirmed)

    # -- photos ----------------------------------------------------------------------

    def _send_photos(self, missing: list[str]) -> int:
        """Send the photos the push answer named as missing: the small ones whole,
        several to a request; a big one in chunks, from where the server stands (the
        one question asked, for big photos only). A photo is read from the store just
        before its request, so a backlog of photos never sits in memory at once."""
        sizes = {sha: self.outbox.photo_size(sha) for sha in missing}
        big = [sha for sha in missing if sizes[sha] > protocol.PHOTO_CHUNK_SIZE]
        states = {s["sha256"]: s for s in self.transport.photo_status(big)} if big else {}
        received = {sha: state["received"] for sha, state in states.items()}
        fresh = [
            sha
            for sha in missing
            if sha not in states or states[sha]["state"] != protocol.PHOTO_HAVE
        ]
        total = sum(sizes[sha] - received.get(sha, 0) for sha in fresh)
        with self._status_lock:
            self.update_status(bytes_total=self.status.bytes_total + total)
        sent = len(fresh)
        while fresh:
            batch = self._next_photo_batch(fresh, sizes)
            if batch:
                self._send_photo_batch([(sha, self.outbox.photo_bytes(sha)) for sha in batch])
            else:
                sha = fresh.pop(0)
                self._send_photo(sha, self.outbox.photo_bytes(sha), received.get(sha, 0))
        return sent

    def _next_photo_batch(self, fresh: list[str], sizes: dict[str, int]) -> list[str]:
        """Take from the front of ``fresh`` the photos for one batch request: each no
        bigger than a chunk, together within the photo bytes a request carries now.
        Empty when the first is bigger than that: it goes in chunks."""
        whole_max = min(protocol.PHOTO_CHUNK_SIZE, self.photo_bytes_now)
        batch: list[str] = []
        total = 0
        while fresh and len(batch) < protocol.PHOTO_BATCH_MAX_COUNT:
            size = sizes[fresh[0]]
            if size > whole_max or total + size > self.photo_bytes_now:
                break
            batch.append(fresh.pop(0))
            total += size
        return batch

    def _send_photo_batch(self, batch: list[tuple[str, bytes]]) -> None:
        size = sum(len(data) for _, data in batch)
        try:
            states = self.transport.upload_photos(batch, self._photo_bytes_sent)
        except TimedOut:
            self._photo_request_timed_out(size)
            raise
        kept = [(s["sha256"], s["state"]) for s in states]
        if kept != [(sha, protocol.PHOTO_HAVE) for sha, _ in batch]:
            raise BadResponse("the photo batch was answered for other photos")
        self._photo_request_got_through()

    def _send_photo(self, sha256: str, data: bytes, received: int) -> None:
        def chunk_size() -> int:
            return min(protocol.PHOTO_CHUNK_SIZE, self.photo_bytes_now)

        try:
            self.transport.upload_photo(
                sha256, data, received, self._photo_bytes_got_through, chunk_size
            )
        except TimedOut:
            self._photo_request_timed_out(min(chunk_size(), len(data)))
            raise
        except Refused as refused:
            if refused.code != "offset_mismatch":
                raise
            # The server holds a different number of bytes than it said (a chunk we
            # thought lost did arrive): ask again and go on from there.
            (state,) = self.transport.photo_status([sha256])
            if state["state"] != protocol.PHOTO_HAVE:
                self.transport.upload_photo(
                    sha256, data, state["received"], self._photo_bytes_got_through, chunk_size
                )

    def _photo_bytes_got_through(self, sent: int) -> None:
        """A chunk of ``sent`` bytes is on the server."""
        self._photo_bytes_sent(sent)
        self._photo_request_got_through()

    def _photo_bytes_sent(self, sent: int) -> None:
        with self._status_lock:
            self.update_status(bytes_sent=self.status.bytes_sent + sent)

    def _photo_request_got_through(self) -> None:
        self.photo_bytes_now = min(PHOTO_BATCH_BYTES, self.photo_bytes_now * 2)

    def _photo_request_timed_out(self, tried: int) -> None:
        self.photo_bytes_now = max(MIN_PHOTO_BYTES, min(self.photo_bytes_now, tried) // 4)


def rejection_of(result: dict) -> Rejection:
    """The server's answer for a record it refused, or that conflicts, as the app shows it."""
    if result["outcome"] == protocol.REJECTED:
        errors = tuple(FieldError.from_dict(error) for error in result["errors"])
        return Rejection(REFUSED, text_for(REFUSED), fields=errors)
    reason = result["reason"]
    conflict = Conflict(result["server_revision"], result.get("work_order"))
    return Rejection(reason, text_for(reason), conflict=conflict)


def _online_after(error: Exception, before: bool | None) -> bool | None:
    """Whether the server answered at all before the error (unknown for a local one)."""
    if not isinstance(error, SyncError) or isinstance(error, TabletStoreFailed):
        return before
    return not isinstance(error, Unreachable | BadResponse)
