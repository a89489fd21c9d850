"""A process pool finds what one process finds: the same places and events for every document, in input order."""

from __future__ import annotations

import datetime as dt
import multiprocessing

import pytest

import geomap.pipeline as pipeline
from geomap.model import Document

TEXTS = [
    "Russian drones hit Kyiv overnight, officials said on Monday. Two people were killed.",
    "Protesters gathered in Lagos on Tuesday to demand the release of detained journalists.",
    "Shelling of Kharkiv wounded five civilians, the regional governor said.",
    "Gunmen attacked a village near Maiduguri, killing at least 12 people.",
    "The talks in Geneva ended without an agreement.",
]


def _docs() -> list[Document]:
    published = dt.date(2024, 3, 4)
    return [Document(id=f"d{k}", text=text, published=published) for k, text in enumerate(TEXTS * 2)]


@pytest.mark.parametrize("start", ["fork", "spawn"])
def test_a_pool_gives_the_results_of_one_process(start: str, monkeypatch: pytest.MonkeyPatch) -> None:
    if start not in multiprocessing.get_all_start_methods():
        pytest.skip(f"no {start} start method here")
    docs = _docs()
    one = list(pipeline.process_documents(docs, workers=1))
    # the pool and the choice of reading the first document here both follow the default start method
    monkeypatch.setattr(pipeline.multiprocessing, "get_start_method", lambda: start)
    monkeypatch.setattr(pipeline, "ProcessPoolExecutor", _executor_with(start))
    pooled = list(pipeline.process_documents(docs, workers=2))
    assert pooled == one
    assert [r.doc for r in pooled] == docs
    assert sum(len(r.events) for r in pooled) > 0 and not any(r.error for r in pooled)


def _executor_with(start: str) -> type:
    class Executor(pipeline.ProcessPoolExecutor):
        def __init__(self, *args: object, **kwargs: object) -> None:
            super().__init__(*args, mp_context=multiprocessing.get_context(start), **kwargs)

    return Executor
