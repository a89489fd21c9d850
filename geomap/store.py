"""An incremental event store: documents ingested once, events kept and merged across runs.

The store is a GeoPackage (an SQLite file): written with the standard library, safe from crashes through
SQLite's journal, and opened as it is by QGIS, GDAL or ``geopandas.read_file(path, layer="events")``.

- ``events``, the feature layer: one row per real-world event, the columns of every other output
  (:data:`~geomap.model.EVENT_FIELDS`), a point, and the whole event as JSON (``record``) to rebuild it exactly;
- ``reports``: every event each document reported, and the stored event it joined;
- ``documents``: every document ingested, by id and by a hash of its text, so that one already stored is
  skipped before it is processed.

One transaction per document: an interrupted run keeps what it committed, and running it again carries
on. Two runs may write to one store at once (a cron job beside a manual run): each waits for the other's
transaction to end, and a document the other stored meanwhile is skipped. A store written before a field
existed gets its column when it is opened. Whether a report is a known event is decided by
:mod:`geomap.events.merge`, not by rules of this module.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import logging
import sqlite3
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path

from geomap.events.merge import merge_events, same_event
from geomap.gpkg import GPKG_APPLICATION_ID, GPKG_USER_VERSION, NOW, SCHEMA, SCHEMA_VERSION, SQL_TYPES
from geomap.gpkg import column_values, gpkg_point
from geomap.model import EVENT_FIELDS, Document, Event, event_from_dict, event_to_dict
from geomap.pipeline import DocumentResult, process_on
from geomap.query import EventQuery, date_span

__all__ = ["EventStore", "IngestSummary", "ingest"]

_log = logging.getLogger(__name__)
# How long a writer waits for another run's transaction (one document's) before it gives up; and how
# long it waits silently before it says that it waits.
_LOCK_WAIT_S = 600.0
_QUIET_WAIT_MS = 300

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
        self._said_waiting = False
        # autocommit mode: transactions are opened explicitly, one per document (see _transaction)
        self._db = sqlite3.connect(self.path, isolation_level=None, timeout=_LOCK_WAIT_S)
        try:
            if exists or not self._create():
                self._check()
                self._add_missing_columns()
        except BaseException:
            self._db.close()
            raise

    def _create(self) -> bool:
        """Write the schema; False when another run created the store first."""
        with self._transaction():
            if self._db.execute("SELECT 1 FROM sqlite_master WHERE name = 'geomap_store'").fetchone():
                return False
            self._db.execute(f"PRAGMA application_id = {GPKG_APPLICATION_ID}")
            self._db.execute(f"PRAGMA user_version = {GPKG_USER_VERSION}")
            for statement in SCHEMA.split(";\n"):
                if statement.strip():
                    self._db.execute(statement)
        return True

    def _check(self) -> None:
        try:
            row = self._db.execute("SELECT value FROM geomap_store WHERE key = 'schema'").fetchone()
        except sqlite3.DatabaseError as exc:  # not SQLite, or a GeoPackage written by `geomap export`
            raise ValueError(f"{self.path} is not a geomap event store ({exc})") from None
        if row is None or int(row[0]) > SCHEMA_VERSION:
            raise ValueError(f"{self.path}: event store schema {row and row[0]} is newer than this geomap")

    def _add_missing_columns(self) -> None:
        """Give a store written before a field existed (modality, claimant ...) its column, filled from the
        stored records as this version reads them (a missing field takes its default)."""
        have = {row[1] for row in self._db.execute("PRAGMA table_info(events)")}
        missing = [name for name in EVENT_FIELDS if name not in have]
        if not missing:
            return
        with self._transaction():
            for name in missing:
                self._db.execute(f"ALTER TABLE events ADD COLUMN {name} {SQL_TYPES.get(name, 'TEXT')}")
            rows = self._db.execute("SELECT fid, record FROM events").fetchall()
            for fid, record in rows:
                values = column_values(event_from_dict(json.loads(record)))
                self._db.execute(f"UPDATE events SET {', '.join(f'{n} = ?' for n in missing)} WHERE fid = ?",
                                 [*(values[n] for n in missing), fid])

    def close(self) -> None:
        self._db.close()

    def __enter__(self) -> EventStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextmanager
    def _transaction(self) -> Iterator[None]:
        # BEGIN IMMEDIATE takes the write lock up front, so two writers queue instead of deadlocking;
        # BaseException, because Ctrl-C must roll back a half-written document too
        self._begin()
        try:
            yield
        except BaseException:
            self._db.execute("ROLLBACK")
            raise
        self._db.execute("COMMIT")

    def _begin(self) -> None:
        """Take the write lock, waiting for another run's transaction to end (saying so, once)."""
        self._db.execute(f"PRAGMA busy_timeout = {_QUIET_WAIT_MS}")
        try:
            self._db.execute("BEGIN IMMEDIATE")
            return
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc) and "busy" not in str(exc):
                raise
        finally:
            self._db.execute(f"PRAGMA busy_timeout = {int(_LOCK_WAIT_S * 1000)}")
        if not self._said_waiting:
            self._said_waiting = True
            _log.warning("another run is writing to %s: waiting for it (each document's turn)", self.path)
        self._db.execute("BEGIN IMMEDIATE")

    def __len__(self) -> int:
        return self._db.execute("SELECT count(*) FROM events").fetchone()[0]

    def known(self, doc: Document) -> str | None:
        """Why ``doc`` need not be processed (it, or its text under another name, is stored), or None."""
        if self._db.execute("SELECT 1 FROM documents WHERE doc_id = ?", (doc.id,)).fetchone():
            return "already in the store"
        row = self._db.execute("SELECT path, doc_id FROM documents WHERE text_sha1 = ?", (_text_hash(doc),)).fetchone()
        return f"same text as {row[0] or row[1]}, already in the store" if row else None

    def add_document(self, doc: Document, events: Iterable[Event]) -> tuple[int, int] | None:
        """Store ``doc`` and its events in one transaction; return (new events, known events it reported),
        or None when the store has the document already (another run stored it meanwhile).

        Each report joins the first event, stored or of this document, that :func:`merge_events` merges it
        with into one; the stored event is rebuilt by ``merge_events`` from all its reports, so that the
        store holds what one run over every document would have merged, report by report.
        """
        # merge_events' own order, so that a document alone clusters as run_pipeline clusters it
        reports = sorted(events, key=lambda e: (e.event_type, e.evidence_start, e.id))
        with self._transaction():
            if self.known(doc):
                return None
            known = self._candidates(reports)
            fresh: dict[str, list[Event]] = {}  # this document's new events, under provisional keys
            homes: list[str] = []
            for report in reports:
                # as merge_events asks them: the clusters of this document's reports first
                mine = {k: v for k, v in known.items() if any(m.doc_id == doc.id for m in v)}
                home = self._home(report, mine) or self._home(report, fresh) or self._home(report, known)
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
                f"VALUES (?, ?, ?, ?, ?, ?, {NOW}, ?)",
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
        span = date_span(event.date) or (None, None)
        values = {**column_values(event), "geom": gpkg_point(event), "date_start": span[0], "date_end": span[1],
                  "record": json.dumps(event_to_dict(event), ensure_ascii=False)}
        names = list(values)
        if insert:
            sql = (f"INSERT INTO events ({', '.join(names)}, updated_at) "
                   f"VALUES ({', '.join('?' * len(names))}, {NOW})")
            self._db.execute(sql, [values[n] for n in names])
        else:
            sets = ", ".join(f"{n} = ?" for n in names if n != "id")
            self._db.execute(f"UPDATE events SET {sets}, updated_at = {NOW} WHERE id = ?",
                             [values[n] for n in names if n != "id"] + [event.id])

    def _touch(self) -> None:
        # GeoPackage readers take the layer extent and change time from gpkg_contents
        self._db.execute(
            f"UPDATE gpkg_contents SET last_change = {NOW}, (min_x, min_y, max_x, max_y) = "
            "(SELECT min(longitude), min(latitude), max(longitude), max(latitude) FROM events) "
            "WHERE table_name = 'events'")
        self._db.execute(f"UPDATE gpkg_contents SET last_change = {NOW} WHERE table_name = 'documents'")

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
    repeated: list[tuple[str, str]] = field(default_factory=list)  # (record, the one it repeats) in this run
    skipped: list[tuple[str, str]] = field(default_factory=list)
    failed: list[tuple[str, str]] = field(default_factory=list)
    reports: int = 0
    events_new: int = 0
    events_merged: int = 0
    events_stored: int = 0

    def lines(self) -> list[str]:
        out = [
            f"documents read: {self.documents}, already in the store: {len(self.known)}, "
            f"repeated in this run: {len(self.repeated)}, skipped: {len(self.skipped)}, failed: {len(self.failed)}",
            f"events: {self.events_new} new, {self.events_merged} updated with new sources "
            f"(from {self.reports} reports); the store holds {self.events_stored} events",
        ]
        # a re-run lists nothing for the documents it simply had already; a copy under a new name is news
        out += [f"skipped {path}: {reason}" for path, reason in self.known if reason != "already in the store"]
        out += [f"skipped {path}: the same document as {first}, earlier in this run" for path, first in self.repeated]
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
            reason = target.known(doc)
            if reason:
                summary.known.append((doc.path or doc.id, reason))
                continue
            if first:
                summary.repeated.append((doc.path or doc.id, first))
                continue
            seen[doc.id] = seen[_text_hash(doc)] = doc.path or doc.id
            yield doc

    try:
        docs = read_documents(paths, published=published,
                              on_skip=lambda skip: summary.skipped.append((skip.path, skip.reason)))
        results = process_on(fresh(docs), engine=engine, workers=workers, scheduler=scheduler,
                             gazetteer_files=gazetteer_files)
        for result in results:
            name = result.doc.path or result.doc.id
            if result.error:
                summary.documents += 1
                summary.failed.append((name, result.error))
            elif (added := target.add_document(result.doc, result.events)) is None:
                summary.known.append((name, "stored meanwhile by another run writing to this store"))
            else:
                summary.documents += 1
                summary.reports += len(result.events)
                summary.events_new += added[0]
                summary.events_merged += added[1]
            if on_document:
                on_document(result)
        summary.events_stored = len(target)
    finally:
        if owned:
            target.close()
    return summary
