"""Who is signed in on this tablet: sign in once online, then work offline.

    session = Session(data_dir, store)
    session.sign_in("http://10.0.0.5:8000", "xunluo1", password)   # online, once
    session.current.username                                        # offline from then on
    session.author_fields("patrol_round")   # {"estate_id": "hxy", "staff_id": "xunluo1"}

The device token and who it belongs to (account, name, role, estates) are kept
in ``session.json`` in the app's private data folder, written whole and renamed
into place, so a killed app finds either the old sign-in or the new one.

Every record's author and estate come from here at the moment it is saved and
are part of its payload, so a shift change (another person signing in on the
same tablet) leaves what the previous person recorded theirs. The server takes a
record only under its author's own token, so the previous person's sign-in is
kept too, in ``earlier_sign_ins.json`` beside ``session.json`` (written the same
way), for as long as anything they recorded waits (pending, sending, or set
aside for a person): the sync pushes each person's records with that person's
token (mobile/services/every_author.py). Once nothing of theirs waits, their
token is forgotten (``forget_settled``, after each pass). Signing out is refused
while anything this account recorded waits to sync (or was refused and waits for a
person), so nobody leaves work behind unknowingly.

A token the server no longer accepts (expired, revoked) is kept as a fact
(``token_refused``) until that person's next sign-in: nothing recorded is touched.
"""

from __future__ import annotations

import json
import os
import platform
import threading
from collections.abc import Callable
from dataclasses import asdict, dataclass, replace
from pathlib import Path

from domain.records import AUTHOR_FIELD
from domain.text import ExplainedError, Text
from mobile.store.durable import fsync_directory
from mobile.store.records import SyncState
from mobile.store.store import Store
from sync.errors import AuthRequired, ProtocolOutdated, Refused, SyncError, Unreachable
from sync.transport import HttpTransport, TransportSettings

SESSION_FILE = "session.json"
EARLIER_FILE = "earlier_sign_ins.json"


@dataclass(frozen=True)
class Estate:
    id: str
    name: str


@dataclass(frozen=True)
class SignedIn:
    server_url: str
    token: str
    device_id: int
    username: str
    display_name: str
    role: str
    estates: tuple[Estate, ...]
    expires_at: str
    token_refused: bool = False

    @property
    def estate(self) -> Estate | None:
        """The estate records are made for (the account's first)."""
        return self.estates[0] if self.estates else None

    def to_dict(self) -> dict:
        return {**asdict(self), "estates": [asdict(e) for e in self.estates]}

    @classmethod
    def from_dict(cls, data: dict) -> SignedIn:
        return cls(**{**data, "estates": tuple(Estate(**e) for e in data["estates"])})


# -- why a sign-in or sign-out did not happen ------------------------------------------


class SignInFailed(ExplainedError):
    text = Text("登录失败。", "Sign-in failed.")


class WrongPassword(SignInFailed):
    text = Text("账号或密码错误。", "Wrong account or password.")


class LockedOut(SignInFailed):
    def __init__(self, minutes: int):
        self.minutes = minutes
        super().__init__(
            f"{minutes} min",
            Text(
                f"登录失败次数过多，账号已锁定，请 {minutes} 分钟后再试。",
                f"Too many failed sign-ins: the account is locked; try again in "
                f"{minutes} minute{'s' if minutes != 1 else ''}.",
            ),
        )


class ServerUnreachable(SignInFailed):
    text = Text(
        "连不上服务器，请检查服务器地址和网络后再试。",
        "Cannot reach the server; check its address and the network, then try again.",
    )


class AppTooOld(SignInFailed):
    text = Text("应用版本过旧，请先更新应用再登录。", "This app is too old: update it to sign in.")


class NotSignedIn(ExplainedError):
    text = Text("尚未登录，请先登录。", "Nobody is signed in; sign in first.")


