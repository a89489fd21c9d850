"""Clause frames read conflict news as it is written: many phrasings of one attack, how a clause reports
its event (asserted, claimed by whom, planned, or no event at all), weapons, lists of places, other genres."""

from __future__ import annotations

import pytest
from reading import PUBLISHED
from reading import events_of as _events
from reading import types_of as _types

import geomap
from geomap.events.extract import classify
from geomap.model import Document, Event


@pytest.mark.parametrize("text", [
    "Russian drones attacked Kharkiv overnight, injuring five.",
    "Russia launched 40 missiles and 120 drones at Lviv.",
    "Rebel forces fired 120mm mortars and grenade launchers at army positions near Kramatorsk.",
    "Monitors recorded 23 explosions near Horlivka.",
    "Gunmen killed 12 villagers in Zamfara on Tuesday.",
    "Three bodies with gunshot wounds were found on a roadside outside Bamako.",
    "Artillery shelled the outskirts of Kherson for a third day.",
    "A roadside bomb exploded near a convoy in Kandahar.",
])
def test_an_attack_is_read_however_it_is_phrased(text):
    assert _types(text) & {"strike", "clash"}


@pytest.mark.parametrize(("text", "sub_event_type", "acled"), [
    ("Gunmen killed 12 villagers in Zamfara on Tuesday.", "killing", "Violence against civilians"),
    ("Two soldiers were killed by a drone near Bakhmut.", "drone_strike", "Explosions/Remote violence"),
])
def test_a_killing_is_told_apart_from_a_strike_unless_a_weapon_names_one(text, sub_event_type, acled):
    (event,) = [e for e in _events(text) if e.event_type == "strike"]
    assert (event.sub_event_type, event.acled_event_type) == (sub_event_type, acled)


@pytest.mark.parametrize(("text", "event_type"), [
    ("Militants abducted 30 passengers on the highway near Kaduna.", "abduction"),
    ("Fighters ambushed a convoy near Gao.", "clash"),
    ("Police detained two men in Warsaw on suspicion of sabotage.", "arrest"),
    ("Thousands of people fled Goma as the rebels advanced.", "humanitarian"),
    ("Hundreds of students rallied outside parliament in Tbilisi.", "protest"),
    ("Troops retook the village of Robotyne on Monday.", "territorial_change"),
])
def test_each_kind_of_event_has_its_words(text, event_type):
    assert event_type in _types(text)


@pytest.mark.parametrize("text", [
    "Russia is still trying to recapture those areas.",
    "The army did not attack the town.",
    "The ministry denied shelling the market.",
    "The two sides agreed a 30-day truce in attacks on power plants.",
    "He hopes to stop the fighting before winter.",
    "If the rebels attack the capital, the army would respond.",
    "Patrols near the depot help with the early prevention of an attack.",
    "Around 30 soldiers are killed every day in attacks along the front.",  # a habit, on no date
    "The envoy asked both armies to refrain from attacking power stations for a month.",
    "Analysts said the rebels may soon step up assaults with the aim of capturing Westport.",
    "The garrison at Northfield may have been shelled as well.",
    "The navy will not hesitate to widen its raids on enemy ports.",
    "The brigade moved south in order to capture the bridge.",
    "The militia took the town, though it denies shelling the market.",
    "The new drones are capable of striking targets far behind the front.",
    "The new missiles are able to hit targets far behind the front.",
    "The rockets were designed to strike ships at sea.",
])
def test_what_did_not_happen_is_no_event(text):
    assert not [f for f in classify(text) if f.event_type in ("strike", "clash", "territorial_change")]


def test_the_month_of_may_is_no_possibility():
    assert "strike" in {f.event_type for f in classify("Police arrested two more men over the May 22 bombing.")}


def test_a_partys_word_makes_a_claim_with_its_claimant():
    (strike,) = [e for e in _events("Ukraine's air force said Russia launched 40 drones at Odesa overnight.")
                 if e.event_type == "strike"]
    assert strike.modality == "claimed" and "Ukraine" in strike.claimant
    witnessed = [e for e in _events("Witnesses said drones struck a market in Odesa.") if e.event_type == "strike"]
    assert witnessed and witnessed[0].modality == "asserted" and witnessed[0].claimant is None


