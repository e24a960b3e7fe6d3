"""``import_patrol``: checkpoints with their checklist templates, and day and night
routes through them, from a JSON definition; a bad entry is reported and the rest
imported."""

import json

import pytest
from sqlalchemy import select

from server.db.models import ReferenceItem
from server.services.imports.patrol import import_patrol
from server.services.imports.report import ImportFailed

DEFINITION = {
    "checkpoints": [
        {
            "code": "HXY-01",
            "place": "东大门门岗",
            "items": [{"label": "门岗值守到岗", "kind": "check"}],
        },
        {
            "code": "HXY-02",
            "place": "1栋消防栓",
            "items": [
                {"label": "消防栓压力", "kind": "reading", "unit": "MPa", "min": 0.1, "max": 0.6},
                {"label": "灭火器在有效期内", "kind": "检查"},
            ],
        },
    ],
    "routes": [
        {
            "id": "night",
            "name": "夜查路线",
            "shift": "夜查",
            "expected_minutes": 45,
            "checkpoints": ["HXY-01", "HXY-02"],
        }
    ],
}


def write(path, definition):
    path.write_text(json.dumps(definition, ensure_ascii=False), encoding="utf-8")
    return path


def _items(db, kind):
    db.expire_all()
    items = db.scalars(select(ReferenceItem).where(ReferenceItem.kind == kind))
    return {item.key: item.data for item in items}


def test_checkpoints_and_routes_are_imported_with_their_checklists(db, estates, tmp_path):
    report = import_patrol(db, path=write(tmp_path / "p.json", DEFINITION), estate_id="hxy")

    assert report.problems == []
    assert report.imported == {"checkpoint": 2, "route": 1}
    assert _items(db, "checkpoint")["hxy-cp-02"] == {
        "id": "hxy-cp-02",
        "estate_id": "hxy",
        "code": "HXY-02",
        "place": "1栋消防栓",
        "items": [
            {
                "id": "i1",
                "label": "消防栓压力",
                "kind": "reading",
                "unit": "MPa",
                "allowed_min": 0.1,
                "allowed_max": 0.6,
            },
            {"id": "i2", "label": "灭火器在有效期内", "kind": "check"},
        ],
    }
    assert _items(db, "route") == {
        "hxy-route-night": {
            "id": "hxy-route-night",
            "estate_id": "hxy",
            "name": "夜查路线",
            "shift": "night",
            "checkpoint_ids": ["hxy-cp-01", "hxy-cp-02"],
            "expected_minutes": 45,
        }
    }


def test_a_bad_checkpoint_or_route_is_reported_and_the_rest_imported(db, estates, tmp_path):
    definition = {
        "checkpoints": [
            *DEFINITION["checkpoints"],
            {"code": "HXY-03", "place": "水泵房", "items": [{"label": "水位", "kind": "reading"}]},
        ],
        "routes": [
            {**DEFINITION["routes"][0], "id": "day", "shift": "day"},
            {**DEFINITION["routes"][0], "name": "错路线", "checkpoints": ["HXY-01", "HXY-03"]},
        ],
    }

    report = import_patrol(db, path=write(tmp_path / "p.json", definition), estate_id="hxy")

    assert [problem.where.en for problem in report.problems] == [
        "checkpoint 3 HXY-03",
        "route 2 错路线",
    ]
    assert "items[0].unit" in report.problems[0].reason.en
    assert report.problems[1].reason.zh == "未知的巡查点：HXY-03"
    assert set(_items(db, "checkpoint")) == {"hxy-cp-01", "hxy-cp-02"}
    assert set(_items(db, "route")) == {"hxy-route-day"}


def test_a_route_may_use_checkpoints_imported_before(db, estates, tmp_path):
    import_patrol(
        db,
        path=write(tmp_path / "a.json", {"checkpoints": DEFINITION["checkpoints"]}),
        estate_id="hxy",
    )

    report = import_patrol(
        db, path=write(tmp_path / "b.json", {"routes": DEFINITION["routes"]}), estate_id="hxy"
    )

    assert report.problems == [] and report.imported == {"route": 1}


def test_a_file_that_is_not_json_stops_the_import(db, estates, tmp_path):
    path = tmp_path / "p.json"
    path.write_text("checkpoints: []", encoding="utf-8")

    with pytest.raises(ImportFailed, match="Not valid JSON"):
        import_patrol(db, path=path, estate_id="hxy")
