"""The whole pipeline over many documents: read -> find places -> extract events -> merge.

Per-document work (:func:`process_document`) is pure and picklable, so it runs the same in
this process, in a process pool, or on a Dask cluster; only merging needs all events at once.
"""

from __future__ import annotations

import datetime as dt
import gc
import itertools
import logging
import multiprocessing
import os
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from geomap.collector import YOUNG_OBJECTS_COLLECTED_AFTER, fewer_collections
from geomap.model import Document, Event, Mention

if TYPE_CHECKING:
    from geomap.gazetteer import Gazetteer
    from geomap.geoparse import SourceContext

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
_worker_gazetteer: Gazetteer | None = None


def process_document(
    doc: Document, gazetteer_files: Sequence[str] = (), context: SourceContext | None = None, *,
    gazetteer: Gazetteer | None = None,
) -> DocumentResult:
    """Find places and events in one document; an unexpected error is reported, not raised.

    ``context`` says what the document's source is about (:func:`geomap.geoparse.learn_source_contexts`).
    ``gazetteer``: the one ``gazetteer_files`` load, when the caller has it (a run of many loads it once)."""
    from geomap.events import extract_events
    from geomap.gazetteer import load_gazetteer
    from geomap.geoparse import find_places

    try:
        if gazetteer is None:
            gazetteer = load_gazetteer(extra=tuple(gazetteer_files))
        mentions = find_places(doc, gazetteer=gazetteer, context=context)
        events = extract_events(doc, mentions, gazetteer)  # user files count for events too
    except Exception as exc:  # one bad document must not lose the others
        log.exception("failed to process %s", doc.path or doc.id)
        return DocumentResult(doc, (), (), error=f"{type(exc).__name__}: {exc}")
    return DocumentResult(doc, tuple(mentions), tuple(events))


# what a pool worker sends back: a DocumentResult without its document, which the parent still holds (sending it
# back too was a third of the bytes pickled in the worker and unpickled in the parent)
_Found = tuple[tuple[Mention, ...], tuple[Event, ...], str | None]


def _process_in_worker(job: tuple[Document, SourceContext | None]) -> _Found:
    global _worker_gazetteer
    if _worker_gazetteer is None:
        _worker_gazetteer = _gazetteer_of_run(_worker_gazetteer_files)
    result = process_document(job[0], _worker_gazetteer_files, job[1], gazetteer=_worker_gazetteer)
    _freeze_long_lived()
    return result.mentions, result.events, result.error


_long_lived_frozen = False


def _freeze_long_lived() -> None:
    """Once per process, after its first document: the gazetteer, lexicons and word tables are loaded by then and
    live as long as the process, so they leave the collector's generations (``gc.freeze``) and a full collection
    no longer walks them (a few per cent of a long run)."""
    global _long_lived_frozen
    if not _long_lived_frozen:
        _long_lived_frozen = True
        gc.freeze()


def _init_worker(gazetteer_files: tuple[str, ...]) -> None:
    global _worker_gazetteer_files
    _worker_gazetteer_files = gazetteer_files
    gc.set_threshold(YOUNG_OBJECTS_COLLECTED_AFTER, *gc.get_threshold()[1:])  # the pool's own process, for good


def process_documents(
    docs: Iterable[Document],
    *,
    workers: int = 1,
    gazetteer_files: Sequence[str] = (),
    contexts: Mapping[str, SourceContext] | None = None,
) -> Iterator[DocumentResult]:
    """Process documents in order, in this process (``workers=1``) or in a process pool.

    ``contexts`` maps a source (:func:`geomap.geoparse.source_of`) to what it is about."""
    files = tuple(str(f) for f in gazetteer_files)
    jobs = with_contexts(docs, contexts)
    head = list(itertools.islice(jobs, 2))
    if workers <= 1 or len(head) < 2:  # one document is not worth starting a pool of processes
        yield from _in_this_process(itertools.chain(head, jobs), files)
        return
    if multiprocessing.get_start_method() == "fork":
        # read here, the first document loads the gazetteer, lexicons and word tables once for every forked worker to
        # inherit, instead of each loading them again (0.9 s a worker); spawned workers import everything anyway
        yield from _in_this_process(head[:1], files)
        del head[0]
    # the executor takes every job at once anyway, so holding the list costs nothing more
    every = [*head, *jobs]
    with ProcessPoolExecutor(max_workers=workers, initializer=_init_worker, initargs=(files,)) as pool:
        with fewer_collections():  # unpickling results here makes as many young objects as processing does there
            for (doc, _), (mentions, events, error) in zip(every, pool.map(_process_in_worker, every, chunksize=4),
                                                          strict=True):
                yield DocumentResult(doc, mentions, events, error)


