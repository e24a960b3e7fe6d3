"""How much does the central server take from many tablets at once, on PostgreSQL?

The server helper is the end-to-end tests' own (tests/e2e/real_server.py): the
real app in its own process(es) on a loopback port, in a PostgreSQL schema of
its own. All load goes to 127.0.0.1 only.

N simulated tablets (default 200) each sign in as their own device (four
accounts: two patrol, two service, so both kinds of record go in) and send
their backlog: batches of records (the payload makers of sync/simulate.py),
then the photos the server answers as missing, one chunk each. A pool of
client threads (default 32) cycles through the tablets' queues: a thread
takes a tablet, sends its next batch and that batch's photos, and puts the
tablet back at the end of the line, so at most 32 requests are in flight and
every tablet's requests stay in order. A share of batches (5%) is sent a
second time, as after a lost answer: every record of it must come back
``duplicate`` and no row may be written twice.

Then it counts what the server holds (rows in ``records`` against the records
sent, repeated (record, revision) pairs in ``record_revisions``, records still
waiting for a photo) and, as the baseline in the same run, times a raw bulk
insert of the same rows into scratch tables of the same shape in the same
database (``CREATE TABLE … (LIKE … INCLUDING ALL)``, SQLAlchemy Core
executemany, one transaction): the limit no server doing those writes could
beat.

The server runs under uvicorn with ``--workers`` processes (uvicorn's
``--factory server.app:create_app``, the same app ``python -m server
--workers N`` serves).

    scripts/with-postgres .venv/bin/python -m bench.server_load --quick
    .venv/bin/python -m bench.server_load --quick      # wraps itself in scripts/with-postgres
    .venv/bin/python -m bench.server_load --database-url postgresql+psycopg://…

``--quick``: 200 tablets × 20 records (batches of 10, a photo of ~60 KB in
every tenth record), under two minutes. Default: 200 tablets × 100 records
(batches of 25, ~100 KB photos). Prints ``name: value`` lines; quote them.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import random
import statistics
import sys
import tempfile
import threading
import time
import uuid
from collections import Counter, deque
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

import httpx
from sqlalchemy import MetaData, Table, create_engine, text

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "tests" / "e2e"))

from real_server import PASSWORD, RealServer  # noqa: E402

from sync import protocol  # noqa: E402
from sync.simulate import complaint, patrol_round, photo_bytes  # noqa: E402

ESTATE = "hxy"
ACCOUNTS = (
    ("xunluo1", "patrol"),
    ("kefu1", "service"),
    ("xunluo2", "patrol"),
    ("kefu2", "service"),
)
PAYLOADS = {"patrol": ("patrol_round", patrol_round), "service": ("complaint", complaint)}
HEADERS = {protocol.PROTOCOL_HEADER: str(protocol.PROTOCOL_VERSION)}


# -- the server ------------------------------------------------------------------------


class LoadServer(RealServer):
    """RealServer (``python -m server --workers N``), with its CPU use and errors."""

    def cpu_seconds(self) -> float:
        """User + system CPU of the server's processes (the uvicorn parent and its workers)."""
        if self.process is None:
            return 0.0
        pids = {self.process.pid} | _children(self.process.pid)
        return sum(_cpu(pid) for pid in pids)

    def errors_logged(self) -> int:
        text_ = self._log.read_text(errors="replace")
        return text_.count("Traceback (most recent call last)")


def postmaster_pid(database_url: str) -> int | None:
    """The PostgreSQL server's main process, when it runs on this machine and we may
    read its postmaster.pid (as with scripts/with-postgres); else None."""
    engine = create_engine(database_url)
    try:
        with engine.connect() as connection:
            data_directory = connection.scalar(text("SHOW data_directory"))
        return int((Path(data_directory) / "postmaster.pid").read_text().split()[0])
    except Exception:  # noqa: BLE001 - a remote or unreadable server: no figure
        return None
    finally:
        engine.dispose()


