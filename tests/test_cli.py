"""The geomap command: outputs, exit codes and messages as a shell user sees them."""

from __future__ import annotations

import json
import re
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
    return CliRunner(env={"COLUMNS": "400"})  # rich wraps a usage error's box at the terminal's width


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


@pytest.mark.parametrize("command", ["map", "export", "events", "places", "ingest"])
def test_a_path_that_does_not_exist_is_a_usage_error(runner: CliRunner, tmp_path: Path, command: str) -> None:
    missing = tmp_path / "nope"
    args = {"map": ["-o", str(tmp_path / "m.html")], "export": ["-o", str(tmp_path / "x.geojson")],
            "ingest": ["--store", str(tmp_path / "s.gpkg")]}.get(command, [])
    result = runner.invoke(app, [command, SEEDS, str(missing), *args])
    assert result.exit_code == 2
    assert f"no such file or folder: {missing}" in result.output
    assert "documents read" not in result.output and list(tmp_path.iterdir()) == []


def _no_pipeline(monkeypatch) -> None:
    def refuse(*args, **kwargs):
        raise AssertionError("documents were read before the usage error")

    monkeypatch.setattr("geomap.pipeline.run_pipeline", refuse)


def test_an_unknown_output_extension_is_a_usage_error_before_reading(runner: CliRunner, tmp_path: Path,
                                                                      monkeypatch) -> None:
    _no_pipeline(monkeypatch)
    result = runner.invoke(app, ["export", SEEDS, "-o", str(tmp_path / "events.xlsx")])
    assert result.exit_code == 2 and "unknown format '.xlsx'" in result.output and ".geojson" in result.output
    result = runner.invoke(app, ["map", SEEDS, "-o", str(tmp_path / "events.geojson")])
    assert result.exit_code == 2 and "geomap export" in result.output
    assert list(tmp_path.iterdir()) == []


def test_offline_without_local_copies_is_a_usage_error_before_reading(runner: CliRunner, tmp_path: Path,
                                                                       monkeypatch) -> None:
    _no_pipeline(monkeypatch)
    monkeypatch.setenv("GEOMAP_ASSETS_DIR", str(tmp_path / "no-assets"))
    result = runner.invoke(app, ["map", SEEDS, "-o", str(tmp_path / "m.html"), "--offline"])
    assert result.exit_code == 2
    assert "python -m geomap.assets fetch" in result.output
    assert not (tmp_path / "m.html").exists()


def test_a_map_uses_the_local_copies_when_there_are_some_and_says_so(runner: CliRunner, tmp_path: Path,
                                                                      monkeypatch) -> None:
    from geomap.assets import assets_dir

    if not (assets_dir() / "leaflet@1.9.3").exists():
        pytest.skip("run: python -m geomap.assets fetch")
    out = tmp_path / "m.html"
    result = runner.invoke(app, ["map", SEEDS, "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert "inlined from the local copies" in result.stderr
    assert '<script src="https://' not in out.read_text(encoding="utf-8")

    monkeypatch.setenv("GEOMAP_ASSETS_DIR", str(tmp_path / "no-assets"))
    result = runner.invoke(app, ["map", SEEDS, "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert "python -m geomap.assets fetch" in result.stderr
    assert '<script src="https://' in out.read_text(encoding="utf-8")


def test_each_skipped_file_is_named_once(runner: CliRunner, tmp_path: Path, caplog) -> None:
    (tmp_path / "blank.txt").write_bytes(b"")
    (tmp_path / "story.txt").write_text("Russian forces shelled Kharkiv today, officials said.\n", encoding="utf-8")
    result = runner.invoke(app, ["events", str(tmp_path), "--format", "jsonl", "--date", "2025-03-07"])
    assert result.exit_code == 0, result.output
    assert result.stderr.count("blank.txt") == 1  # in the summary
    assert not [r for r in caplog.records if "blank.txt" in r.getMessage()]  # and not also as a warning


def test_quiet_prints_errors_only(runner: CliRunner, tmp_path: Path) -> None:
    (tmp_path / "blank.txt").write_bytes(b"")
    (tmp_path / "story.txt").write_text("date 2025-13-45 Shelling\nRussian forces shelled Kharkiv.\n",
                                        encoding="utf-8")
    out = tmp_path / "x.geojson"
    loud = runner.invoke(app, ["export", str(tmp_path), "-o", str(out)])
    assert "ignored a bad date line" in loud.stderr and "wrote" in loud.stderr
    quiet = runner.invoke(app, ["export", str(tmp_path), "-o", str(out), "-q"])
    assert quiet.exit_code == 0 and quiet.stderr == ""
    (tmp_path / "story.txt").unlink()
    nothing = runner.invoke(app, ["export", str(tmp_path), "-o", str(out), "-q"])
    assert nothing.exit_code == 1 and nothing.stderr.strip() == "geomap: no document could be read"


@pytest.mark.parametrize("command", COMMANDS + ("ingest",))
def test_help_documents_quiet_and_shows_no_python_types(runner: CliRunner, command: str) -> None:
    result = runner.invoke(app, [command, "--help"], env={"COLUMNS": "160"})
    assert result.exit_code == 0
    assert not re.search(r"<(list\[|str>|int>|bool>|path>)", result.output), result.output
    assert "--quiet" in result.output and "errors only" in result.output


def test_events_table_cells_read_as_words_not_none(runner: CliRunner) -> None:
    result = runner.invoke(app, ["events", SEEDS])
    cells = [cell for row in result.stdout.splitlines()[1:] for cell in row.split("\t")]
    assert cells and not {"None", "?", "nan"} & set(cells)
    assert "unknown" in cells and "town or site" in cells


def test_events_table_on_a_terminal_is_aligned(runner: CliRunner, monkeypatch) -> None:
    monkeypatch.setattr("geomap.cli_options.stdout_is_terminal", lambda: True)
    result = runner.invoke(app, ["events", SEEDS], env={"COLUMNS": "140"})
    lines = result.stdout.splitlines()
    assert "\t" not in result.stdout and any("\u2503" in line or "\u2502" in line for line in lines)
    header = next(line for line in lines if "date" in line and "summary" in line)
    assert all(len(line) == len(header) for line in lines if line.strip())  # every row as wide as the header


def test_geocode_all_lists_places_of_that_name_only(runner: CliRunner) -> None:
    result = runner.invoke(app, ["geocode", "Paris", "--all"])
    assert result.exit_code == 0, result.output
    names = [row.split("\t")[0].split(",")[0] for row in result.stdout.splitlines()[1:]]
    assert len(names) > 5 and {n.replace("\u00ed", "i") for n in names} == {"Paris"}


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
