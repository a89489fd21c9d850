"""Counties, raions and the villages of Ukraine's register resolve as a reader of war reporting expects."""

from __future__ import annotations

import pytest

from geomap import OfflineGeocoder, find_places, load_gazetteer
from geomap.gazetteer.spatial import distance_km
from geomap.model import Document, GeoPrecision


@pytest.fixture(scope="module")
def geocoder() -> OfflineGeocoder:
    return OfflineGeocoder()


@pytest.mark.parametrize(
    ("query", "cc", "lat", "lon", "km"),
    [
        ("Suffolk", "GB", 52.19, 1.00, 40),
        ("Surrey", "GB", 51.25, -0.45, 40),
        ("Fife", "GB", 56.21, -3.15, 30),
        ("Bakhmut Raion", "UA", 48.6, 38.0, 40),
        ("Bakhmut district", "UA", 48.6, 38.0, 40),
    ],
)
def test_second_level_units_resolve_to_the_unit(geocoder, query, cc, lat, lon, km):
    loc = geocoder.geocode(query)
    assert loc is not None and loc.raw["country_code"] == cc, query
    assert loc.raw["geo_precision"] == GeoPrecision.REGION and loc.raw["feature_code"] == "ADM2"
    assert distance_km(loc.latitude, loc.longitude, lat, lon) < km


def test_a_department_named_after_its_city_leaves_the_name_to_the_city(geocoder):
    loc = geocoder.geocode("Paris")
    assert loc.raw["feature_code"] == "PPLC"
    assert all(p.feature_code != "ADM2" for p in load_gazetteer().candidates("Paris", ["FR"]))


@pytest.mark.parametrize(
    ("query", "lat", "lon"),
    [("Klishchiivka", 48.53, 37.97), ("Robotyne", 47.45, 35.84), ("Synkivka", 49.82, 37.69)],
)
def test_frontline_villages_cities500_lacks_are_found_near_where_they_are(geocoder, query, lat, lon):
    loc = geocoder.geocode(query, country_codes="UA")
    assert loc is not None and loc.raw["source"] == "katottg"
    assert loc.raw["approximation"] == "hromada centre"
    assert distance_km(loc.latitude, loc.longitude, lat, lon) < 25


def test_older_and_russian_spellings_of_a_register_village_find_it(geocoder):
    national = geocoder.geocode("Klishchiivka")
    for spelling in ("Klishchiyivka", "Klishcheyevka"):
        other = geocoder.geocode(spelling)
        assert other is not None and other.raw["key"] == national.raw["key"], spelling


def test_a_big_city_wins_over_its_namesake_villages(geocoder):
    for city in ("Kyiv", "Lviv", "Mykolaiv", "Poltava"):
        loc = geocoder.geocode(city)
        assert loc.raw["source"] == "geonames" and loc.raw["population"] > 200_000, city
        villages = [p for p in load_gazetteer().candidates(city) if p.source == "katottg"]
        assert villages and all(load_gazetteer().prior(v) < 0.2 for v in villages)


def test_the_approximation_reaches_the_mention_of_a_village():
    text = "Our correspondent heard shelling near the village of Klishchiivka on Tuesday night."
    doc = Document(id="t1", text=text)
    mention = next(m for m in find_places(doc) if m.text == "Klishchiivka")
    assert mention.place is not None and mention.place.approximation == "hromada centre"


def test_reverse_geocoding_never_answers_with_a_borrowed_point(geocoder):
    loc = geocoder.reverse((48.594, 37.999))  # Bakhmut, the centre many register villages are placed at
    assert loc.raw["name"] == "Bakhmut" and loc.raw["approximation"] is None


def test_a_register_village_and_a_curated_place_are_found_again_by_their_keys():
    gaz = load_gazetteer()
    village = next(p for p in gaz.candidates("Klishchiivka") if p.source == "katottg")
    assert village.key.startswith("katottg:UA") and gaz.get(village.key) == village
    assert gaz.get("cur:kremlin").name and gaz.get("katottg:UA00000000000000000") is None
