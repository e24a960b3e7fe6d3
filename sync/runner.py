"""When syncing happens: a background thread that never lets two passes overlap.

A pass starts when something asks for one — ``sync_now()`` (the button),
``record_saved()`` (after each save, if online), ``connectivity_changed(True)``
(the OS says a network is back) — or when the probe finds the server again
after it was unreachable. After a failure the next automatic pass waits with
exponential backoff and jitter, so a hundred tablets coming out of a basement
together do not hammer the server in step; "sync now" skips the wait.

An ``AuthRequired`` stops automatic syncing until ``signed_in()``: nothing
pending is touched, so signing in again (as anyone) loses nothing. Any other
failure — the network, the tablet's own store (a full disk), even a bug — is
in the status (``last_error``) and is retried with the same backoff: the thread
never ends on an error, and syncing resumes by itself once the cause is gone.
"""

from __future__ import annotations

import contextlib
import functools
import logging
import random
import threading
from collections.abc import Callable
from typing import Protocol

from sync.engine import SyncReport, SyncStatus
from sync.errors import AuthRequired, ProtocolOutdated, SyncError, explain

log = logging.getLogger(__name__)

BACKOFF_FIRST_S = 2.0
BACKOFF_MAX_S = 300.0
PROBE_EVERY_S = 30.0


def backoff_delay(failures: int, rng: random.Random, first_s: float = BACKOFF_FIRST_S) -> float:
    """Seconds to wait after ``failures`` failures in a row: doubling, capped, jittered."""
    if failures <= 0:
        return 0.0
    ceiling = min(BACKOFF_MAX_S, first_s * 2 ** (failures - 1))
    return rng.uniform(ceiling / 2, ceiling)


class Passes(Protocol):
    """What the runner drives: a ``SyncEngine``, or the app's ``EveryAuthorSync``
    around one (each person's records under their own token at a shift change)."""

    @property
    def status(self) -> SyncStatus: ...

    def run_once(self) -> SyncReport: ...
    def refresh_counts(self) -> None: ...
    def update_status(self, **changes) -> None: ...


class SyncRunner:
    def __init__(
        self,
        engine: Passes,
        probe: Callable[[], bool],
        probe_every_s: float = PROBE_EVERY_S,
        backoff_first_s: float = BACKOFF_FIRST_S,
        rng: random.Random | None = None,
    ):
        self.engine = engine
        self.probe = probe
        self.probe_every_s = probe_every_s
        self.backoff_first_s = backoff_first_s
        self.rng = rng or random.Random()
        self.failures = 0
        self.blocked_by: SyncError | None = None
        self._wake = threading.Event()
        self._urgent = False
        # Saved since the last pass began: the engine's own counts are refreshed only by
        # a pass, so without this a record saved before the first probe would wait.
        self._saved = False
        self._stop = threading.Event()
        self._pass_lock = threading.Lock()
        self._thread: threading.Thread | None = None

    # -- what the app calls (any thread) ---------------------------------------------

    def start(self) -> None:
        """Sync in the background, or again after ``stop`` (the app back from a pause).

        A thread started again has signals of its own: the one stopped finishes its pass
        in flight and ends, never taking the new one's wake-ups, and its pass never
        overlaps the new one's (``run_pass``). The new one looks for work at once."""
        if self._thread is not None:
            if self._thread.is_alive() and not self._stop.is_set():
                return
            self._stop, self._wake = threading.Event(), threading.Event()
            self._wake.set()
        self._thread = threading.Thread(
            target=self._loop, args=(self._stop, self._wake), name="sync", daemon=True
        )
        self._thread.start()

    def stop(self, timeout: float = 10.0) -> None:
        """Stop the thread after its pass in flight, waiting for it at most ``timeout``
        seconds (0: signal it and return at once)."""
        stop, wake, thread = self._stop, self._wake, self._thread
        stop.set()
        wake.set()
        if thread is not None and timeout > 0:
            thread.join(timeout)

    def sync_now(self) -> None:
        self._urgent = True
        self._wake.set()

    def record_saved(self) -> None:
        self._saved = True
        if self.engine.status.online:
            self._wake.set()

    def connectivity_changed(self, connected: bool) -> None:
        if connected:
            self.sync_now()

    def signed_in(self) -> None:
        if isinstance(self.blocked_by, AuthRequired):
            self.blocked_by = None
            self.engine.update_status(auth_required=False)
        self.sync_now()

    # -- one pass, also callable directly (tests, "sync now" on the caller's thread) ----

    def run_pass(self) -> bool:
        """Run one pass unless one is running already; True if it succeeded."""
        if not self._pass_lock.acquire(blocking=False):
            return False
        self._saved = False
        try:
            self.engine.run_once()
        except AuthRequired as error:
            self.blocked_by = error
            self.engine.update_status(auth_required=True)
            return False
        except ProtocolOutdated as error:
            self.blocked_by = error
            return False
        except Exception as error:
            # Anything else (the network, the tablet's store, a bug) is retried after a
            # backoff: the thread never dies, and syncing resumes once the cause is gone.
            if isinstance(error, SyncError):
                log.info("sync pass failed: %s", error)
            else:
                log.exception("sync pass failed unexpectedly")
            self.failures += 1
            return False
        finally:
            self._pass_lock.release()
        self.failures = 0
        return True

    # -- the thread ----------------------------------------------------------------------

    def _loop(self, stop: threading.Event, wake: threading.Event) -> None:
        self._guarded(self.engine.refresh_counts)
        while not stop.is_set():
            asked = wake.wait(self._next_wait())
            wake.clear()
            if stop.is_set():
                return
            self._guarded(functools.partial(self._step, asked))

    def _step(self, asked: bool) -> None:
        urgent, self._urgent = self._urgent, False
        if urgent and not isinstance(self.blocked_by, AuthRequired):
            self.blocked_by = None  # "sync now" tries again; a sign-in needs signed_in()
        if self.blocked_by is None and (asked or self._server_answers()):
            self.run_pass()

    def _guarded(self, action: Callable[[], None]) -> None:
        """Run ``action``; a failure outside a pass (the store cannot count what waits,
        the app's observer raises) is shown and counted like a failed pass, so the
        backoff brings the next try: nothing ends the thread."""
        try:
            action()
        except Exception as error:
            log.exception("sync failed outside a pass")
            self.failures += 1
            with contextlib.suppress(Exception):  # the observer itself may be what fails
                self.engine.update_status(last_error=explain(error))

    def _next_wait(self) -> float:
        if self.failures:
            return backoff_delay(self.failures, self.rng, self.backoff_first_s)
        return self.probe_every_s

    def _server_answers(self) -> bool:
        """The periodic probe: a short request to our own server's /health."""
        try:
            reachable = self.probe()
        except Exception:
            log.exception("the probe failed")
            reachable = False
        self.engine.update_status(online=reachable)
        waiting = self._saved or self.engine.status.pending_records > 0
        return reachable and (self.failures > 0 or waiting)
