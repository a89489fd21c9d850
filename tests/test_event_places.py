"""Where a story's events are drawn when its places stand for actors, journeys or the story itself: the
country a story is about, a capital named by its country, the city a clause speaks of, not a city someone
travels or flees to, or a state named as an attack's author."""

from __future__ import annotations

import datetime as dt

import pytest

import geomap


def test_drones_launched_into_the_country_are_drawn_at_the_country_the_story_is_about():
    """Not at a city the story named in passing before ("a visit to Moscow")."""
    from geomap.model import Document

    text = ("Drones over Ukraine as talks near\n\nAfter a visit to Moscow, the envoy flew home. Ukraine's air force "
            "said Russia launched 40 drones into the country overnight.")
    doc = Document(id="t", text=text, published=dt.date(2025, 2, 12))
    (strike,) = [e for e in geomap.extract_events(doc, geomap.find_places(doc)) if e.event_type == "strike"]
    assert strike.place.name == "Ukraine" and strike.quantities == {"drones_launched": 40}


@pytest.mark.parametrize(
    "sentence, event_type, place",
    [
        ("A shell hit a market in the Syrian capital on Monday.", "strike", "Damascus"),
        ("Rebels shelled the outskirts of Syria's capital on Monday.", "strike", "Damascus"),
        ("Izium had been under full Ukrainian control since the army pushed the Russians out in 2022.",
         "territorial_control", "Izyum"),
    ],
)
def test_a_capital_named_by_its_country_and_land_held_under_control(sentence, event_type, place):
    from geomap.model import Document

    doc = Document(id="t", text=sentence, published=dt.date(2025, 2, 12))
    events = [e for e in geomap.extract_events(doc, geomap.find_places(doc)) if e.event_type == event_type]
    assert events and events[0].place is not None and events[0].place.name == place


def test_the_words_of_the_sentence_before_do_not_tie_a_place_to_the_event():
    """"... troops in Iraq. Iran's news agency reported ...": the "in" belongs to the sentence before."""
    from geomap.model import Document

    text = ("Missiles struck two bases hosting troops in Iraq. Iran's state broadcaster, which speaks for the "
            "guards, reported that its units targeted the bases.")
    doc = Document(id="t", text=text, published=dt.date(2025, 2, 12))
    strikes = [e for e in geomap.extract_events(doc, geomap.find_places(doc)) if e.event_type == "strike"]
    assert [e.place_text for e in strikes] == ["Iraq", None]


def test_a_state_named_as_the_author_of_an_attack_is_no_scene():
    """"in Egypt Reprisal Strike", even where the geoparser reads the country as a literal place."""
    from geomap.events.placing import MentionIndex, place_event
    from geomap.gazetteer import load_gazetteer
    from geomap.model import GeoPrecision, Mention, Place
    from geomap.text import Span

    egypt = Place(key="test:eg", name="Egypt", lat=27.0, lon=30.0, country_code="EG", feature_class="A",
                 feature_code="PCLI", precision=GeoPrecision.COUNTRY)
    sentence, trigger_word = "Jets Hit Depots in Egypt Reprisal Strike", "Strike"
    at = sentence.index("Egypt")
    mention = Mention(at, at + 5, "Egypt", "literal", egypt)
    clause = Span(0, len(sentence), sentence)
    placement = place_event("strike", "attack", sentence, clause, [mention], clause, MentionIndex([mention]),
                            load_gazetteer(), trigger=sentence.index(trigger_word))
    assert placement.place is None


def test_the_city_a_clause_speaks_of_is_the_town_named_before_not_its_region():
    from geomap.model import Document

    text = "Rebels closed in on Bunia, the capital of Ituri, on Sunday. By nightfall they had entered the city."
    doc = Document(id="t", text=text, published=dt.date(2025, 2, 12))
    events = geomap.extract_events(doc, geomap.find_places(doc))
    (entered,) = [e for e in events if e.event_type == "territorial_change"]
    assert entered.place.name == "Bunia"


def test_a_city_someone_travels_to_is_not_where_a_later_attack_is_drawn():
    from geomap.model import Document

    text = "Envoys were to fly to Doha for truce talks. Artillery shelling killed three people on Monday."
    doc = Document(id="t", text=text, published=dt.date(2025, 2, 12))
    (strike,) = [e for e in geomap.extract_events(doc, geomap.find_places(doc)) if e.event_type == "strike"]
    assert strike.place is None


