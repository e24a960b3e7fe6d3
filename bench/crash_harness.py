"""Kill a writing process at random moments and check what survived.

A writer process does what a tablet does all day: it saves a record, says
``ack <n>`` once the save has returned, then marks the record synced (as the
sync engine does when the server confirms it) and says ``synced <n>``. The
harness SIGKILLs it at a random moment, reopens the store, and checks that
every acknowledged record is there and intact. Trials run against the same
folder, so each one also checks that recovering from the previous kill lost
nothing.

    python -m bench.crash_harness --target ours --trials 1000
    python -m bench.crash_harness --target stock --trials 50

``ours`` is the product's store; ``stock`` is TinyDB with its default
JSONStorage, which rewrites its whole file in place on every write.

A SIGKILL leaves the OS page cache in place, so this cannot notice a missing
fsync: ``bench.power_cut`` simulates power cuts for that.

Writers are forked from a forkserver that has already imported the stores: a
fresh interpreter a kill would spend more time starting than writing.
"""

from __future__ import annotations

import argparse
import base64
import hashlib
import itertools
import json
import multiprocessing
import random
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

# Stock TinyDB only shows its flaw once writes take a while: start it with this many records.
STOCK_PRELOAD = 500


def payload_for(n: int) -> dict:
    """The content of record ``n``, reproducible by the checker; sizes vary."""
    rng = random.Random(n)
    return {
        "n": n,
        "route": f"夜间巡查路线-{n % 7}",
        "note": "水泵房压力正常，消防栓完好。" * rng.randint(1, 40),
        "readings": [rng.random() for _ in range(rng.randint(0, 20))],
        # an owner's on-screen signature, as one repair check in ten carries
        "signature_png": base64.b64encode(rng.randbytes(rng.randint(0, 40_000))).decode()
        if n % 10 == 0
        else "",
    }


def digest(payload: dict) -> str:
    return hashlib.sha256(json.dumps(payload, sort_keys=True).encode()).hexdigest()


# -- the writer process ---------------------------------------------------------


def write_ours(directory: Path, first: int, say: Callable[[str], None]) -> None:
    from mobile.store.store import Store

    with Store.open(directory) as store:
        for n in itertools.count(first):
            store.records.create("patrol_round", payload_for(n), record_id=f"r{n}")
            say(f"ack {n}")
            store.records.mark_sending([f"r{n}"])
            store.records.mark_synced(f"r{n}", 1)
            say(f"synced {n}")


def _stock_document(key: str, n: int) -> dict:
    return {"id": key, "sync_state": "pending", "payload": payload_for(n)}


def write_stock(directory: Path, first: int, say: Callable[[str], None]) -> None:
    from tinydb import TinyDB

    db = TinyDB(directory / "stock.json")
    for n in itertools.count(first):
        doc_id = db.insert(_stock_document(f"r{n}", n))
        say(f"ack {n}")
        db.update({"sync_state": "synced"}, doc_ids=[doc_id])
        say(f"synced {n}")


def preload_stock(directory: Path, count: int) -> None:
    from tinydb import TinyDB

    db = TinyDB(directory / "stock.json")
    db.insert_multiple(_stock_document(f"p{n}", n) for n in range(count))
    db.close()


# -- the checker ----------------------------------------------------------------


def surviving_ours(directory: Path, to_read: set[str] | None) -> dict[str, tuple[str, str] | None]:
    """id -> (payload digest, sync state) of the records in the store.

    Every id is listed; only those in ``to_read`` (all, if None) are read and digested.
    """
    from mobile.store.store import Store

    with Store.open(directory) as store:
        table = store.db.table("records")
        ids = store.journal.ids("records")
        found = {}
        for doc_id in ids:
            doc = table.get(doc_id=doc_id) if to_read is None or doc_id in to_read else None
            found[doc_id] = (digest(doc["payload"]), doc["sync_state"]) if doc else None
        return found


def surviving_stock(directory: Path, to_read: set[str] | None) -> dict[str, tuple[str, str]]:
    from tinydb import TinyDB

    db = TinyDB(directory / "stock.json")
    try:
        return {doc["id"]: (digest(doc["payload"]), doc["sync_state"]) for doc in db.all()}
    finally:
        db.close()


WRITERS = {"ours": write_ours, "stock": write_stock}
CHECKERS = {"ours": surviving_ours, "stock": surviving_stock}


@dataclass
class Outcome:
    trials: int = 0
    acknowledged: int = 0
    lost: int = 0
    damaged: int = 0
    open_failures: list[str] = field(default_factory=list)
    first_loss_at_trial: int | None = None


