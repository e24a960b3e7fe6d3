"""How long does one tablet take to sync a big backlog, against the limits?

The server helper is the end-to-end tests' own (tests/e2e/real_server.py).

One device syncs N records and K photos of about 300 KB over loopback to a
real server (its own process, SQLite file). Baselines, in the same run:

(a) the same bytes as one raw HTTP upload in a single stream, to a sink that
    only reads them (the limit: nothing can send those bytes faster);
(b) one request per record with its photos, the way OpenRosa/ODK submit.

This machine is noisy, so the loopback figures are medians of ``--repeat`` runs,
each of ours on a fresh copy of the tablet and a fresh server, each of (b) on
another sample of the records, the two taken in turns.

On loopback (a) runs at memory speed while the sync validates, stores and
fsyncs every record on both sides, so that ratio measures the work, not the
protocol. The bench therefore runs (a) once more, and a second tablet's full
sync, through the fault proxy's throttle: a link of ``--link-mbit`` megabits a
second (20 by default, a good 4G uplink; no added latency, which would only
favour batching further). There the ratio shows how much of the link the sync
leaves unused.

    python -m bench.sync_bench           # 10,000 records, 200 photos
    python -m bench.sync_bench --quick   # 2,000 records, 40 photos; (b) on a sample
    python -m bench.sync_bench --quick --photos 0    # the records alone

Prints ``name: value`` lines; quote the ratios.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import sys
import tempfile
import threading
import time
from contextlib import contextmanager
from pathlib import Path

import requests
import uvicorn

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "tests" / "e2e"))

from fault_proxy import FaultProxy, throttle  # noqa: E402
from real_server import PASSWORD, RealServer, free_port  # noqa: E402

from mobile.services.outbox import StoreOutbox, envelope  # noqa: E402
from mobile.store.store import Store  # noqa: E402
from sync import protocol  # noqa: E402
from sync.engine import SyncEngine  # noqa: E402
from sync.simulate import record_field_work  # noqa: E402
from sync.transport import HttpTransport, TransportSettings  # noqa: E402


def fill_tablet(folder: Path, records: int, photos: int) -> Store:
    store = Store.open(folder)
    with store.journal.transaction():
        record_field_work(store, "complaint", "hxy", "wang", records, photos, 300_000, seed=1)
    return store


def login(server: RealServer, name: str, base_url: str | None = None) -> HttpTransport:
    settings = TransportSettings(base_url=base_url or server.url, read_timeout=120)
    transport = HttpTransport(settings)
    transport.login("wang", PASSWORD, name)
    return transport


# -- ours ------------------------------------------------------------------------------


def time_engine(store: Store, server: RealServer, base_url: str | None = None) -> float:
    engine = SyncEngine(StoreOutbox(store), login(server, "bench-engine", base_url))
    started = time.perf_counter()
    report = engine.run_once()
    seconds = time.perf_counter() - started
    assert not store.records.pending(), "the pass left records behind"
    assert report.accepted == len(store.journal.ids("records"))
    return seconds


# -- (a) one raw stream ----------------------------------------------------------------------


async def _sink(scope, receive, send):
    """An ASGI app that reads a request body to the end and answers 200."""
    if scope["type"] != "http":
        return
    received, more = 0, True
    while more:
        message = await receive()
        received += len(message.get("body", b""))
        more = message.get("more_body", False)
    await send({"type": "http.response.start", "status": 200, "headers": []})
    await send({"type": "http.response.body", "body": str(received).encode()})


def time_raw_upload(payload: bytes, link_bytes_per_s: int | None = None) -> float:
    port = free_port()
    server = uvicorn.Server(uvicorn.Config(_sink, host="127.0.0.1", port=port, log_level="error"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    while not server.started:
        time.sleep(0.01)
    try:
        with link(port, link_bytes_per_s) as url:
            started = time.perf_counter()
            answer = requests.post(f"{url}/", data=payload, timeout=600)
            seconds = time.perf_counter() - started
        assert int(answer.text) == len(payload)
        return seconds
    finally:
        server.should_exit = True
        thread.join(10)


@contextmanager
def link(port: int, bytes_per_s: int | None):
    """The URL of loopback ``port``, or of a proxy to it that holds every request to
    ``bytes_per_s`` both ways."""
    if bytes_per_s is None:
        yield f"http://127.0.0.1:{port}"
        return
    with FaultProxy(port) as proxy:
        proxy.inject(throttle(bytes_per_s), times=None)
        yield proxy.url


def wire_bytes(store: Store) -> bytes:
    """What a sync sends: every record's envelope and every photo's bytes."""
    records = [envelope(store.records.get(i)) for i in store.journal.ids("records")]
    photos = b"".join(store.photos.open_bytes(sha) for sha in store.photos.all_hashes())
    return protocol.canonical_json({"records": records}) + photos


# -- (b) one request per record ---------------------------------------------------------------


def time_per_record(store: Store, server: RealServer, ids: list[str]) -> float:
    """Seconds for the records ``ids`` sent one request each (plus their photos)."""
    transport = login(server, "bench-per-record")
    started = time.perf_counter()
    for record_id in ids:
        record = envelope(store.records.get(record_id))
        transport.push([record])
        for sha in record["photos"]:
            transport.upload_photo(sha, store.photos.open_bytes(sha), 0)
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--link-mbit", type=float, default=20.0)
    parser.add_argument("--photos", type=int, help="instead of 2%% of the records")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    records = 2_000 if args.quick else 10_000
    photos = records // 50 if args.photos is None else args.photos
    sample = records // 10
    link_rate = int(args.link_mbit * 1e6 / 8)

    with tempfile.TemporaryDirectory() as workdir:
        work = Path(workdir)
        servers = []
        try:
            pristine = fill_tablet(work / "tablet", records, photos)
            payload = wire_bytes(pristine)
            per_record = started_server(work / "per-record", servers)
            ids = pristine.journal.ids("records")
            ours, per_record_s = [], []
            # Taken in turns, so that both see the same moods of the machine.
            for run in range(args.repeat):
                with copied_tablet(work / "tablet", work / f"tablet-{run}") as store:
                    ours.append(time_engine(store, started_server(work / f"server-{run}", servers)))
                sampled = ids[run * sample : (run + 1) * sample]
                per_record_s.append(time_per_record(pristine, per_record, sampled))
            raw = time_raw_upload(payload)
            linked = started_server(work / "link", servers)
            with (
                copied_tablet(work / "tablet", work / "tablet-on-link") as store,
                link(linked.port, link_rate) as url,
            ):
                ours_link = time_engine(store, linked, url)
            raw_link = time_raw_upload(payload, link_rate)
        finally:
            for running in servers:
                running.close()
    ours_s = statistics.median(ours)
    per_record_total = statistics.median(per_record_s) * records / sample

    print(f"records: {records}")
    print(f"photos: {photos}")
    print(f"megabytes: {len(payload) / 1e6:.1f}")
    print(f"repeats: {args.repeat}")
    print(f"ours_s: {ours_s:.2f}")
    print(f"ours_spread_s: {min(ours):.2f}-{max(ours):.2f}")
    print(f"raw_single_stream_s: {raw:.2f}")
    print(f"per_record_requests_s_estimated: {per_record_total:.2f}")
    print(f"per_record_sampled_records: {sample} x {args.repeat}")
    print(f"ratio_ours_to_raw: {ours_s / raw:.2f}")
    print(f"ratio_per_record_to_ours: {per_record_total / ours_s:.1f}")
    print(f"link_mbit: {args.link_mbit:g}")
    print(f"link_ours_s: {ours_link:.2f}")
    print(f"link_raw_single_stream_s: {raw_link:.2f}")
    print(f"link_ratio_ours_to_raw: {ours_link / raw_link:.2f}")


@contextmanager
def copied_tablet(pristine: Path, folder: Path):
    """A tablet with the same records and photos as the one in ``pristine``, still
    unsynced: every run of ours starts from the same state."""
    shutil.copytree(pristine, folder)
    store = Store.open(folder)
    try:
        yield store
    finally:
        store.close()


def started_server(folder: Path, servers: list[RealServer]) -> RealServer:
    server = RealServer(folder)
    servers.append(server)
    server.add_estate_and_staff()
    server.start()
    return server


if __name__ == "__main__":
    main()