@pytest.mark.parametrize(
    "text, city, expected",
    [
        ("Moscow fired 40 drones overnight. Shelling continued for hours.", "Moscow", None),
        ("Odesa hit by 40 drones overnight. Shelling continued for hours.", "Odesa", "Odesa"),
        ("Odesa city television showed the damage. Shelling continued for hours.", "Odesa", None),
    ],
)
def test_a_city_that_attacks_or_broadcasts_is_not_where_a_later_sentence_falls_back_to(text, city, expected):
    """A capital read as a literal place is still the attacker when it fires, and a city's broadcaster a speaker;
    a city hit by drones is a scene."""
    from geomap.events.placing import MentionIndex, place_event
    from geomap.gazetteer import load_gazetteer
    from geomap.model import Mention, Place
    from geomap.text import Span

    place = Place(key=f"test:{city}", name=city, lat=50.0, lon=35.0, country_code="UA")
    mention = Mention(0, len(city), city, "literal", place)
    start = text.index("Shelling")
    clause, item = Span(start, len(text), text[start:]), Span(0, len(text), text)
    placement = place_event("strike", "shelling", text, clause, [], item, MentionIndex([mention]), load_gazetteer(),
                            trigger=start)
    assert (placement.place.name if placement.place else None) == expected


def test_where_people_flee_to_is_not_where_the_fighting_was():
    from geomap.model import Document

    text = ("Heavy fighting raged around the airport on Monday. Families fleeing the shelling found shelter in "
            "Dohuk.")
    doc = Document(id="t", text=text, published=dt.date(2025, 2, 12))
    assert not [e for e in geomap.extract_events(doc, geomap.find_places(doc)) if e.place_text == "Dohuk"]


def _placed(text: str, event_type: str) -> list:
    from geomap.model import Document

    doc = Document(id="t", text=text, published=dt.date(2025, 3, 4))
    return [e for e in geomap.extract_events(doc, geomap.find_places(doc)) if e.event_type == event_type]


def test_a_dateline_is_where_the_report_was_filed_not_where_it_happened():
    text = ("Rebels take a hill town\n\nNAIROBI \u2013 Rebels stormed the hill town on Monday.\n"
            "The town, some 300 km north of Kisumu, was overrun after a battle, residents said.")
    for event in _placed(text, "clash") + _placed(text, "territorial_change"):
        assert event.place is None or event.place.name not in ("Nairobi", "Kisumu")


def test_a_town_the_gazetteer_lacks_is_not_drawn_at_the_middle_of_its_country():
    text = "Militants seized the market town of Wadi Qasrat in northern Chad on Sunday."
    (capture,) = _placed(text, "territorial_change")
    assert capture.place is None and capture.place_text == "Wadi Qasrat"


def test_a_town_the_text_frames_once_is_that_town_wherever_it_is_written():
    """A listed name at its start ("Adan" is Aden, in Yemen) is not the place: the framed name is, in the
    headline too."""
    text = "Mortars hit Adan Qoryale overnight\n\nMilitants shelled the town of Adan Qoryale in Somalia on Sunday."
    found = [(m.text, m.place) for m in geomap.find_places(text) if m.text.startswith("Adan")]
    assert found == [("Adan Qoryale", None)] * 2


def test_the_attack_told_again_at_a_village_draws_the_first_report_there():
    text = ("At least 12 people were killed in a drone strike in Kherson Oblast, officials said. "
            "The strike hit a bus stop in the village of Bilozerka.")
    strikes = [e for e in _placed(text, "strike") if e.place is not None]
    assert [(s.place.name, s.quantities.get("killed")) for s in strikes] == [("Bilozerka", {"low": 12})]


def test_an_office_that_is_humanitarian_reports_no_humanitarian_event():
    text = "The humanitarian affairs minister of Kassala said on Monday that the budget was approved."
    assert _placed(text, "humanitarian") == []


def test_a_deal_is_not_drawn_at_the_town_a_war_story_named_before():
    text = ("Drones struck Nikopol overnight, officials said. Moscow said it was ready to discuss a ceasefire "
            "agreement with Washington.")
    assert all(e.place is None for e in _placed(text, "agreement"))
    assert [s.place.name for s in _placed(text, "strike")] == ["Nikopol"]


def test_talks_told_again_stay_at_their_venue():
    text = "The two presidents met in Anchorage on Friday. The talks lasted three hours."
    assert [m.place.name for m in _placed(text, "meeting")] == ["Anchorage"]


def test_a_place_that_backs_an_actor_is_no_member_of_a_list_of_scenes():
    text = "Government troops have retaken Raqqa, U.S.-backed coalition says"
    assert [e.place.name for e in _placed(text, "territorial_change")] == ["Ar Raqqah"]


@pytest.mark.parametrize("sentence", [
    "Militants stormed an army post near the Chad border on Tuesday, killing four soldiers.",
    "Gunmen ambushed a patrol near the Cameroon frontier on Tuesday, killing two officers.",
])
def test_a_country_named_only_by_its_border_is_no_scene(sentence):
    """The attack happened on this side of the border, somewhere the text does not name: no marker in Chad."""
    assert [e.place for e in _placed(sentence, "strike") + _placed(sentence, "clash")] == [None]


