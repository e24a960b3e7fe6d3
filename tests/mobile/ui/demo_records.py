"""Records as the app's forms make them, for the demo estate."""

from datetime import UTC, datetime, timedelta

from tests.domain.conftest import complaint as domain_complaint


def night_round() -> dict:
    """The fields a patrol screen fills (its author and estate come from the sign-in)."""
    end = datetime.now(UTC)
    start = end - timedelta(minutes=40)
    visited = {
        "checkpoint_id": "HXY-01",
        "arrived_at": (start + timedelta(minutes=5)).isoformat(),
        "presence": {"method": "typed", "code": "HXY-01"},
        "results": [
            {"item_id": "1", "label": "门岗值守到岗", "kind": "check", "outcome": "normal"}
        ],  # fmt: skip
        "abnormal": False,
        "note": "",
        "photos": [],
    }
    skipped = [
        {"checkpoint_id": cid, "skipped": True, "skip_reason": "演示：未巡查"}
        for cid in ("HXY-14", "HXY-03", "HXY-05", "HXY-06", "HXY-11", "HXY-15", "HXY-02")
    ]
    return {
        "route_id": "night",
        "started_at": start.isoformat(),
        "ended_at": end.isoformat(),
        "checkpoints": [visited, *skipped],
    }


def complaint() -> dict:
    """A complaint as the complaint form fills it: the domain's example, received now,
    without the author and estate the sign-in adds."""
    fields = {k: v for k, v in domain_complaint().items() if k not in ("estate_id", "received_by")}
    return {**fields, "received_at": datetime.now(UTC).isoformat()}
