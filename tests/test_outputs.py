"""Exports of the seed events: RFC 7946 GeoJSON, GeoDataFrame, and files that read back the same."""

from __future__ import annotations

import csv
import json
from dataclasses import replace
from pathlib import Path
from typing import Any

import jsonschema
import pandas as pd
import pytest

import geomap
from geomap.model import EVENT_FIELDS, Event
from geomap.outputs import export
from geomap.outputs.export import read_events_frame

SEEDS = Path(__file__).resolve().parents[1] / "seeds"
FORMATS = (".geojson", ".parquet", ".gpkg", ".csv")

POINT = {
    "type": "object",
    "required": ["type", "coordinates"],
    "properties": {
        "type": {"const": "Point"},
        "coordinates": {
            "type": "array",
            "minItems": 2,
            "maxItems": 3,
            "prefixItems": [
                {"type": "number", "minimum": -180, "maximum": 180},
                {"type": "number", "minimum": -90, "maximum": 90},
            ],
        },
    },
}
FEATURE_COLLECTION_SCHEMA: dict[str, Any] = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "type": "object",
    "required": ["type", "features"],
    "not": {"required": ["crs"]},
    "properties": {
        "type": {"const": "FeatureCollection"},
        "features": {
            "type": "array",
            "items": {
                "type": "object",
                "required": ["type", "geometry", "properties"],
                "properties": {
                    "type": {"const": "Feature"},
                    "id": {"type": ["string", "number"]},
                    "geometry": {"oneOf": [{"type": "null"}, POINT]},
                    "properties": {"type": "object", "required": list(EVENT_FIELDS)},
                },
            },
        },
    },
}


def _plain(value: Any) -> Any:
    """A cell as a plain Python value, with every kind of missing (None, NaN, pd.NA) as None."""
    if hasattr(value, "item"):
        value = value.item()
    if value is None or value is pd.NA or (isinstance(value, float) and value != value):
        return None
    return value


@pytest.fixture(scope="module")
def events() -> list[Event]:
    result = geomap.run_pipeline([SEEDS])
    assert result.summary.documents == 2
    found = result.events
    assert any(e.place is not None for e in found) and any(e.place is None for e in found)
    return found


def test_geojson_is_an_rfc7946_feature_collection(events: list[Event]) -> None:
    data = geomap.to_geojson(events)
    jsonschema.Draft202012Validator(FEATURE_COLLECTION_SCHEMA).validate(data)
    assert len(data["features"]) == len(events)
    assert [f["id"] for f in data["features"]] == [e.id for e in events]
    json.dumps(data, allow_nan=False)  # strict JSON: no NaN sneaks in


def test_schema_rejects_lat_lon_order() -> None:
    bad = {"type": "FeatureCollection", "features": [
        {"type": "Feature", "geometry": {"type": "Point", "coordinates": [50.45, 130.5]},
         "properties": dict.fromkeys(EVENT_FIELDS)}]}
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(bad, FEATURE_COLLECTION_SCHEMA)


def test_coordinates_are_lon_lat_and_unplaced_events_have_null_geometry(events: list[Event]) -> None:
    features = geomap.to_geojson(events)["features"]
    kyiv = [f for f in features if f["properties"]["place_name"] == "Kyiv"]
    assert kyiv
    for feature in kyiv:
        lon, lat = feature["geometry"]["coordinates"]
        assert lon == pytest.approx(30.52, abs=0.1)
        assert lat == pytest.approx(50.45, abs=0.1)
        assert (feature["properties"]["longitude"], feature["properties"]["latitude"]) == pytest.approx((lon, lat))
    unplaced = [f for f in features if f["geometry"] is None]
    assert len(unplaced) == sum(1 for e in events if e.place is None)
    assert all(f["properties"]["latitude"] is None for f in unplaced)


@pytest.mark.parametrize("suffix", FORMATS)
def test_written_file_reads_back_with_the_same_events(events: list[Event], tmp_path: Path, suffix: str) -> None:
    path = geomap.write(events, tmp_path / f"events{suffix}")
    assert path.is_file() and path.stat().st_size > 0
    frame = read_events_frame(path)
    assert list(frame.columns) == [*EVENT_FIELDS, "geometry"]
    assert len(frame) == len(events)
    assert list(frame["id"]) == [e.id for e in events]
    placed = [e.place is not None for e in events]
    has_point = [g is not None and not g.is_empty for g in frame.geometry]
    assert has_point == placed
    kyiv = frame[frame["place_name"] == "Kyiv"].geometry.iloc[0]
    assert (kyiv.x, kyiv.y) == pytest.approx((30.52, 50.45), abs=0.1)
    expected = geomap.to_geodataframe(events)
    for column in EVENT_FIELDS:
        got = [_plain(v) for v in frame[column]]
        assert got == [_plain(v) for v in expected[column]], f"{suffix}: column {column!r} changed on the round trip"


