"""Reports told together: two joined by "and" in one sentence are each their own event at their own place,
with their own date and figures; a list of places under one trigger, or two names joined in a phrase, stays
one report; a toll told after a list of places is the whole attack's."""

from __future__ import annotations

import datetime as dt

import pytest

import geomap
from geomap.model import Document

PUBLISHED = dt.date(2025, 2, 14)  # a Friday


def _events(text: str) -> list:
    doc = Document(id="t", text=text, published=PUBLISHED)
    return [e for e in geomap.extract_events(doc, geomap.find_places(doc)) if e.event_type != "statement"]


@pytest.mark.parametrize(
    "sentence, expected",
    [
        ("Russian forces shelled Kherson and struck Mykolaiv with drones overnight.",
         {("strike", "Kherson"), ("strike", "Mykolayiv")}),
        ("Artillery pounded Avdiivka on Monday and Russian jets bombed Marinka.",
         {("strike", "Avdiyivka"), ("strike", "Mar'yinka")}),
        ("Ukrainian troops retook Robotyne and advanced toward Verbove on Tuesday.",
         {("territorial_change", "Robotyne"), ("territorial_change", "Verbove")}),
    ],
)
def test_each_side_of_the_and_is_a_report_at_its_own_place(sentence, expected):
    assert {(e.event_type, e.place.name) for e in _events(sentence) if e.place is not None} == expected


def test_a_side_without_a_weapon_of_its_own_has_the_sentences():
    """"one hit Izium": the missiles the sentence counted, and the governor's claim, hold for both sides."""
    events = _events("Three missiles fell short, two struck Kharkiv and one hit Izium, the governor said.")
    assert {e.place.name for e in events} == {"Kharkiv", "Izyum"}
    assert {(e.sub_event_type, e.modality, e.claimant) for e in events} == {("missile_attack", "claimed", "governor")}


def test_a_day_named_on_one_side_dates_only_that_side():
    events = {e.place.name: e for e in _events("Rebels took over Kunduz on Monday, and have now seized parts "
                                                  "of Baghlan.")}
    assert events["Kunduz"].date == "2025-02-10"
    assert events["Baghlān"].date == PUBLISHED.isoformat()


def test_figures_stay_with_the_side_that_states_them():
    events = {e.place.name: e for e in _events("Shelling killed two civilians in Kherson, and a drone struck "
                                                  "Sumy on Thursday, wounding four.") if e.place is not None}
    assert events["Kherson"].quantities == {"killed": 2}
    assert events["Sumy"].quantities == {"injured": 4}


@pytest.mark.parametrize(
    "sentence, places",
    [
        # one trigger over a list of places: one event per place
        ("Russian missiles struck Kyiv and Lviv, killing five people.", ["Kyiv", "Lviv"]),
        # two names joined in a phrase: one report, of no one place
        ("Fighting raged between Bakhmut and Soledar on Tuesday.", [None]),
    ],
)
def test_a_list_or_a_phrase_of_two_names_is_not_cut(sentence, places):
    assert sorted(e.place.name if e.place else None for e in _events(sentence)) == places


def test_a_toll_told_after_a_list_of_regions_belongs_to_the_whole_attack():
    """"The regions of A, B and C were attacked. Seven were injured": the toll is the whole night's, not the
    last region's; with no report of the whole, it stays with the list's last place as before."""
    text = ("Russia fired 60 missiles and 300 drones at Ukraine overnight, the air force said.\n"
            "The governor said the regions of Poltava, Sumy and Chernihiv were attacked. At least seven people "
            "were injured, he said.")
    strikes = {e.place.name: e for e in _events(text) if e.place is not None}
    assert strikes["Ukraine"].quantities["injured"] == {"low": 7}
    assert all("injured" not in strikes[r].quantities for r in ("Poltava Oblast", "Sumy Oblast", "Chernihiv Oblast"))
    alone = {e.place.name: e for e in _events(text.split("\n", 1)[1]) if e.place is not None}
    assert alone["Chernihiv Oblast"].quantities["injured"] == {"low": 7}


def test_an_earlier_attack_told_after_after_is_its_own_report():
    events = {e.place.name: e for e in _events("Ukraine struck Belgorod on Tuesday after Russia shelled Kharkiv.")}
    assert set(events) == {"Belgorod", "Kharkiv"}
    # the next part's weapon is not this one's: shelling is Kharkiv's
    assert (events["Belgorod"].sub_event_type, events["Kharkiv"].sub_event_type) == ("attack", "shelling")


def test_the_day_of_a_happening_told_as_the_time_of_another_is_its_own():
    """"following Sunday's shelling of Sumy": Sunday is the shelling's, neither the strike's nor the story's;
    "one day after taking over Kunduz" dates what it introduces."""
    events = {e.place.name: e.date for e in _events("Drones struck Kharkiv, following Sunday's shelling of Sumy.")}
    assert events == {"Kharkiv": PUBLISHED.isoformat(), "Sumy": "2025-02-09"}
    events = {e.place.name: e.date for e in _events("Rebels seized Taloqan on Wednesday, one day after taking "
                                                       "over Kunduz.")}
    assert events == {"Taloqan": "2025-02-12", "Kunduz": "2025-02-11"}


def test_after_a_span_of_fighting_names_no_second_scene():
    events = _events("Russian forces captured Avdiivka after months of fighting.")
    assert [(e.event_type, e.place.name) for e in events if e.place is not None] == [("territorial_change", "Avdiyivka")]
