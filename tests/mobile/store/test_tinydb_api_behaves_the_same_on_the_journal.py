"""One contract, two storages: TinyDB's API on stock memory storage and on the journal.

The journal replaces what is under TinyDB; everything a caller can see of the
document API must behave as stock TinyDB does.
"""

import pytest
from tinydb import Query, TinyDB
from tinydb.storages import MemoryStorage
from tinydb.table import Document

from mobile.store.tinydb_journal import open_database


@pytest.fixture(params=["stock-memory", "journal"])
def db(request, tmp_path):
    database = (
        TinyDB(storage=MemoryStorage)
        if request.param == "stock-memory"
        else open_database(tmp_path / "db")
    )
    yield database
    database.close()


def test_inserted_document_can_be_read_back_by_id(db):
    table = db.table("records")
    doc_id = table.insert({"room": "3-2-1101", "kind": "complaint"})

    assert table.get(doc_id=doc_id) == {"room": "3-2-1101", "kind": "complaint"}
    assert table.get(doc_id=doc_id).doc_id == doc_id
    assert len(table) == 1


def test_search_update_and_remove_by_query(db):
    table = db.table("records")
    table.insert_multiple([{"n": n, "state": "pending"} for n in range(5)])
    item = Query()

    assert len(table.update({"state": "synced"}, item.n < 2)) == 2
    assert sorted(d["n"] for d in table.search(item.state == "synced")) == [0, 1]
    removed = table.remove(item.state == "synced")

    assert len(removed) == 2
    assert sorted(d["n"] for d in table.all()) == [2, 3, 4]
    assert table.count(item.state == "pending") == 3


def test_update_with_a_function_changes_documents_in_place(db):
    table = db.table("records")
    doc_id = table.insert({"revision": 1})

    table.update(lambda doc: doc.update(revision=doc["revision"] + 1), doc_ids=[doc_id])

    assert table.get(doc_id=doc_id)["revision"] == 2


def test_upsert_inserts_then_updates(db):
    table = db.table("drafts")
    item = Query()

    table.upsert({"key": "complaint:new", "text": "楼上"}, item.key == "complaint:new")
    table.upsert({"key": "complaint:new", "text": "楼上装修噪音"}, item.key == "complaint:new")

    assert [d["text"] for d in table.all()] == ["楼上装修噪音"]


def test_inserting_a_document_with_a_taken_id_is_refused(db):
    table = db.table("records")
    doc_id = table.insert({"v": 1})

    with pytest.raises(ValueError):
        table.insert(Document({"v": 2}, doc_id))
    assert table.get(doc_id=doc_id) == {"v": 1}


def test_tables_are_listed_and_dropped(db):
    db.table("records").insert({"v": 1})
    db.table("drafts").insert({"v": 2})

    assert db.tables() == {"records", "drafts"}
    db.drop_table("drafts")

    assert db.tables() == {"records"}
    assert db.table("records").all() == [{"v": 1}]


def test_truncate_empties_a_table(db):
    table = db.table("records")
    table.insert_multiple([{"v": n} for n in range(3)])

    table.truncate()

    assert table.all() == []
