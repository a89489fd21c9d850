"""A region written beside a place name says which of its namesakes the report means."""

from __future__ import annotations

import pytest

from geomap import find_places
from geomap.gazetteer import load_gazetteer
from geomap.model import GeoPrecision

# GeoNames admin1 codes of three Ukrainian oblasts that each hold a village called Ivanivka
DNIPROPETROVSK, DONETSK, KHERSON = "04", "05", "08"


def _first(text: str, name: str):
    return next(m for m in find_places(text) if m.text == name)


def test_the_namesakes_are_real():
    admin1 = {p.admin1 for p in load_gazetteer().candidates("Ivanivka") if p.country_code == "UA"}
    assert {DNIPROPETROVSK, DONETSK, KHERSON} <= admin1
    elsewhere = {p.admin1 for p in load_gazetteer().candidates("Krasnohorivka") if p.country_code == "UA"}
    assert DONETSK in elsewhere and "24" not in elsewhere  # none in Volyn (24)


@pytest.mark.parametrize(("sentence", "admin1"), [
    ("Artillery fire was reported near Ivanivka, Kherson, on Sunday.", KHERSON),
    ("A drone came down near Ivanivka (Kherson) at dawn.", KHERSON),
    ("Rockets landed on Ivanivka, Dnipropetrovsk Oblast, before noon.", DNIPROPETROVSK),
    ("Volunteers reached the village of Ivanivka in the Dnipropetrovsk region.", DNIPROPETROVSK),
    ("Crews restored power in Ivanivka in Donetsk province.", DONETSK),
    ("Shelling hit Kherson Oblast's Ivanivka overnight.", KHERSON),
    ("Medics left Ivanivka village, Dnipropetrovsk Oblast, at noon.", DNIPROPETROVSK),
    ("Medics left Ivanivka, in the Donetsk region, at noon.", DONETSK),
])
def test_the_qualifier_picks_the_namesake_inside_its_region(sentence, admin1):
    village = _first(sentence, "Ivanivka")
    assert village.place is not None and village.place.admin1 == admin1
    assert village.role == "literal"


def test_a_town_name_qualifying_a_village_means_its_region():
    kherson = _first("Artillery fire was reported near Ivanivka, Kherson, on Sunday.", "Kherson")
    assert kherson.place.precision == GeoPrecision.REGION and kherson.place.admin1 == KHERSON


@pytest.mark.parametrize("sentence", [
    "Partisans claimed a raid on Krasnohorivka in the Volyn region.",
    "Partisans claimed a raid on Krasnohorivka (Volyn Oblast).",
    "Partisans claimed a raid on Krasnohorivka, Volyn Oblast.",
])
def test_a_namesake_outside_the_named_region_is_not_taken(sentence):
    village = _first(sentence, "Krasnohorivka")
    assert village.place is None and "Volyn" in village.reason
    assert village.role == "literal"  # still reported as a place the run could not map


def test_a_list_of_towns_is_not_a_chain_of_qualifiers():
    found = {m.text: m for m in find_places("Power cuts hit Kherson, Zaporizhzhia and Donetsk overnight.")}
    assert found["Kherson"].place.admin1 == KHERSON and found["Kherson"].place.precision == GeoPrecision.SITE
    assert found["Donetsk"].place.precision == GeoPrecision.SITE


def test_a_country_is_not_qualified_by_another():
    found = {m.text: m for m in find_places("Observers judged the conduct of Russia in Ukraine harshly.")}
    assert found["Russia"].place.country_code == "RU" and found["Ukraine"].place.country_code == "UA"


def test_a_village_framed_in_a_report_on_another_country_is_not_a_hamlet_abroad():
    # Koknese is a small Latvian town, the only one of that name: not the Sudanese village the report means
    found = {m.text: m for m in find_places("Fighters torched the village of Koknese outside Kadugli, Sudan.")}
    assert found["Koknese"].place is None and found["Koknese"].role == "literal"
    assert found["Kadugli"].place.country_code == "SD"
    near_riga = {m.text: m for m in find_places("Tourists visited the village of Koknese near Riga.")}
    assert near_riga["Koknese"].place.country_code == "LV"


def test_a_town_written_beside_a_region_of_another_country_is_not_the_namesake_abroad():
    # Afragola is a town near Naples: "Afragola, Balochistan" names a place in Pakistan the gazetteer lacks
    found = {m.text: m for m in find_places("Two people were hurt in Afragola, Balochistan, police said.")}
    assert found["Afragola"].place is None and found["Balochistan"].place.country_code == "PK"
    found = {m.text: m for m in find_places("She grew up in Paris, Texas, and moved away.")}
    assert found["Paris"].place.country_code == "US"


def test_a_village_in_a_list_is_the_namesake_near_the_villages_listed_with_it():
    from geomap.gazetteer.spatial import place_distance_km

    (alone,) = [m for m in find_places("Shelling hit Novoselivka overnight.") if m.text == "Novoselivka"]
    for listing in ("Kurylivka, Kivsharivka and Novoselivka", "Kurylivka and Kivsharivka, as well as Novoselivka"):
        found = {m.text: m for m in find_places(f"Shelling hit {listing} overnight.")}
        listed, mate = found["Novoselivka"].place, found["Kurylivka"].place
        assert place_distance_km(listed, mate) < 70 < place_distance_km(alone.place, mate)


def test_a_list_whose_second_item_is_a_region_does_not_qualify_the_first():
    found = {m.text: m for m in find_places("Fighting hit Lviv, Kharkiv Oblast and Sumy Oblast.")}
    assert found["Lviv"].place is not None and found["Lviv"].place.name == "Lviv"
    found = {m.text: m for m in find_places("Shelling hit Vesele, Donetsk Oblast, and Ivanivka, Kharkiv Oblast.")}
    assert (found["Vesele"].place.admin1, found["Ivanivka"].place.admin1) == ("05", "07")


def test_a_small_namesake_abroad_listed_among_towns_of_one_country_is_left_unplaced():
    # Cardito is a town of 22,000 near Naples
    found = {m.text: m for m in find_places("Drones were downed over Lahore, Karachi, Cardito and Multan.")}
    assert found["Cardito"].place is None and found["Multan"].place.country_code == "PK"
    found = {m.text: m for m in find_places("Flights resumed from Paris, Lyon and Albany.")}
    assert found["Albany"].place is not None  # a city abroad is still named


@pytest.mark.parametrize("text, state", [
    ("Gunmen raided Jere, Adamawa State, at dawn.", "35"),  # the gazetteer lists a Borno district of that name first
    ("Gunmen raided the Jere camp in Jigawa State's Dutse area at dawn.", "39"),  # "camp", then a possessive
])
def test_a_village_qualified_by_its_state_is_the_one_there(text, state):
    found = {m.text: m for m in find_places(text)}
    assert (found["Jere"].place.country_code, found["Jere"].place.admin1) == ("NG", state)