def test_a_border_region_of_a_province_is_still_the_province():
    text = "Shelling hit two villages in the Belgorod border region on Monday."
    (strike,) = _placed(text, "strike")
    assert strike.place is not None and strike.place.admin1 == "09" and strike.place.country_code == "RU"


def test_a_place_in_the_attribution_of_a_quotation_is_not_where_the_quoted_act_happened():
    text = ('Troops entered Lyman at dawn, officials said. "Our units have destroyed two enemy tanks," '
            'the commander said in a video posted from Kyiv.')
    strikes = _placed(text, "strike") + _placed(text, "clash")
    assert strikes and all(e.place is None or e.place.name != "Kyiv" for e in strikes)


def test_a_place_after_a_quoted_phrase_is_still_the_scene():
    text = 'Officials said two people were hurt in an "enemy strike" on Kostiantynivka on Monday.'
    assert [e.place.name for e in _placed(text, "strike")] == ["Kostyantynivka"]


def test_a_place_of_origin_is_no_scene_for_a_later_clause():
    text = ('Jets flying from Kano attacked the gunmen as they fled. "Airstrikes against the fleeing gunmen caused '
            'many fatalities," an officer said.')
    assert [e.place for e in _placed(text, "strike")] == [None, None]


def test_the_place_of_a_war_is_no_fallback_scene():
    text = ('"Our fight goes on as long as the offensive in Gaza lasts," the spokesman said. '
            "Rebel drones later struck a tanker.")
    assert [e.place for e in _placed(text, "strike")] == [None]


@pytest.mark.parametrize("sentence", [
    "Shelling hit Russian-occupied Donetsk on Monday.",
    "Shelling hit the Russian-occupied city of Donetsk on Monday.",
])
def test_a_place_under_an_occupiers_adjective_is_where_it_happened(sentence):
    """"Russian-occupied" says who holds the city: the strike is in Donetsk, not in Russia nor nowhere."""
    from geomap.model import Document

    doc = Document(id="t", text=sentence, published=dt.date(2025, 2, 12))
    (strike,) = geomap.extract_events(doc, geomap.find_places(doc))
    assert strike.place.name == "Donetsk" and strike.place.country_code == "UA"


@pytest.mark.parametrize("text, place", [
    ("Russian troops pushed toward Kharkiv in May. On Monday, missiles struck the Ukrainian city.", "Kharkiv"),
    ("Rebels entered Homs in March. On Monday, artillery shelled the Syrian city of Hama.", "\u1e28am\u0101h"),
])
def test_the_countrys_city_refers_to_the_town_named_before(text, place):
    """"the Ukrainian city" is the one the story named, not the middle of Ukraine; "the Syrian city of Hama"
    names its own."""
    from geomap.model import Document

    doc = Document(id="t", text=text, published=dt.date(2025, 2, 12))
    (strike,) = [e for e in geomap.extract_events(doc, geomap.find_places(doc)) if e.event_type == "strike"]
    assert strike.place.name == place


def test_a_day_told_in_a_conceded_clause_dates_only_that_clause():
    """"..., although the first lady visited Lviv on 8 May": that day is hers, not the president's visit's."""
    from geomap.model import Document

    text = ("It is the first time the president has visited Kyiv since the war began, although first lady Jill Biden "
            "visited Lviv on 8 May.")
    doc = Document(id="t", text=text, published=dt.date(2025, 2, 12))
    visits = {e.place.name: e.date for e in geomap.extract_events(doc, geomap.find_places(doc))
              if e.event_type == "meeting" and e.place is not None}
    assert visits["Kyiv"] == "2025-02-12"


@pytest.mark.parametrize("sentence, place", [
    # an attack told by its defence happens over the defender's country
    ("Latvia's army said it shot down three of five drones launched by Russia on Tuesday.", "Latvia"),
    ("Jordan's military said it intercepted most of the missiles fired from Iran.", "Jordan"),
])
def test_an_attack_told_by_its_defence_is_drawn_in_the_defenders_country(sentence, place):
    from geomap.model import Document

    doc = Document(id="t", text=sentence, published=dt.date(2025, 2, 12))
    (strike,) = [e for e in geomap.extract_events(doc, geomap.find_places(doc)) if e.event_type == "strike"]
    assert strike.place is not None and strike.place.name == place


def test_the_attackers_country_is_no_defenders_country():
    from geomap.model import Document

    doc = Document(id="t", text="Russia launched 40 drones overnight, of which 35 were shot down.",
                   published=dt.date(2025, 2, 12))
    (strike,) = [e for e in geomap.extract_events(doc, geomap.find_places(doc)) if e.event_type == "strike"]
    assert strike.place is None