def test_a_plan_is_an_event_marked_planned():
    (meeting,) = [e for e in _events("The foreign ministers will meet in Vienna on Friday.")
                  if e.event_type == "meeting"]
    assert meeting.planned and meeting.modality == "planned" and meeting.date == "2025-05-16"


def test_an_earlier_event_keeps_its_own_date_as_background():
    (taken,) = [e for e in _events("The rebels captured the town of Bunia in March 2023.")
                if e.event_type == "territorial_change"]
    assert taken.modality == "background" and taken.date == "2023-03"


def _day_of(events: list[Event], place: str) -> str | None:
    (event,) = [e for e in events if e.event_type == "strike" and e.place and e.place.name == place]
    return event.date


def test_a_day_counted_from_the_day_before_and_a_sentence_without_a_day_take_the_storys_days():
    events = _events("On Monday, Russian drones struck Sumy. A day earlier, a missile hit Poltava. "
                     "Artillery shelling killed two people in Nikopol.")
    assert [_day_of(events, p) for p in ("Sumy", "Poltava", "Nikopol")] == ["2025-05-12", "2025-05-11", "2025-05-12"]


def test_a_day_the_lead_recalls_is_not_the_storys_day():
    events = _events("On Monday, two days after a bombing on Saturday in Kherson, drones hit Sumy. "
                     "Artillery shelling killed two people in Nikopol.")
    assert _day_of(events, "Kherson") == "2025-05-10" and _day_of(events, "Nikopol") != "2025-05-10"


def test_what_someone_says_is_news_of_the_reports_day_not_of_the_day_told_before():
    events = _events("On Monday, Russian drones struck Sumy. "
                     "President Volodymyr Zelensky said the attack showed the need for more air defence.")
    (said,) = [e for e in events if e.event_type == "statement"]
    assert said.date == PUBLISHED.isoformat() and _day_of(events, "Sumy") == "2025-05-12"


def test_a_day_long_before_the_report_does_not_date_the_sentences_after_it():
    events = _events("Russia invaded on 24 February 2022. Artillery shelling killed two people in Nikopol.")
    assert _day_of(events, "Nikopol") == PUBLISHED.isoformat()


def test_weapons_make_the_strike_precise_and_are_kept():
    (strike,) = [e for e in _events("Russian forces attacked Sumy with glide bombs and drones.")
                 if e.event_type == "strike"]
    assert strike.sub_event_type == "air_strike" and set(strike.instruments) == {"glide bomb", "drone"}


def test_a_list_of_places_attacked_is_one_event_per_place():
    strikes = [e for e in _events("Drones were shot down over Poltava, Sumy and Chernihiv.") if e.event_type == "strike"]
    assert {e.place.name for e in strikes if e.place} >= {"Poltava", "Sumy", "Chernihiv"}


def test_a_later_sentence_about_the_same_strike_completes_it():
    events = _events("A missile attack hit Dnipro on Tuesday. The air force said 12 missiles were launched at Dnipro.")
    (strike,) = [e for e in events if e.event_type == "strike"]
    assert strike.quantities.get("missiles_launched") == 12


def test_reports_left_unjoined_keep_each_sentence_with_its_own_figures():
    text = "A missile attack hit Dnipro on Tuesday, killing three. The air force said 12 missiles were launched at Dnipro."
    doc = Document(id="t", text=text, published=PUBLISHED)
    first, second = [e for e in geomap.extract_events(doc, geomap.find_places(doc), join_reports=False)
                     if e.event_type == "strike"]
    assert first.quantities == {"killed": 3} and second.quantities == {"missiles_launched": 12}
    assert second.support == ((second.evidence_start, second.evidence_end),) != first.support


def test_reports_left_unjoined_keep_a_sentence_that_refers_back_apart():
    doc = Document(id="t", text="A drone attack killed two people in Sumy on Monday. Video of the attack spread online.",
                   published=PUBLISHED)
    first, again = geomap.extract_events(doc, geomap.find_places(doc), join_reports=False)
    assert first.quantities == {"killed": 2} and again.quantities == {} and len(first.support) == 1


