"""Server settings, read from the environment.

| variable              | default                            |
|-----------------------|------------------------------------|
| ESTATE_DATA_DIR       | ./var                              |
| DATABASE_URL          | sqlite:///<data dir>/server.db     |
| PHOTO_DIR             | <data dir>/photos                  |
| TOKEN_LIFETIME_DAYS   | 30                                 |
| PUSH_MAX_RECORDS      | 500                                |
| PUSH_MAX_BYTES        | 8 MiB                              |
| BODY_TIMEOUT_SECONDS  | 30                                 |
| PORT                  | 8000                               |
| TRUSTED_PROXIES       | none                               |

``TRUSTED_PROXIES`` lists the addresses (or networks, comma-separated) of the
reverse proxies whose ``X-Forwarded-For`` names the client; without it the
client is whoever opened the connection (docs/deployment.md).
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import Path

from sync import protocol


@dataclass(frozen=True)
class Settings:
    data_dir: Path
    database_url: str
    photo_dir: Path
    token_lifetime: timedelta = timedelta(days=30)
    push_max_records: int = protocol.PUSH_MAX_RECORDS
    push_max_bytes: int = protocol.PUSH_MAX_BYTES
    photo_max_bytes: int = protocol.PHOTO_MAX_SIZE
    photo_chunk_max_bytes: int = 2 * protocol.PHOTO_CHUNK_SIZE
    photo_batch_max_bytes: int = protocol.PHOTO_BATCH_MAX_BYTES
    # Bodies of any other endpoint (login, photo status) stay far below this.
    other_max_bytes: int = 256 * 1024
    # Failed sign-ins within the window that lock a username from one address, an
    # address, and a username from everywhere (server.services.throttle).
    login_max_failures: int = 5
    login_address_max_failures: int = 20
    login_account_max_failures: int = 100
    login_failure_window: timedelta = timedelta(minutes=15)
    trusted_proxies: tuple[str, ...] = ()
    pull_max_limit: int = 1000
    # A request body that sends nothing for this long is given up (408 body_timeout).
    body_idle_timeout: float = 30.0
    # /health answers 503 database_unavailable when the database does not answer in time.
    health_database_timeout: float = 2.0
    supported_protocols: frozenset[int] = field(
        default_factory=lambda: frozenset({protocol.PROTOCOL_VERSION})
    )
    migrate_on_start: bool = True
    port: int = 8000

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None) -> Settings:
        env = os.environ if environ is None else environ
        data_dir = Path(env.get("ESTATE_DATA_DIR", "var")).resolve()
        return cls(
            data_dir=data_dir,
            database_url=env.get("DATABASE_URL") or f"sqlite:///{data_dir / 'server.db'}",
            photo_dir=Path(env.get("PHOTO_DIR") or data_dir / "photos").resolve(),
            token_lifetime=timedelta(days=float(env.get("TOKEN_LIFETIME_DAYS", "30"))),
            push_max_records=int(env.get("PUSH_MAX_RECORDS", protocol.PUSH_MAX_RECORDS)),
            push_max_bytes=int(env.get("PUSH_MAX_BYTES", protocol.PUSH_MAX_BYTES)),
            body_idle_timeout=float(env.get("BODY_TIMEOUT_SECONDS", "30")),
            port=int(env.get("PORT", "8000")),
            trusted_proxies=tuple(
                part.strip() for part in env.get("TRUSTED_PROXIES", "").split(",") if part.strip()
            ),
        )
