"""Events as an RFC 7946 GeoJSON FeatureCollection: lon/lat order, WGS 84, no ``crs`` member."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from geomap.model import Event

COORDINATE_DECIMALS = 5  # about a metre: finer than any gazetteer point deserves


def to_feature(event: Event) -> dict[str, Any]:
    record = event.to_record()
    geometry = None
    if event.place is not None:
        geometry = {
            "type": "Point",
            "coordinates": [round(event.place.lon, COORDINATE_DECIMALS), round(event.place.lat, COORDINATE_DECIMALS)],
        }
    return {"type": "Feature", "id": event.id, "geometry": geometry, "properties": record}


def to_geojson(events: Iterable[Event]) -> dict[str, Any]:
    """A FeatureCollection with one feature per event; unlocated events have a null geometry."""
    return {"type": "FeatureCollection", "features": [to_feature(e) for e in events]}
