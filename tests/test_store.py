"""The event store: idempotent, resumable ingestion into a GeoPackage, and maps and exports from it."""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import geopandas as gpd
import pytest
from typer.testing import CliRunner

import geomap.pipeline
from geomap.cli import app
from geomap.outputs.export import read_events_frame, write
from geomap.pipeline import run_pipeline
from geomap.model import event_from_dict, event_to_dict
from geomap.query import EventQuery, date_span
from geomap.store import EventStore, ingest

SEEDS = Path(__file__).resolve().parents[1] / "seeds"
# a later report of the seeds' missile attack on Kyiv (12 February 2025), in other words
FOLLOW_UP = ("date 2025-02-12 Kyiv counts the damage\nUkrainian officials said a pre-dawn Russian missile attack "
             "on Kyiv killed at least one civilian and injured four others.\n")


@pytest.fixture(scope="module")
def seeded(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A store holding the seeds; tests that write take a copy (see ``store_copy``)."""
    path = tmp_path_factory.mktemp("store") / "seeds.gpkg"
    ingest([SEEDS], path)
    return path


@pytest.fixture()
def store_copy(seeded: Path, tmp_path: Path) -> Path:
    return Path(shutil.copy(seeded, tmp_path / "events.gpkg"))


def _sources(events: list) -> set[frozenset]:
    return {frozenset((s.doc_id, s.evidence) for s in e.sources) for e in events}


def _count(path: Path, table: str) -> int:
    with sqlite3.connect(path) as db:
        return db.execute(f"SELECT count(*) FROM {table}").fetchone()[0]


def test_ingesting_the_seeds_merges_as_one_pipeline_run(tmp_path: Path) -> None:
    summary = ingest([SEEDS], tmp_path / "events.gpkg")
    batch = run_pipeline([SEEDS])
    assert summary.documents == 2 and not summary.known and not summary.skipped and not summary.failed
    assert summary.reports == batch.summary.events_extracted
    assert summary.events_stored == summary.events_new == len(batch.events)
    with EventStore(tmp_path / "events.gpkg") as store:
        stored = store.events()
    # the same reports end up together as when every document is merged at once
    assert _sources(stored) == _sources(batch.events)
    assert "documents read: 2" in summary.lines()[0]


def test_ingesting_again_adds_nothing(store_copy: Path) -> None:
    with EventStore(store_copy) as store:
        before = store.events()
        summary = ingest([SEEDS], store)
        assert store.events() == before
    assert summary.documents == 0 and len(summary.known) == 2
    assert (summary.events_new, summary.events_merged, summary.reports) == (0, 0, 0)
    assert {reason for _, reason in summary.known} == {"already in the store"}
    assert _count(store_copy, "documents") == 2


def test_a_copy_under_another_name_is_not_counted_twice(store_copy: Path, tmp_path: Path) -> None:
    seed = sorted(SEEDS.glob("*.txt"))[0]
    copy = tmp_path / "inbox" / "the-same-story.txt"
    copy.parent.mkdir()
    shutil.copy(seed, copy)
    reports_before = _count(store_copy, "reports")
    summary = ingest([copy], store_copy)
    assert summary.documents == 0 and summary.events_new == summary.events_merged == 0
    assert summary.known == [(str(copy), f"same text as {seed}, already in the store")]
    assert f"skipped {copy}: same text as {seed}, already in the store" in summary.lines()
    assert _count(store_copy, "reports") == reports_before


def test_a_new_report_of_a_known_event_adds_its_source(store_copy: Path, tmp_path: Path) -> None:
    with EventStore(store_copy) as store:
        (kyiv,) = [e for e in store.events(types=["strike"]) if e.place and e.place.name == "Kyiv"]
        count = len(store)
    follow_up = tmp_path / "kyiv.txt"
    follow_up.write_text(FOLLOW_UP, encoding="utf-8")
    summary = ingest([follow_up], store_copy)
    # the strike and what the officials said of it are both known: nothing new, both reports merged
    assert (summary.documents, summary.events_new, summary.events_merged) == (1, 0, 2)
    with EventStore(store_copy) as store:
        assert len(store) == count
        (after,) = [e for e in store.events(types=["strike"]) if e.id == kyiv.id]
    new = {s.doc_id for s in after.sources} - {s.doc_id for s in kyiv.sources}
    assert len(new) == 1 and set(kyiv.sources) < set(after.sources)
    assert after.confidence >= kyiv.confidence


def test_an_interrupted_run_keeps_what_it_committed_and_resumes(tmp_path: Path, monkeypatch) -> None:
    path = tmp_path / "events.gpkg"
    real = geomap.pipeline.process_document
    calls: list[str] = []

    def crash_on_second(doc, gazetteer_files=(), context=None, **loaded):
        calls.append(doc.id)
        if len(calls) == 2:
            raise KeyboardInterrupt  # Ctrl-C in the middle of the second document
        return real(doc, gazetteer_files, context, **loaded)

    monkeypatch.setattr(geomap.pipeline, "process_document", crash_on_second)
    with pytest.raises(KeyboardInterrupt):
        ingest([SEEDS], path)
    with EventStore(path) as store:
        kept = store.events()
    assert kept and {s.doc_id for e in kept for s in e.sources} == {calls[0]}
    assert _count(path, "documents") == 1

    monkeypatch.setattr(geomap.pipeline, "process_document", real)
    summary = ingest([SEEDS], path)
    assert summary.documents == 1 and len(summary.known) == 1
    with EventStore(path) as store:
        assert _sources(store.events()) == _sources(run_pipeline([SEEDS]).events)


def test_a_failure_while_writing_a_document_rolls_it_back(tmp_path: Path, monkeypatch) -> None:
    path = tmp_path / "events.gpkg"
    real = EventStore._touch
    writes: list[int] = []

    def fail_second(self: EventStore) -> None:  # the last step of a document's transaction
        writes.append(1)
        if len(writes) == 2:
            raise OSError("disk full")
        real(self)

    monkeypatch.setattr(EventStore, "_touch", fail_second)
    with pytest.raises(OSError):
        ingest([SEEDS], path)
    with sqlite3.connect(path) as db:
        assert db.execute("SELECT count(*), count(DISTINCT doc_id) FROM reports").fetchone()[1] == 1
        assert db.execute("SELECT count(*) FROM documents").fetchone()[0] == 1
    monkeypatch.setattr(EventStore, "_touch", real)
    assert ingest([SEEDS], path).documents == 1
    assert _count(path, "documents") == 2


def test_the_store_is_a_geopackage_that_geopandas_opens(seeded: Path) -> None:
    with sqlite3.connect(seeded) as db:
        assert db.execute("PRAGMA application_id").fetchone()[0] == 0x47504B47
        assert db.execute("PRAGMA user_version").fetchone()[0] == 10400
        assert {r[0] for r in db.execute("SELECT srs_id FROM gpkg_spatial_ref_sys")} >= {-1, 0, 4326}
        assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    frame = gpd.read_file(seeded, layer="events")
    with EventStore(seeded) as store:
        events = store.events()
    assert frame.crs.to_epsg() == 4326 and len(frame) == len(events)
    by_id = {e.id: e for e in events}
    for row in frame.itertuples():
        place = by_id[row.id].place
        if place is None:
            assert row.geometry is None
        else:
            assert (row.geometry.x, row.geometry.y) == (place.lon, place.lat)
    # the store reads back like a GeoPackage that `geomap export` wrote
    assert sorted(read_events_frame(seeded)["id"]) == sorted(by_id)


def test_events_come_back_exactly(seeded: Path) -> None:
    events = run_pipeline([SEEDS]).events
    assert [event_from_dict(json.loads(json.dumps(event_to_dict(e)))) for e in events] == events
    with EventStore(seeded) as store:
        assert all(isinstance(q, dict) for q in (e.quantities for e in store.events()))


@pytest.mark.parametrize("query", [
    EventQuery(since=dt.date(2025, 2, 13)),
    EventQuery(until=dt.date(2025, 2, 12), types=("meeting", "strike")),
    EventQuery(bbox=(20.0, 44.0, 41.0, 53.0)),
    EventQuery(bbox=(170.0, -90.0, 40.0, 90.0)),  # across the antimeridian: everything east of 170 or west of 40
])
def test_store_queries_match_the_same_filter_in_python(seeded: Path, query: EventQuery) -> None:
    with EventStore(seeded) as store:
        everything = store.events()
        selected = store.events(query.since, query.until, query.types, query.bbox)
    assert selected == [e for e in everything if query.matches(e)]
    assert 0 < len(selected) < len(everything)


def test_a_date_bound_keeps_only_events_wholly_inside_it() -> None:
    assert date_span("2025-02") == ("2025-02-01", "2025-02-28")
    assert date_span("2024") == ("2024-01-01", "2024-12-31")
    assert date_span("2024-12-31") == ("2024-12-31", "2024-12-31")
    assert date_span(None) is None and date_span("soon") is None


def test_cli_ingest_then_map_and_export_from_the_store(tmp_path: Path) -> None:
    runner = CliRunner()
    store = tmp_path / "x.gpkg"
    result = runner.invoke(app, ["ingest", str(SEEDS), "--store", str(store)])
    assert result.exit_code == 0, result.output
    assert "documents read: 2, already in the store: 0" in result.stderr
    again = runner.invoke(app, ["ingest", str(SEEDS), "--store", str(store)])
    assert again.exit_code == 0 and "events: 0 new, 0 updated" in again.stderr

    out = tmp_path / "out.html"
    result = runner.invoke(app, ["map", "--store", str(store), "--type", "strike", "-o", str(out)])
    assert result.exit_code == 0, result.output
    with EventStore(store) as db:
        strikes = db.events(types=["strike"])
        since = db.events(since="2025-02-13")
    assert strikes and f"wrote {out} ({len(strikes)} events)" in result.stderr
    # one map layer per event type, each named by its type: only strikes are drawn
    assert set(re.findall(r'layerOptions\(\{"type":\s*"([\w ]+)"', out.read_text(encoding="utf-8"))) == {"strike"}

    out = tmp_path / "out.geojson"
    result = runner.invoke(app, ["export", "--store", str(store), "--since", "2025-02-13", "-o", str(out)])
    assert result.exit_code == 0, result.output
    features = json.loads(out.read_text(encoding="utf-8"))["features"]
    assert sorted(f["properties"]["id"] for f in features) == sorted(e.id for e in since)
    assert features and all(f["properties"]["date"] >= "2025-02-13" for f in features)


def test_cli_store_errors(tmp_path: Path) -> None:
    runner = CliRunner()
    missing = tmp_path / "missing.gpkg"
    result = runner.invoke(app, ["map", "--store", str(missing), "-o", str(tmp_path / "m.html")])
    assert result.exit_code == 1 and "no event store" in result.stderr and not missing.exists()
    result = runner.invoke(app, ["export", str(SEEDS), "--store", str(missing), "-o", str(tmp_path / "x.csv")])
    assert result.exit_code == 2
    result = runner.invoke(app, ["export", "--store", str(missing), "--bbox", "1,2,3", "-o", str(tmp_path / "x.csv")])
    assert result.exit_code == 2
    exported = write(run_pipeline([SEEDS]).events, tmp_path / "plain.gpkg")  # a GeoPackage, not a store
    result = runner.invoke(app, ["ingest", str(SEEDS), "--store", str(exported)])
    assert result.exit_code == 1 and "not a geomap event store" in result.stderr


# --- several runs, killed runs, old stores -------------------------------------------------------------

def _ingest_process(inbox: Path, store: Path) -> subprocess.Popen:
    """``geomap ingest`` as a user runs it, in a process of its own (this worktree's geomap)."""
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[1])}
    return subprocess.Popen([sys.executable, "-c", "from geomap.cli import app; app()", "ingest", str(inbox),
                             "--store", str(store), "-j", "1"], env=env, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)


