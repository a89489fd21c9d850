"""The geomap command: outputs, exit codes and messages as a shell user sees them."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from geomap.cli import app
from geomap.model import EVENT_FIELDS

SEEDS = str(Path(__file__).resolve().parents[1] / "seeds")
COMMANDS = ("map", "export", "events", "places", "geocode")


@pytest.fixture()
def runner() -> CliRunner:
    return CliRunner()


def _jsonl(stdout: str) -> list[dict[str, Any]]:
    lines = stdout.splitlines()
    assert lines, "no output on stdout"
    return [json.loads(line) for line in lines]


def test_map_writes_a_leaflet_html_file(runner: CliRunner, tmp_path: Path) -> None:
    out = tmp_path / "tmp" / "x.html"
    result = runner.invoke(app, ["map", SEEDS, "-o", str(out), "--title", "Seed events"])
    assert result.exit_code == 0, result.output
    html = out.read_text(encoding="utf-8")
    assert html.lstrip().lower().startswith("<!doctype html") or "<html" in html[:500].lower()
    assert "leaflet" in html.lower()
    assert "Seed events" in html
    assert f"wrote {out}" in result.stderr
    assert "documents read: 2" in result.stderr
    assert result.stdout == ""
    assert [p.name for p in out.parent.iterdir()] == ["x.html"]


def test_export_writes_a_geojson_feature_collection(runner: CliRunner, tmp_path: Path) -> None:
    out = tmp_path / "tmp" / "x.geojson"
    result = runner.invoke(app, ["export", SEEDS, "-o", str(out)])
    assert result.exit_code == 0, result.output
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["type"] == "FeatureCollection"
    assert data["features"]
    assert all(f["type"] == "Feature" and set(EVENT_FIELDS) <= set(f["properties"]) for f in data["features"])
    assert f"({len(data['features'])} events)" in result.stderr


def test_export_to_an_unknown_extension_fails_without_a_file(runner: CliRunner, tmp_path: Path) -> None:
    out = tmp_path / "x.xlsx"
    result = runner.invoke(app, ["export", SEEDS, "-o", str(out)])
    assert result.exit_code != 0
    assert not out.exists()


def test_export_needs_an_output(runner: CliRunner) -> None:
    result = runner.invoke(app, ["export", SEEDS])
    assert result.exit_code == 2
    assert "--output" in result.output


def test_events_jsonl_prints_one_event_object_per_line(runner: CliRunner, tmp_path: Path) -> None:
    result = runner.invoke(app, ["events", SEEDS, "--format", "jsonl"])
    assert result.exit_code == 0, result.output
    records = _jsonl(result.stdout)
    assert all(isinstance(r, dict) and r["event_type"] for r in records)
    assert all(set(EVENT_FIELDS) <= set(r) for r in records)
    assert len({r["id"] for r in records}) == len(records)
    assert "documents read: 2" not in result.stdout  # the summary goes to stderr only
    assert f"events: {len(records)} " in result.stderr

    out = tmp_path / "x.geojson"
    runner.invoke(app, ["export", SEEDS, "-o", str(out)])
    exported = json.loads(out.read_text(encoding="utf-8"))["features"]
    assert [r["id"] for r in records] == [f["id"] for f in exported]


def test_events_table_when_piped_is_tab_separated(runner: CliRunner) -> None:
    result = runner.invoke(app, ["events", SEEDS])
    assert result.exit_code == 0, result.output
    header, *rows = result.stdout.splitlines()
    assert header.split("\t") == ["date", "type", "place", "precision", "summary"]
    assert rows and all(len(row.split("\t")) == 5 for row in rows)
    assert any("\tKyiv\t" in row for row in rows)


def test_places_jsonl_lists_mentions_with_offsets_into_the_document(runner: CliRunner) -> None:
    result = runner.invoke(app, ["places", SEEDS, "--format", "jsonl"])
    assert result.exit_code == 0, result.output
    records = _jsonl(result.stdout)
    assert {Path(r["path"]).name for r in records} == {"000_66570e0849951c9e.txt", "004_49cf5b9f84a1666e.txt"}
    for r in records:
        assert 0 <= r["start"] < r["end"]
        assert r["end"] - r["start"] == len(r["text"])
        assert r["role"] in ("literal", "associative")
    kyiv = [r for r in records if r["text"] == "Kyiv"]
    assert kyiv
    assert all(r["lon"] == pytest.approx(30.52, abs=0.1) and r["lat"] == pytest.approx(50.45, abs=0.1) for r in kyiv)


def test_folder_with_only_an_empty_file_exits_1_with_a_clear_message(runner: CliRunner, tmp_path: Path) -> None:
    (tmp_path / "empty.txt").write_bytes(b"")
    out = tmp_path / "x.geojson"
    result = runner.invoke(app, ["export", str(tmp_path), "-o", str(out)])
    assert result.exit_code == 1
    assert "no document could be read" in result.stderr
    assert "empty.txt" in result.stderr and "empty file" in result.stderr
    assert not out.exists()


def test_missing_input_path_exits_1(runner: CliRunner, tmp_path: Path) -> None:
    result = runner.invoke(app, ["events", str(tmp_path / "nope")])
    assert result.exit_code == 1
    assert "no such file or directory" in result.stderr


@pytest.mark.parametrize("command", ["map", "export", "events", "places"])
def test_bad_date_is_a_usage_error(runner: CliRunner, tmp_path: Path, command: str) -> None:
    args = [command, SEEDS, "--date", "notadate"]
    if command in ("map", "export"):
        args += ["-o", str(tmp_path / ("x.html" if command == "map" else "x.geojson"))]
    result = runner.invoke(app, args)
    assert result.exit_code == 2
    assert "notadate" in result.output
    assert "--date" in result.output
    assert list(tmp_path.iterdir()) == []


def test_date_option_fills_in_documents_without_a_date(runner: CliRunner, tmp_path: Path) -> None:
    (tmp_path / "note.txt").write_text("Russian forces shelled Kharkiv today, officials said.\n", encoding="utf-8")
    result = runner.invoke(app, ["events", str(tmp_path), "--format", "jsonl", "--date", "2025-03-07"])
    assert result.exit_code == 0, result.output
    records = _jsonl(result.stdout)
    assert {r["published"] for r in records} == {"2025-03-07"}


@pytest.mark.parametrize("command", COMMANDS)
def test_help_of_each_command(runner: CliRunner, command: str) -> None:
    result = runner.invoke(app, [command, "--help"])
    assert result.exit_code == 0, result.output
    assert "Usage" in result.output
    assert command in result.output


def test_top_level_help_lists_the_commands(runner: CliRunner) -> None:
    result = runner.invoke(app, ["--help"])
    assert result.exit_code == 0, result.output
    for command in COMMANDS:
        assert command in result.output