@pytest.mark.parametrize("text", [
    "The striker's attack down the left flank won the match, and the coach praised the squad's fight "
    "for the title after a season of goals in the league.",
    "Shareholders of the bank met in Madrid as the takeover bid battle with its rival intensified; "
    "the chief executive said the offer undervalued the shares and investors expected a higher dividend.",
    "The storm battered the coast with gusts of 150 km/h; the weather service issued a red warning as "
    "homes lost power and flooding hit the town, and the forecast said the wind would ease.",
    "The film's director shows bombed cities and snipers on screen; the cast, the plot and the drama of "
    "the sequel kept the festival audience gripped in this review of the thriller.",
    "Health officials said the best way to attack the virus is testing: the outbreak has spread, infection "
    "rates climb, and the vaccine will reach the quarantine wards as the epidemic peaks.",
])
def test_other_genres_report_no_conflict(text):
    assert not _types(text) & {"strike", "clash", "territorial_change", "territorial_control", "meeting"}


@pytest.mark.parametrize(("text", "reported"), [
    ("Police found a bomb under a parked car in Harbourton.", set()),  # a device, not its use
    ("Jets bombed the market in Harbourton.", {("strike", "air_strike")}),
    ("A pipe bomb went off outside the station in Harbourton.", {("strike", "bombing")}),
    ("Rebels set off a car bomb near the checkpoint.", {("strike", "bombing")}),
    ("The delegation set off for the capital after the alarm went off.", set()),
    ("The prisoner went on a hunger strike in his cell.", {("protest", "protest")}),
    ("The unions called a general strike across the country.", {("protest", "labour_strike")}),
    ("An air raid alert sounded across the Harbourton region overnight.", set()),  # a warning, not a strike
    ("The senator spoke at an election rally in Harbourton.", set()),
    ("She was radicalised in the student protest movement of the sixties.", set()),
    ("Thousands of students held a rally in Harbourton against the new law.", {("protest", "protest")}),
    ("Smoke from the fire at the rocket depot drifted over the town.", set()),  # a blaze, not gunfire
    ("The rebels published a list of military targets.", set()),
    ("The convoy came under fire from artillery near Harbourton.", {("strike", "shelling")}),
    ("Soldiers were firing rockets at the border post.", {("strike", "shelling")}),
    ("Drones targeted the depot overnight.", {("strike", "drone_strike")}),
])
def test_phrases_are_read_by_what_they_report_not_by_the_trigger_word_inside(text, reported):
    assert {(f.event_type, f.sub_event_type) for f in classify(text) if f.event_type != "statement"} == reported


def test_a_capitalised_word_inside_a_sentence_is_a_name_not_a_trigger():
    assert not [f for f in classify("Forecasters at the Met Office issued a warning.") if f.event_type == "meeting"]


def test_a_phrase_does_not_run_over_punctuation():
    text = "Aid to Kyiv has been called into question, with the president saying he wants a deal."
    assert not [f for f in classify(text) if f.sub_event_type == "phone_call"]


@pytest.mark.parametrize(("text", "agent", "target"), [
    ("Russia attacked Ukraine overnight with 40 drones.", "Russia", "Ukraine"),
    ("Ukraine's air defences destroyed 27 Russian drones over Kyiv.", "Russia", "Ukraine"),
    ("Kharkiv was shelled by Russian forces on Monday.", "Russia", None),
    ("Poland's air force shot down most of the 60 drones launched by Russia overnight.", "Russia", "Poland"),
    ("Air defences shot down 14 of the 20 missiles fired by Iran at Haifa.", "Iran", None),
])
def test_who_did_it_to_whom(text, agent, target):
    (strike,) = [e for e in _events(text) if e.event_type == "strike"]
    assert (strike.agent, strike.target) == (agent, target)


def test_the_attack_told_again_is_the_items_own_not_one_at_a_city_named_in_between():
    text = ("Rebels shelled the central market in Kramatorsk on Monday morning. The governor cut short a visit to "
            "Kyiv. Residents hid in cellars as the attack went on.")
    (strike,) = [e for e in _events(text) if e.event_type == "strike"]
    assert strike.place.name == "Kramatorsk" and len(strike.support) == 2


