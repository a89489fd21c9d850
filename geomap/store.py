"""An incremental event store: documents ingested once, events kept and merged across runs.

The store is a GeoPackage (an SQLite file): written with the standard library, safe from crashes through
SQLite's journal, and opened as it is by QGIS, GDAL or ``geopandas.read_file(path, layer="events")``.

- ``events``, the feature layer: one row per real-world event, the columns of every other output
  (:data:`~geomap.model.EVENT_FIELDS`), a point, and the whole event as JSON (``record``) to rebuild it exactly;
- ``reports``: every event each document reported, and the stored event it joined;
- ``documents``: every document ingested, by id and by a hash of its text, so that one already stored is
  skipped before it is processed.

One transaction per document: an interrupted run keeps what it committed, and running it again carries
on. Whether a report is a known event is decided by :mod:`geomap.events.merge`, not by rules of this module.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import sqlite3
import struct
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path

import shapely
from shapely.geometry import Point

from geomap.events.merge import merge_events, same_event
from geomap.model import EVENT_FIELDS, Document, Event, event_from_dict, event_to_dict
from geomap.pipeline import DocumentResult, process_on
from geomap.query import EventQuery, date_span

__all__ = ["EventStore", "IngestSummary", "ingest"]

SCHEMA_VERSION = 1
_GPKG_APPLICATION_ID = 0x47504B47  # "GPKG"
_GPKG_USER_VERSION = 10400  # GeoPackage 1.4
_WGS84_WKT = (
    'GEOGCS["WGS 84",DATUM["WGS_1984",SPHEROID["WGS 84",6378137,298.257223563,AUTHORITY["EPSG","7030"]],'
    'AUTHORITY["EPSG","6326"]],PRIMEM["Greenwich",0,AUTHORITY["EPSG","8901"]],'
    'UNIT["degree",0.0174532925199433,AUTHORITY["EPSG","9122"]],AUTHORITY["EPSG","4326"]]'
)
_SQL_TYPES = {"planned": "BOOLEAN", "geonameid": "INTEGER", "geo_precision": "INTEGER", "latitude": "REAL",
              "longitude": "REAL", "confidence": "REAL"}  # every other field is TEXT (nested ones as JSON)
_NESTED = ("actors", "instruments", "quantities", "sources")
_NOW = "strftime('%Y-%m-%dT%H:%M:%fZ','now')"  # the timestamp format GeoPackage requires

# date_start/date_end: the first and last day a date of any precision covers, for date filters in GIS tools
_SCHEMA = f"""
CREATE TABLE gpkg_spatial_ref_sys (
  srs_name TEXT NOT NULL, srs_id INTEGER PRIMARY KEY, organization TEXT NOT NULL,
  organization_coordsys_id INTEGER NOT NULL, definition TEXT NOT NULL, description TEXT);
CREATE TABLE gpkg_contents (
  table_name TEXT NOT NULL PRIMARY KEY, data_type TEXT NOT NULL, identifier TEXT UNIQUE, description TEXT DEFAULT '',
  last_change DATETIME NOT NULL DEFAULT ({_NOW}), min_x DOUBLE, min_y DOUBLE, max_x DOUBLE, max_y DOUBLE,
  srs_id INTEGER, CONSTRAINT fk_gc_r_srs_id FOREIGN KEY (srs_id) REFERENCES gpkg_spatial_ref_sys(srs_id));
CREATE TABLE gpkg_geometry_columns (
  table_name TEXT NOT NULL, column_name TEXT NOT NULL, geometry_type_name TEXT NOT NULL, srs_id INTEGER NOT NULL,
  z TINYINT NOT NULL, m TINYINT NOT NULL, CONSTRAINT pk_geom_cols PRIMARY KEY (table_name, column_name),
  CONSTRAINT fk_gc_tn FOREIGN KEY (table_name) REFERENCES gpkg_contents(table_name),
  CONSTRAINT fk_gc_srs FOREIGN KEY (srs_id) REFERENCES gpkg_spatial_ref_sys (srs_id));
