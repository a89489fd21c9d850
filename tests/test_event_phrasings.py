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
    ("Gunmen took 30 hostages in a raid on a bank in Gusau on Monday.", 30),
    ("At least 40 pupils were abducted from their school in Katsina on Thursday.", 40),
])
def test_an_abduction_counts_the_people_it_took(text, taken):
    (abduction,) = _events(text, "abduction")
    figure = abduction.quantities.get("arrested")
    assert (figure.get("low") if isinstance(figure, dict) else figure) == taken


@pytest.mark.parametrize(("text", "places"), [
    ("Missiles struck Rivne and other major cities such as Lutsk and Ternopil on Monday.",
     {"Rivne", "Lutsk", "Ternopil"}),
    ("Drones hit power plants in Rivne, Lutsk, as well as Ternopil.", {"Rivne", "Lutsk", "Ternopil"}),
    # a name the gazetteer lacks stands in the list as a member of its own; it does not end the list
    ("Missiles hit the regions of Rivne, Volynkograd, Lutsk and Ternopil.", {"Rivne", "Lutsk", "Ternopil"}),
    # a district among towns is a scene of its own
    ("Drones were intercepted in Multan, Quetta, Sialkot and Swat.", {"Multan", "Quetta", "Sialkot", "Swat"}),
])
def test_every_place_of_a_list_is_a_scene(text, places):
    assert {e.place_text for e in _events(text, "strike") if e.place} == places


@pytest.mark.parametrize("text", [
    "Shelling hit Gusau, Zamfara State, on Monday.",
    "Drones struck Latakia, Syria, on Monday.",
])
def test_a_place_and_the_region_around_it_are_one_scene(text):
    assert len(_events(text, "strike")) == 1


def _figure(event: Event, key: str):
    value = event.quantities.get(key)
    return value.get("low") if isinstance(value, dict) else value


def test_a_tally_stated_place_by_place_is_one_event_per_place_beside_the_whole():
    strikes = _events("Air defences destroyed 50 drones overnight, including 30 over the southern Tambov region "
                      "and 20 over several other regions.", "strike")
    by_place = {e.place_text: _figure(e, "drones_shot_down") for e in strikes}
    assert by_place == {"Tambov region": 30, None: 50}


def test_each_place_of_a_tally_keeps_its_own_figure():
    strikes = _events("Air defences shot down 12 drones over Tula and four over Lipetsk.", "strike")
    assert {e.place_text: _figure(e, "drones_shot_down") for e in strikes} == {"Tula": 12, "Lipetsk": 4, None: 16}


def test_one_place_with_the_clause_figures_is_one_event():
    (strike,) = _events("Russia launched 31 drones at Mykolaiv and air defences shot down 28 of them.", "strike")
    assert strike.place_text == "Mykolaiv" and _figure(strike, "drones_shot_down") == 28


def test_a_tally_of_its_own_place_does_not_complete_the_story_before():
    strikes = _events("A missile hit a depot in Tula on Monday. Air defences destroyed 50 drones overnight, "
                      "including 30 over the Tambov region.", "strike")
    tula = next(e for e in strikes if e.place_text == "Tula")
    assert "drones_shot_down" not in tula.quantities
    assert {e.place_text: _figure(e, "drones_shot_down") for e in strikes if e is not tula} == {
        "Tambov region": 30, None: 50}


def test_a_report_without_a_day_of_its_own_is_of_the_day_the_story_dates_its_events_to():
    text = ("Russian drones killed five people in Pavlohrad on Saturday, officials said.\n\n"
            "Separately, a missile strike on a market in Marhanets wounded seven people.")
    (marhanets,) = [e for e in _events(text, "strike") if e.place_text == "Marhanets"]
    assert marhanets.date == "2025-05-10"


def test_a_story_without_a_day_is_news_of_the_day_it_was_published():
    (strike,) = _events("A missile strike on a market in Marhanets wounded seven people.", "strike")
    assert strike.date == PUBLISHED.isoformat()


@pytest.mark.parametrize(("text", "event_type", "place_text"), [
    ("Dock workers walked off the job in Portland on Monday.", "protest", "Portland"),
    ("Picketers gathered outside the plant in Portland on Monday.", "protest", "Portland"),
    ("The envoy touched down in Oslo on Sunday for discussions on the plan.", "meeting", "Oslo"),
    ("One civilian was martyred in Sukkur, the spokesperson added.", "strike", "Sukkur"),
    ("By dawn the militia had seized portions of Haditha.", "territorial_change", "Haditha"),
])
def test_an_event_in_its_usual_wording_is_found_where_it_happened(text, event_type, place_text):
    found = _events(text, event_type)
    assert found and found[0].place_text == place_text


@pytest.mark.parametrize("text", [
    "Russian forces had taken control of the eastern Ukrainian town of Vuhledar.",
    "The army had seized 600 square kilometres (230 square miles) of territory this year alone, he said.",
    "Marines recaptured two square kilometres near Toretsk last month.",
])
def test_land_taken_is_a_territorial_change_however_its_object_is_worded(text):
    assert _events(text, "territorial_change")


