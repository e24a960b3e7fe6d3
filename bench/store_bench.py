"""How fast is a durable save, and how fast does the store open, as it fills up?

Prints ``name: value`` lines. The baseline, run in the same process on the
same disk, is a raw fsync'd append of a line of the same size: ratios against
it are what to quote (absolute times on these machines are noisy).

    python -m bench.store_bench            # 1k, 10k and 100k records
    python -m bench.store_bench --quick    # the same sizes, fewer samples: under a minute

Peak memory at open is measured in a fresh process (VmHWM), after a clean close
and for a full replay of the journal (no checkpoint); the replay's excess over
the first is what reading the log costs, against the journal's size; and for a
full replay of a long journal over few records (100 versions of 1,000), whose
index is small, so the peak shows whether reading grows with the journal.

Stock TinyDB (JSONStorage) is measured at each size only while its estimated
time stays under a minute.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SIZES = (1_000, 10_000, 100_000)
STOCK_BUDGET_SECONDS = 60.0


def sample_payload(n: int) -> dict:
    """A patrol checkpoint result of typical size (about 500 bytes of JSON)."""
    return {
        "route_id": f"route-{n % 12}",
        "checkpoint_id": f"cp-{n % 40}",
        "staff": "张伟",
        "arrived_at": "2026-11-27T21:15:00+08:00",
        "proof": {"method": "scanned", "code": f"CP-{n:06d}"},
        "results": [
            {"item": "消防栓压力", "value": 0.32, "unit": "MPa", "abnormal": False},
            {"item": "灭火器在位", "ok": True},
            {"item": "应急照明", "ok": True},
        ],
        "note": "一切正常，水泵房无渗漏。",
        "photos": [],
    }


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def report(name: str, seconds: list[float]) -> float:
    median = statistics.median(seconds)
    print(f"{name}_median_ms: {median * 1000:.3f}")
    print(f"{name}_p99_ms: {percentile(seconds, 0.99) * 1000:.3f}")
    return median


# -- our store -----------------------------------------------------------------


def fill_ours(directory: Path, count: int) -> None:
    from mobile.store.store import Store

    with Store.open(directory) as store:
        have = store.records.counts()
        n = sum(have.values())
        while n < count:
            with store.journal.transaction():
                for _ in range(min(1000, count - n)):
                    store.records.create("patrol_round", sample_payload(n))
                    n += 1


def fill_versions(directory: Path, records: int, versions: int) -> None:
    """A long journal over few records: each record edited ``versions`` times."""
    from mobile.store.store import Store

    with Store.open(directory) as store:
        with store.journal.transaction():
            ids = [
                store.records.create("patrol_round", sample_payload(n)).id for n in range(records)
            ]
        for version in range(1, versions):
            with store.journal.transaction():
                for n, record_id in enumerate(ids):
                    store.records.edit(record_id, {**sample_payload(n), "version": version})


def time_ours(directory: Path, samples: int) -> list[float]:
    from mobile.store.store import Store

    times = []
    with Store.open(directory) as store:
        for n in range(samples):
            started = time.perf_counter()
            store.records.create("patrol_round", sample_payload(n))
            times.append(time.perf_counter() - started)
    return times


# -- the raw baseline: an fsync'd append of the same bytes ---------------------------


def time_raw(directory: Path, count: int, samples: int) -> list[float]:
    line = (json.dumps(sample_payload(0), ensure_ascii=False) + "\n").encode()
    path = directory / "raw.log"
    with open(path, "ab") as handle:
        handle.write(line * (count - path.stat().st_size // len(line) if path.exists() else count))
    fd = os.open(path, os.O_WRONLY | os.O_APPEND)
    times = []
    try:
        for _ in range(samples):
            started = time.perf_counter()
            os.write(fd, line)
            os.fdatasync(fd)
            times.append(time.perf_counter() - started)
    finally:
        os.close(fd)
    return times


# -- stock TinyDB ----------------------------------------------------------------


def time_stock(directory: Path, count: int, samples: int) -> list[float]:
    from tinydb import TinyDB

    path = directory / f"stock-{count}.json"
    db = TinyDB(path)
    db.insert_multiple(sample_payload(n) for n in range(count))
    times = []
    for n in range(samples):
        started = time.perf_counter()
        db.insert(sample_payload(n))
        times.append(time.perf_counter() - started)
    db.close()
    path.unlink()
    return times


# -- opening -------------------------------------------------------------------------

# Peak RSS is read from /proc (VmHWM): getrusage's ru_maxrss survives exec and would
# report the parent's peak.
_OPEN_SCRIPT = """
import sys, time
started = time.perf_counter()
from mobile.store.store import Store
imported = time.perf_counter()
store = Store.open(sys.argv[1])
opened = time.perf_counter()
pending = store.records.pending(50)
peak_kb = open("/proc/self/status").read().split("VmHWM:")[1].split()[0]
print(opened - imported, peak_kb, len(pending))
store.db.storage.journal._release_process_lock()  # leave as a killed app would
"""


def cold_open(directory: Path) -> tuple[float, float]:
    """Seconds to open the store in a fresh process, and that process's peak RSS in MB."""
    result = subprocess.run(
        [sys.executable, "-c", _OPEN_SCRIPT, str(directory)],
        cwd=REPO,
        env={**os.environ, "PYTHONPATH": str(REPO)},
        capture_output=True,
        text=True,
        check=True,
    )
    seconds, max_rss_kb, _ = result.stdout.split()
    return float(seconds), int(max_rss_kb) / 1024