CREATE TABLE events (
  fid INTEGER PRIMARY KEY AUTOINCREMENT, geom POINT,
  {", ".join(f"{name} {_SQL_TYPES.get(name, 'TEXT')}" for name in EVENT_FIELDS)},
  date_start TEXT, date_end TEXT, record TEXT NOT NULL, updated_at DATETIME NOT NULL, UNIQUE (id));
CREATE INDEX events_type ON events (event_type, date);
CREATE TABLE documents (
  fid INTEGER PRIMARY KEY AUTOINCREMENT, doc_id TEXT NOT NULL UNIQUE, text_sha1 TEXT NOT NULL, path TEXT,
  title TEXT, url TEXT, published DATE, ingested_at DATETIME NOT NULL, reports INTEGER NOT NULL);
CREATE INDEX documents_text ON documents (text_sha1);
CREATE TABLE reports (
  fid INTEGER PRIMARY KEY AUTOINCREMENT, report_id TEXT NOT NULL, event_id TEXT NOT NULL REFERENCES events (id),
  doc_id TEXT NOT NULL REFERENCES documents (doc_id), record TEXT NOT NULL);
CREATE INDEX reports_event ON reports (event_id);
CREATE TABLE geomap_store (key TEXT PRIMARY KEY, value TEXT);
INSERT INTO gpkg_spatial_ref_sys VALUES
  ('Undefined cartesian SRS', -1, 'NONE', -1, 'undefined', 'undefined cartesian coordinate reference system'),
  ('Undefined geographic SRS', 0, 'NONE', 0, 'undefined', 'undefined geographic coordinate reference system'),
  ('WGS 84 geodetic', 4326, 'EPSG', 4326, '{_WGS84_WKT}', 'longitude/latitude in decimal degrees, WGS 84');
INSERT INTO gpkg_contents (table_name, data_type, identifier, description, srs_id)
  VALUES ('events', 'features', 'events', 'geomap events: one row per real-world event', 4326),
         ('documents', 'attributes', 'documents', 'documents ingested into this geomap store', NULL);
