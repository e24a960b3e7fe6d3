"""A tablet's records and photos reach the real server over loopback, exactly once."""

from exactly_once import assert_delivered_exactly_once


def test_records_and_photos_arrive_exactly_once(tablet, real_server):
    for n in range(25):
        tablet.record(n, photos=1 if n % 5 == 0 else 0)

    report = tablet.engine.run_once()

    assert report.accepted == 25
    assert report.photos_sent == 5
    assert_delivered_exactly_once(tablet.store, real_server)


def test_repeating_a_pass_changes_nothing_on_the_server(tablet, real_server):
    tablet.record(1, photos=1)
    tablet.engine.run_once()
    before = real_server.records(tablet.store.journal.ids("records"))

    report = tablet.engine.run_once()

    assert report.accepted == report.photos_sent == 0
    assert real_server.records(tablet.store.journal.ids("records")) == before
