"""The whole pipeline over many documents: read -> find places -> extract events -> merge.

Per-document work (:func:`process_document`) is pure and picklable, so it runs the same in
this process, in a process pool, or on a Dask cluster; only merging needs all events at once.
"""

from __future__ import annotations

import datetime as dt
import itertools
import logging
import os
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from geomap.model import Document, Event, Mention

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class DocumentResult:
    """What one document yields: its place mentions and its (unmerged) events."""

    doc: Document
    mentions: tuple[Mention, ...]
    events: tuple[Event, ...]
    error: str | None = None


@dataclass(slots=True)
class RunSummary:
    """Counts for the end-of-run report; ``skipped`` names every input that was not read and why."""

    documents: int = 0
    skipped: list[tuple[str, str]] = field(default_factory=list)
    failed: list[tuple[str, str]] = field(default_factory=list)
    mentions: int = 0
    unresolved: int = 0
    events_extracted: int = 0
    events: int = 0
    unlocated: int = 0

    def lines(self) -> list[str]:
        out = [
            f"documents read: {self.documents}, skipped: {len(self.skipped)}, failed: {len(self.failed)}",
            f"place mentions: {self.mentions} ({self.unresolved} unresolved)",
            f"events: {self.events} (from {self.events_extracted} reports; {self.unlocated} without a location)",
        ]
        out += [f"skipped {path}: {reason}" for path, reason in self.skipped]
        out += [f"failed {path}: {reason}" for path, reason in self.failed]
        return out

    def __str__(self) -> str:
        return "\n".join(self.lines())


@dataclass(slots=True)
class PipelineResult:
    events: list[Event]
    documents: list[DocumentResult]
    summary: RunSummary


_worker_gazetteer_files: tuple[str, ...] = ()


def process_document(doc: Document, gazetteer_files: Sequence[str] = ()) -> DocumentResult:
    """Find places and events in one document; an unexpected error is reported, not raised."""
    from geomap.events import extract_events
    from geomap.gazetteer import load_gazetteer
    from geomap.geoparse import find_places

    try:
        gazetteer = load_gazetteer(extra=tuple(gazetteer_files))
        mentions = find_places(doc, gazetteer=gazetteer)
        events = extract_events(doc, mentions)
    except Exception as exc:  # one bad document must not lose the others
        log.exception("failed to process %s", doc.path or doc.id)
        return DocumentResult(doc, (), (), error=f"{type(exc).__name__}: {exc}")
    return DocumentResult(doc, tuple(mentions), tuple(events))


def _process_in_worker(doc: Document) -> DocumentResult:
    return process_document(doc, _worker_gazetteer_files)


def _init_worker(gazetteer_files: tuple[str, ...]) -> None:
    global _worker_gazetteer_files
    _worker_gazetteer_files = gazetteer_files


def process_documents(
    docs: Iterable[Document],
    *,
    workers: int = 1,
    gazetteer_files: Sequence[str] = (),
) -> Iterator[DocumentResult]:
    """Process documents in order, in this process (``workers=1``) or in a process pool."""
    files = tuple(str(f) for f in gazetteer_files)
    docs = iter(docs)
    head = list(itertools.islice(docs, 2))
    if workers <= 1 or len(head) < 2:  # one document is not worth starting a pool of processes
        for doc in itertools.chain(head, docs):
            yield process_document(doc, files)
        return
    with ProcessPoolExecutor(max_workers=workers, initializer=_init_worker, initargs=(files,)) as pool:
        yield from pool.map(_process_in_worker, itertools.chain(head, docs), chunksize=4)


def process_on(
    docs: Iterable[Document],
    *,
    engine: str = "local",
    workers: int | None = 1,
    scheduler: str | None = None,
    gazetteer_files: Sequence[str] = (),
) -> Iterator[DocumentResult]:
    """Process documents with the chosen engine: processes here (``workers=None``: every core) or Dask."""
    if engine == "dask":
        from geomap.dask_engine import process_documents_dask

        return process_documents_dask(docs, scheduler=scheduler, gazetteer_files=gazetteer_files)
    if engine == "local":
        return process_documents(docs, workers=workers or os.cpu_count() or 1, gazetteer_files=gazetteer_files)
    raise ValueError(f"unknown engine {engine!r}: use 'local' or 'dask'")


def run_pipeline(
    paths: Iterable[str | Path],
    *,
    published: dt.date | None = None,
    workers: int | None = 1,
    gazetteer_files: Sequence[str] = (),
    on_document: Callable[[DocumentResult], None] | None = None,
    engine: str = "local",
    scheduler: str | None = None,
) -> PipelineResult:
    """Read every document under ``paths`` and return merged events with a run summary.

    ``workers=None`` uses every core. ``on_document`` is called after each document (progress bars).
    ``engine="dask"`` runs the per-document work on a Dask cluster (``scheduler`` address, or a local
    cluster); the events are the same as a local run's.
    """
    from geomap.documents import Skip, read_documents
    from geomap.events import merge_events

    summary = RunSummary()

    def record_skip(skip: Skip) -> None:
        log.warning("skipped %s: %s", skip.path, skip.reason)
        summary.skipped.append((skip.path, skip.reason))

    docs = read_documents(paths, published=published, on_skip=record_skip)
    results: list[DocumentResult] = []
    processed = process_on(docs, engine=engine, workers=workers, scheduler=scheduler, gazetteer_files=gazetteer_files)
    for result in processed:
        results.append(result)
        summary.documents += 1
        if result.error:
            summary.failed.append((result.doc.path or result.doc.id, result.error))
        summary.mentions += len(result.mentions)
        summary.unresolved += sum(1 for m in result.mentions if m.place is None)
        summary.events_extracted += len(result.events)
        if on_document:
            on_document(result)
    events = merge_events(e for r in results for e in r.events)
    summary.events = len(events)
    summary.unlocated = sum(1 for e in events if e.place is None)
    return PipelineResult(events=events, documents=results, summary=summary)
