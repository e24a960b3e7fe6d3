"""With every pull and push the engine reports the tablet's backlog: the records still
waiting beyond that request, and their photos. The last push of a pass reports none."""


def test_each_request_reports_the_records_and_photos_waiting_beyond_it(
    store, server, engine, photo
):
    for n in range(7):
        photos = [photo()] if n in (0, 5) else []
        store.records.create("complaint", {"estate_id": "e1", "n": n}, photos)

    engine.run_once()

    # three to a batch: 0-2, 3-5, 6; the photos are records 0's and 5's
    assert server.backlogs == [
        ("pull", {"records": 7, "photos": 2}),
        ("push", {"records": 4, "photos": 1}),
        ("push", {"records": 1, "photos": 0}),
        ("push", {"records": 0, "photos": 0}),
    ]


def test_a_pass_with_nothing_waiting_reports_an_empty_backlog(server, engine):
    engine.run_once()

    assert server.backlogs == [("pull", {"records": 0, "photos": 0})]
