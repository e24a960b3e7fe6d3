"""The real server as its own process on loopback, for end-to-end tests.

    server = RealServer(tmp_path)          # SQLite file, or TEST_DATABASE_URL's PostgreSQL
    server.admin("create-estate", "hxy", "华夏苑")
    server.start()                          # python -m server --port <free port>
    ...
    server.kill(); server.start()           # SIGKILL and come back on the same port
    server.records()                        # what the server's database holds

Each RealServer on PostgreSQL gets a schema of its own, dropped at the end.
"""

from __future__ import annotations

import contextlib
import io
import json
import os
import random
import signal
import socket
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest
import requests
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from server import cli
from server.db.engine import make_engine, make_session_factory
from server.photo_storage import FileSystemPhotoStorage
from server.services.reference import delete_reference_item, put_reference_item

ROOT = Path(__file__).resolve().parents[2]
PASSWORD = "夜班 password 2026"


def _ephemeral_ports() -> range:
    """The ports the kernel hands out for outgoing connections and for bind(port 0)."""
    try:
        low, high = map(int, Path("/proc/sys/net/ipv4/ip_local_port_range").read_text().split())
    except (OSError, ValueError):
        low, high = 32768, 60999
    return range(low, high + 1)


# Below the ephemeral range: a port chosen here is never taken meanwhile by some test's
# outgoing connection, nor handed to another process binding port 0.
_CANDIDATES = [port for port in range(20000, 32768) if port not in _ephemeral_ports()]
_given: set[int] = set()
# Not the random module's shared generator: Hypothesis seeds that one the same way in
# every worker.
_chance = random.SystemRandom()


def free_port() -> int:
    """A loopback port that is free now and that no other caller in this process got.

    Chosen at random outside the ephemeral range, so that tests running in parallel
    (pytest-xdist workers, other runs on the machine) and a server restarted on the same
    port (``kill`` then ``start``) almost never meet a port taken in between.
    """
    for port in _chance.sample(_CANDIDATES, len(_CANDIDATES)):
        if port in _given:
            continue
        with socket.socket() as probe:
            try:
                probe.bind(("127.0.0.1", port))
            except OSError:
                continue
        _given.add(port)
        return port
    raise RuntimeError("no free loopback port")


