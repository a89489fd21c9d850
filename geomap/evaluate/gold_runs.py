"""Run geomap over a gold folder once, in this process, and score its events and its places.

Each document goes through the public API exactly as ``geomap.run_pipeline([path])`` takes it (read,
find places, extract events, merge), with one gazetteer for the whole run, so that a corpus of sixty
documents is scored in seconds and agrees with a run of the command line.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import geomap
from geomap.evaluate.event_gold import GoldDocument, read_gold_folder
from geomap.evaluate.event_scoring import score_documents
from geomap.evaluate.place_scoring import score_gold_places
from geomap.gazetteer import Gazetteer
from geomap.model import Event, Mention


@dataclass(frozen=True, slots=True)
class DocumentRun:
    gold: GoldDocument
    mentions: tuple[Mention, ...]
    events: tuple[Event, ...]


def run_gold_folder(docs: Sequence[GoldDocument], gazetteer: Gazetteer) -> list[DocumentRun]:
    runs = []
    for gold in docs:
        # a text that cannot be read is scored as a document with nothing found, and said so by its misses
        doc = next(iter(geomap.read_documents([gold.text_path])), None)
        if doc is None:
            runs.append(DocumentRun(gold, (), ()))
            continue
        mentions = geomap.find_places(doc, gazetteer=gazetteer)
        events = geomap.merge_events(geomap.extract_events(doc, mentions, gazetteer))
        runs.append(DocumentRun(gold, tuple(mentions), tuple(events)))
    return runs


def gold_folder_rows(
    corpus: str, folder: Path, gazetteer: Gazetteer, show_errors: bool = False
) -> tuple[list[tuple[str, str, str]], list[str]]:
    """Table rows of the events and places scores of one gold folder, and the error lines when asked."""
    if not folder.is_dir():
        return [(corpus, "skipped", f"{folder} not found")], []
    runs = run_gold_folder(read_gold_folder(folder), gazetteer)
    events = score_documents((r.gold, r.events) for r in runs)
    places = score_gold_places(((r.gold, r.mentions) for r in runs), gazetteer)
    rows = [(corpus, metric, value) for metric, value in events.rows()]
    rows += [(f"{corpus} places", metric, value) for metric, value in places.rows()]
    errors: list[str] = []
    if show_errors:
        errors = [f"{corpus}: {line}" for line in events.error_lines() + places.error_lines()]
    return rows, errors