def tree_cpu_seconds(root: int) -> float:
    """CPU of a process, of its live children, and of the children it has reaped
    (a PostgreSQL backend ends with its connection; the postmaster reaps it)."""
    try:
        fields = Path(f"/proc/{root}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    reaped = (int(fields[13]) + int(fields[14])) / os.sysconf("SC_CLK_TCK")
    return _cpu(root) + reaped + sum(_cpu(pid) for pid in _children(root))


def machine_cpu() -> tuple[int, int]:
    """(busy, total) jiffies of every CPU of the machine, from /proc/stat."""
    values = [int(v) for v in Path("/proc/stat").read_text().splitlines()[0].split()[1:]]
    idle = values[3] + values[4]  # idle + iowait
    return sum(values) - idle, sum(values)


def _children(parent: int) -> set[int]:
    found = set()
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == parent:
                found.add(int(entry.name))
    return found


def _cpu(pid: int) -> float:
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


# -- the tablets -----------------------------------------------------------------------


@dataclass
class Tablet:
    index: int
    username: str
    batches: deque  # of (body bytes, records, {sha256: photo bytes})
    token: str = ""
    sent_batches: int = 0


@dataclass
class Tally:
    """What the client threads saw; guarded by ``lock``."""

    lock: threading.Lock = field(default_factory=threading.Lock)
    push_ms: list[float] = field(default_factory=list)
    photo_ms: list[float] = field(default_factory=list)
    outcomes: Counter = field(default_factory=Counter)
    unexpected: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    records_accepted: int = 0
    photos_sent: int = 0
    bytes_sent: int = 0
    resent_batches: int = 0


def make_tablets(args, rng: random.Random) -> tuple[list[Tablet], list[dict]]:
    """Every tablet's backlog, encoded before the clock starts; and all records sent."""
    tablets, everything, n = [], [], 0
    for index in range(args.devices):
        username, role = ACCOUNTS[index % len(ACCOUNTS)]
        kind, make_payload = PAYLOADS[role]
        batches: deque = deque()
        for start in range(0, args.records, args.batch):
            records, photos = [], {}
            for _ in range(min(args.batch, args.records - start)):
                hashes = []
                if n % args.photo_every == 0:
                    data = photo_bytes(rng, args.photo_size)
                    sha = hashlib.sha256(data).hexdigest()
                    photos[sha] = data
                    hashes.append(sha)
                payload = make_payload(n, ESTATE, username, hashes)
                stamp = datetime(2026, 11, 27, 8, tzinfo=UTC).isoformat()
                records.append(
                    {
                        "id": str(uuid.UUID(int=rng.getrandbits(128), version=4)),
                        "kind": kind,
                        "revision": 1,
                        "content_hash": protocol.content_hash(payload),
                        "payload": payload,
                        "photos": hashes,
                        "created_at": stamp,
                        "updated_at": stamp,
                    }
                )
                n += 1
            body = json.dumps({"records": records}, ensure_ascii=False).encode()
            batches.append((body, records, photos))
            everything.extend(records)
        tablets.append(Tablet(index, username, batches))
    return tablets, everything


def sign_in(client: httpx.Client, tablets: list[Tablet], threads: int) -> list[float]:
    """Each tablet signs in as its own device; a few at a time (argon2 takes 64 MiB each)."""

    def one(tablet: Tablet) -> float:
        started = time.perf_counter()
        answer = client.post(
            "/api/v1/auth/device-login",
            json={
                "username": tablet.username,
                "password": PASSWORD,
                "device_name": f"负载平板-{tablet.index:03d}",
            },
            headers=HEADERS,
        )
        answer.raise_for_status()
        tablet.token = answer.json()["token"]
        return (time.perf_counter() - started) * 1000

    with ThreadPoolExecutor(threads) as pool:
        return list(pool.map(one, tablets))


def send_step(client: httpx.Client, tablet: Tablet, tally: Tally, resend: bool) -> None:
    """Push the tablet's next batch, then the photos the server says it lacks."""
    body, records, photos = tablet.batches.popleft()
    headers = {
        **HEADERS,
        "Authorization": f"Bearer {tablet.token}",
        "Content-Type": "application/json",
    }
    for attempt in ("first", "resend") if resend else ("first",):
        started = time.perf_counter()
        try:
            answer = client.post("/api/v1/sync/push", content=body, headers=headers)
        except httpx.HTTPError as exc:
            with tally.lock:
                tally.errors.append(f"push: {exc!r}")
            return
        elapsed = (time.perf_counter() - started) * 1000
        with tally.lock:
            tally.push_ms.append(elapsed)
            tally.bytes_sent += len(body)
        if answer.status_code != 200:
            with tally.lock:
                tally.errors.append(f"push {answer.status_code}: {answer.text[:200]}")
            return
        results = answer.json()["results"]
        expected = protocol.ACCEPTED if attempt == "first" else protocol.DUPLICATE
        with tally.lock:
            tally.resent_batches += attempt == "resend"
            for result in results:
                tally.outcomes[result["outcome"]] += 1
                if result["outcome"] != expected:
                    tally.unexpected.append(f"{attempt}: {json.dumps(result)[:300]}")
            if attempt == "first":
                tally.records_accepted += sum(r["outcome"] == expected for r in results)
    missing = {sha for result in results for sha in result.get("missing_photos", [])}
    for sha in sorted(missing):
        data = photos.get(sha)
        if data is None:
            continue
        started = time.perf_counter()
        try:
            answer = client.put(
                f"/api/v1/photos/{sha}",
                params={"offset": 0},
                content=data,
                headers={
                    **headers,
                    "Content-Type": "application/octet-stream",
                    protocol.PHOTO_SIZE_HEADER: str(len(data)),
                },
            )
        except httpx.HTTPError as exc:
            with tally.lock:
                tally.errors.append(f"photo: {exc!r}")
            continue
        elapsed = (time.perf_counter() - started) * 1000
        with tally.lock:
            tally.photo_ms.append(elapsed)
            if answer.status_code == 200 and answer.json()["state"] == protocol.PHOTO_HAVE:
                tally.photos_sent += 1
                tally.bytes_sent += len(data)
            else:
                tally.errors.append(f"photo {answer.status_code}: {answer.text[:200]}")


def run_load(client, tablets, threads, resend_fraction, max_seconds, rng) -> tuple[Tally, float]:
    """Client threads cycle through the tablets' queues until every batch is sent."""
    tally = Tally()
    line: deque = deque(t for t in tablets if t.batches)
    line_lock = threading.Lock()
    resend_plan = {
        (t.index, b)
        for t in tablets
        for b in range(len(t.batches))
        if rng.random() < resend_fraction
    }
    deadline = time.monotonic() + max_seconds

    def worker() -> None:
        while time.monotonic() < deadline:
            with line_lock:
                if not line:
                    return
                tablet = line.popleft()
            resend = (tablet.index, tablet.sent_batches) in resend_plan
            send_step(client, tablet, tally, resend)
            tablet.sent_batches += 1
            if tablet.batches:
                with line_lock:
                    line.append(tablet)

    started = time.perf_counter()
    pool = [threading.Thread(target=worker, daemon=True) for _ in range(threads)]
    for thread in pool:
        thread.start()
    for thread in pool:
        thread.join(max_seconds + 120)
    return tally, time.perf_counter() - started


# -- what the server holds, and the raw baseline -----------------------------------------


def server_counts(server: RealServer, sent_ids: set[str]) -> dict[str, int]:
    engine = create_engine(server.database_url)
    try:
        with engine.connect() as connection:
            stored = {row[0] for row in connection.execute(text("SELECT id FROM records"))}
            scalar = connection.scalar
            return {
                "rows_sent": len(sent_ids),
                "rows_in_records": len(stored),
                "rows_missing": len(sent_ids - stored),
                "rows_unexpected": len(stored - sent_ids),
                "rows_in_record_revisions": scalar(text("SELECT count(*) FROM record_revisions")),
                "duplicate_revisions": len(server.repeated_revisions()),
                "records_waiting_for_photos": scalar(
                    text("SELECT count(*) FROM records WHERE NOT complete")
                ),
                "photos_complete_in_db": scalar(text("SELECT count(*) FROM photos WHERE complete")),
            }
    finally:
        engine.dispose()


def raw_insert_seconds(server: RealServer, records: list[dict]) -> float:
    """One transaction: the same rows (records, record_revisions, record_photos) into
    scratch tables of the same shape, by SQLAlchemy Core executemany."""
    engine = create_engine(server.database_url)
    try:
        with engine.begin() as connection:
            account_id, device_id = connection.execute(
                text("SELECT account_id, id FROM devices ORDER BY id LIMIT 1")
            ).one()
            for table in ("records", "record_revisions", "record_photos"):
                connection.exec_driver_sql(
                    f"CREATE TABLE scratch_{table} (LIKE {table} INCLUDING ALL)"
                )
        metadata = MetaData()
        tables = {
            name: Table(f"scratch_{name}", metadata, autoload_with=engine)
            for name in ("records", "record_revisions", "record_photos")
        }
        now = datetime.now(UTC).replace(tzinfo=None)
        owner = {"account_id": account_id, "device_id": device_id}
        rows = [
            {
                "id": r["id"],
                "kind": r["kind"],
                "estate_id": ESTATE,
                "revision": r["revision"],
                "content_hash": r["content_hash"],
                "payload": r["payload"],
                "photos": r["photos"],
                "complete": True,
                **owner,
                "device_created_at": r["created_at"],
                "device_updated_at": r["updated_at"],
                "received_at": now,
                "updated_at": now,
            }
            for r in records
        ]
        revisions = [
            {
                "record_id": r["id"],
                "revision": r["revision"],
                "content_hash": r["content_hash"],
                "payload": r["payload"],
                "photos": r["photos"],
                **owner,
                "received_at": now,
            }
            for r in records
        ]
        photos = [{"record_id": r["id"], "sha256": sha} for r in records for sha in r["photos"]]
        started = time.perf_counter()
        with engine.begin() as connection:
            connection.execute(tables["records"].insert(), rows)
            connection.execute(tables["record_revisions"].insert(), revisions)
            if photos:
                connection.execute(tables["record_photos"].insert(), photos)
        seconds = time.perf_counter() - started
        with engine.connect() as connection:
            assert connection.scalar(text("SELECT count(*) FROM scratch_records")) == len(records)
        return seconds
    finally:
        engine.dispose()


def percentile(values: list[float], share: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


# -- main --------------------------------------------------------------------------------


def parse(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="a smaller run, under two minutes")
    parser.add_argument("--devices", type=int, default=200, help="simulated tablets")
    parser.add_argument("--records", type=int, help="records per tablet (quick 20, else 100)")
    parser.add_argument("--batch", type=int, help="records per push (quick 10, else 25)")
    parser.add_argument("--photo-every", type=int, default=10, help="a photo in every Nth record")
    parser.add_argument("--photo-size", type=int, help="approx. bytes (quick 60 KB, else 100 KB)")
    parser.add_argument("--workers", type=int, default=2, help="uvicorn worker processes")
    parser.add_argument(
        "--threads", type=int, default=32, help="client threads (requests in flight)"
    )
    parser.add_argument("--resend-fraction", type=float, default=0.05)
    parser.add_argument("--max-seconds", type=float, help="stop sending after (quick 75, else 600)")
    parser.add_argument("--database-url", help="PostgreSQL to use (else TEST_DATABASE_URL)")
    args = parser.parse_args(argv)
    quick = args.quick
    args.records = args.records or (20 if quick else 100)
    args.batch = args.batch or (10 if quick else 25)
    args.photo_size = args.photo_size or (60_000 if quick else 100_000)
    args.max_seconds = args.max_seconds or (75.0 if quick else 600.0)
    return args


def main(argv: list[str] | None = None) -> int:
    args = parse(argv)
    if args.database_url:
        os.environ["TEST_DATABASE_URL"] = args.database_url
    if not os.environ.get("TEST_DATABASE_URL", "").startswith("postgresql"):
        # No PostgreSQL given: run again inside a throwaway cluster on loopback.
        wrapper = REPO / "scripts" / "with-postgres"
        command = [str(wrapper), sys.executable, "-m", "bench.server_load", *(argv or sys.argv[1:])]
        os.execv(command[0], command)

    rng = random.Random(2026)
    tablets, records = make_tablets(args, rng)
    with tempfile.TemporaryDirectory() as workdir:
        server = LoadServer(Path(workdir), workers=args.workers)
        try:
            server.admin("create-estate", ESTATE, "华夏苑")
            for username, role in ACCOUNTS:
                server.admin(
                    "create-account",
                    username,
                    "--role",
                    role,
                    "--estate",
                    ESTATE,
                    "--password-stdin",
                    stdin=PASSWORD + "\n",
                )
            server.start()
            limits = httpx.Limits(
                max_connections=args.threads, max_keepalive_connections=args.threads
            )
            with httpx.Client(base_url=server.url, limits=limits, timeout=120) as client:
                login_ms = sign_in(client, tablets, threads=4)
                cpu_before = server.cpu_seconds()
                postmaster = postmaster_pid(server.database_url)
                pg_before = tree_cpu_seconds(postmaster) if postmaster else 0.0
                machine_before = machine_cpu()
                client_cpu_before = time.process_time()
                tally, seconds = run_load(
                    client, tablets, args.threads, args.resend_fraction, args.max_seconds, rng
                )
                server_cpu = server.cpu_seconds() - cpu_before
                pg_cpu = tree_cpu_seconds(postmaster) - pg_before if postmaster else 0.0
                machine_after = machine_cpu()
                client_cpu = time.process_time() - client_cpu_before
            unsent = sum(len(t.batches) for t in tablets)
            sent_ids = {r["id"] for r in records}
            if unsent:  # stopped by --max-seconds: count only what was sent
                waiting = {r["id"] for t in tablets for _, batch, _ in t.batches for r in batch}
                sent_ids -= waiting
            counts = server_counts(server, sent_ids)
            server_tracebacks = server.errors_logged()
            sent_records = [r for r in records if r["id"] in sent_ids]
            raw_s = raw_insert_seconds(server, sent_records)
        finally:
            server.close()

    ours_per_s = tally.records_accepted / seconds
    busy, total = (
        after - before for after, before in zip(machine_after, machine_before, strict=True)
    )
    raw_per_s = len(sent_records) / raw_s
    lines = {
        "devices": args.devices,
        "server_workers": args.workers,
        "client_threads": args.threads,
        "cpus": os.cpu_count(),
        "records_per_device": args.records,
        "batch": args.batch,
        "records_sent": len(sent_records),
        "batches_unsent_at_deadline": unsent,
        "pushes": len(tally.push_ms),
        "resent_batches": tally.resent_batches,
        "photos_sent": tally.photos_sent,
        "megabytes_sent": f"{tally.bytes_sent / 1e6:.1f}",
        "login_p50_ms": f"{statistics.median(login_ms):.0f}",
        "load_s": f"{seconds:.2f}",
        "records_per_s": f"{ours_per_s:.0f}",
        "photos_per_s": f"{tally.photos_sent / seconds:.1f}",
        "push_p50_ms": f"{percentile(tally.push_ms, 0.50):.0f}",
        "push_p99_ms": f"{percentile(tally.push_ms, 0.99):.0f}",
        "push_max_ms": f"{max(tally.push_ms, default=float('nan')):.0f}",
        "photo_p50_ms": f"{percentile(tally.photo_ms, 0.50):.0f}",
        "photo_p99_ms": f"{percentile(tally.photo_ms, 0.99):.0f}",
        "errors": len(tally.errors),
        "unexpected_outcomes": len(tally.unexpected),
        "server_tracebacks_logged": server_tracebacks,
        "outcomes": " ".join(f"{k}={v}" for k, v in sorted(tally.outcomes.items())),
        **counts,
        "server_cpu_s": f"{server_cpu:.1f}",
        "postgres_cpu_s": f"{pg_cpu:.1f}" if postmaster else "n/a",
        "client_cpu_s": f"{client_cpu:.1f}",
        "machine_cpu_busy_pct": f"{100 * busy / max(1, total):.0f}",
        "raw_insert_s": f"{raw_s:.3f}",
        "raw_insert_records_per_s": f"{raw_per_s:.0f}",
        "ratio_raw_to_ours": f"{raw_per_s / ours_per_s:.1f}",
    }
    for name, value in lines.items():
        print(f"{name}: {value}")
    for problem in (tally.errors + tally.unexpected)[:10]:
        print(f"problem: {problem}", file=sys.stderr)
    ok = (
        not tally.errors
        and not tally.unexpected
        and counts["rows_missing"] == counts["rows_unexpected"] == 0
        and counts["duplicate_revisions"] == 0
        and counts["rows_in_record_revisions"] == counts["rows_sent"]
    )
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