def _inbox(folder: Path, count: int, first: int = 0) -> Path:
    """``count`` articles, each a seed with a line of its own in front (so that no two texts are the same)."""
    folder.mkdir(parents=True, exist_ok=True)
    seeds = sorted(SEEDS.glob("*.txt"))
    for n in range(first, first + count):
        date_line, body = seeds[n % 2].read_text(encoding="utf-8").split("\n", 1)
        (folder / f"article-{n:02d}.txt").write_text(f"{date_line}\nBulletin number {n}.\n{body}", encoding="utf-8")
    return folder


def _stored_paths(store: Path) -> list[str]:
    with sqlite3.connect(store) as db:
        try:
            return sorted(Path(r[0]).name for r in db.execute("SELECT path FROM documents"))
        except sqlite3.OperationalError:  # polled while the other process has not yet written the schema
            return []


def test_two_runs_into_one_store_at_once_both_finish_with_every_document_once(tmp_path: Path) -> None:
    store = tmp_path / "events.gpkg"
    first = _inbox(tmp_path / "cron", 4)
    second = _inbox(tmp_path / "manual", 4, first=2)  # two articles in both inboxes, under the same names
    runs = [_ingest_process(first, store), _ingest_process(second, store)]
    outputs = [run.communicate(timeout=600) for run in runs]
    assert [run.returncode for run in runs] == [0, 0], outputs
    # the articles in both inboxes (the same name and text: the same document) are stored once
    assert _stored_paths(store) == [f"article-{n:02d}.txt" for n in range(6)]
    with sqlite3.connect(store) as db:
        assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert db.execute("SELECT count(DISTINCT doc_id) FROM reports").fetchone()[0] == 6


