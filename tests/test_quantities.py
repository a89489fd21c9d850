"""The figures a conflict report states, read as an analyst would count them (our own sentences, one or more
for each way such figures are written)."""

from __future__ import annotations

import json
from importlib import resources

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from geomap.events.figure_words import PhraseTable, figure_words, tokens
from geomap.events.quantities import extract_quantities, figures_by_place, find_figures, quantities_by_trigger


def _states(sentence: str, expected: dict) -> None:
    found = extract_quantities(sentence)
    for key, value in expected.items():
        assert found.get(key) == value, (key, found)


@pytest.mark.parametrize(("sentence", "expected"), [
    ("Artillery hit the market in the morning, killing five.", {"killed": 5}),
    ("A glide bomb struck a school, injuring 12 and damaging the roof.", {"injured": 12}),
    ("The ambush left 30 soldiers dead near the river crossing.", {"killed": 30}),
    ("Officials reported two dead and four wounded after the shelling.", {"killed": 2, "injured": 4}),
    ("Three bodies were found in a ditch outside the village.", {"killed": 3}),
    ("At least nine people have been confirmed injured in the blast.", {"injured": {"low": 9}}),
    ("By the evening the death toll had risen to 14.", {"killed": 14}),
    # a running total told with what it counts between its subject and its value
    ("The death toll from the barrage on the port has climbed to 23.", {"killed": 23}),
    ("Rescuers found one more body, bringing the toll of Tuesday's strike on Sumy to 11.", {"killed": 11}),
    ("The number of wounded in the shelling of the market stands at 40.", {"injured": 40}),
    ("The number of people killed since the storming of the town rose to 9.", {"killed": 9}),
    ("The raid killed 10 civilians including children.", {"killed": 10}),
    ("Four villagers were martyred when the mortar round landed.", {"killed": 4}),
    ("Eleven insurgents were neutralised during the assault on the base.", {"killed": 11}),
    ("Seventy-two people were wounded in the attack.", {"injured": 72}),
    ("Gunmen abducted 30 passengers from the bus.", {"arrested": 30}),
    ("Police detained more than 200 protesters.", {"arrested": {"low": 200}}),
    ("Six fishermen are still missing after the boat was hit.", {"missing": 6}),
    ("The drone strike killed four men and two women in the square.", {"killed": 6}),
    ("Of the 17 people who died, nine were children.", {"killed": 17}),
    ("Nine of the 20 people killed were soldiers.", {"killed": 20}),
    ("The gunmen shot dead four of the 11 passengers.", {"killed": 4}),
])
def test_casualties_as_they_are_written(sentence, expected):
    _states(sentence, expected)


def test_a_range_is_not_two_figures_added_up():
    assert extract_quantities("Shelling killed 10-12 people in the town.")["killed"] in (10, 12)  # not 22


def test_a_part_is_not_added_to_the_toll_it_belongs_to():
    sentence = "At least 31 people, among them eight children, were killed and 90 others were wounded."
    assert extract_quantities(sentence) == {"killed": {"low": 31}, "injured": 90}


@pytest.mark.parametrize(("sentence", "expected"), [
    ("Dozens of people were killed in the bombing.", {"killed": {"low": 24}}),
    ("Hundreds of residents were injured over the week.", {"injured": {"low": 200}}),
])
def test_dozens_and_hundreds_are_lower_bounds(sentence, expected):
    assert extract_quantities(sentence) == expected


@pytest.mark.parametrize(("sentence", "expected"), [
    ("The defence ministry claimed 40 enemy soldiers died in the battle.", {"claimed_killed": 40}),
    ("Its forces eliminated more than 30 servicemen and destroyed 12 tanks.",
     {"claimed_killed": {"low": 30}, "claimed_destroyed": 12}),
    ("Shelling killed four civilians in the town, while the army said it had eliminated 60 enemy fighters.",
     {"killed": 4, "claimed_killed": 60}),
])
def test_a_sides_claim_of_enemy_losses_never_replaces_the_stated_toll(sentence, expected):
    assert extract_quantities(sentence) == expected


