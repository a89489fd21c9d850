"""Events as reporters phrase them: the people an abduction takes, the places a list names, the triggers of
captures, raids, visits and labour strikes in their usual wordings, and the figures each event owns."""

from __future__ import annotations

import datetime as dt

import pytest

import geomap
from geomap.model import Document, Event

PUBLISHED = dt.date(2025, 5, 14)


def _events(text: str, event_type: str) -> list[Event]:
    doc = Document(id="t", text=text, published=PUBLISHED)
    return [e for e in geomap.extract_events(doc, geomap.find_places(doc)) if e.event_type == event_type]


@pytest.mark.parametrize(("text", "taken"), [
    ("Gunmen took 30 hostages in a raid on a bank in Kano on Monday.", 30),
    ("At least 40 pupils were abducted from their school in Zaria on Thursday.", 40),
])
def test_an_abduction_counts_the_people_it_took(text, taken):
    (abduction,) = _events(text, "abduction")
    figure = abduction.quantities.get("arrested")
    assert (figure.get("low") if isinstance(figure, dict) else figure) == taken