def test_a_strike_named_then_told_in_a_relative_clause_is_placed_by_its_verb():
    strikes = _events("A barrage of missile strikes that struck Rivne and Lutsk on Monday sparked panic.", "strike")
    assert {e.place_text for e in strikes} == {"Rivne", "Lutsk"}


def test_a_tally_told_place_by_place_in_the_next_sentence_is_one_event_per_place():
    text = ("Air defences destroyed 40 drones over several regions overnight, the ministry said. These included "
            "20 drones over Tver, eight over Smolensk, and two each over Tula and Lipetsk.")
    strikes = _events(text, "strike")
    by_place = {e.place_text: _figure(e, "drones_shot_down") for e in strikes if e.place_text}
    assert by_place == {"Tver": 20, "Smolensk": 8, "Tula": 2, "Lipetsk": 2}


def test_figures_without_a_tally_before_them_are_no_event():
    assert not _events("The museum included 20 paintings from Tver and eight from Smolensk.", "strike")


def test_the_figures_of_one_place_add_up():
    (strike,) = _events("Airstrikes killed three women and four children in Haditha on Monday.", "strike")
    assert _figure(strike, "killed") == 7


@pytest.mark.parametrize(("text", "event_type"), [
    ("The rebels claimed control of a hilltop outpost near Arbinda on Monday.", "territorial_control"),
    ("Junta troops and resistance fighters clashed near Hpakant on Monday.", "clash"),
])
def test_who_fights_and_what_is_held_are_read_from_their_nouns(text, event_type):
    assert _events(text, event_type)


@pytest.mark.parametrize(("text", "place_text"), [
    ("Russian forces shelled residential areas of Marhanets with heavy artillery on Monday.", "Marhanets"),
    ("A suicide bomber blew himself up at a police checkpoint in Kismayo, killing four officers.", "Kismayo"),
])
def test_a_strike_is_placed_at_the_place_it_names_however_it_is_told(text, place_text):
    (strike,) = _events(text, "strike")
    assert strike.place_text == place_text


def test_arrests_in_a_list_of_places_are_one_event_per_place():
    arrests = _events("Soldiers detained dozens of men in overnight raids in Nablus and Hebron.", "arrest")
    assert {e.place_text for e in arrests} == {"Nablus", "Hebron"}


def test_a_factory_taken_is_land_taken():
    (taken,) = _events("Its forces had taken full control of the steel works in Avdiivka.", "territorial_change")
    assert taken.place_text == "Avdiivka"


@pytest.mark.parametrize(("text", "key", "value"), [
    ("A 52-year-old woman was killed by a shell in her garden in Marhanets.", "killed", 1),
    ("The shelling killed a three-month-old girl in a clinic in Marhanets.", "killed", 1),
    ("Gunmen killed a soldier and wounded two others in Gusau.", "killed", 1),
])
def test_one_person_named_with_an_article_is_counted(text, key, value):
    (event,) = _events(text, "strike")
    assert _figure(event, key) == value


@pytest.mark.parametrize("text", [
    "A drone strike killed civilians in Marhanets.",
    "A number of people were killed in shelling in Marhanets.",
])
def test_an_article_before_anything_but_one_person_is_no_figure(text):
    (event,) = _events(text, "strike")
    assert "killed" not in event.quantities


def test_what_a_clause_reports_before_a_habit_still_happened():
    text = "Kurdish-led forces hold the area around Qamishli and have often come under air strikes."
    assert _events(text, "territorial_control") and not _events(text, "strike")


@pytest.mark.parametrize(("text", "actor"), [
    ("Al-Shabaab said in a statement that its fighters had overrun two army bases.", "Al-Shabaab"),
    ("Governor Ada Obi said on Monday that the missing pupils would be found.", "Ada Obi (Governor)"),
    ("Mayor Ivan Petrenko told reporters that the city had no power.", "Ivan Petrenko (Mayor)"),
])
def test_a_statement_has_the_speaker_its_title_or_name_gives(text, actor):
    statements = _events(text, "statement")
    assert statements and actor in statements[0].actors


def test_a_statement_by_a_pronoun_is_made_by_the_one_named_before():
    text = 'Foreign Minister Anna Berg spoke to reporters. "We will do whatever is necessary," she said.'
    statements = _events(text, "statement")
    assert any("Anna Berg (Foreign Minister)" in s.actors and "necessary" in s.evidence for s in statements)


def test_what_is_said_without_a_day_is_said_the_day_of_publication():
    text = ("Russian drones killed five people in Pavlohrad on Saturday, officials said.\n\n"
            "Foreign Minister Anna Berg condemned the attack.")
    (statement,) = [e for e in _events(text, "statement") if "Berg" in e.evidence]
    assert statement.date == PUBLISHED.isoformat()