@pytest.mark.parametrize(("sentence", "expected"), [
    ("The air force said Russia launched 64 missiles and 380 drones overnight, of which 41 missiles and 350 drones "
     "were shot down or jammed.",
     {"missiles_launched": 64, "drones_launched": 380, "missiles_shot_down": 41, "drones_shot_down": 350}),
    ("Air defences destroyed 19 drones and three cruise missiles over the capital.",
     {"drones_shot_down": 19, "missiles_shot_down": 3}),
    ("Officials said 52 of 70 drones were intercepted.", {"drones_shot_down": 52, "drones_launched": 70}),
    ("The army downed five out of six ballistic missiles and 40 drones launched by the enemy.",
     {"missiles_shot_down": 5, "missiles_launched": 6, "drones_shot_down": 40}),
    ("The enemy fired 33 drones; 30 of them were downed.", {"drones_launched": 33, "drones_shot_down": 30}),
    ("Missiles and drones impacted across 14 locations.", {"locations_hit": 14}),
])
def test_air_force_tallies(sentence, expected):
    assert extract_quantities(sentence) == expected


def test_drones_shot_down_region_by_region_with_the_total():
    sentence = ("The ministry said 50 drones were shot down over several regions: 30 over Bryansk, seven over "
                "the Oryol region and two each over Tula, Lipetsk and Tambov.")
    assert extract_quantities(sentence) == {"drones_shot_down": 50}  # the total, not the total plus its parts
    by_place = figures_by_place(sentence)
    assert [(f.place, f.value) for f in by_place] == [
        ("Bryansk", 30), ("Oryol region", 7), ("Tula", 2), ("Lipetsk", 2), ("Tambov", 2)]
    assert all(sentence[f.start:f.end] == f.place and f.key == "drones_shot_down" for f in by_place)


def test_per_region_figures_without_a_total_add_up():
    sentence = "Air defences shot down 12 drones over Sumy and four over Poltava."
    assert extract_quantities(sentence) == {"drones_shot_down": 16}
    assert [(f.place, f.value) for f in figures_by_place(sentence)] == [("Sumy", 12), ("Poltava", 4)]


@pytest.mark.parametrize(("sentence", "expected"), [
    ("Our units have taken control of 640 square km and 27 settlements.", {"area_km2": 640, "settlements": 27}),
    ("The brigade liberated one square kilometre near the canal.", {"area_km2": 1}),
    ("The occupiers control almost 18% of the country.", {"percent": {"high": 18}}),
    ("Government troops now hold 60 percent of Marinka.", {"percent": 60}),
    ("The rebels occupy around a third of the province's territory.", {"percent": 33}),
])
def test_territory(sentence, expected):
    assert extract_quantities(sentence) == expected


@pytest.mark.parametrize("sentence", [
    "A 52-year-old woman was taken to hospital.",
    "The strike came at 04:30 am, in 2023, on 3 March.",
    "The brigade fired 152mm shells and a 250-pound bomb at positions 25 kilometres away.",
    "Soldiers of the 93rd brigade held the line.",
    "The crew of a D-20 howitzer and an Su-34 jet were seen.",
    "The vote gave the party 45% of the seats.",
    "The strike came on April 22, a week after the talks.",
    "Two horses were hurt when the barn was shelled.",
    "Since the war began he has lost a stone and a half.",
    "Nearly 40 percent of the respondents said they felt safe.",
])
def test_numbers_that_are_not_figures(sentence):
    assert extract_quantities(sentence) == {}