class RealServer:
    def __init__(self, workdir: Path, workers: int = 1, demo: bool = False):
        """``demo``: an empty database loads the demo estate 华夏苑 on start, as
        ``make demo`` asks (server.services.demo)."""
        self.workers = workers
        self.data_dir = workdir / "server"
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.process: subprocess.Popen | None = None
        self._schema: str | None = None
        self.database_url = self._database_url()
        self.env = {
            **{k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "PHOTO_DIR")},
            "ESTATE_DATA_DIR": str(self.data_dir),
            "DATABASE_URL": self.database_url,
            "PYTHONPATH": str(ROOT),
            **({"ESTATE_DEMO": "1"} if demo else {}),
        }
        self._log = self.data_dir / "server.log"

    def _database_url(self) -> str:
        base = os.environ.get("TEST_DATABASE_URL")
        if not base:
            return f"sqlite:///{self.data_dir / 'server.db'}"
        self._schema = f"e2e_{uuid.uuid4().hex[:12]}"
        admin = create_engine(base)
        with admin.begin() as connection:
            connection.exec_driver_sql(f'CREATE SCHEMA "{self._schema}"')
        admin.dispose()
        return (
            make_url(base)
            .update_query_dict({"options": f"-csearch_path={self._schema}"})
            .render_as_string(hide_password=False)
        )

    # -- administration ----------------------------------------------------------------

    def admin(self, *args: str, stdin: str = "") -> str:
        """``python -m server <args>`` for this server, run in this process: the same
        command, without the second it takes a new interpreter to import the server."""
        self.data_dir.mkdir(parents=True, exist_ok=True)
        said, complained = io.StringIO(), io.StringIO()
        with (
            contextlib.redirect_stdout(said),
            contextlib.redirect_stderr(complained),
            pytest.MonkeyPatch.context() as patch,
        ):
            patch.setattr(sys, "stdin", io.StringIO(stdin))
            code = cli.main(list(args), environ=self.env)
        assert code == 0, complained.getvalue()
        return said.getvalue()

    def add_estate_and_staff(
        self, estate: str = "hxy", username: str = "wang", role: str = "service"
    ) -> None:
        self.admin("create-estate", estate, "华夏苑")
        self.admin(
            "create-account", username, "--role", role, "--estate", estate,
            "--password-stdin", stdin=PASSWORD + "\n",
        )  # fmt: skip

    # -- the process -------------------------------------------------------------------

    def start(self, timeout: float = 120.0) -> None:
        self.data_dir.mkdir(parents=True, exist_ok=True)
        log = open(self._log, "ab")  # noqa: SIM115 - the child keeps it
        self.process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "server",
                "--port",
                str(self.port),
                "--workers",
                str(self.workers),
            ],  # fmt: skip
            cwd=ROOT,
            env=self.env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        log.close()
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            assert self.process.poll() is None, self._log.read_text(errors="replace")
            try:
                if requests.get(self.url + "/health", timeout=1).ok:
                    return
            except requests.RequestException:
                time.sleep(0.1)
        raise AssertionError("server did not start: " + self._log.read_text(errors="replace"))

    def kill(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.send_signal(signal.SIGKILL)
            self.process.wait(30)

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(30)
            except subprocess.TimeoutExpired:
                self.kill()

    def close(self) -> None:
        self.stop()
        if self._schema:
            admin = create_engine(os.environ["TEST_DATABASE_URL"])
            with admin.begin() as connection:
                connection.exec_driver_sql(f'DROP SCHEMA "{self._schema}" CASCADE')
            admin.dispose()

    def put_item(self, kind: str, key: str, estate_id: str, data: dict) -> None:
        """Create or change a reference item as a dispatcher does (the server's own
        service, on its database), while the server process runs."""
        self._with_session(put_reference_item, kind=kind, key=key, data=data, estate_id=estate_id)

    def delete_item(self, kind: str, key: str) -> None:
        self._with_session(delete_reference_item, kind=kind, key=key)

    def _with_session(self, action, **arguments) -> None:
        engine = make_engine(self.database_url)
        try:
            with make_session_factory(engine)() as session:
                action(session, **arguments)
        finally:
            engine.dispose()

    # -- what the server holds -----------------------------------------------------------

    def records(self, ids) -> dict[str, dict]:
        """id -> {revision, content_hash, payload, photos, complete} of those of ``ids``
        the server's database holds."""
        wanted = set(ids)
        rows = self._query(
            "SELECT id, revision, content_hash, payload, photos, complete FROM records"
        )
        return {row["id"]: _plain(row) for row in rows if row["id"] in wanted}

    def owners(self, ids) -> dict[str, str]:
        """id -> the username of the account each of ``ids`` is stored under
        (``records.account_id``: the account whose token pushed it)."""
        wanted = set(ids)
        rows = self._query(
            "SELECT records.id, accounts.username FROM records "
            "JOIN accounts ON accounts.id = records.account_id"
        )
        return {row["id"]: row["username"] for row in rows if row["id"] in wanted}

    def item(self, kind: str, key: str) -> dict | None:
        """The data of a live reference item, as the server holds it."""
        rows = self._query(
            "SELECT data FROM reference_items WHERE kind = :kind AND key = :key AND NOT deleted",
            kind=kind,
            key=key,
        )
        if not rows:
            return None
        data = rows[0]["data"]
        return json.loads(data) if isinstance(data, str) else data

    def repeated_revisions(self) -> list[tuple[str, int]]:
        """(record, revision) pairs stored more than once: a duplicate would show here."""
        return [(row["record_id"], row["revision"]) for row in self._query(
            "SELECT record_id, revision FROM record_revisions "
            "GROUP BY record_id, revision HAVING COUNT(*) > 1",
        )]  # fmt: skip

    def _query(self, sql: str, **params) -> list:
        engine = create_engine(self.database_url)
        try:
            with engine.connect() as connection:
                return list(connection.execute(text(sql), params).mappings())
        finally:
            engine.dispose()

    def photo(self, sha256: str) -> bytes:
        return FileSystemPhotoStorage(self.data_dir / "photos").read(sha256)


def _plain(row) -> dict:
    """A row as Python values (SQLite hands JSON columns back as text, booleans as 0/1)."""
    plain = dict(row)
    for column in ("payload", "photos"):
        if isinstance(plain[column], str):
            plain[column] = json.loads(plain[column])
    plain["complete"] = bool(plain["complete"])
    return plain
