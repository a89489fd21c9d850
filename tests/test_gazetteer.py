"""The offline gazetteer and its geopy-compatible geocoder answer as a conflict analyst expects."""

from __future__ import annotations

import json
import random
import threading
from collections.abc import Iterator
from dataclasses import replace
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import numpy as np
import pytest
from geopy.geocoders import Nominatim
from geopy.location import Location

from geomap import OfflineGeocoder, find_places, load_gazetteer
from geomap.gazetteer import normalize_name
from geomap.gazetteer.geocoder import CachedGeocoder
from geomap.gazetteer.spatial import distance_km, pairs_within_km, place_distance_km
from geomap.model import GeoPrecision, Place


@pytest.fixture(scope="module")
def geocoder() -> OfflineGeocoder:
    return OfflineGeocoder()


def _near(loc: Location | None, lat: float, lon: float, km: float) -> bool:
    return loc is not None and distance_km(loc.latitude, loc.longitude, lat, lon) < km


@pytest.mark.parametrize(
    ("query", "lat", "lon"),
    [
        ("Kyiv", 50.45, 30.52),
        ("Kiev", 50.45, 30.52),
        ("Kharkov", 49.99, 36.23),
        ("Odessa", 46.48, 30.73),
        ("Zaporozhye", 47.84, 35.14),
        ("Dnepropetrovsk", 48.46, 35.04),
        ("Paris", 48.85, 2.35),
        ("The Hague", 52.08, 4.30),
        ("Munich", 48.14, 11.58),
    ],
)
def test_names_and_old_transliterations_find_the_well_known_city(geocoder, query, lat, lon):
    assert _near(geocoder.geocode(query), lat, lon, 25)


def test_the_nuclear_plant_is_at_enerhodar_not_in_the_city(geocoder):
    plant = geocoder.geocode("Zaporizhzhia nuclear power plant")
    city = geocoder.geocode("Zaporizhzhia")
    assert _near(plant, 47.51, 34.58, 10)  # beside Enerhodar
    assert _near(city, 47.84, 35.14, 15) and city.raw["population"] > 500_000  # not the village of 656
    assert distance_km(plant.latitude, plant.longitude, city.latitude, city.longitude) > 40


@pytest.mark.parametrize(("query", "cc"), [("Kursk Oblast", "RU"), ("Donbas", "UA"), ("Crimea", "UA")])
def test_regions_are_regions(geocoder, query, cc):
    loc = geocoder.geocode(query)
    assert loc is not None and loc.raw["country_code"] == cc
    assert loc.raw["geo_precision"] == GeoPrecision.REGION


def test_qualifiers_and_country_filters_pick_the_other_paris(geocoder):
    for query in ("Paris, Texas", "Paris, TX"):
        loc = geocoder.geocode(query)
        assert loc.raw["country_code"] == "US" and loc.raw["admin1"] == "TX", query
    assert geocoder.geocode("Odessa", country_codes="US").raw["admin1"] == "TX"
    assert geocoder.geocode("Paris", country_codes="US").raw["admin1"] == "TX"  # the largest US Paris
    assert geocoder.geocode("Odessa, Ukraine").raw["country_code"] == "UA"
    assert geocoder.geocode("Kharkiv, France") is None  # a qualifier never falls back to elsewhere


def test_airport_codes_and_unknown_names_are_not_places(geocoder):
    for query in ("IEV", "OZH", "Nowhereville Xq"):
        assert geocoder.geocode(query) is None
        assert geocoder.geocode(query, exactly_one=False) == []


def test_all_candidates_come_best_first_with_a_readable_address(geocoder):
    found = geocoder.geocode("Paris", exactly_one=False, limit=5)
    assert len(found) == 5
    assert found[0].raw["country_code"] == "FR" and found[0].address.endswith("France")
    priors = [loc.raw["prior"] for loc in found]
    assert priors == sorted(priors, reverse=True)


def test_reverse_names_the_nearest_town(geocoder):
    loc = geocoder.reverse((47.49, 34.66))
    assert loc.raw["name"] == "Enerhodar" and loc.raw["distance_km"] < 2


def test_demonyms_and_seats(tmp_path: Path):
    gaz = load_gazetteer()
    assert gaz.demonym("Ukrainian").country_code == "UA"
    assert gaz.demonym("Polish").country_code == "PL"
    assert gaz.stands_for("the Kremlin") or gaz.stands_for("Kremlin")


def test_a_seat_stands_for_its_institution_however_its_place_was_made():
    gaz = load_gazetteer()
    kremlin = gaz.candidates("Kremlin")[0]
    assert gaz.stands_for(kremlin) == "RU government"
    assert gaz.stands_for(replace(kremlin, name="the Kremlin walls")) == "RU government"  # found by its key
    assert gaz.stands_for(replace(kremlin, key="cur:elsewhere")) is None
    assert gaz.stands_for(gaz.candidates("Moscow")[0]) is None


