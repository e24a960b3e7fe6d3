"""A sync pass at a shift change: each person's records go up under their own token.

    passes = EveryAuthorSync(engine, store, session)   # engine: the current account's
    SyncRunner(passes, probe=...)                      # the runner runs passes.run_once

The server takes a record only from the account it names as author
(docs/sync-protocol.md, ``author_not_you``). So a pass first runs the current
account's engine as usual (pull its reference data, push its own records and any
saved before the store indexed authors), then pushes, for each previous person
the session still keeps (mobile/services/session.py), only that person's records
(an outbox restricted to them) with a transport carrying their token. Nothing is
pulled for them: reference data is the current account's.

A previous person's token the server refuses (expired, revoked: 401) is marked
refused in the session; their records simply wait, the others keep flowing, and
the sync status says that they wait for that person to sign in again on this
tablet. Once nothing of a previous person waits, the session forgets their token.
"""

from __future__ import annotations

from collections.abc import Callable

from mobile.services.outbox import StoreOutbox
from mobile.services.session import Session, SignedIn
from mobile.store.store import Store
from sync.engine import SyncEngine, SyncReport, SyncStatus
from sync.errors import AuthRequired, explain
from sync.transport import HttpTransport, TransportSettings


class EveryAuthorSync:
    """What the runner drives: ``run_once``, ``refresh_counts``, ``update_status``,
    ``status`` of the current account's engine, with the previous people's pushes added."""

    def __init__(
        self,
        engine: SyncEngine,
        store: Store,
        session: Session,
        connect: Callable[[TransportSettings, str], HttpTransport] | None = None,
    ):
        if not isinstance(engine.outbox, StoreOutbox):
            raise TypeError("EveryAuthorSync restricts the store's outbox to each person")
        self.engine = engine
        self.outbox = engine.outbox
        self.store = store
        self.session = session
        self.connect = connect or self._connect

    def _connect(self, settings: TransportSettings, token: str) -> HttpTransport:
        """A transport with ``token``, over the current one's connections."""
        return HttpTransport(settings, token=token, session=self.engine.transport.session)

    @property
    def status(self) -> SyncStatus:
        return self.engine.status

    def update_status(self, **changes) -> None:
        self.engine.update_status(**changes)

    def refresh_counts(self) -> None:
        self.engine.refresh_counts()

    def run_once(self) -> SyncReport:
        current = self.session.current
        self.outbox.authors = {current.username, None} if current else {None}
        report = self.engine.run_once()
        earlier = self.session.earlier_to_sync()
        if not earlier:
            self.session.forget_settled()
            return report
        rejections = list(report.rejections)
        try:
            for person in earlier:
                rejections += self._push_for(person)
        except Exception as error:
            self.update_status(last_error=explain(error), rejections=tuple(rejections))
            raise
        finally:
            self.session.forget_settled()
            self.refresh_counts()
        self.update_status(rejections=tuple(rejections))
        return report

    def _push_for(self, person: SignedIn) -> list:
        """Push ``person``'s records with their token; a refused token leaves them waiting."""
        outbox = StoreOutbox(self.store, authors={person.username})
        transport = self.connect(TransportSettings(person.server_url), person.token)
        try:
            return SyncEngine(outbox, transport, now=self.engine.now).push_only().rejections
        except AuthRequired:
            self.session.token_refused(person.username)
            return []
