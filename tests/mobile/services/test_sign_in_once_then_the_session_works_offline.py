"""One sign-in online; after that the tablet knows who is signed in without the server."""

from mobile.services.session import Session


def test_a_sign_in_is_kept_in_the_data_folder_and_read_back_offline(
    demo_server, session, store, tmp_path, demo_password
):
    signed_in = session.sign_in(demo_server.url + "/", "xunluo1", demo_password)
    demo_server.stop()

    reopened = Session(tmp_path / "tablet", store)

    assert reopened.current == signed_in
    assert reopened.current.server_url == demo_server.url
    assert (reopened.current.username, reopened.current.role) == ("xunluo1", "patrol")
    assert [e.id for e in reopened.current.estates] == ["hxy"]
    assert reopened.current.token and not reopened.needs_sign_in
    demo_server.start()


def test_every_record_takes_its_author_and_estate_from_the_sign_in(
    demo_server, session, demo_password
):
    session.sign_in(demo_server.url, "xunluo1", demo_password)

    assert session.author_fields("patrol_round") == {"staff_id": "xunluo1", "estate_id": "hxy"}
    assert session.author_fields("complaint") == {"received_by": "xunluo1", "estate_id": "hxy"}
    assert session.author_fields("repair_check")["technician_id"] == "xunluo1"


def test_nobody_is_signed_in_on_a_new_tablet(session):
    assert session.current is None and session.needs_sign_in