class SignOutRefused(ExplainedError):
    def __init__(self, waiting: int, refused: int):
        self.waiting = waiting
        self.refused = refused
        super().__init__(
            f"{waiting} waiting, {refused} refused",
            Text(
                f"还有 {waiting} 条记录未上传、{refused} 条被服务器退回待处理，现在退出会让它们"
                "无人负责。请先同步并处理退回的记录；换班时可直接让下一位登录，记录仍归您。",
                f"{waiting} record(s) still wait to upload and {refused} were refused by the "
                "server and need you. Sync and settle them first; at a shift change the next "
                "person can simply sign in, and your records stay yours.",
            ),
        )


def minutes_to_wait(seconds: float | None) -> int:
    """Whole minutes, rounded up, at least 1: what a person is told to wait."""
    return max(1, -(-int(seconds or 60) // 60))


class Session:
    def __init__(
        self,
        folder: str | Path,
        store: Store,
        connect: Callable[[TransportSettings], HttpTransport] = HttpTransport,
        device_name: str | None = None,
    ):
        self.folder = Path(folder)
        self.store = store
        self.connect = connect
        self.device_name = device_name or f"tablet {platform.node()}"
        self.current: SignedIn | None = self._load()
        self.earlier: tuple[SignedIn, ...] = self._load_earlier()
        self._listeners: list[Callable[[SignedIn | None], None]] = []
        self._lock = threading.Lock()  # the kept sign-ins change on the sync thread too

    # -- what screens ask ----------------------------------------------------------------

    @property
    def needs_sign_in(self) -> bool:
        return self.current is None or self.current.token_refused

    def on_change(self, listener: Callable[[SignedIn | None], None]) -> None:
        """Call ``listener`` with the new sign-in (or None) after each change."""
        self._listeners.append(listener)

    def author_fields(self, kind: str) -> dict[str, str]:
        """The fields a record of ``kind`` takes from the sign-in: its estate and author."""
        who = self._require()
        fields = {AUTHOR_FIELD[kind]: who.username}
        if who.estate is not None:
            fields["estate_id"] = who.estate.id
        return fields

    # -- signing in and out ---------------------------------------------------------------

    def sign_in(self, server_url: str, username: str, password: str) -> SignedIn:
        """Ask the server for a device token; keep it and who it belongs to.

        Raises a ``SignInFailed`` whose text says what to do. Signing in as someone
        else while a person is signed in is a shift change: allowed, and nothing the
        previous person recorded changes.
        """
        server_url = server_url.strip().rstrip("/")
        transport = self.connect(TransportSettings(server_url))
        try:
            answer = transport.login(username.strip(), password, self.device_name)
        except ProtocolOutdated as exc:
            raise AppTooOld(str(exc)) from exc
        except Unreachable as exc:
            raise ServerUnreachable(str(exc)) from exc
        except Refused as exc:
            if exc.code == "login_throttled":
                raise LockedOut(minutes_to_wait(exc.retry_after_s)) from exc
            raise SignInFailed(exc.code, exc.text) from exc
        except AuthRequired as exc:
            if exc.detail == "invalid_credentials":
                raise WrongPassword(username) from exc
            raise SignInFailed(exc.detail, exc.text) from exc
        except SyncError as exc:  # a server error, a captive portal's page
            raise SignInFailed(exc.detail, exc.text) from exc
        account = answer["account"]
        signed_in = SignedIn(
            server_url=server_url,
            token=answer["token"],
            device_id=answer["device_id"],
            username=account["username"],
            display_name=account["display_name"],
            role=account["role"],
            estates=tuple(Estate(e["id"], e["name"]) for e in account["estates"]),
            expires_at=answer["expires_at"],
        )
        self._keep_earlier(signed_in)
        self._save(signed_in)
        return signed_in

    def token_refused(self, username: str | None = None) -> None:
        """The server said a token is no longer good: the current one (ask for a sign-in),
        or ``username``'s kept one (their records wait for them). Keeps every record."""
        if username is None or (self.current and self.current.username == username):
            if self.current is not None and not self.current.token_refused:
                self._save(replace(self.current, token_refused=True))
            return
        with self._lock:
            kept = tuple(
                replace(e, token_refused=True) if e.username == username else e
                for e in self.earlier
            )
            if kept != self.earlier:
                self._save_earlier(kept)

    def earlier_to_sync(self) -> tuple[SignedIn, ...]:
        """The previous people whose records wait and whose token is still good."""
        now = self.current.username if self.current else None
        return tuple(e for e in self.earlier if not e.token_refused and e.username != now)

    def waiting_for_sign_in(self) -> tuple[SignedIn, ...]:
        """The previous people whose token was refused: their records wait for them."""
        return tuple(e for e in self.earlier if e.token_refused)

    def forget_settled(self) -> None:
        """Forget the tokens of previous people of whom nothing waits any more."""
        with self._lock:
            waiting = self.store.records.waiting_authors()
            kept = tuple(e for e in self.earlier if e.username in waiting)
            if kept != self.earlier:
                self._save_earlier(kept)

    def sign_out(self) -> None:
        """Forget the token, unless this account's records still wait (``SignOutRefused``)."""
        who = self._require()
        waiting, refused = self.unsettled_records(who.username)
        if waiting or refused:
            raise SignOutRefused(waiting, refused)
        self._save(None)

    def unsettled_records(self, username: str) -> tuple[int, int]:
        """How many of ``username``'s records wait to be sent, and how many the server refused."""

        def mine(state: SyncState) -> int:
            return sum(
                1
                for record in self.store.records.find(state=state)
                if record.payload.get(AUTHOR_FIELD.get(record.kind, "")) == username
            )

        return mine(SyncState.PENDING) + mine(SyncState.SENDING), mine(SyncState.REJECTED)

    # -- the files -------------------------------------------------------------------------

    def _keep_earlier(self, signing_in: SignedIn) -> None:
        """At a shift change, keep the previous person's sign-in while their records wait;
        the one signing in is current now, not kept (a fresh token replaces a refused one)."""
        with self._lock:
            kept = [e for e in self.earlier if e.username != signing_in.username]
            before = self.current
            if (
                before is not None
                and before.username != signing_in.username
                and before.username in self.store.records.waiting_authors()
            ):
                kept = [e for e in kept if e.username != before.username] + [before]
            if tuple(kept) != self.earlier:
                self._save_earlier(tuple(kept))

    def _require(self) -> SignedIn:
        if self.current is None:
            raise NotSignedIn()
        return self.current

    def _load(self) -> SignedIn | None:
        try:
            data = json.loads((self.folder / SESSION_FILE).read_text(encoding="utf-8"))
        except FileNotFoundError:
            return None
        return SignedIn.from_dict(data) if data else None

    def _load_earlier(self) -> tuple[SignedIn, ...]:
        try:
            data = json.loads((self.folder / EARLIER_FILE).read_text(encoding="utf-8"))
        except FileNotFoundError:
            return ()
        return tuple(SignedIn.from_dict(e) for e in data)

    def _save_earlier(self, earlier: tuple[SignedIn, ...]) -> None:
        self._write(EARLIER_FILE, [e.to_dict() for e in earlier])
        self.earlier = earlier

    def _save(self, signed_in: SignedIn | None) -> None:
        self._write(SESSION_FILE, signed_in.to_dict() if signed_in else None)
        self.current = signed_in
        for listener in self._listeners:
            listener(signed_in)

    def _write(self, name: str, data) -> None:
        """Write the whole file and rename it into place: a kill leaves the old or the new."""
        self.folder.mkdir(parents=True, exist_ok=True)
        path = self.folder / name
        temporary = path.with_suffix(".tmp")
        with open(temporary, "w", encoding="utf-8") as file:
            file.write(json.dumps(data, ensure_ascii=False))
            file.flush()
            os.fsync(file.fileno())
        os.replace(temporary, path)
        fsync_directory(self.folder)
