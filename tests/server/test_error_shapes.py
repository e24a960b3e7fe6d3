import pytest

from server.db.models import AuditEntry, Record
from sync import protocol


def _error(response, status):
    assert response.status_code == status, response.text
    body = response.json()
    protocol.check_error_response(body)
    return body["error"]


def test_malformed_json_is_400_malformed_json_and_nothing_is_written(client, count, patroller):
    response = client.post(
        "/api/v1/sync/push",
        content=b'{"records": [',
        headers={**patroller, "Content-Type": "application/json"},
    )

    assert _error(response, 400)["code"] == "malformed_json"
    assert count(Record) == 0
    assert count(AuditEntry, AuditEntry.action == "push") == 0


@pytest.mark.parametrize("body", [[], {"records": {}}, {"rows": []}, "records"])
def test_a_push_body_of_the_wrong_shape_is_422(client, count, patroller, body):
    response = client.post("/api/v1/sync/push", json=body, headers=patroller)

    error = _error(response, 422)
    assert error["code"] == "invalid_request"
    assert error["fields"][0]["field"] == "records"
    assert count(Record) == 0


def test_a_push_without_a_json_content_type_is_422(client, patroller):
    response = client.post(
        "/api/v1/sync/push",
        content=b'{"records": []}',
        headers={**patroller, "Content-Type": "text/plain"},
    )

    assert _error(response, 422)["code"] == "invalid_request"


def test_an_unknown_path_is_404_in_the_error_shape(client):
    error = _error(client.get("/api/v1/nothing-here"), 404)

    assert error["code"] == "not_found"
    assert error["message"] == {"zh": "找不到该资源", "en": "Not found"}


def test_a_wrong_method_is_405_in_the_error_shape(client):
    assert _error(client.get("/api/v1/sync/push"), 405)["code"] == "method_not_allowed"


def test_query_parameters_of_the_wrong_type_are_field_errors(client, patroller):
    response = client.get("/api/v1/sync/pull?cursor=abc&limit=0", headers=patroller)

    error = _error(response, 422)
    assert error["code"] == "invalid_request"
    assert {(f["field"], f["code"]) for f in error["fields"]} == {
        ("cursor", "int_parsing"),
        ("limit", "greater_than_equal"),
    }
    assert all(f["message"]["zh"] and f["message"]["en"] for f in error["fields"])