def test_csv_uses_acled_column_names(events: list[Event], tmp_path: Path) -> None:
    path = geomap.write(events, tmp_path / "events.csv")
    header = pd.read_csv(path, nrows=0).columns
    assert {"event_date", "location", "notes", "source"} <= set(header)
    assert {"date", "place_name", "evidence", "source_title"}.isdisjoint(header)


def test_csv_cells_never_run_as_spreadsheet_formulas_and_read_back_unchanged(events: list[Event], tmp_path: Path) -> None:
    planted = ['=HYPERLINK("http://example.invalid/x","open")', "- a live-blog line", "+1 more", "@cmd",
               "'=already quoted", "'a quoted word"]
    mine = [replace(events[0], id=f"e{k}", evidence=text, summary=text) for k, text in enumerate(planted)]
    path = geomap.write(mine, tmp_path / "events.csv")
    with open(path, newline="", encoding="utf-8") as f:
        cells = [row["notes"] for row in csv.DictReader(f)]
    assert all(not cell.startswith(("=", "+", "-", "@")) for cell in cells)
    assert cells[-1] == "'a quoted word"  # nothing to escape: left as it is
    frame = read_events_frame(path)
    assert list(frame["evidence"]) == planted and list(frame["summary"]) == planted


def test_writes_leave_no_temporary_files(events: list[Event], tmp_path: Path) -> None:
    for suffix in FORMATS:
        geomap.write(events, tmp_path / f"events{suffix}")
        geomap.write(events, tmp_path / f"events{suffix}")  # overwriting an existing file
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(f"events{s}" for s in FORMATS)


def test_unknown_extension_is_refused_without_creating_a_file(events: list[Event], tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="unknown output format"):
        geomap.write(events, tmp_path / "events.xlsx")
    assert list(tmp_path.iterdir()) == []


def test_a_failing_write_keeps_the_existing_file_intact(
    events: list[Event], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = geomap.write(events, tmp_path / "events.geojson")
    before = path.read_bytes()

    def half_write_then_fail(evs: list[Event], tmp: Path) -> None:
        tmp.write_text('{"type": "FeatureCollection", "feat', encoding="utf-8")
        raise RuntimeError("disk full")

    monkeypatch.setitem(export._WRITERS, "geojson", half_write_then_fail)
    with pytest.raises(RuntimeError, match="disk full"):
        geomap.write(events[:1], path)
    assert path.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == ["events.geojson"]


def test_a_failing_first_write_creates_no_file(
    events: list[Event], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def fail(evs: list[Event], tmp: Path) -> None:
        tmp.write_bytes(b"PAR1")
        raise OSError("no space left")

    monkeypatch.setitem(export._WRITERS, "parquet", fail)
    with pytest.raises(OSError):
        geomap.write(events, tmp_path / "out" / "events.parquet")
    assert list((tmp_path / "out").iterdir()) == []


def test_geodataframe_is_wgs84_with_one_row_per_event(events: list[Event]) -> None:
    frame = geomap.to_geodataframe(events)
    assert frame.crs is not None and frame.crs.to_epsg() == 4326
    assert len(frame) == len(events)
    assert list(frame["id"]) == [e.id for e in events]
    assert list(frame.columns) == [*EVENT_FIELDS, "geometry"]
    for event, geom in zip(events, frame.geometry):
        if event.place is None:
            assert geom is None or geom.is_empty
        else:
            assert (geom.x, geom.y) == pytest.approx((event.place.lon, event.place.lat))


def test_empty_event_list_exports_cleanly(tmp_path: Path) -> None:
    assert geomap.to_geojson([]) == {"type": "FeatureCollection", "features": []}
    assert len(geomap.to_geodataframe([])) == 0
    frame = read_events_frame(geomap.write([], tmp_path / "none.geojson"))
    assert len(frame) == 0


@pytest.mark.parametrize("suffix", [".html", ".geojson", ".csv"])
def test_the_same_events_give_the_same_bytes(events: list[Event], tmp_path: Path, suffix: str) -> None:
    first = export.write(events, tmp_path / f"first{suffix}").read_bytes()
    second = export.write(events, tmp_path / f"second{suffix}").read_bytes()
    assert first == second


def test_a_map_is_titled_from_its_documents_unless_given_a_title(events: list[Event], tmp_path: Path) -> None:
    from geomap.outputs.mappage import default_title
    from geomap.outputs.webmap import make_map

    assert default_title(events) == "News of 12\u201313 February 2025"  # the seeds' publication days
    one_outlet = [replace(e, sources=tuple(replace(s, url="https://www.harbour-gazette.example/story")
                                           for s in e.sources)) for e in events]
    assert default_title(one_outlet) == "harbour-gazette.example, 12\u201313 February 2025"
    undated = [replace(e, sources=tuple(replace(s, published=None) for s in e.sources)) for e in one_outlet]
    assert default_title(undated) == "News from harbour-gazette.example"
    broken = [replace(e, sources=tuple(replace(s, url="http://[not-an-address/") for s in e.sources)) for e in undated]
    assert default_title(broken) == "geomap"
    html = make_map(events, title="Border towns").get_root().render()
    assert "<b>Border towns</b>" in html and "News of 12" not in html
