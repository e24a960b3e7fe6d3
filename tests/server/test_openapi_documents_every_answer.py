"""/openapi.json documents every answer of every route: the success body by a named
schema (``XPublic``; a photo a supervisor fetches is its JPEG bytes), and each error
status with the one error shape."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from server.app import create_app
from server.config import Settings

EVERY_ROUTE_MAY_MEET = {"408", "413", "500"}
ERROR = {"$ref": "#/components/schemas/ErrorPublic"}


@pytest.fixture(scope="module")
def document(tmp_path_factory) -> dict:
    folder = tmp_path_factory.mktemp("openapi")
    app = create_app(Settings(folder, "sqlite://", folder / "photos", migrate_on_start=False))
    served = TestClient(app).get("/openapi.json").json()
    app.state.engine.dispose()
    return served


def _operations(document: dict):
    for path, methods in document["paths"].items():
        for method, operation in methods.items():
            yield f"{method.upper()} {path}", operation


def _schema(answer: dict) -> dict:
    return answer["content"]["application/json"]["schema"]


def test_every_success_is_a_named_schema(document):
    unnamed = {}
    for name, operation in _operations(document):
        if "image/jpeg" in operation["responses"]["200"]["content"]:
            continue  # GET /api/v1/photos/{sha256}: the photo itself
        schema = _schema(operation["responses"]["200"])
        named = schema.get("items", schema).get("$ref", "")
        if not named.endswith("Public"):
            unnamed[name] = schema
    assert unnamed == {}


def test_every_error_status_has_the_error_shape(document):
    wrong = {
        (name, status): answer
        for name, operation in _operations(document)
        for status, answer in operation["responses"].items()
        if status != "200" and _schema(answer) != ERROR
    }
    assert wrong == {}


def test_every_route_documents_the_errors_any_request_may_meet(document):
    missing = {
        name: EVERY_ROUTE_MAY_MEET - operation["responses"].keys()
        for name, operation in _operations(document)
        if not operation["responses"].keys() >= EVERY_ROUTE_MAY_MEET
    }
    assert missing == {}


def test_routes_that_need_a_sign_in_document_401(document):
    open_routes = {"GET /health", "POST /api/v1/auth/device-login"}
    undocumented = [
        name
        for name, operation in _operations(document)
        if name not in open_routes and "401" not in operation["responses"]
    ]
    assert undocumented == []


def test_schema_names_follow_create_and_public(document):
    names = document["components"]["schemas"].keys()
    assert [name for name in names if not name.endswith(("Create", "Public"))] == []