def test_the_attack_on_another_day_is_another_attack():
    text = ("Rebels shelled the central market in Kramatorsk on Monday morning. The governor cut short a visit to "
            "Kyiv. The shelling on Sunday had hit a school.")
    assert sorted(e.date for e in _events(text) if e.event_type == "strike") == ["2025-05-11", "2025-05-12"]


def test_a_later_sentence_without_a_day_goes_on_telling_of_the_leads_day():
    text = ("Russian forces captured the village of Synkivka on Monday, the ministry said. "
            "Heavy fighting continued around Kupiansk.")
    (fighting,) = [e for e in _events(text) if e.event_type == "clash"]
    assert fighting.date == "2025-05-12"  # Monday before the publication on Wednesday 14 May


def test_a_headline_without_a_day_takes_the_day_its_story_names():
    text = ("Troops retake Synkivka after heavy fighting\n"
            "Ukrainian troops recaptured the village of Synkivka near Kupiansk on Monday, the general staff said.")
    assert {e.date for e in _events(text) if e.event_type == "territorial_change"} == {"2025-05-12"}


def test_a_title_standing_alone_above_its_story_takes_the_storys_day():
    text = ("Troops retake Synkivka\nTroops retake Synkivka after heavy fighting\n"
            "Ukrainian troops recaptured the village of Synkivka near Kupiansk on Monday, the general staff said.")
    assert {e.date for e in _events(text) if e.event_type == "territorial_change"} == {"2025-05-12"}


def test_the_day_of_a_speech_is_not_the_day_of_the_story():
    text = ("NATO Secretary General Mark Rutte said on Monday that allies must spend more. "
            "Heavy fighting continued around Kupiansk.")
    assert {e.date for e in _events(text) if e.event_type == "clash"} == {"2025-05-14"}


@pytest.mark.parametrize(("text", "event_type"), [
    ("The court in Arlon issued an arrest warrant for the former minister.", "arrest"),
    ("Speaking to reporters after the vote, the president sounded hopeful.", "meeting"),
    ("The governor pledged to end the violence within a year.", "aid"),
    ("The airfields hosting allied troops were put on alert.", "meeting"),
])
def test_words_of_an_event_used_for_something_else_report_none(text, event_type):
    assert event_type not in _types(text)


def test_a_pledge_of_money_is_still_aid():
    assert "aid" in _types("Japan pledged $300 million in aid to Ukraine on Monday.")


@pytest.mark.parametrize("text", [
    "Intelligence showed that the militia planned to attack the base near Kirkuk.",
    "Officials said the rebels were preparing to storm the town of Goma.",
])
def test_violence_only_planned_is_a_threat_not_an_event(text):
    assert _types(text) <= {"statement"}


def test_a_meeting_planned_is_still_an_event():
    (meeting,) = [e for e in _events("The two leaders plan to meet in Geneva next week.") if e.event_type == "meeting"]
    assert meeting.modality == "planned"


@pytest.mark.parametrize("text", [
    '"Our strikes will not stop until the blockade is lifted," the spokesman said.',
    "The group said its attacks on ships in the Gulf of Aden would continue.",
])
def test_a_threat_that_attacks_go_on_reports_none(text):
    assert "strike" not in _types(text)


def test_a_strike_whose_toll_will_rise_still_happened():
    text = "The strike on the market in Kostiantynivka killed 12 people, and officials said the toll would rise."
    assert "strike" in _types(text)


def test_the_attack_told_again_with_its_modifiers_joins_the_report_before():
    text = ("Drones hit two tankers in the Gulf of Aden on Tuesday, the rebels said. "
            "The navy has not commented on the reported rebel attacks.")
    strikes = [e for e in _events(text) if e.event_type == "strike"]
    assert len(strikes) == 1 and len(strikes[0].support) == 2


def test_a_strike_by_a_subject_after_the_at_a_place_of_its_own_is_another_strike():
    text = ("Drones hit two tankers in the Gulf of Aden on Tuesday. "
            "In response the Navy struck radar sites in Sanaa.")
    assert sorted(e.place.name for e in _events(text) if e.event_type == "strike") == ["Gulf of Aden", "Sanaa"]