def test_capitals_are_the_first_national_capital_of_each_country():
    gaz = load_gazetteer()
    assert gaz.capital("ua").name == "Kyiv" and gaz.capital("US").name == "Washington"
    assert gaz.capital("XX") is None and gaz.capital("") is None
    for cc in ("FR", "SY", "VN"):  # as a scan of the whole index finds it
        rows = np.flatnonzero((gaz._a["feature_code"] == "PPLC") & (gaz._a["country_code"] == cc))
        assert gaz.capital(cc) == gaz._place(int(rows[0]))


def test_users_add_their_own_rows(depot_csv: Path):
    loc = OfflineGeocoder(extra=[depot_csv]).geocode("Depot Seventeen")
    assert _near(loc, 48.5, 37.9, 1)


class _FakeNominatim(BaseHTTPRequestHandler):
    """Answers Nominatim's /search like the real service, for one known name."""

    calls: list[str] = []

    def do_GET(self) -> None:  # noqa: N802 - the http.server API
        query = parse_qs(urlsplit(self.path).query)
        type(self).calls.append(query.get("q", [""])[0])
        body = []
        if query.get("q") == ["Khreshchatyk 22, Kyiv"]:
            body = [{"lat": "50.447", "lon": "30.522", "display_name": "22, Khreshchatyk Street, Kyiv, Ukraine",
                     "place_id": 1, "class": "place", "type": "village"}]
        data = json.dumps(body).encode()
        if query.get("q") == ["Garbled Reply"]:
            data = b"\x00\xff<html><script>alert(1)</script>"  # not JSON at all
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, *args) -> None:
        pass


@pytest.fixture()
def local_nominatim() -> Iterator[str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), _FakeNominatim)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    _FakeNominatim.calls = []
    yield f"127.0.0.1:{server.server_address[1]}"
    server.shutdown()


def test_online_fallback_only_for_unknown_names_and_cached(local_nominatim, tmp_path):
    online = Nominatim(domain=local_nominatim, scheme="http", user_agent="geomap-test")
    cached = CachedGeocoder(online, cache_path=tmp_path / "answers.sqlite", min_delay_seconds=0)
    geocoder = OfflineGeocoder(fallback=cached)
    assert geocoder.geocode("Kyiv").raw["source"] == "geonames"
    assert _FakeNominatim.calls == []  # known offline: never asked
    first = geocoder.geocode("Khreshchatyk 22, Kyiv")
    assert _near(first, 50.447, 30.522, 1)
    assert geocoder.geocode("Nowhereville Xq") is None
    again = geocoder.geocode("Khreshchatyk 22, Kyiv")
    assert _FakeNominatim.calls == ["Khreshchatyk 22, Kyiv", "Nowhereville Xq"]  # answers, and "not found", are kept
    assert again.address == first.address
    cached.close()
    reopened = CachedGeocoder(online, cache_path=tmp_path / "answers.sqlite", min_delay_seconds=0)
    assert reopened.geocode("Khreshchatyk 22, Kyiv").address == "22, Khreshchatyk Street, Kyiv, Ukraine"
    assert _FakeNominatim.calls == ["Khreshchatyk 22, Kyiv", "Nowhereville Xq"]


def test_a_garbled_online_answer_is_not_found_and_not_kept(local_nominatim, tmp_path):
    online = Nominatim(domain=local_nominatim, scheme="http", user_agent="geomap-test")
    cached = CachedGeocoder(online, cache_path=tmp_path / "answers.sqlite", min_delay_seconds=0)
    assert OfflineGeocoder(fallback=cached).geocode("Garbled Reply") is None
    assert OfflineGeocoder(fallback=cached).geocode("Garbled Reply") is None
    assert _FakeNominatim.calls.count("Garbled Reply") >= 2  # a failure is asked again, not cached


def test_bad_user_rows_are_skipped_and_the_rest_loads(tmp_path: Path):
    header = (Path(__file__).parents[1] / "gazetteer" / "places.csv").read_text("utf-8").splitlines()[0]
    columns = header.split(",")

    def row(**values: str) -> str:
        base = {c: "" for c in columns} | {"key": "k", "name": "Good Depot", "lat": "48.5", "lon": "37.9",
                                            "country_code": "UA", "precision": "1", "source": "test"}
        return ",".join((base | values)[c] for c in columns)

    extra = tmp_path / "mine.csv"
    extra.write_text("\n".join([
        header,
        row(),
        row(key="k2", name="Nowhere Lat", lat="north"),
        row(key="k3", name="Off The Globe", lat="123.0"),
        row(key="k4", name="Bad Precision", precision="7"),
        row(key="k5", name="<script>alert(1)</script>"),
    ]) + "\n", "utf-8")
    geocoder = OfflineGeocoder(extra=[extra])
    assert geocoder.geocode("Good Depot") is not None
    for name in ("Nowhere Lat", "Off The Globe", "Bad Precision"):
        assert geocoder.geocode(name) is None
    empty, binary = tmp_path / "empty.csv", tmp_path / "binary.csv"
    empty.write_bytes(b"")
    binary.write_bytes(bytes(range(256)) * 10)
    assert OfflineGeocoder(extra=[empty, binary]).geocode("Kyiv") is not None


