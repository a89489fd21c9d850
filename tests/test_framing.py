"""Triggers that name an event without reporting one: talk of talks, habits and running totals."""

from __future__ import annotations

import datetime as dt

import pytest

import geomap
from geomap.model import Document


def _types(text: str) -> set[str]:
    doc = Document(id="framing", text=text, published=dt.date(2025, 3, 4))
    return {e.event_type for e in geomap.extract_events(doc, geomap.find_places(doc))}


@pytest.mark.parametrize("text", [
    "Foreign Minister Mihai Popsoi said Moldova must have a seat at any negotiations on the region.",
    "\u201cWe want peace talks to start now,\u201d Chancellor Karl Nehammer told reporters in Vienna.",
    "The president urged his allies not to forget Georgia in future talks with Moscow.",
])
def test_talk_of_talks_is_a_statement_not_a_meeting(text):
    assert _types(text) == {"statement"}


@pytest.mark.parametrize("text", [
    "The chancellor said after talks with the Polish premier in Warsaw that the border would stay open.",
    "Envoys from both sides held talks in Ankara on Monday.",
    "The two ministers met in Vilnius on Tuesday.",
    "\u201cThe door stays open,\u201d Chancellor Karl Nehammer told journalists after a day of talks with Serbian officials in Belgrade.",
    "Officials in Beirut said a new round of negotiations took place on Sunday.",
])
def test_talks_that_happened_are_meetings(text):
    assert "meeting" in _types(text)


def test_a_habit_is_no_event():
    assert _types("Defence ministers of the alliance often meet in Brussels.") == set()
    assert _types("Their meetings usually lead to new military aid pledges.") == set()
    assert "meeting" in _types("Defence ministers of the alliance met in Brussels on Monday.")


def test_a_gathering_inside_a_compound_word_is_no_meeting():
    assert "meeting" not in _types("Police in Lviv said an intelligence-gathering operation led to two arrests.")


def test_a_place_naming_the_event_is_its_scene_even_after_from():
    doc = Document(id="scene", text="Hopes of a ceasefire emerging from the Istanbul conference faded.",
                   published=dt.date(2025, 3, 4))
    (meeting,) = [e for e in geomap.extract_events(doc, geomap.find_places(doc)) if e.event_type == "meeting"]
    assert meeting.place is not None and meeting.place.name == "Istanbul"


@pytest.mark.parametrize("text", [
    "The blaze in the Lviv warehouse was brought under control on Friday.",
    "The rowing club holds its yearly dinner in Bristol on Monday.",
    "The courier lost control of the van near Leeds on Monday.",
])
def test_control_of_no_land_is_no_territory_held(text):
    assert "territorial_control" not in _types(text)


@pytest.mark.parametrize("text", [
    "Rebel fighters control most of the countryside around Idlib.",
    "The villages north of Kharkiv remain under Russian control.",
    "The army holds the hills above Kupiansk.",
])
def test_control_of_land_is_territory_held(text):
    assert "territorial_control" in _types(text)


@pytest.mark.parametrize(("text", "kind"), [
    ("Rebels captured the town of Kostiantynivka on Monday.", "territorial_change"),
    ("The army seized Bakhmut on Monday.", "territorial_change"),
    ("Avdiivka, captured by Russian forces on Monday, lies in ruins.", "territorial_change"),
    ("The smuggler was captured by border guards near Uzhhorod on Monday.", "arrest"),
    ("Troops captured two saboteurs near Kupiansk on Monday.", "arrest"),
])
def test_a_capture_takes_land_or_people(text, kind):
    assert kind in _types(text) and ({"territorial_change", "arrest"} - {kind}).isdisjoint(_types(text))


def test_a_capture_of_neither_is_no_event():
    assert _types("The film captured the imagination of audiences in Lviv on Monday.") == set()
    assert _types("The cyclist captured her first stage win in Nice on Monday.") == set()


def test_a_fight_of_another_kind_is_no_clash():
    assert "clash" not in _types("The champion fought back tears in Oslo on Monday.")
    assert "clash" not in _types("The Royal Battle in Las Vegas opens with three bouts on Monday.")


def test_a_political_clash_is_no_armed_clash():
    assert "clash" not in _types("The two governments have clashed repeatedly over trade in Brussels.")
    # a physical one of a crowd with police is a riot (tests/test_event_outcomes.py)
    assert "protest" in _types("Protesters clashed with police in Tbilisi on Monday.")


@pytest.mark.parametrize("text", [
    "More than 30,000 people have died in the conflict, and a million have been displaced.",
    "Since 2014, the war has killed more than 14,000 people in the east.",
    "The air campaign has killed at least 70 people since the start of the year, a monitor said.",
])
def test_a_running_total_of_a_war_is_no_event(text):
    assert _types(text) <= {"statement"}


def test_a_running_total_does_not_become_the_toll_of_the_attack_told_before():
    doc = Document(id="framing", text=("Gunmen attacked an army post near Monguno on Sunday, killing six soldiers. "
                                       "More than 30,000 people have died in the insurgency."),
                   published=dt.date(2025, 3, 4))
    tolls = [e.quantities.get("killed") for e in geomap.extract_events(doc, geomap.find_places(doc))
             if e.event_type in ("strike", "clash")]
    assert tolls == [6]


@pytest.mark.parametrize("text", [
    "Russian missiles have killed five people in Kharkiv, the governor said on Monday.",
    "In the latest escalation of the war, drones killed three people in Sumy on Monday.",
])
def test_a_toll_of_one_attack_is_still_an_event(text):
    assert "strike" in _types(text)
