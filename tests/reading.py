"""What the event tests read a sentence of their own with: one document published on PUBLISHED."""

from __future__ import annotations

import datetime as dt

import geomap
from geomap.model import Document, Event

PUBLISHED = dt.date(2025, 5, 14)


def events_of(text: str) -> list[Event]:
    """The events geomap extracts from ``text`` (unmerged), with the places it finds in it."""
    doc = Document(id="t", text=text, published=PUBLISHED)
    return geomap.extract_events(doc, geomap.find_places(doc))


def types_of(text: str) -> set[str]:
    return {e.event_type for e in events_of(text)}