def _kill_one_writer(
    target: str, directory: Path, first: int, rng: random.Random
) -> tuple[list[int], list[int]]:
    """Run a writer and kill it at a random moment after its first two lines.

    The moment is drawn over at least one and a half of the writer's steps as paced on
    this machine (the time between its first two lines): a fixed window would, on a
    busy machine where a step takes longer than the window, always land in the same
    part of a step and never in the write.

    Returns the numbers of the records whose save, and whose mark-synced, returned.
    """
    context = _writers()
    lines, said = context.Pipe(duplex=False)
    process = context.Process(target=_writer, args=(target, directory, first, said))
    process.start()
    said.close()  # the writer's copy is the only one left: its death ends the lines
    heard = [_next_line(lines)]
    started = time.monotonic()
    heard.append(_next_line(lines))
    step = time.monotonic() - started
    time.sleep(rng.uniform(0, max(0.25, 1.5 * step)))
    process.kill()
    process.join()
    while line := _next_line(lines):
        heard.append(line)
    lines.close()
    saved = [int(line.split()[1]) for line in heard if line.startswith("ack ")]
    synced = [int(line.split()[1]) for line in heard if line.startswith("synced ")]
    return saved, synced


def _writers():
    """The forkserver the writers are forked from, the stores imported once in it."""
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(["bench.crash_harness", "mobile.store.store", "tinydb"])
    return context


def _writer(target: str, directory: Path, first: int, said) -> None:
    """A writer process: each line is one message on the pipe, a write too small to
    be torn by the kill."""
    WRITERS[target](directory, first, lambda line: said.send_bytes(line.encode()))


def _next_line(lines) -> str:
    """The writer's next line; "" once it is dead and all it said has been read."""
    try:
        return lines.recv_bytes().decode()
    except EOFError:
        return ""


def run_trials(
    target: str, directory: Path, trials: int, seed: int = 0, stop_at_first_loss: bool = False
) -> Outcome:
    rng = random.Random(seed)
    directory.mkdir(parents=True, exist_ok=True)
    if target == "stock":
        preload_stock(directory, STOCK_PRELOAD)
    expected: dict[str, str] = {}
    expected_synced: set[str] = set()
    outcome = Outcome()
    next_n = 0
    for trial in range(1, trials + 1):
        saved, synced = _kill_one_writer(target, directory, next_n, rng)
        next_n += len(saved) + 1  # the unacknowledged one in flight may be there, or not
        expected.update({f"r{n}": digest(payload_for(n)) for n in saved})
        expected_synced.update(f"r{n}" for n in synced)
        outcome.trials, outcome.acknowledged = trial, len(expected)
        # Every trial checks that every acknowledged record is there; the contents of
        # this trial's records are read now, and those of all of them after the last trial.
        to_read = None if trial == trials else {f"r{n}" for n in saved}
        try:
            found = CHECKERS[target](directory, to_read)
        except Exception as exc:  # noqa: BLE001 - a store that fails to open is the finding
            outcome.open_failures.append(f"trial {trial}: {exc!r}")
            found = {}
        lost = [k for k in expected if k not in found]
        damaged = [
            k
            for k in expected
            if found.get(k) is not None
            and (found[k][0] != expected[k] or (k in expected_synced and found[k][1] != "synced"))
        ]
        outcome.lost, outcome.damaged = len(lost), len(damaged)
        if (lost or damaged or outcome.open_failures) and outcome.first_loss_at_trial is None:
            outcome.first_loss_at_trial = trial
            if stop_at_first_loss:
                break
    return outcome


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--target", choices=sorted(WRITERS), default="ours")
    parser.add_argument("--trials", type=int, default=200)
    parser.add_argument("--dir", type=Path)
    args = parser.parse_args()
    import tempfile

    directory = args.dir or Path(tempfile.mkdtemp(prefix=f"crash-{args.target}-"))
    outcome = run_trials(args.target, directory, args.trials)
    print(f"crash_{args.target}_trials: {outcome.trials}")
    print(f"crash_{args.target}_acknowledged: {outcome.acknowledged}")
    print(f"crash_{args.target}_lost: {outcome.lost}")
    print(f"crash_{args.target}_damaged: {outcome.damaged}")
    print(f"crash_{args.target}_open_failures: {len(outcome.open_failures)}")
    print(f"crash_{args.target}_first_loss_at_trial: {outcome.first_loss_at_trial}")


if __name__ == "__main__":
    main()
