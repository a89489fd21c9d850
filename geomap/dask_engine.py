"""The same pipeline on a Dask cluster (``dask.distributed``), and partitioned GeoParquet for dask-geopandas.

Documents are read where the run starts and sent to the workers in batches; each worker loads the
gazetteer once (building its index on first use, as everywhere) and runs :func:`process_document`
unchanged, so the events equal those of a local run. Merging needs every event at once and happens
back on the client.

On a real cluster every worker needs geomap installed (``pip install geomap[dask]``) and any
``--gazetteer`` file at the same path; point the run at the scheduler with ``scheduler="tcp://host:8786"``
(``--engine dask --scheduler tcp://host:8786`` on the command line). Without a scheduler address a
``LocalCluster`` with one single-threaded worker process per core is started for the run.
"""

from __future__ import annotations

import contextlib
import itertools
import os
from collections.abc import Iterable, Iterator, Mapping, Sequence
from pathlib import Path

from geomap.geoparse import SourceContext
from geomap.model import Document, Event
from geomap.pipeline import DocumentResult, process_document, with_contexts

BATCH_SIZE = 16  # documents per task: large enough to amortise scheduling, small enough to balance


def _process_batch(
    jobs: list[tuple[Document, SourceContext | None]], gazetteer_files: tuple[str, ...]
) -> list[DocumentResult]:
    return [process_document(doc, gazetteer_files, context) for doc, context in jobs]


@contextlib.contextmanager
def dask_client(scheduler: str | None = None) -> Iterator:
    """A client of the cluster at ``scheduler``, or of a local cluster started (and stopped) for the run."""
    from distributed import Client, LocalCluster

    if scheduler:
        with Client(scheduler) as client:
            yield client
        return
    workers = os.cpu_count() or 1
    with LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None) as cluster:
        with Client(cluster) as client:
            yield client


def process_documents_dask(
    docs: Iterable[Document],
    *,
    scheduler: str | None = None,
    gazetteer_files: Sequence[str] = (),
    batch_size: int = BATCH_SIZE,
    contexts: Mapping[str, SourceContext] | None = None,
) -> Iterator[DocumentResult]:
    """Process documents on a Dask cluster; results come back in input order."""
    files = tuple(str(f) for f in gazetteer_files)
    with dask_client(scheduler) as client:
        futures = []
        jobs = with_contexts(docs, contexts)
        while batch := list(itertools.islice(jobs, batch_size)):
            futures.append(client.submit(_process_batch, batch, files, pure=False))
        for future in futures:
            yield from future.result()
            future.release()


def write_partitioned_parquet(events: Sequence[Event], directory: str | Path, partitions: int | None = None) -> Path:
    """Write events as a directory of GeoParquet partitions that ``dask_geopandas.read_parquet`` reads.

    Nested fields are JSON text, as in the single-file GeoParquet export. The directory is written
    next to its final place and renamed into it, so a failed write leaves no half-written dataset.
    """
    import shutil
    import tempfile

    import dask_geopandas

    from geomap.outputs.export import flat_frame

    directory = Path(directory)
    frame = flat_frame(list(events))
    count = partitions or max(1, min(os.cpu_count() or 1, len(frame) // 1000 + 1))
    staging = Path(tempfile.mkdtemp(prefix=f".{directory.name}-", dir=directory.parent))
    try:
        dask_geopandas.from_geopandas(frame, npartitions=count).to_parquet(staging / "data")
        if directory.exists():
            shutil.rmtree(directory)
        os.replace(staging / "data", directory)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return directory