_WRITE_THEN_DIE = """
import os, sys
from bench.store_bench import sample_payload
from mobile.store.store import Store
store = Store.open(sys.argv[1])
for n in range(int(sys.argv[2])):
    store.records.create("patrol_round", sample_payload(n))
os._exit(0)  # no close, no final checkpoint: as the OS kills an app
"""


def write_then_die(directory: Path, count: int) -> None:
    subprocess.run(
        [sys.executable, "-c", _WRITE_THEN_DIE, str(directory), str(count)],
        cwd=REPO,
        env={**os.environ, "PYTHONPATH": str(REPO)},
        check=True,
    )


def baseline_rss() -> float:
    """Peak RSS in MB of a process that imports the store and opens an empty one."""
    with tempfile.TemporaryDirectory() as empty:
        return cold_open(Path(empty))[1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="fewer samples: under a minute")
    parser.add_argument("--dir", type=Path, help="where to put the stores (default: a temp dir)")
    args = parser.parse_args()
    samples = 100 if args.quick else 500
    stock_samples = 5 if args.quick else 20

    with tempfile.TemporaryDirectory(dir=args.dir) as workdir:
        work = Path(workdir)
        ours_dir, raw_dir = work / "ours", work / "raw"
        raw_dir.mkdir()
        stock_seconds_per_record = 0.0
        for size in SIZES:
            label = f"{size // 1000}k"
            fill_ours(ours_dir, size)
            raw = report(f"raw_append_{label}", time_raw(raw_dir, size, samples))
            ours = report(f"ours_save_{label}", time_ours(ours_dir, samples))
            print(f"ratio_ours_to_raw_{label}: {ours / raw:.2f}")
            estimate = stock_seconds_per_record * size * (stock_samples + 2)
            if estimate < STOCK_BUDGET_SECONDS:
                stock_times = time_stock(work, size, stock_samples)
                stock = report(f"stock_tinydb_save_{label}", stock_times)
                print(f"ratio_stock_to_ours_{label}: {stock / ours:.1f}")
                stock_seconds_per_record = statistics.median(stock_times) / size
            else:
                print(f"stock_tinydb_save_{label}_skipped_estimated_s: {estimate:.0f}")

        opened, rss = cold_open(ours_dir)
        print(f"cold_open_100k_after_close_s: {opened:.3f}")
        print(f"peak_rss_100k_open_mb: {rss:.1f}")
        write_then_die(ours_dir, 4_000)
        after_kill, _ = cold_open(ours_dir)
        print(f"cold_open_100k_after_kill_s: {after_kill:.3f}")
        for index in (ours_dir / "db").glob("index-*.bin"):
            index.unlink()
        full_replay, replay_rss = cold_open(ours_dir)
        print(f"cold_open_100k_full_replay_s: {full_replay:.3f}")
        print(f"peak_rss_100k_full_replay_mb: {replay_rss:.1f}")
        print(f"peak_rss_empty_store_mb: {baseline_rss():.1f}")
        # What a full replay needs beyond an open that loads the same index from a
        # checkpoint: about nothing when the log is streamed, the log's size when
        # it is read in one piece (51 MB here before it was streamed).
        journal_mb = sum(p.stat().st_size for p in (ours_dir / "db").glob("journal-*.log")) / 2**20
        print(f"journal_100k_mb: {journal_mb:.1f}")
        print(f"full_replay_rss_over_checkpoint_open_mb: {replay_rss - rss:.1f}")

        versions_dir = work / "versions"
        fill_versions(versions_dir, records=1_000, versions=100)
        for index in (versions_dir / "db").glob("index-*.bin"):
            index.unlink()
        journal_mb = sum(p.stat().st_size for p in (versions_dir / "db").glob("journal-*.log"))
        print(f"journal_100_versions_of_1k_mb: {journal_mb / 2**20:.1f}")
        print(f"peak_rss_100_versions_of_1k_full_replay_mb: {cold_open(versions_dir)[1]:.1f}")


if __name__ == "__main__":
    main()
