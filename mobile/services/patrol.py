"""A patrol round in progress, kept as a draft after every step, finished into one record.

    patrol = PatrolService(store, forms)
    patrol.start("hxy-route-night")
    patrol.arrive("hxy-cp-01", "HXY-01")       # the code on the label, scanned or typed
    patrol.identify(["HXY-03"])                 # which checkpoint a scanned label names
    patrol.all_normal("hxy-cp-01")              # every check item normal
    patrol.reading("hxy-cp-03", "1", 0.4)       # checked against the item's range at once
    patrol.skip("hxy-cp-14", "门锁损坏")
    record = patrol.finish({"hxy-cp-15": "..."})  # a reason for each checkpoint left

The round lives in the draft ``patrol_round:current`` (fields and photos), saved
durably after each call, so an app killed mid-round opens on it again with
everything done so far. Checkpoints may be visited out of the route's order; the
record lists them in the order they were visited, then the skipped ones. Ending
the round needs a reason for every checkpoint neither visited nor skipped.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from domain.checklist import AllowedRange, ItemKind, Outcome
from domain.checkpoint import Checkpoint
from domain.patrol import PresenceMethod
from domain.route import Route
from domain.text import ExplainedError, Text
from mobile.services.forms import Forms
from mobile.store.records import StoredRecord
from mobile.store.store import Store

DRAFT_KEY = "patrol_round:current"
WORK_ORDER_NOTE = Text(
    "此巡查点有异常：同步后将生成维修工单。",
    "This checkpoint is abnormal: a work order will be opened when it syncs.",
)
PENDING, VISITED, SKIPPED = "pending", "visited", "skipped"


class RoundInProgress(ExplainedError):
    text = Text(
        "已有一轮巡查未结束，请先继续或结束它。",
        "A round is already in progress: continue or end it first.",
    )


class NoRound(ExplainedError):
    text = Text("没有进行中的巡查。", "No round is in progress.")


class WrongCode(ExplainedError):
    text = Text(
        "巡查点编码不符：请确认您在正确的巡查点。",
        "The code does not match this checkpoint: check that you are at the right place.",
    )


class NotArrived(ExplainedError):
    text = Text("请先扫码或输入巡查点编码。", "Scan or type the checkpoint's code first.")


class ReasonsMissing(ExplainedError):
    def __init__(self, checkpoint_ids: list[str]):
        self.checkpoint_ids = checkpoint_ids
        super().__init__(
            ", ".join(checkpoint_ids),
            Text(
                f"还有 {len(checkpoint_ids)} 个巡查点未巡查，请逐一填写原因。",
                f"{len(checkpoint_ids)} checkpoint(s) were not visited: give a reason for each.",
            ),
        )


@dataclass(frozen=True)
class Stop:
    """A checkpoint of the round as the screen shows it."""

    checkpoint: Checkpoint
    state: str  # PENDING, VISITED, SKIPPED
    visit: dict[str, Any] | None

    @property
    def abnormal(self) -> bool:
        return bool(self.visit and self.visit.get("abnormal"))


def out_of_range(allowed: AllowedRange, value: float) -> Text | None:
    """What to say while a reading is typed, or None when it is within the range."""
    if allowed.allows(value):
        return None
    unit = allowed.unit
    return Text(
        f"超出正常范围 {allowed.minimum}–{allowed.maximum} {unit}：将标记为异常并生成工单。",
        f"Outside the normal {allowed.minimum}–{allowed.maximum} {unit}: it will be marked "
        "abnormal and a work order opened.",
    )


class PatrolService:
    def __init__(
        self,
        store: Store,
        forms: Forms,
        now: Callable[[], datetime] = lambda: datetime.now(UTC),
    ):
        self.store = store
        self.forms = forms
        self.now = now

    # -- the round ----------------------------------------------------------------------

    def current(self) -> dict[str, Any] | None:
        draft = self.store.drafts.load(DRAFT_KEY)
        return None if draft is None else draft.fields

    def route(self) -> Route:
        return Route.from_dict(self.store.reference.get("route", self._round()["route_id"]))

    def start(self, route_id: str) -> dict[str, Any]:
        if self.current() is not None:
            raise RoundInProgress(route_id)
        fields = {"route_id": route_id, "started_at": self._stamp(), "visits": []}
        self._save(fields)
        return fields

    def stops(self) -> list[Stop]:
        """The route's checkpoints in route order, each with what was done there."""
        visits = {visit["checkpoint_id"]: visit for visit in self._round()["visits"]}
        found = []
        for checkpoint_id in self.route().checkpoint_ids:
            data = self.store.reference.get("checkpoint", checkpoint_id)
            checkpoint = Checkpoint.from_dict(data)
            visit = visits.get(checkpoint_id)
            state = PENDING if visit is None else SKIPPED if visit.get("skipped") else VISITED
            found.append(Stop(checkpoint, state, visit))
        return found

    # -- at a checkpoint ----------------------------------------------------------------

    def arrive(self, checkpoint_id: str, code: str, method: str = PresenceMethod.TYPED,
               gps: Mapping[str, float] | None = None) -> dict[str, Any]:  # fmt: skip
        """Proof of presence: the label's code, scanned or typed, and the GPS fix where
        there is one (``"gps": None`` in the record says the tablet had none)."""
        checkpoint = self._checkpoint(checkpoint_id)
        if code.strip().upper() != checkpoint.code.upper():
            raise WrongCode(f"{code!r} at {checkpoint_id}")
        presence: dict[str, Any] = {
            "method": str(method),
            "code": checkpoint.code,
            "gps": dict(gps) if gps else None,
        }
        visit = {
            "checkpoint_id": checkpoint_id,
            "arrived_at": self._stamp(),
            "presence": presence,
            "results": [],
            "abnormal": False,
            "note": "",
            "photos": [],
        }
        return self._put_visit(visit)

    def check(self, checkpoint_id: str, item_id: str, outcome: str) -> dict[str, Any]:
        item = self._item(checkpoint_id, item_id)
        result = {"item_id": item.id, "label": item.label, "kind": ItemKind.CHECK.value,
                  # a lookup by value (EnumMeta.__call__), not Choice's three-argument __new__
                  "outcome": str(Outcome(outcome))}  # type: ignore[call-arg]  # fmt: skip
        return self._put_result(checkpoint_id, result)

    def reading(self, checkpoint_id: str, item_id: str, value: float) -> dict[str, Any]:
        item = self._item(checkpoint_id, item_id)
        result = {"item_id": item.id, "label": item.label, "kind": ItemKind.READING.value,
                  "value": value, **item.allowed.to_dict()}  # fmt: skip
        return self._put_result(checkpoint_id, result)

    def all_normal(self, checkpoint_id: str) -> dict[str, Any]:
        """Every check item not yet answered is normal (readings still need their value)."""
        visit = self._visit(checkpoint_id)
        answered = {result["item_id"] for result in visit["results"]}
        for item in self._checkpoint(checkpoint_id).items:
            if item.kind is ItemKind.CHECK and item.id not in answered:
                visit = self.check(checkpoint_id, item.id, Outcome.NORMAL)
        return visit

    def note(self, checkpoint_id: str, text: str) -> dict[str, Any]:
        return self._put_visit({**self._visit(checkpoint_id), "note": text})

    def add_photo(self, checkpoint_id: str, sha256: str) -> dict[str, Any]:
        visit = self._visit(checkpoint_id)
        return self._put_visit({**visit, "photos": [*visit["photos"], sha256]})

    def remove_photo(self, checkpoint_id: str, sha256: str) -> dict[str, Any]:
        visit = self._visit(checkpoint_id)
        return self._put_visit({**visit, "photos": [p for p in visit["photos"] if p != sha256]})

    def identify(self, codes: Sequence[str], preferred: str = "") -> str | None:
        """The checkpoint of this route whose label carries one of ``codes`` (what a scan
        read), ``preferred`` first when its code is among them; None when none is."""
        wanted = {code.strip().upper() for code in codes}
        named = [s.checkpoint.id for s in self.stops() if s.checkpoint.code.upper() in wanted]
        if preferred in named:
            return preferred
        return named[0] if named else None

    def skip(self, checkpoint_id: str, reason: str) -> dict[str, Any]:
        self._checkpoint(checkpoint_id)
        visit = {"checkpoint_id": checkpoint_id, "skipped": True, "skip_reason": reason}
        return self._put_visit(visit)

    def give_reason(self, checkpoint_id: str, reason: str) -> None:
        """A reason typed for a checkpoint left at the end, kept until the round is saved."""
        fields = self._round()
        self._save({**fields, "reasons": {**fields.get("reasons", {}), checkpoint_id: reason}})

    def reasons(self) -> dict[str, str]:
        return dict(self._round().get("reasons", {}))

    def unvisited(self) -> list[str]:
        return [stop.checkpoint.id for stop in self.stops() if stop.state == PENDING]

    def finish(self, reasons: Mapping[str, str] = {}) -> StoredRecord:  # noqa: B006 - read only
        """End the round: skip what is left with its reason (given here or before with
        ``give_reason``), save the record (validated)."""
        reasons = {**self.reasons(), **reasons}
        missing = [cid for cid in self.unvisited() if not reasons.get(cid, "").strip()]
        if missing:
            raise ReasonsMissing(missing)
        for checkpoint_id in self.unvisited():
            self.skip(checkpoint_id, reasons[checkpoint_id].strip())
        fields = self._round()
        visits = fields["visits"]
        ordered = [v for v in visits if not v.get("skipped")] + [
            v for v in visits if v.get("skipped")
        ]
        payload = {
            "route_id": fields["route_id"],
            "started_at": fields["started_at"],
            "ended_at": self._stamp(),
            "checkpoints": ordered,
        }
        photos = [sha for visit in ordered for sha in visit.get("photos", [])]
        return self.forms.submit(DRAFT_KEY, "patrol_round", payload, photos)

    # -- the draft ----------------------------------------------------------------------

    def _round(self) -> dict[str, Any]:
        fields = self.current()
        if fields is None:
            raise NoRound()
        return fields

    def _save(self, fields: dict[str, Any]) -> None:
        photos = tuple(sha for v in fields["visits"] for sha in v.get("photos", []))
        self.store.drafts.save(DRAFT_KEY, fields, photos)

    def _stamp(self) -> str:
        return self.now().isoformat()

    def _checkpoint(self, checkpoint_id: str) -> Checkpoint:
        if checkpoint_id not in self.route().checkpoint_ids:
            raise WrongCode(f"{checkpoint_id} is not on this route")
        return Checkpoint.from_dict(self.store.reference.get("checkpoint", checkpoint_id))

    def _item(self, checkpoint_id: str, item_id: str):
        return next(i for i in self._checkpoint(checkpoint_id).items if i.id == item_id)

    def _visit(self, checkpoint_id: str) -> dict[str, Any]:
        for visit in self._round()["visits"]:
            if visit["checkpoint_id"] == checkpoint_id and not visit.get("skipped"):
                return visit
        raise NotArrived(checkpoint_id)

    def _put_visit(self, visit: dict[str, Any]) -> dict[str, Any]:
        """Replace the checkpoint's visit where it stands (the order of arrival), or add it."""
        fields = self._round()
        visits = [v for v in fields["visits"] if v["checkpoint_id"] != visit["checkpoint_id"]]
        same = [
            i
            for i, v in enumerate(fields["visits"])
            if v["checkpoint_id"] == visit["checkpoint_id"]
        ]
        visits.insert(same[0] if same else len(visits), visit)
        self._save({**fields, "visits": visits})
        return visit

    def _put_result(self, checkpoint_id: str, result: dict[str, Any]) -> dict[str, Any]:
        visit = self._visit(checkpoint_id)
        results = [r for r in visit["results"] if r["item_id"] != result["item_id"]]
        results.append(result)
        abnormal = any(_abnormal(r) for r in results)
        return self._put_visit({**visit, "results": results, "abnormal": abnormal})


def _abnormal(result: dict[str, Any]) -> bool:
    if result["kind"] == ItemKind.CHECK.value:
        return result["outcome"] == Outcome.ABNORMAL.value
    allowed = AllowedRange(result["unit"], result["allowed_min"], result["allowed_max"])
    return not allowed.allows(result["value"])