def _in_this_process(jobs: Iterable[tuple[Document, SourceContext | None]], files: tuple[str, ...]
                     ) -> Iterator[DocumentResult]:
    """Documents read here, with one gazetteer load (none without documents) and the collector tuned for a batch."""
    jobs = iter(jobs)
    first = next(jobs, None)
    if first is None:
        return
    gazetteer = _gazetteer_of_run(files)
    with fewer_collections():
        for doc, context in itertools.chain([first], jobs):
            yield process_document(doc, files, context, gazetteer=gazetteer)
            _freeze_long_lived()


def _gazetteer_of_run(files: tuple[str, ...]) -> Gazetteer | None:
    """The gazetteer every document of a run is read with, loaded once (a load looks for added dumps on disk);
    None when it cannot be loaded, so that each document reports why."""
    from geomap.gazetteer import load_gazetteer

    try:
        return load_gazetteer(extra=files)
    except Exception:  # reported with each document by process_document
        return None


def with_contexts(
    docs: Iterable[Document], contexts: Mapping[str, SourceContext] | None
) -> Iterator[tuple[Document, SourceContext | None]]:
    """Each document with its source's context, if one was learned."""
    from geomap.geoparse import source_of

    for doc in docs:
        source = source_of(doc) if contexts else None
        yield doc, (contexts.get(source) if contexts and source else None)


def process_on(
    docs: Iterable[Document],
    *,
    engine: str = "local",
    workers: int | None = 1,
    scheduler: str | None = None,
    gazetteer_files: Sequence[str] = (),
    learn_sources: bool = True,
) -> Iterator[DocumentResult]:
    """Process documents with the chosen engine: processes here (``workers=None``: every core) or Dask.

    With ``learn_sources``, documents that share a source are first read once (with the local processes;
    on this machine for Dask) to learn what the source is about (see :mod:`geomap.geoparse.context`); each
    is then resolved with that context."""
    if engine not in ("local", "dask"):
        raise ValueError(f"unknown engine {engine!r}: use 'local' or 'dask'")
    files = tuple(str(f) for f in gazetteer_files)
    workers = workers or os.cpu_count() or 1
    contexts: dict[str, SourceContext] = {}
    if learn_sources:
        from geomap.gazetteer import load_gazetteer
        from geomap.geoparse import learn_source_contexts

        docs = list(docs)
        contexts = learn_source_contexts(docs, load_gazetteer(extra=files),
                                         _first_reading(workers if engine == "local" else 1, files))
    if engine == "dask":
        from geomap.dask_engine import process_documents_dask

        return process_documents_dask(docs, scheduler=scheduler, gazetteer_files=gazetteer_files, contexts=contexts)
    return process_documents(docs, workers=workers, gazetteer_files=gazetteer_files, contexts=contexts)


def _first_reading(workers: int, files: tuple[str, ...]) -> Callable[[list[Document]], list[list[Mention]]]:
    """Places only, of many documents, on ``workers`` processes; a document that fails adds nothing."""
    def read(docs: list[Document]) -> list[list[Mention]]:
        if workers <= 1 or len(docs) < 2 * workers:
            return [_places_in_worker(doc, files) for doc in docs]
        with ProcessPoolExecutor(max_workers=workers, initializer=_init_worker, initargs=(files,)) as pool:
            return list(pool.map(_places_in_worker, docs, itertools.repeat(files), chunksize=8))
    return read


def _places_in_worker(doc: Document, files: tuple[str, ...]) -> list[Mention]:
    from geomap.gazetteer import load_gazetteer
    from geomap.geoparse import find_places

    try:
        return find_places(doc, load_gazetteer(extra=files))
    except Exception:  # the second reading reports the failure; here the document only adds no context
        log.debug("first reading of %s failed", doc.path or doc.id, exc_info=True)
        return []


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
        summary.skipped.append((skip.path, skip.reason))  # listed once, in the summary

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