def test_a_town_taken_is_the_one_named_after_its_demonym_and_of():
    text = "Rebels captured the strategic eastern Congolese town of Masisi on Monday."
    (taken,) = _events(text, "territorial_change")
    assert taken.place_text == "Masisi"


@pytest.mark.parametrize(("text", "expected"), [
    ("A drone crashed into a car in Lipetsk, injuring the driver.", {"injured": 1}),
    ("Air defences shot down 30 of the 45 drones over Lipetsk.", {"drones_shot_down": 30, "drones_launched": 45}),
])
def test_the_one_person_a_definite_article_names_is_counted_but_never_a_count_after_it(text, expected):
    (strike,) = _events(text, "strike")
    assert {k: _figure(strike, k) for k in expected} == expected


def test_a_tally_across_many_regions_is_no_one_place_strike():
    text = ("A drone attack started a fire at a depot in Tver on Monday. The ministry said air defences destroyed "
            "36 drones across five regions.")
    strikes = _events(text, "strike")
    tver = next(e for e in strikes if e.place_text == "Tver")
    assert "drones_shot_down" not in tver.quantities
    assert any(e.place is None and _figure(e, "drones_shot_down") == 36 for e in strikes)


def test_a_share_of_a_town_taken_is_land_taken():
    (taken,) = _events("Russian forces had taken control of 40 percent of Toretsk, the general said.",
                       "territorial_change")
    assert taken.place_text == "Toretsk" and _figure(taken, "percent") == 40


def test_a_foiled_plot_is_no_strike_and_its_suspect_is_counted():
    text = "Police in Graz said they had foiled a plot to bomb a concert and arrested a 19-year-old suspect."
    assert not _events(text, "strike")
    (arrest,) = _events(text, "arrest")
    assert _figure(arrest, "arrested") == 1


@pytest.mark.parametrize(("text", "killed"), [
    # a side's word on the enemy it killed is the toll of the battle it claims, with its claimant
    ("The army said 22 militants were neutralised in fighting outside Diffa on Sunday.", 22),
    ("Moscow's defence ministry said up to 60 Ukrainian servicemen had been eliminated near Kupiansk.", 60),
])
def test_a_claimed_battle_takes_the_claim_of_enemy_dead(text, killed):
    (clash,) = _events(text, "clash")
    figure = clash.quantities.get("killed")
    assert clash.modality == "claimed" and clash.claimant
    assert (figure.get("low", figure.get("high")) if isinstance(figure, dict) else figure) == killed


def test_a_stated_toll_is_not_replaced_by_a_claim():
    text = ("Shelling killed three civilians in Kupiansk on Monday, officials said, while Moscow claimed "
            "its forces had eliminated 80 enemy soldiers in the area.")
    strikes = _events(text, "strike")
    assert strikes and all(s.quantities.get("killed") == 3 for s in strikes)


@pytest.mark.parametrize("text", [
    "Air defences neutralised 14 drones over Poltava overnight.",
    "The government has eliminated fuel subsidies in Lagos.",
])
def test_eliminated_or_neutralised_without_people_is_no_battle(text):
    assert _events(text, "clash") == []


@pytest.mark.parametrize(("text", "killed"), [
    ('"We lost three policemen in the ambush," a commander in Diffa said on Friday.', 3),
    ("A young shepherd was shot dead by soldiers near Tubas on Wednesday.", 1),
])
def test_tolls_in_plain_words(text, killed):
    (event,) = [e for t in ("strike", "clash") for e in _events(text, t)]
    assert event.quantities.get("killed") == killed
    assert not (event.claimant or "").startswith(('"', "\u201d"))


def test_a_failed_raid_still_happened_but_a_failed_capture_did_not():
    assert _events("Jihadists launched a failed raid on an army post near Menaka on Monday.", "strike")
    assert _events("Russian troops failed to capture Siversk on Monday.", "territorial_change") == []


@pytest.mark.parametrize("text", [
    "Kyiv denied that Russian troops had captured Synkivka on Tuesday.",
    "A Ukrainian army spokesman on Tuesday denied Moscow's claims about the capture of Synkivka.",
    "Officials rejected reports of the fall of Synkivka.",
])
def test_a_denied_capture_is_no_capture(text):
    assert _events(text, "territorial_change") == []


def test_a_capture_claimed_without_denial_stays_claimed():
    (capture,) = _events("Russian forces captured Synkivka on Tuesday, the ministry said.", "territorial_change")
    assert capture.modality == "claimed"


def test_fighters_fleeing_are_no_displacement_but_residents_fleeing_are():
    assert _events("Jets attacked the gunmen as they fled into the forest on Monday.", "humanitarian") == []
    assert _events("Thousands of residents fled Kupiansk on Monday as shelling intensified.", "humanitarian")
    assert _events("A clinic in the Nuseirat refugee camp reopened on Monday.", "humanitarian") == []
