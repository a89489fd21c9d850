"""geomap: news text in, a map of what happened, where and when, out.

The public API follows the pipeline, one direction of flow::

    docs = read_documents(["seeds/"])
    mentions = find_places(doc)              # places in one document
    events = extract_events(doc, mentions)   # events of one document
    events = merge_events(all_events)        # one event per real-world happening
    frame = to_geodataframe(events)
    m = make_map(events); write(events, "events.geojson")

Names are imported lazily so that ``import geomap`` stays cheap for the CLI.
"""

from __future__ import annotations

import importlib
from typing import Any

from geomap.model import Document, Event, GeoPrecision, Mention, Place, SourceRef

__version__ = "0.1.0"

_LAZY = {
    "read_documents": "geomap.documents",
    "Skip": "geomap.documents",
    "load_gazetteer": "geomap.gazetteer",
    "Gazetteer": "geomap.gazetteer",
    "OfflineGeocoder": "geomap.gazetteer.geocoder",
    "find_places": "geomap.geoparse",
    "learn_source_contexts": "geomap.geoparse",
    "SourceContext": "geomap.geoparse",
    "extract_events": "geomap.events",
    "merge_events": "geomap.events",
    "run_pipeline": "geomap.pipeline",
    "to_geodataframe": "geomap.outputs.frames",
    "to_geojson": "geomap.outputs.geojson",
    "make_map": "geomap.outputs.webmap",
    "write": "geomap.outputs.export",
    "EventStore": "geomap.store",
    "ingest": "geomap.store",
}

__all__ = ["Document", "Event", "GeoPrecision", "Mention", "Place", "SourceRef", *_LAZY]


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'geomap' has no attribute {name!r}")
    return getattr(importlib.import_module(module), name)
