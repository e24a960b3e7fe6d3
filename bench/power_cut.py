"""Cut the power at random moments and check that no acknowledged save is lost.

A SIGKILL (``bench.crash_harness``) leaves the OS page cache in place, so it
cannot notice a missing fsync. Here a tablet's day runs once under the
recording shim of ``bench.power_cut_fs`` (records, drafts, photos, sync
answers, checkpoints, compactions, closing and opening again), and then, for
each of many random cut points, the store's folder is rebuilt as a power cut
there would leave it (only what was fsync'd is sure to be there), the store
opened, and every save acknowledged before the cut looked up.

    python -m bench.power_cut --cuts 1000

Each operation of the day is noted twice: before the call ("intent") and once
it returned ("ack"). After a cut, a thing must hold its last acknowledged
value, or the value of the one call that was in flight. One cut in four is
followed by a second one in the middle of the recovery from it (the store
opened, checked and closed again, recorded the same way).
"""

from __future__ import annotations

import argparse
import hashlib
import io
import json
import random
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager, nullcontext
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from bench.power_cut_fs import Recorder, check_complete, crash_states

# Low, so that a day of a few hundred saves crosses it often (the product uses 5,000).
CHECKPOINT_AFTER_LINES = 25
# One cut in this many is followed by a second one during the recovery from it.
RECOVERY_CUT_EVERY = 4
GONE = None


def digest(value: Any) -> str:
    return hashlib.sha256(json.dumps(value, sort_keys=True).encode()).hexdigest()[:16]


def _picture(n: int) -> bytes:
    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (40 + n % 7, 30), (n * 37 % 256, n * 11 % 256, 90)).save(out, "JPEG")
    return out.getvalue()


def _payload(n: int, rng: random.Random) -> dict:
    return {
        "n": n,
        "checkpoint": f"CP-{n % 40:03d}",
        "note": "水泵房压力正常，消防栓完好。" * rng.randint(1, 30),
        "readings": [round(rng.random(), 4) for _ in range(rng.randint(0, 12))],
    }


# -- a tablet's day ---------------------------------------------------------------------


class _Day:
    """Runs the store the way the app does and marks each call in the recorder's trace."""

    def __init__(self, root: Path, recorder: Recorder, rng: random.Random) -> None:
        self.root, self.recorder, self.rng = root, recorder, rng
        self.store = None

    @contextmanager
    def _call(self, *changes: tuple[str, str, Any]) -> Iterator[list]:
        """Mark what ``changes`` ((kind, key, value) each) will leave, around one store call.

        Changes known only once the call returned (a photo's hash) are added to the list.
        """
        self.recorder.mark(("intent", changes))
        known_after: list = []
        yield known_after
        self.recorder.mark(("ack", (*changes, *known_after)))

    def reopen(self) -> None:
        from mobile.store.store import Store

        if self.store is not None:
            self.store.close()
        self.store = Store.open(self.root)

    def run(self, saves: int) -> None:
        from mobile.store import journal

        previous = journal.CHECKPOINT_AFTER_LINES
        journal.CHECKPOINT_AFTER_LINES = CHECKPOINT_AFTER_LINES
        try:
            self.reopen()
            for n in range(saves):
                self._one_record(n)
                if n % 60 == 59:
                    self.store.journal.compact()
                if n % 45 == 44:
                    self.reopen()
            self.store.close()
        finally:
            journal.CHECKPOINT_AFTER_LINES = previous

    def _one_record(self, n: int) -> None:
        store, rng = self.store, self.rng
        photos = []
        if n % 3 == 0:
            with self._call() as known_after:
                sha = store.photos.add(_picture(n)).sha256
                known_after.append(("photo", sha, "intact"))
            photos.append(sha)
        payload = _payload(n, rng)
        key = f"r{n}"
        if n % 4 == 0:
            draft = f"draft:{n}"
            fields = {"matter": payload["note"][:20], "n": n}
            with self._call(("draft", draft, digest(fields))):
                store.drafts.save(draft, fields, tuple(photos))
            with self._call(("draft", draft, GONE), ("record", key, (digest(payload), "pending"))):
                record_id = store.submit(draft, "patrol_round", payload, photos).id
        else:
            with self._call(("record", key, (digest(payload), "pending"))):
                record_id = store.records.create("patrol_round", payload, photos).id
        if rng.random() < 0.6:
            with self._call(("record", key, (digest(payload), "pending"))):
                store.records.mark_sending([record_id])
            with self._call(("record", key, (digest(payload), "synced"))):
                store.records.mark_synced(record_id, 1)
        if rng.random() < 0.2:
            edited = {**payload, "note": "复查：" + payload["note"][:40]}
            with self._call(("record", key, (digest(edited), "pending"))):
                store.records.edit(record_id, edited)


# -- the checker --------------------------------------------------------------------------


def allowed_values(marks: list) -> dict[tuple[str, str], set]:
    """What each thing may hold after a cut: its last acknowledged value, or the in-flight one."""
    allowed: dict[tuple[str, str], set] = {}
    in_flight: tuple = ()
    for kind, changes in marks:
        if kind == "intent":
            in_flight = changes
            continue
        for what, key, value in changes:
            allowed[(what, key)] = {value}
        in_flight = ()
    for what, key, value in in_flight:
        allowed.setdefault((what, key), {GONE}).add(value)
    return allowed


