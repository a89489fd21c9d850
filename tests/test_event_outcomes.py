"""What one happening's sentences add up to: a toll told after its battle, an operation told by what it did,
the topic of an agreement, a crowd storming a building, bodies found, idioms that borrow a trigger word
(our own sentences, one or more for each class)."""

from __future__ import annotations

import pytest
from reading import events_of, types_of


def _only(events, event_type):
    found = [e for e in events if e.event_type == event_type]
    assert len(found) == 1, [(e.event_type, e.place_text, e.quantities) for e in events]
    return found[0]


@pytest.mark.parametrize("text", [
    "On 3 May 2025, rebels clashed with soldiers near Kindu, Maniema province; four soldiers were killed.",
    "On 3 May 2025, rebels clashed with soldiers near Kindu. Four soldiers were killed and two were wounded.",
    "Gunmen attacked a police post in Kindu on Saturday; four officers were killed.",
])
def test_a_toll_told_after_its_battle_is_that_battles_figure(text):
    """The dead of a battle are its toll, not a killing of their own at the region's middle."""
    events = events_of(text)
    violent = [e for e in events if e.event_type in ("strike", "clash")]
    assert len(violent) == 1, [(e.event_type, e.place_text) for e in events]
    assert violent[0].quantities.get("killed") == 4 and violent[0].place_text == "Kindu"
    toll = text.index("our") - 1  # "four"/"Four": the toll's sentence is part of the battle's evidence
    assert any(start <= toll < end for start, end in violent[0].support)


@pytest.mark.parametrize("text", [
    "Drones struck Kharkiv on Sunday. In Kherson, two people were killed.",
    "Rebels attacked a village near Kindu on Saturday. Two people were killed on Friday.",
    "Rebels attacked a base near Kindu in 2019. Two people were killed on Tuesday.",
])
def test_a_toll_of_another_place_day_or_time_is_its_own_happening(text):
    events = events_of(text)
    killings = [e for e in events if e.quantities.get("killed") == 2]
    assert len(killings) == 1 and killings[0].sub_event_type == "killing"


@pytest.mark.parametrize("text", [
    "Soldiers and militiamen exchanged fire for two hours outside Kindu on Saturday.",
    "The two sides traded heavy fire near Kindu on Saturday.",
])
def test_an_exchange_of_fire_told_with_a_verb_is_a_battle(text):
    assert _only(events_of(text), "clash").place_text == "Kindu"


def test_an_exchange_of_views_is_no_battle():
    assert not types_of("The two ministers exchanged views in Vienna on Saturday.") & {"clash", "strike"}


@pytest.mark.parametrize("text", [
    "The bodies of six fishermen with bullet wounds were found near Kindu on Saturday.",
    "Six bodies with bullet wounds were found on a riverbank near Kindu on Saturday.",
])
def test_bodies_found_shot_are_a_shooting_with_its_dead(text):
    event = _only(events_of(text), "strike")
    assert event.sub_event_type == "shooting" and event.quantities.get("killed") == 6


@pytest.mark.parametrize("text", [
    "Rioters set cars alight and looted shops in Lyon on Saturday.",
    "Supporters of the defeated candidate stormed the electoral commission in Lyon on Saturday.",
    "Farmers burned tyres outside the prefecture in Lyon on Saturday.",
])
def test_a_crowd_that_storms_burns_or_loots_riots_where_it_does(text):
    event = _only(events_of(text), "protest")
    assert event.sub_event_type == "riot" and event.place_text == "Lyon"


def test_a_storm_is_no_riot_and_special_forces_storming_is_an_attack():
    assert "protest" not in types_of("As the storm moved north, thousands of homes in Lyon lost power on Saturday.")
    assert _only(events_of("Special forces stormed a hideout in Lyon on Saturday."), "strike").place_text == "Lyon"


@pytest.mark.parametrize("text", [
    "Soldiers detained 14 men in overnight raids in Hebron.",
    "Police raided a flat in Lyon and arrested two suspects on Saturday.",
])
def test_a_raid_told_by_its_arrests_is_an_arrest(text):
    assert types_of(text) == {"arrest"}


def test_a_raid_that_kills_stays_an_attack():
    event = _only(events_of("Troops raided a village near Kindu on Saturday, killing three men."), "strike")
    assert event.quantities.get("killed") == 3