def test_online_failure_is_not_found_not_a_crash(tmp_path):
    dead = Nominatim(domain="127.0.0.1:9", scheme="http", user_agent="geomap-test", timeout=2)
    geocoder = OfflineGeocoder(fallback=CachedGeocoder(dead, cache_path=tmp_path / "a.sqlite", min_delay_seconds=0))
    assert geocoder.geocode("Khreshchatyk 22, Kyiv") is None


@pytest.mark.parametrize("text", ["Troops entered al-Samawah.", "Troops entered As-Samawah.", "A bomb went off in Samawah."])
def test_arabic_article_forms_find_the_town(text):
    """GeoNames writes "As Samāwah"; news writes "al-Samawah" or drops the article."""
    (mention,) = find_places(text)
    assert mention.place.country_code == "IQ"


def test_pairs_within_km_finds_every_near_pair_and_hardly_any_other():
    rng = random.Random(3)
    points = [Place(key=f"t:{k}", name="", lat=rng.uniform(-89, 89), lon=rng.uniform(-180, 180)) for k in range(300)]
    a, b = points[:150], points[150:]
    found = set(pairs_within_km(a, b, 2000.0))
    for i, p in enumerate(a):
        for j, q in enumerate(b):
            km = place_distance_km(p, q)
            assert ((i, j) in found) == (km <= 2000.0) or 2000.0 < km <= 2001.0
    assert pairs_within_km([], b, 2000.0) == []


@pytest.mark.parametrize(
    ("name", "key"),
    [
        ("New York", "new york"),  # plain ASCII words: only case and transliteration to fold
        ("Zaporizhzhya", "zaporizhzhia"),
        ("ZAPORIZHZHIA", "zaporizhzhia"),
        ("New  York", "new york"),
        ("St. Louis", "st louis"),
        ("Calif.", "calif."),
        ("São Paulo", "sao paulo"),
        ("Kharkiv-based", "kharkiv based"),
        ("Sant'Anna", "santanna"),
        (" Donetsk ", "donetsk"),
    ],
)
def test_normalized_names(name, key):
    assert normalize_name(name) == key


@pytest.mark.parametrize(("written", "listed"), [
    ("Qamishly", "Al Qamishli"), ("Dhamar", "Damar"), ("Bukavu", "Bakavu"),
])
def test_romanisations_of_one_name_share_a_spelling_key(written, listed):
    from geomap.gazetteer.spelling import similar, spelling_key

    a, b = normalize_name(written), normalize_name(listed)
    assert spelling_key(a) == spelling_key(b) is not None and similar(a, b)


@pytest.mark.parametrize(("written", "other"), [("Hit", "Heet"), ("Paris", "Perez"), ("Deir ez-Zor", "Dayr az Zawr")])
def test_short_or_unlike_names_are_not_taken_for_one_another(written, other):
    from geomap.gazetteer.spelling import similar, spelling_key

    a, b = normalize_name(written), normalize_name(other)
    assert spelling_key(a) is None or spelling_key(a) != spelling_key(b) or not similar(a, b)


def test_a_place_the_text_frames_is_found_under_another_romanisation_in_the_documents_country():
    for text in ("In Syria, shelling hit the town of Qamishly on Monday.", "In Syria, shelling hit Qamishly town."):
        (town,) = [m for m in find_places(text) if m.text == "Qamishly"]
        assert town.place is not None and town.place.country_code == "SY" and town.place.feature_class == "P"
        assert town.role == "literal"
    elsewhere = [m for m in find_places("In Peru, shelling hit the town of Qamishly on Monday.") if m.text == "Qamishly"]
    assert all(m.place is None for m in elsewhere)  # no such spelling among the document's countries


@pytest.mark.parametrize(("written", "shown"), [
    ("the Rostov region", "Rostov Oblast"), ("Smolensk Oblast", "Smolensk Oblast"), ("the Tambov region", "Tambov Oblast"),
])
def test_a_region_listed_only_in_its_adjectival_form_is_found_by_the_name_news_uses(written, shown):
    # GeoNames names these "Rostovskaya oblast'", ...: the English name comes from the bare Cyrillic alias
    (region,) = [m for m in find_places(f"Drones were shot down over {written} overnight.")]
    assert (region.place.name, region.place.feature_code, region.place.country_code) == (shown, "ADM1", "RU")


def test_a_village_only_nigerias_register_knows_is_found_where_the_text_frames_it_as_a_place():
    # ng-address-toolkit's towns: Gubberi and Katamona are villages of Zamfara that cities500 lacks
    (village, state) = find_places("Bandits stormed the village of Gubberi, Zamfara State, and abducted 20 people.")
    assert village.place.country_code == "NG" and village.place.admin1 == state.place.admin1
    assert [m.text for m in find_places("Gunmen killed four farmers near Katamona on Sunday.")] == ["Katamona"]
    assert find_places("Gubberi said the road was closed.") == []  # a register name alone may be a person's


def test_register_names_made_of_common_words_or_spelt_as_acronyms_are_not_places():
    found = find_places("Police guarded the Town Hall and the Township office.")
    assert all(m.place is None or m.place.source != "register" for m in found)
    assert [m.text for m in find_places("FEMA sent teams to Georgia.")] == ["Georgia"]