INSERT INTO gpkg_geometry_columns VALUES ('events', 'geom', 'POINT', 4326, 0, 0);
INSERT INTO geomap_store VALUES ('schema', '{SCHEMA_VERSION}');
"""


# -- the store -----------------------------------------------------------------------------------------


def _gpkg_point(event: Event) -> bytes | None:
    """A GeoPackage binary point: the 'GP' header (version 0, little-endian, no envelope, SRS 4326) + WKB."""
    if event.place is None:
        return None
    wkb = shapely.to_wkb(Point(event.place.lon, event.place.lat), byte_order=1)
    return b"GP" + struct.pack("<BBi", 0, 0b00000001, 4326) + wkb


class EventStore:
    """Events kept in a GeoPackage at ``path``, created on first use unless ``create=False``.

    Use as a context manager, or call :meth:`close`. One writer at a time: every write takes
    SQLite's write lock for the length of one document.
    """

    def __init__(self, path: str | Path, *, create: bool = True) -> None:
        self.path = Path(path)
        exists = self.path.exists() and self.path.stat().st_size > 0
        if not exists and not create:
            raise FileNotFoundError(f"no event store at {self.path}")
        self.path.parent.mkdir(parents=True, exist_ok=True)
        # autocommit mode: transactions are opened explicitly, one per document (see _transaction)
        self._db = sqlite3.connect(self.path, isolation_level=None)
        try:
            if exists:
                self._check()
            else:
                self._create()
        except BaseException:
            self._db.close()
            raise

    def _create(self) -> None:
        with self._transaction():
            self._db.execute(f"PRAGMA application_id = {_GPKG_APPLICATION_ID}")
            self._db.execute(f"PRAGMA user_version = {_GPKG_USER_VERSION}")
            for statement in _SCHEMA.split(";\n"):
                if statement.strip():
                    self._db.execute(statement)

    def _check(self) -> None:
        try:
            row = self._db.execute("SELECT value FROM geomap_store WHERE key = 'schema'").fetchone()
        except sqlite3.DatabaseError as exc:  # not SQLite, or a GeoPackage written by `geomap export`
            raise ValueError(f"{self.path} is not a geomap event store ({exc})") from None
        if row is None or int(row[0]) > SCHEMA_VERSION:
            raise ValueError(f"{self.path}: event store schema {row and row[0]} is newer than this geomap")

    def close(self) -> None:
        self._db.close()

    def __enter__(self) -> EventStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextmanager
    def _transaction(self) -> Iterator[None]:
        # BEGIN IMMEDIATE takes the write lock up front, so two writers fail fast instead of deadlocking;
        # BaseException, because Ctrl-C must roll back a half-written document too
        self._db.execute("BEGIN IMMEDIATE")
        try:
            yield
        except BaseException:
            self._db.execute("ROLLBACK")
            raise
        self._db.execute("COMMIT")

    def __len__(self) -> int:
        return self._db.execute("SELECT count(*) FROM events").fetchone()[0]

    def known(self, doc: Document) -> str | None:
        """Why ``doc`` need not be processed (it, or its text under another name, is stored), or None."""
        if self._db.execute("SELECT 1 FROM documents WHERE doc_id = ?", (doc.id,)).fetchone():
            return "already in the store"
        row = self._db.execute("SELECT path, doc_id FROM documents WHERE text_sha1 = ?", (_text_hash(doc),)).fetchone()
        return f"same text as {row[0] or row[1]}, already in the store" if row else None

    def add_document(self, doc: Document, events: Iterable[Event]) -> tuple[int, int]:
        """Store ``doc`` and its events in one transaction; return (new events, known events it reported).

        Each report joins the first event, stored or of this document, that :func:`merge_events` merges it
        with into one; the stored event is rebuilt by ``merge_events`` from all its reports, so that the
        store holds what one run over every document would have merged, report by report.
        """
        # merge_events' own order, so that a document alone clusters as run_pipeline clusters it
        reports = sorted(events, key=lambda e: (e.event_type, e.evidence_start, e.id))
        with self._transaction():
            known = self._candidates(reports)
            fresh: dict[str, list[Event]] = {}  # this document's new events, under provisional keys
            homes: list[str] = []
            for report in reports:
                home = self._home(report, known) or self._home(report, fresh)
                if home is None:
                    home = f"new:{len(fresh)}"  # not an event id: ids are only known once clusters are complete
                    fresh[home] = []
                (known if home in known else fresh)[home].append(report)
                homes.append(home)
            ids: dict[str, str] = {}
            for key, members in fresh.items():
                # a new event takes the id run_pipeline gives it: its best report's
                event = merge_events(members)[0]
                ids[key] = self._free_id(event.id, set(ids.values()))
                self._write_event(replace(event, id=ids[key]), insert=True)
            touched = {home for home in homes if home in known}
            for event_id in touched:
                # a stored event keeps its id, so that it stays the same row across runs
                self._write_event(replace(merge_events(known[event_id])[0], id=event_id), insert=False)
            self._db.executemany(
                "INSERT INTO reports (report_id, event_id, doc_id, record) VALUES (?, ?, ?, ?)",
                [(r.id, ids.get(home, home), doc.id, json.dumps(event_to_dict(r), ensure_ascii=False))
                 for r, home in zip(reports, homes)])
            self._db.execute(
                f"INSERT INTO documents (doc_id, text_sha1, path, title, url, published, ingested_at, reports) "
                f"VALUES (?, ?, ?, ?, ?, ?, {_NOW}, ?)",
                (doc.id, _text_hash(doc), doc.path, doc.title, doc.url,
                 doc.published.isoformat() if doc.published else None, len(reports)),
            )
            self._touch()
        return len(fresh), len(touched)

    def _free_id(self, event_id: str, taken: set[str]) -> str:
        # event ids hash the document, the clause and the type; should two ever coincide, the event
        # takes a derived id rather than fail the document
        while event_id in taken or self._db.execute("SELECT 1 FROM events WHERE id = ?", (event_id,)).fetchone():
            event_id = hashlib.sha1(event_id.encode()).hexdigest()[:16]
        return event_id

    @staticmethod
    def _home(report: Event, clusters: dict[str, list[Event]]) -> str | None:
        """The first cluster that merge.py merges ``report`` into, keeping it one event."""
        for event_id, members in clusters.items():
            # same_event with some member is necessary (every merged report was the same as one before it)
            # and cheap; merge_events then applies the rules that span the whole cluster
            if members[0].event_type == report.event_type and any(same_event(report, m) for m in members):
                if len(merge_events([*members, report])) == 1:
                    return event_id
        return None

    def _candidates(self, reports: Sequence[Event]) -> dict[str, list[Event]]:
        """Stored events the reports could join, each with the reports it was merged from.

        Only a narrowing for speed: the same type and a date that does not rule the pair out (merge.py's
        date rule: equal, one a prefix of the other, or one unknown); merge_events decides the rest.
        """
        if not reports:
            return {}
        clauses, args = [], []
        for event_type, date in sorted({(r.event_type, r.date or "") for r in reports}):
            clauses.append("(event_type = ? AND (? = '' OR date IS NULL OR date = substr(?, 1, length(date))"
                           " OR substr(date, 1, length(?)) = ?))")
            args += [event_type, date, date, date, date]
        out: dict[str, list[Event]] = {}
        query = ("SELECT r.event_id, r.record FROM reports r JOIN events e ON e.id = r.event_id "
                 f"WHERE {' OR '.join(clauses)} ORDER BY e.fid, r.fid")
        for event_id, record in self._db.execute(query, args):
            out.setdefault(event_id, []).append(event_from_dict(json.loads(record)))
        return out

    def _write_event(self, event: Event, *, insert: bool) -> None:
        record = event.to_record()
        for name in _NESTED:
            record[name] = json.dumps(record[name], ensure_ascii=False)
        span = date_span(event.date) or (None, None)
        values = {**record, "geom": _gpkg_point(event), "date_start": span[0], "date_end": span[1],
                  "record": json.dumps(event_to_dict(event), ensure_ascii=False)}
        names = list(values)
        if insert:
            sql = (f"INSERT INTO events ({', '.join(names)}, updated_at) "
                   f"VALUES ({', '.join('?' * len(names))}, {_NOW})")
            self._db.execute(sql, [values[n] for n in names])
        else:
            sets = ", ".join(f"{n} = ?" for n in names if n != "id")
            self._db.execute(f"UPDATE events SET {sets}, updated_at = {_NOW} WHERE id = ?",
                             [values[n] for n in names if n != "id"] + [event.id])

    def _touch(self) -> None:
        # GeoPackage readers take the layer extent and change time from gpkg_contents
        self._db.execute(
            f"UPDATE gpkg_contents SET last_change = {_NOW}, (min_x, min_y, max_x, max_y) = "
            "(SELECT min(longitude), min(latitude), max(longitude), max(latitude) FROM events) "
            "WHERE table_name = 'events'")
        self._db.execute(f"UPDATE gpkg_contents SET last_change = {_NOW} WHERE table_name = 'documents'")

    def events(
        self,
        since: dt.date | str | None = None,
        until: dt.date | str | None = None,
        types: Iterable[str] | None = None,
        bbox: tuple[float, float, float, float] | None = None,
    ) -> list[Event]:
        """Stored events, filtered as :class:`EventQuery` describes, in the order of ``merge_events``."""
        query = EventQuery(_as_date(since), _as_date(until), tuple(types or ()), bbox)
        # one definition of the filter, in Python, run by SQLite on the columns: only matches are decoded
        self._db.create_function("geomap_matches", 4, query.matches_row, deterministic=True)
        rows = self._db.execute("SELECT record FROM events WHERE geomap_matches(date, event_type, longitude, latitude) "
                                "ORDER BY coalesce(date, '9999'), event_type, id")
        return [event_from_dict(json.loads(r[0])) for r in rows]


def _as_date(value: dt.date | str | None) -> dt.date | None:
    return dt.date.fromisoformat(value) if isinstance(value, str) else value


def _text_hash(doc: Document) -> str:
    # document ids hash the file name too; the text alone catches a copy saved under another name
    return hashlib.sha1(doc.text.encode("utf-8", "surrogatepass")).hexdigest()


# -- ingesting -----------------------------------------------------------------------------------------


@dataclass(slots=True)
class IngestSummary:
    """What one ``ingest`` run did; every input that was not processed is listed with the reason."""

    documents: int = 0
    known: list[tuple[str, str]] = field(default_factory=list)
    skipped: list[tuple[str, str]] = field(default_factory=list)
    failed: list[tuple[str, str]] = field(default_factory=list)
    reports: int = 0
    events_new: int = 0
    events_merged: int = 0
    events_stored: int = 0

    def lines(self) -> list[str]:
        out = [
            f"documents read: {self.documents}, already in the store: {len(self.known)}, "
            f"skipped: {len(self.skipped)}, failed: {len(self.failed)}",
            f"events: {self.events_new} new, {self.events_merged} updated with new sources "
            f"(from {self.reports} reports); the store holds {self.events_stored} events",
        ]
        # a re-run lists nothing for the documents it simply had already; a copy under a new name is news
        out += [f"skipped {path}: {reason}" for path, reason in self.known if reason != "already in the store"]
        out += [f"skipped {path}: {reason}" for path, reason in self.skipped]
        out += [f"failed {path}: {reason} (not stored; a re-run retries it)" for path, reason in self.failed]
        return out


def ingest(
    paths: Iterable[str | Path],
    store: EventStore | str | Path,
    *,
    published: dt.date | None = None,
    workers: int | None = 1,
    gazetteer_files: Sequence[str] = (),
    on_document: Callable[[DocumentResult], None] | None = None,
    engine: str = "local",
    scheduler: str | None = None,
) -> IngestSummary:
    """Add the documents under ``paths`` that ``store`` lacks, committing each as it is done.

    ``workers=None`` uses every core; ``engine="dask"`` processes on a Dask cluster (``scheduler``) while
    this process commits. A document that fails to process is not stored, so that running again retries
    it; one that is already stored is skipped before it is processed.
    """
    from geomap.documents import read_documents

    owned = not isinstance(store, EventStore)
    target = EventStore(store) if owned else store
    summary = IngestSummary()
    seen: dict[str, str] = {}  # this run's document ids and text hashes: a pool reads ahead of the commits

    def fresh(docs: Iterable[Document]) -> Iterator[Document]:
        for doc in docs:
            first = seen.get(doc.id) or seen.get(_text_hash(doc))
            reason = target.known(doc) or (first and f"the same document as {first}, earlier in this run")
            if reason:
                summary.known.append((doc.path or doc.id, reason))
                continue
            seen[doc.id] = seen[_text_hash(doc)] = doc.path or doc.id
            yield doc

    try:
        docs = read_documents(paths, published=published,
                              on_skip=lambda skip: summary.skipped.append((skip.path, skip.reason)))
        results = process_on(fresh(docs), engine=engine, workers=workers, scheduler=scheduler,
                             gazetteer_files=gazetteer_files)
        for result in results:
            summary.documents += 1
            if result.error:
                summary.failed.append((result.doc.path or result.doc.id, result.error))
            else:
                summary.reports += len(result.events)
                new, merged = target.add_document(result.doc, result.events)
                summary.events_new += new
                summary.events_merged += merged
            if on_document:
                on_document(result)
        summary.events_stored = len(target)
    finally:
        if owned:
            target.close()
    return summary