@pytest.mark.parametrize("text", [
    "The two governments signed an agreement in Oslo on the withdrawal of foreign troops from the border.",
    "The two sides agreed on the withdrawal of troops from the town of Kindu.",
])
def test_what_an_agreement_is_about_is_no_happening_of_its_own(text):
    assert types_of(text) == {"agreement"}


def test_a_withdrawal_after_an_agreement_is_still_one():
    assert "territorial_change" in types_of("After the agreement was signed, troops withdrew from Kindu on Saturday.")


@pytest.mark.parametrize("text", [
    "The visitors stormed back in Lyon on Saturday, with a late goal that killed off the match.",
    "A second goal in injury time killed off the contest in Lyon.",
])
def test_sports_idioms_that_borrow_a_trigger_report_nothing(text):
    assert not types_of(text)


@pytest.mark.parametrize("text", [
    "Officials denied on 3 May 2025 that missiles had struck an airfield near Odesa.",
    "The army denied on Saturday, 10 May, claims about the capture of Vovchansk.",
])
def test_a_denial_with_its_day_between_denies_what_follows(text):
    """The day a denial was made, told between the denial and what it denies, does not hide the denial."""
    assert not types_of(text) & {"strike", "territorial_change"}


def test_a_dated_denial_dates_the_fighting_told_after_it():
    events = events_of("Ukraine's army denied on 12 May 2025 that Russian troops had captured Vovchansk. "
                       "Heavy fighting continued near Vovchansk.")
    assert "territorial_change" not in {e.event_type for e in events}
    clash = _only(events, "clash")
    assert clash.date == "2025-05-12" and clash.place_text == "Vovchansk"


@pytest.mark.parametrize("text, place", [
    ("On 2 May 2025, armed men abducted 40 farmers from Gusau, Zamfara State.", "Gusau"),
    ("Gunmen from Mali abducted two traders near Kayes on Friday.", "Kayes"),
])
def test_where_people_are_abducted_from_is_the_scene(text, place):
    """Where people were taken from is where it happened; "Zamfara State" is a name, not someone stating it."""
    event = _only(events_of(text), "abduction")
    assert event.place_text == place and event.modality != "claimed" and event.claimant is None


@pytest.mark.parametrize("text, place", [
    ("Rescuers evacuated 300 residents from Vovchansk on Tuesday.", "Vovchansk"),
    ("Hundreds of families fled from Kindu after the fighting on Tuesday.", "Kindu"),
])
def test_where_people_are_evacuated_or_flee_from_is_the_scene(text, place):
    """The place people leave is where the evacuation or the flight happened, not a place to leave unplaced."""
    event = _only(events_of(text), "humanitarian")
    assert event.place_text == place


@pytest.mark.parametrize("text", [
    "Protesters clashed with police in Lima on Saturday.",
    "Police fought with demonstrators in Lima on Saturday.",
])
def test_a_crowd_fighting_police_is_a_riot_not_a_battle(text):
    assert types_of(text) == {"protest"} and _only(events_of(text), "protest").sub_event_type == "riot"


def test_a_battle_after_a_protest_is_dispersed_stays_a_battle():
    text = "A soldier was shot in an ambush after troops arrived to disperse a demonstration near Tulkarm."
    assert {"clash", "protest"} <= types_of(text)


@pytest.mark.parametrize("text", [
    "The minister urged the president not to sign the bill.",
    "An armed separatist group threatened to attack polling stations in Bamenda.",
])
def test_a_demand_or_threat_by_an_unnamed_office_or_group_is_a_statement(text):
    assert types_of(text) == {"statement"}


def test_a_comment_needs_a_named_speaker():
    """"The police said ..." tells of what the police report: its event, claimed by them, not a comment too."""
    assert "statement" not in types_of("Two men were killed in Lyon on Saturday, the police said.")


def test_an_agreement_told_after_a_meeting_was_reached_where_they_met():
    events = events_of("On 9 May 2025, the leaders of Chad, Niger and Mali met in Niamey. They agreed to exchange "
                       "all remaining prisoners by the end of the year.")
    agreement = _only(events, "agreement")
    assert agreement.place_text == "Niamey" and "Niamey" in agreement.summary