@pytest.mark.parametrize(("sentence", "amount", "currency"), [
    ("The donors pledged \u20ac2.5 billion.", 2500000000, "EUR"),
    ("A \u00a33.5m fund will rebuild the bridge.", 3500000, "GBP"),
    ("The agency asked for nearly $800,000 in aid.", {"high": 800000}, "USD"),
])
def test_money_keeps_its_currency(sentence, amount, currency):
    assert extract_quantities(sentence) == {"money": {"amount": amount, "currency": currency}}


def test_each_figure_has_the_offsets_of_its_number_and_its_predicate():
    sentence = "Rockets hit the depot, killing at least three guards."
    (figure,) = find_figures(sentence)
    assert figure.key == "killed" and figure.value == {"low": 3}
    assert sentence[figure.start:figure.end] == "at least three"
    assert sentence[figure.anchor:].startswith("killing")


def test_figures_go_to_the_nearest_of_two_triggers():
    sentence = "A drone attack injured seven in the port; a missile strike on the station killed two."
    attack, strike = sentence.index("attack"), sentence.index("strike")
    assert quantities_by_trigger(sentence, [attack, strike]) == [{"injured": 7}, {"killed": 2}]
    assert quantities_by_trigger(sentence, []) == []


# --- the word lists and the matchers behind them ----------------------------------------------------------

def _data() -> dict:
    return json.loads(resources.files("geomap.data").joinpath("events", "quantities.json").read_text("utf-8"))


def test_the_keys_table_speaks_only_of_actions_and_classes_the_word_lists_define():
    data = _data()
    classes = {*data["nouns"], *data["units"], "none"}
    assert set(data["keys"]) <= {*data["actions"], "any"}
    for action, by_class in data["keys"].items():
        assert set(by_class) <= classes, action


@pytest.mark.parametrize("sentence", [
    "The toll on the economy reached 5 percent.",  # a share, not people
    "The toll from the flooding in 3 provinces was heavy.",  # no value after "to" or "at"
    "The death toll from the crash, 12 passengers, was confirmed.",  # a comma closes the phrase
])
def test_a_totals_subject_without_its_value_states_no_toll(sentence):
    assert "killed" not in extract_quantities(sentence)


def test_a_noun_belongs_to_one_class():
    seen: dict[str, str] = {}
    for cls, nouns in _data()["nouns"].items():
        for noun in nouns:
            assert seen.setdefault(noun, cls) == cls, noun


_WORDS = ["killed", "at", "least", "five", "drones", "were", "shot", "down", "of", "which", "12", "and", "over", "the"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_WORDS), max_size=12), st.lists(st.sampled_from(_WORDS), min_size=1, max_size=3))
def test_a_phrase_table_finds_a_phrase_where_a_plain_scan_does(texts, phrase):
    table = PhraseTable([(" ".join(phrase), True)])
    n = len(phrase)
    for i in range(len(texts)):
        starts_here = texts[i:i + n] == phrase
        assert (table.at(texts, i) is not None) == starts_here
        assert (table.ending(texts, i) is not None) == (i + 1 >= n and texts[i + 1 - n:i + 1] == phrase)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from([*_WORDS, "Kursk", ",", "47-year-old", "2024", "D-30", "%", "one", "\u20ac"]),
                max_size=20).map(" ".join))
def test_a_sentence_the_cheap_test_skips_states_no_figure_and_offsets_stay_inside(sentence):
    figures = find_figures(sentence)
    assert figure_words().may_state_a_number(sentence) or not figures
    for f in figures:
        assert 0 <= f.start < f.end <= len(sentence) and 0 <= f.anchor < len(sentence)
        assert all(0 <= s < e <= len(sentence) for s, e in f.places)


def test_tokens_keep_their_offsets_in_text_with_capitals_that_fold_alone():
    text = "\u0130zmir: 5 killed"
    texts, starts, ends = tokens(text)
    assert texts == ["izmir", ":", "5", "killed"]
    assert [text[s:e].lower().replace("i\u0307", "i") for s, e in zip(starts, ends, strict=True)] == texts