def found_values(store) -> dict[tuple[str, str], Any]:
    found: dict[tuple[str, str], Any] = {}
    for doc in store.db.table("records").all():
        found[("record", f"r{doc['payload']['n']}")] = (digest(doc["payload"]), doc["sync_state"])
    for draft in store.drafts.all():
        found[("draft", draft.key)] = digest(draft.fields)
    for sha in store.photos.all_hashes():
        whole = store.photos.verify(sha) and store.photos.thumb_for(sha).is_file()
        found[("photo", sha)] = "intact" if whole else "damaged"
    return found


@dataclass
class Outcome:
    cuts: int = 0
    recovery_cuts: int = 0
    trace_events: int = 0
    acknowledged_checked: int = 0
    lost: int = 0
    damaged: int = 0
    open_failures: int = 0
    findings: list[str] = field(default_factory=list)


def check_cut(directory: Path, allowed: dict, outcome: Outcome, record: bool = False):
    """Open the store in ``directory`` and compare it with ``allowed``.

    With ``record``, the opening and closing (the recovery) is recorded, and its
    ``Recorder`` returned, so that a second cut can fall in the middle of it.
    """
    from mobile.store.store import Store

    outcome.acknowledged_checked += sum(1 for values in allowed.values() if GONE not in values)
    recorder = Recorder(directory) if record else nullcontext()
    try:
        with recorder, Store.open(directory) as store:
            found = found_values(store)
    except Exception as exc:  # noqa: BLE001 - a store that fails to open is the finding
        outcome.open_failures += 1
        outcome.findings.append(f"cut {outcome.cuts}: open failed: {exc!r}")
        return None
    for key, values in allowed.items():
        value = found.get(key, GONE)
        if value in values:
            continue
        if value is GONE:
            outcome.lost += 1
        else:
            outcome.damaged += 1
        outcome.findings.append(f"cut {outcome.cuts}: {key} is {value!r}, expected {values!r}")
    for key, value in found.items():
        if key not in allowed and value != "intact":
            outcome.damaged += 1
            outcome.findings.append(f"cut {outcome.cuts}: unexpected {key} = {value!r}")
    return recorder if record else None


def _cut_once(trace: list, start: int, target: Path, rng: random.Random) -> None:
    """Rebuild in ``target`` what one cut at a random point of ``trace`` past ``start`` leaves."""
    for _, model, _ in crash_states(trace, [rng.randint(start, len(trace))]):
        target.mkdir()
        model.write_crash_state(target, rng)


def run_cuts(cuts: int, seed: int = 0, saves: int = 150, work: Path | None = None) -> Outcome:
    """Record one tablet's day of ``saves`` records, then check ``cuts`` random power cuts.

    After every ``RECOVERY_CUT_EVERY``-th cut the recovery (opening, checking and
    closing the store) is recorded too, and the power cut again in the middle of it.
    """
    rng = random.Random(seed)
    outcome = Outcome()
    with tempfile.TemporaryDirectory(prefix="power-cut-", dir=work) as scratch:
        scratch_dir = Path(scratch)
        day = scratch_dir / "day"
        day.mkdir()
        with Recorder(day) as recorder:
            _Day(day, recorder, random.Random(seed)).run(saves)
        check_complete(recorder.trace, day, scratch_dir / "replayed")
        outcome.trace_events = len(recorder.trace)
        points = [rng.randint(0, len(recorder.trace)) for _ in range(cuts)]
        target, again = scratch_dir / "after-cut", scratch_dir / "after-second-cut"
        for _, model, marks in crash_states(recorder.trace, points):
            target.mkdir()
            model.write_crash_state(target, rng)
            allowed = allowed_values(marks)
            outcome.cuts += 1
            recovery = check_cut(target, allowed, outcome, outcome.cuts % RECOVERY_CUT_EVERY == 0)
            if recovery is not None:
                _cut_once(recovery.trace, recovery.start, again, rng)
                outcome.recovery_cuts += 1
                check_cut(again, allowed, outcome)
                shutil.rmtree(again)
            shutil.rmtree(target)
    return outcome


def main() -> None:
    import time

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cuts", type=int, default=1000)
    parser.add_argument("--saves", type=int, default=300, help="records in the recorded day")
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    started = time.perf_counter()
    outcome = run_cuts(args.cuts, args.seed, args.saves)
    print(f"power_cut_cuts: {outcome.cuts}")
    print(f"power_cut_second_cuts_during_recovery: {outcome.recovery_cuts}")
    print(f"power_cut_trace_events: {outcome.trace_events}")
    print(f"power_cut_acknowledged_checked: {outcome.acknowledged_checked}")
    print(f"power_cut_lost: {outcome.lost}")
    print(f"power_cut_damaged: {outcome.damaged}")
    print(f"power_cut_open_failures: {outcome.open_failures}")
    print(f"power_cut_seconds: {time.perf_counter() - started:.1f}")
    for finding in outcome.findings[:10]:
        print(f"# {finding}")


if __name__ == "__main__":
    main()
