"""A gazetteer entry before indexing, and the representative points of units built from member towns."""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from geomap.model import GeoPrecision


@dataclass(slots=True)
class Row:
    """One gazetteer entry before indexing."""

    key: str
    name: str
    lat: float
    lon: float
    country_code: str = ""
    admin1: str = ""
    feature_class: str = "P"
    feature_code: str = "PPL"
    population: int = 0
    geonameid: int = 0
    precision: int = int(GeoPrecision.SITE)
    source: str = "geonames"
    stands_for: str = ""
    approximation: str = ""  # how the point was found when it is not the place's own ("hromada centre")
    names: list[str] = field(default_factory=list)  # names[0] is the primary name; the rest are alternates


def weighted_point(members: list[Row]) -> tuple[float, float]:
    weights = [math.sqrt(max(r.population, 1)) for r in members]
    total = sum(weights)
    return (sum(r.lat * w for r, w in zip(members, weights)) / total,
            sum(r.lon * w for r, w in zip(members, weights)) / total)


def middle_point(members: list[Row]) -> tuple[float, float]:
    """The middle of the span of a region's towns (outer 2% trimmed): near its geographic centre, as
    GeoNames places first-level regions, even where one big city pulls a weighted mean aside."""
    lats, lons = sorted(r.lat for r in members), sorted(r.lon for r in members)
    k = len(lats) // 50
    return (lats[k] + lats[-1 - k]) / 2, (lons[k] + lons[-1 - k]) / 2
