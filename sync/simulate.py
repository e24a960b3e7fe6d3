"""Simulated tablets, driven through the real store and the real sync engine.

    python -m sync.simulate --server http://127.0.0.1:8000 --devices 20 \\
        --records 500 --photos 50 --username wang --password-stdin < password

Each device gets a data folder of its own under ``--data`` (a real offline
store). A device records ``--records`` field records (patrol rounds for a
patrol account, complaints for a service account) with ``--photos`` photos
among them, then syncs until nothing is left. Running the command again on the
same ``--data`` resumes whatever a kill cut short: the records not yet recorded
are recorded (record n is the same whichever run makes it), what was not yet
delivered is sent. Prints ``name: value`` lines; with ``--progress``, also one
as each record is saved (``recorded: n``) and as photo bytes go out
(``photo_bytes_sent: n``), so that a test can kill the process at a known step.

This is the one module of sync/ that composes the tablet's store with the
engine (as the app does); the import contracts allow it that one exception.
"""

from __future__ import annotations

import argparse
import io
import random
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

from PIL import Image

from mobile.services.outbox import StoreOutbox
from mobile.store.store import Store
from sync.engine import SyncEngine, SyncStatus
from sync.errors import AuthRequired, ServerError, SyncError, Unreachable
from sync.transport import HttpTransport, TransportSettings

KIND_BY_ROLE = {"patrol": "patrol_round", "service": "complaint", "supervisor": "complaint"}


def patrol_round(n: int, estate: str, staff: str, photos: list[str]) -> dict:
    started = datetime(2026, 11, 27, 22, 0, tzinfo=UTC) + timedelta(minutes=n)
    return {
        "estate_id": estate,
        "route_id": f"route-night-{n % 3}",
        "staff_id": staff,
        "started_at": started.isoformat(),
        "ended_at": (started + timedelta(minutes=50)).isoformat(),
        "checkpoints": [
            {
                "checkpoint_id": "cp-pump-room",
                "arrived_at": (started + timedelta(minutes=5)).isoformat(),
                "presence": {"method": "typed", "code": f"XC-{n % 40:04d}"},
                "results": [
                    {
                        "item_id": "pressure",
                        "label": "消防栓压力",
                        "kind": "reading",
                        "value": round(0.2 + (n % 30) / 100, 2),
                        "unit": "MPa",
                        "allowed_min": 0.1,
                        "allowed_max": 0.6,
                    },
                ],
                "abnormal": False,
                "note": "水泵房一切正常",
                "photos": photos,
            }
        ],
    }


def complaint(n: int, estate: str, staff: str, photos: list[str]) -> dict:
    return {
        "estate_id": estate,
        "channel": "phone",
        "received_by": staff,
        "received_at": (datetime(2026, 11, 27, 9, tzinfo=UTC) + timedelta(minutes=n)).isoformat(),
        "complainant": "王女士",
        "phone": "138 0013 8000",
        "building": f"{n % 12 + 1}栋",
        "unit": "2单元",
        "room": f"{1100 + n % 30}",
        "matter": f"楼上装修中午施工，噪音很大（模拟 {n}）",
        "demand": "中午12点到2点停止施工",
        "status": "received",
    }


PAYLOADS = {"patrol_round": patrol_round, "complaint": complaint}


def photo_bytes(rng: random.Random, approx_bytes: int) -> bytes:
    """A noisy picture (noise does not compress) of about ``approx_bytes`` as a JPEG."""
    side = max(64, int((approx_bytes / 0.9) ** 0.5))
    image = Image.frombytes("L", (side, side), rng.randbytes(side * side)).convert("RGB")
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=85)
    return buffer.getvalue()


def record_field_work(
    store: Store,
    kind: str,
    estate: str,
    staff: str,
    records: int,
    photos: int,
    photo_size: int,
    seed: int,
    on_recorded: Callable[[int], None] = lambda count: None,
) -> None:
    """Record field work made by ``staff`` (the signed-in username: the server accepts
    only records that name their author's own account) until the store holds
    ``records`` records.

    Records are made in order and each is saved in one durable step, so the number
    the store holds is where a run cut short stopped: the next run goes on from
    there. Record n and its photo depend only on ``seed`` and n.
    """
    with_photo = set(random.Random(seed).sample(range(records), min(photos, records)))
    for n in range(sum(store.records.counts().values()), records):
        rng = random.Random(f"{seed}-{n}")
        hashes = [store.photos.add(photo_bytes(rng, photo_size)).sha256] if n in with_photo else []
        store.records.create(kind, PAYLOADS[kind](n, estate, staff, hashes), hashes)
        on_recorded(n + 1)


