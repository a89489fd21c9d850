"""How a clause's trigger is read beyond its own words: the past of prisoners an exchange frees, an advance
tried on the ground, who holds a place said in passing, a launcher, weapons told again, arms or money handed
over, annexations and wars of a stated year, and phrases whose past form the lemmatiser does not join
(our own sentences, one or more for each class)."""

from __future__ import annotations

import pytest
from reading import events_of as _events
from reading import types_of as _types

from geomap.events.extract import classify


@pytest.mark.parametrize("text", [
    "Among those freed in the swap were marines captured at Kinburn Spit and medics detained during the "
    "battle of Avdiivka.",
    "Soldiers captured in Bakhmut last year were released in the prisoner exchange.",
])
def test_how_released_prisoners_were_taken_is_no_arrest_nor_battle(text):
    """A prisoner exchange says whom it frees by how they were once taken: that is their past."""
    assert not _types(text) & {"arrest", "abduction", "clash", "strike"}


@pytest.mark.parametrize("text", [
    "Police arrested five men in Kharkiv on Tuesday.",
    "Three men detained in Kyiv on Monday were charged with spying.",
    "Police detained three men at a checkpoint in Kharkiv, and later released one of them.",
])
def test_an_arrest_told_beside_no_exchange_or_as_the_clauses_own_act_stays_an_arrest(text):
    assert "arrest" in _types(text)


@pytest.mark.parametrize("text, place", [
    ("Russian forces were trying to advance toward Vuhledar on Sunday.", "Vuhledar"),
    ("On Monday the brigade attempted to recapture Chasiv Yar.", "Chasiv Yar"),
])
def test_an_advance_tried_on_the_ground_is_a_battle_there_not_a_change_of_control(text, place):
    (event,) = _events(text)
    assert (event.event_type, event.place.name, event.modality) == ("clash", place, "asserted")


@pytest.mark.parametrize("text", [
    "Analysts said Russian forces could try to encircle Vuhledar in the coming months.",
    "Russian forces will try to capture Chasiv Yar.",
    "The militants plotted to seize the airport at Vuhledar.",
])
def test_an_attempt_only_meant_or_foreseen_is_no_battle(text):
    assert not _types(text) & {"clash", "territorial_change", "strike"}


@pytest.mark.parametrize("text", [
    "Families have fled to villages in the hills controlled by the militia.",
    "The army launched an offensive against the rebel-controlled town of Myitkyina on Tuesday.",
    "Areas held by Russian forces were shelled on Monday.",
])
def test_who_holds_a_place_said_in_passing_is_no_report_of_control(text):
    assert "territorial_control" not in _types(text)


@pytest.mark.parametrize("text", [
    "The rebels now control Myitkyina, the group said.",
    "The town is now controlled by the rebels, the group said.",
])
def test_control_the_clause_asserts_is_reported(text):
    assert "territorial_control" in _types(text)


def test_a_launcher_named_by_what_it_does_is_no_launch():
    assert not [f for f in classify("Engineers moved the rockets to a new launch site near the coast.")]
    (strike,) = [f for f in classify("The rockets were fired from a truck-mounted launch system.")
                 if f.event_type == "strike"]
    assert strike.trigger.text == "fired" and strike.passive


def test_weapons_named_again_as_a_passive_subject_tell_of_the_strike_before():
    """"the rockets were fired from ...": the item's strike told again, not a second one where it fell back."""
    text = ("Officials said 12 soldiers were killed on Tuesday in a rocket strike in Zaporizhzhia region. Others "
            "said the depot was in Luhansk region. Witnesses said the rockets were fired from a mobile launch system.")
    strikes = [e for e in _events(text) if e.event_type == "strike"]
    assert len(strikes) == 1 and strikes[0].quantities == {"killed": 12} and len(strikes[0].support) == 2


@pytest.mark.parametrize("text", [
    "Berlin will send Moldova at least €40m in new equipment.",
    "Norway has approved supplying artillery shells to Ukraine.",
    "Iran supplied hundreds of drones to Russia last year.",
])
def test_arms_or_money_handed_to_a_named_recipient_is_aid(text):
    assert "aid" in _types(text)


@pytest.mark.parametrize("text", [
    "Russia sent 40 drones at Kyiv overnight.",
    "Volunteers delivered food parcels to Kharkiv on Monday.",
    "The unit was sent to Bakhmut in March.",
])
def test_weapons_aimed_at_a_place_or_goods_without_arms_or_money_are_no_aid(text):
    assert "aid" not in _types(text)


@pytest.mark.parametrize("text, event_type, date", [
    ("Russia annexed Crimea in 2014.", "territorial_change", "2014"),
    ("The PKK has waged an insurgency in Turkey since 1984.", "clash", "1984"),
])
def test_an_annexation_and_a_war_begun_in_a_year_are_events_of_that_year(text, event_type, date):
    (event,) = [e for e in _events(text) if e.event_type == event_type]
    assert (event.date, event.modality) == (date, "background")


@pytest.mark.parametrize("text", [
    "The insurgency in Mozambique has displaced thousands.",  # no year: no battle of its own
    "Ukraine has asked for more air defence, as it did back in 2022.",  # "back in": a time, not backing
])
def test_a_war_named_without_its_year_or_back_in_a_year_reports_no_battle_nor_backing(text):
    assert not _types(text) & {"clash", "statement"}


@pytest.mark.parametrize("text, event_type, sub_type", [
    ("Air defences have shot down 30 drones over the Belgorod region.", "interception", "shot_down"),
    ("A teenager was shot dead by a sniper near the fence.", "strike", "shooting"),
])
def test_the_past_forms_of_shoot_down_and_shoot_dead_are_those_phrases(text, event_type, sub_type):
    assert [(f.event_type, f.sub_event_type) for f in classify(text)] == [(event_type, sub_type)]


# -- a claim by a pronoun is the claim of whoever the item named last ------------------------------------------
def test_a_pronoun_claimant_is_the_one_named_before_not_the_pronoun():
    (change,) = [e for e in _events("Ukraine’s defence ministry briefed reporters on Monday. She also said that "
                                    "Ukrainian troops had recaptured Andriivka.") if e.event_type == "territorial_change"]
    assert change.modality == "claimed" and change.claimant == "Ukraine"


def test_a_pronoun_claimant_with_no_one_named_before_is_left_unnamed():
    (change,) = [e for e in _events("She also said that Ukrainian troops had recaptured Andriivka.")
                 if e.event_type == "territorial_change"]
    assert change.modality == "claimed" and change.claimant is None


# -- a vow tells of what is meant, not of what happened ------------------------------------------------------
@pytest.mark.parametrize("sentence", ["The president vowed to retake every village.",
                                      "The rebels vowed to attack Goma within days."])
def test_violence_vowed_is_no_event(sentence):
    assert not _types(sentence) & {"strike", "clash", "territorial_change"}


def test_a_meeting_vowed_is_a_planned_meeting():
    (meeting,) = [e for e in _events("The ministers vowed to meet again in Geneva next month.")
                  if e.event_type == "meeting"]
    assert meeting.planned and meeting.place.name == "Geneva"
