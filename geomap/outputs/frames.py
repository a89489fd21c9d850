"""Events as a GeoDataFrame (EPSG:4326), one row per event, the same columns as every other output."""

from __future__ import annotations

from collections.abc import Iterable

import geopandas as gpd
from shapely.geometry import Point

from geomap.model import EVENT_FIELDS, Event


def to_geodataframe(events: Iterable[Event]) -> gpd.GeoDataFrame:
    """Lists and objects (``actors``, ``quantities``, ``sources``) stay Python values; unlocated events have
    an empty geometry (None)."""
    rows, geoms = [], []
    for event in events:
        rows.append(event.to_record())
        geoms.append(Point(event.place.lon, event.place.lat) if event.place else None)
    frame = gpd.GeoDataFrame(rows, columns=list(EVENT_FIELDS), geometry=gpd.GeoSeries(geoms, crs="EPSG:4326"))
    # ids and precision levels are integers; pandas' nullable type keeps them so where a value is missing
    return frame.astype({name: "Int64" for name in INTEGER_FIELDS})


INTEGER_FIELDS = ("geonameid", "geo_precision")