@dataclass
class DeviceResult:
    records: int = 0
    photos: int = 0
    passes: int = 0
    errors: int = 0


def say(line: str) -> None:
    print(line, flush=True)


def sign_in(args, transport: HttpTransport, password: str, index: int, result: DeviceResult):
    """Sign the device in, trying again while the server cannot be reached or fails."""
    while True:
        try:
            return transport.login(args.username, password, f"模拟平板-{index:03d}")
        except (Unreachable, ServerError):
            result.errors += 1
            if result.errors > args.max_errors:
                raise
            time.sleep(backoff(result.errors))


def backoff(errors: int) -> float:
    return min(5.0, 0.2 * errors)


def progress_printer(enabled: bool) -> Callable[[SyncStatus], None]:
    """An engine observer that prints the photo bytes sent whenever they grow."""
    printed = 0

    def observe(status: SyncStatus) -> None:
        nonlocal printed
        if enabled and status.bytes_sent > printed:
            printed = status.bytes_sent
            say(f"photo_bytes_sent: {printed}")

    return observe


def run_device(args, index: int, password: str, result: DeviceResult) -> None:
    transport = HttpTransport(TransportSettings(base_url=args.server, read_timeout=args.timeout))
    answer = sign_in(args, transport, password, index, result)
    kind = KIND_BY_ROLE[answer["account"]["role"]]
    estate = answer["account"]["estates"][0]["id"]
    staff = answer["account"]["username"]
    with Store.open(args.data / f"device-{index:03d}") as store:
        record_field_work(
            store, kind, estate, staff, args.records, args.photos, args.photo_size, seed=index,
            on_recorded=(lambda n: say(f"recorded: {n}")) if args.progress else lambda n: None,
        )  # fmt: skip
        engine = SyncEngine(StoreOutbox(store), transport, observer=progress_printer(args.progress))
        while store.records.pending() and result.errors <= args.max_errors:
            result.passes += 1
            try:
                report = engine.run_once()
            except AuthRequired:
                raise
            except SyncError:
                result.errors += 1
                time.sleep(backoff(result.errors))
                continue
            result.records += report.accepted + report.duplicates
            result.photos += report.photos_sent


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--server", required=True)
    parser.add_argument("--devices", type=int, default=1)
    parser.add_argument("--records", type=int, default=100)
    parser.add_argument("--photos", type=int, default=0)
    parser.add_argument("--photo-size", type=int, default=300_000, help="approx. bytes")
    parser.add_argument("--data", type=Path, default=Path("var/simulated-tablets"))
    parser.add_argument("--username", required=True)
    parser.add_argument("--password")
    parser.add_argument("--password-stdin", action="store_true")
    parser.add_argument("--timeout", type=float, default=30.0)
    parser.add_argument("--max-errors", type=int, default=50)
    parser.add_argument(
        "--progress", action="store_true", help="print each record saved and photo bytes sent"
    )
    args = parser.parse_args(argv)
    password = sys.stdin.readline().rstrip("\n") if args.password_stdin else args.password
    if not password:
        parser.error("give --password or --password-stdin")

    results = [DeviceResult() for _ in range(args.devices)]
    failures: list[BaseException] = []

    def device(index: int) -> None:
        try:
            run_device(args, index, password, results[index])
        except BaseException as exc:  # noqa: BLE001 - reported below, with the others
            failures.append(exc)

    started = time.perf_counter()
    threads = [threading.Thread(target=device, args=(i,)) for i in range(args.devices)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    seconds = time.perf_counter() - started

    delivered = sum(r.records for r in results)
    print(f"devices: {args.devices}")
    print(f"records_delivered: {delivered}")
    print(f"photos_sent: {sum(r.photos for r in results)}")
    print(f"passes: {sum(r.passes for r in results)}")
    print(f"errors: {sum(r.errors for r in results) + len(failures)}")
    print(f"seconds: {seconds:.2f}")
    print(f"records_per_s: {delivered / seconds:.1f}")
    for failure in failures:
        print(f"failure: {failure!r}", file=sys.stderr)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