def test_a_run_waits_for_another_writer_and_says_so(tmp_path: Path) -> None:
    store = tmp_path / "events.gpkg"
    EventStore(store).close()
    holder = sqlite3.connect(store, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")  # another run, in the middle of writing a document
    run = _ingest_process(_inbox(tmp_path / "inbox", 2), store)
    try:
        deadline = time.monotonic() + 10  # time enough to reach its first commit, and more than SQLite's default wait
        while time.monotonic() < deadline and run.poll() is None:
            time.sleep(0.2)
        assert run.poll() is None, run.communicate()  # still waiting, not dead
    finally:
        holder.execute("COMMIT")
        holder.close()
    out, err = run.communicate(timeout=600)
    assert run.returncode == 0, err
    assert err.count("another run is writing to") == 1
    assert _count(store, "documents") == 2


def test_a_run_killed_mid_ingest_resumes_and_loses_nothing(tmp_path: Path) -> None:
    store = tmp_path / "events.gpkg"
    inbox = _inbox(tmp_path / "inbox", 12)
    run = _ingest_process(inbox, store)
    deadline = time.monotonic() + 300
    while run.poll() is None and time.monotonic() < deadline:
        if store.exists() and _stored_paths(store):
            break
        time.sleep(0.05)
    run.send_signal(signal.SIGKILL)
    run.communicate()
    kept = len(_stored_paths(store))
    assert 0 < kept < 12, "the run was not killed in the middle"
    with sqlite3.connect(store) as db:
        assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    summary = ingest([inbox], store)
    assert summary.documents == 12 - kept and len(summary.known) == kept
    ingest([inbox], tmp_path / "uninterrupted.gpkg")
    with EventStore(store) as resumed, EventStore(tmp_path / "uninterrupted.gpkg") as uninterrupted:
        # every document is kept and every event the same; statements, merged only when alike to every
        # report of their cluster, may group differently when documents arrive in another order
        assert _reported(resumed.events()) == _reported(uninterrupted.events())
        assert [e for e in resumed.events() if e.event_type != "statement"] == \
            [e for e in uninterrupted.events() if e.event_type != "statement"]


def _reported(events: list) -> set[str]:
    return {s.doc_id for e in events for s in e.sources}


def test_a_repeated_record_is_named_once_by_its_position_and_counted(tmp_path: Path) -> None:
    record = {"id": "wire-7", "title": "Port hit", "text": "A missile hit the port of Odesa on Tuesday.",
              "published": "2025-04-01"}
    other = {**record, "id": "wire-8", "text": "Drones struck Kharkiv overnight, the mayor said."}
    feed = tmp_path / "wire.jsonl"
    feed.write_text("\n".join(json.dumps(r) for r in (record, other, record)) + "\n", encoding="utf-8")
    summary = ingest([feed], tmp_path / "events.gpkg")
    lines = summary.lines()
    assert "repeated in this run: 1" in lines[0]
    named = [line for line in lines if "wire.jsonl#2" in line]
    assert named == [f"skipped {feed}#2: the same document as {feed}#0, earlier in this run"]


def test_a_store_written_before_the_newer_fields_opens_and_takes_them(store_copy: Path, tmp_path: Path) -> None:
    newer = ("modality", "claimant", "instruments", "place_approximation")
    with sqlite3.connect(store_copy) as db:  # the store as an older geomap left it
        for column in newer:
            db.execute(f"ALTER TABLE events DROP COLUMN {column}")
        for table in ("events", "reports"):
            for fid, record in db.execute(f"SELECT fid, record FROM {table}").fetchall():
                old = {k: v for k, v in json.loads(record).items() if k not in {"modality", "claimant", "instruments"}}
                if old.get("place"):
                    old["place"].pop("approximation", None)
                db.execute(f"UPDATE {table} SET record = ? WHERE fid = ?", (json.dumps(old), fid))
    with EventStore(store_copy) as store:
        events = store.events()
        assert events and {e.modality for e in events} == {"asserted"}
    frame = gpd.read_file(store_copy, layer="events")
    assert set(newer) <= set(frame.columns) and set(frame["modality"]) == {"asserted"}
    follow_up = tmp_path / "kyiv.txt"
    follow_up.write_text(FOLLOW_UP, encoding="utf-8")
    assert ingest([follow_up], store_copy).documents == 1
