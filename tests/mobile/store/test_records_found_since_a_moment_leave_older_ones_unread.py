"""``find(created_since=...)`` picks records by the creation stamp in the index, so a
screen asking for today's rounds never reads the months before."""

from datetime import UTC, datetime, timedelta

from mobile.store.store import Store

START = datetime(2026, 11, 1, 6, 0, tzinfo=UTC)


def test_only_records_created_since_the_moment_are_found_newest_first(tmp_path):
    clock = [START]
    with Store.open(tmp_path, now=lambda: clock[0]) as store:
        made = []
        for at in (START - timedelta(days=30), START - timedelta(seconds=1), START,
                   START + timedelta(hours=2)):  # fmt: skip
            clock[0] = at
            made.append(store.records.create("patrol_round", {"at": at.isoformat()}).id)
        store.records.create("complaint", {})  # another kind, also since START

        found = store.records.find(kind="patrol_round", created_since=START)

    assert [record.id for record in found] == [made[3], made[2]]
