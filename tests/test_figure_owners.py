"""Whose figures are whose in one sentence: a figure goes to the nearest event that can hold it, a thing seized
is no captive, a release frees people (not figures or footage), and a campaign's toll is no single strike's
(our own sentences, one or more for each class)."""

from __future__ import annotations

import datetime as dt

import pytest
from reading import PUBLISHED, events_of

import geomap
from geomap.events.quantities import extract_quantities
from geomap.model import Document


def _of_type(events, event_type):
    return [e for e in events if e.event_type == event_type]


@pytest.mark.parametrize("text", [
    "Soldiers raided a village near Kidal on Tuesday, killing three men and detaining six.",
    "Militiamen stormed a market in Kidal on Tuesday, killing three traders and arresting six others.",
])
def test_the_dead_of_a_raid_stay_with_it_when_its_arrests_come_nearer(text):
    events = events_of(text)
    violent = [e for e in events if e.event_type in ("strike", "clash")]
    arrests = _of_type(events, "arrest")
    assert len(violent) == 1 and violent[0].quantities.get("killed") == 3
    assert len(arrests) == 1 and arrests[0].quantities.get("arrested") == 6
    assert "killed" not in arrests[0].quantities


@pytest.mark.parametrize("text, held", [
    ("Customs officers seized 4,200 cartons of cigarettes and arrested 11 people.", 11),
    ("Police took 3 hours to search the house and detained two suspects.", 2),
    ("The gunmen seized 14 Yazidis near Sinjar.", 14),
    ("Rebels captured 12 soldiers and three tanks.", 12),
    ("Bandits kidnapped 25 commuters on the highway.", 25),
])
def test_what_is_seized_counts_as_people_only_when_it_is_people(text, held):
    assert extract_quantities(text).get("arrested") == held


@pytest.mark.parametrize("text, released", [
    ("The rebels released 40 prisoners of war near Kupiansk on Saturday.", True),
    ("Six hostages were released by the kidnappers in Zaria on Friday.", True),
    ("A gunman held 12 passengers on a bus in Tula and released six of the passengers.", True),
    ("Police in Tula released the names of the victims on Monday.", False),
    ("The armed group released a video of the ambush near Zaria.", False),
    ("Air strikes killed nine people in Zaria, according to figures released by the rebels.", False),
    ("The army released a statement on the shelling of Kupiansk.", False),
])
def test_a_release_frees_people_not_footage_or_figures(text, released):
    assert bool(_of_type(events_of(text), "humanitarian")) is released


def test_a_campaigns_toll_is_not_added_to_one_strike_of_it():
    text = ("An air strike hit a house in Saada on Sunday night, killing five people, the rebels said. "
            "The campaign of air strikes against the rebels has killed at least 90 people, according to the "
            "rebels.")
    doc = Document(id="t", text=text, published=PUBLISHED)
    merged = geomap.merge_events(geomap.extract_events(doc, geomap.find_places(doc)))
    tolls = sorted(e.quantities["killed"] if isinstance(e.quantities["killed"], int) else
                   e.quantities["killed"]["low"] for e in merged if "killed" in e.quantities)
    assert tolls == [5, 90]


def test_a_later_toll_of_the_same_strike_still_updates_it():
    """A toll told again of the one strike is an update of it, not a campaign."""
    text = ("An air strike hit a house in Saada on Sunday night, killing five people. "
            "The toll from the strike in Saada rose to 12, health officials said.")
    doc = Document(id="t", text=text, published=dt.date(2025, 5, 12))
    merged = geomap.merge_events(geomap.extract_events(doc, geomap.find_places(doc)))
    strikes = _of_type(merged, "strike")
    assert len(strikes) == 1 and strikes[0].quantities.get("killed") == 12
