"""The pipeline's batch steps collect young objects less often, and leave the caller's setting as they found it."""

from __future__ import annotations

import gc

from geomap.collector import YOUNG_OBJECTS_COLLECTED_AFTER, fewer_collections
from geomap.model import Document
from geomap.pipeline import process_documents


def test_blocks_ending_in_any_order_restore_the_callers_setting() -> None:
    before = gc.get_threshold()
    first, second = fewer_collections(), fewer_collections()
    first.__enter__()
    second.__enter__()
    assert gc.get_threshold()[0] == max(before[0], YOUNG_OBJECTS_COLLECTED_AFTER)
    first.__exit__(None, None, None)  # two generators consumed in turns: the first ends before the second
    assert gc.get_threshold()[0] == max(before[0], YOUNG_OBJECTS_COLLECTED_AFTER)
    second.__exit__(None, None, None)
    assert gc.get_threshold() == before


def test_processing_documents_leaves_the_threshold_as_it_was() -> None:
    before = gc.get_threshold()
    docs = [Document(id=str(k), text="Russian drones hit Kyiv overnight.") for k in range(3)]
    assert len(list(process_documents(docs, workers=1))) == 3
    assert gc.get_threshold() == before
