"""The bundled data places the villages, towns and raions that war reporting about Ukraine names.

gazetteer/coverage.csv holds a sample with coordinates looked up in public sources (one noted per row);
the share found within each row's distance is what a new user on conflict-monitor reports would see.
"""

from __future__ import annotations

import csv

import pytest

from geomap import OfflineGeocoder
from geomap.gazetteer.sources import curated_dir
from geomap.gazetteer.spatial import distance_km

COLUMNS = ["name", "country_code", "lat", "lon", "km", "source"]


@pytest.fixture(scope="module")
def sample() -> list[dict[str, str]]:
    with open(curated_dir() / "coverage.csv", newline="", encoding="utf-8") as fh:
        reader = csv.DictReader(fh)
        assert reader.fieldnames == COLUMNS
        return list(reader)


def _placed(geocoder: OfflineGeocoder, row: dict[str, str]) -> bool:
    loc = geocoder.geocode(row["name"], country_codes=row["country_code"])
    if loc is None:
        return False
    return distance_km(loc.latitude, loc.longitude, float(row["lat"]), float(row["lon"])) <= float(row["km"])


def test_the_sample_is_large_enough_and_says_where_each_point_comes_from(sample):
    assert sum(r["country_code"] == "UA" for r in sample) >= 40
    assert all(r["source"].strip() and float(r["km"]) > 0 for r in sample)


def test_most_frontline_places_in_ukraine_are_placed_within_their_distance(sample):
    geocoder = OfflineGeocoder()
    ukraine = [r for r in sample if r["country_code"] == "UA"]
    missed = [r["name"] for r in ukraine if not _placed(geocoder, r)]
    assert len(missed) <= 0.15 * len(ukraine), missed
