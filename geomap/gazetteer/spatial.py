"""Great-circle distance and containment between gazetteer entries."""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np

from geomap.model import GeoPrecision, Place

EARTH_RADIUS_KM = 6371.0088  # IUGG mean radius


def distance_km(lat1, lon1, lat2, lon2):
    """Haversine distance in km; scalars or NumPy arrays (broadcast)."""
    if all(isinstance(v, (int, float)) for v in (lat1, lon1, lat2, lon2)):
        return _scalar_distance_km(lat1, lon1, lat2, lon2)  # NumPy costs more than it saves on one pair
    p1, p2 = np.radians(lat1), np.radians(lat2)
    dlat, dlon = p2 - p1, np.radians(np.asarray(lon2) - np.asarray(lon1))
    h = np.sin(dlat / 2) ** 2 + np.cos(p1) * np.cos(p2) * np.sin(dlon / 2) ** 2
    km = 2 * EARTH_RADIUS_KM * np.arcsin(np.minimum(1.0, np.sqrt(h)))
    return float(km) if np.ndim(km) == 0 else km


def _scalar_distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    h = math.sin((p2 - p1) / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(h)))


def place_distance_km(a: Place, b: Place) -> float:
    return _scalar_distance_km(a.lat, a.lon, b.lat, b.lon)


def pairs_within_km(a: Sequence[Place], b: Sequence[Place], km: float) -> list[tuple[int, int]]:
    """Index pairs ``(i, j)`` of every ``a[i]`` and ``b[j]`` at most ``km`` apart, found for all pairs at once.

    The test compares unit vectors, so it may also give a pair up to 1 km farther (never miss one nearer):
    check the exact :func:`place_distance_km` of each pair when it matters."""
    if not a or not b:
        return []
    reach = min(math.pi, (km + 1.0) / EARTH_RADIUS_KM)  # the angle between the points' directions, 1 km to spare
    directions = _unit_vectors([*a, *b])  # one set of NumPy calls, not two: their overhead outweighs tens of points
    close = directions[: len(a)] @ directions[len(a) :].T >= math.cos(reach)
    rows, cols = np.nonzero(close)
    return list(zip(rows.tolist(), cols.tolist()))


def _unit_vectors(places: Sequence[Place]) -> np.ndarray:
    lat = np.radians([p.lat for p in places])
    lon = np.radians([p.lon for p in places])
    return np.column_stack((np.cos(lat) * np.cos(lon), np.cos(lat) * np.sin(lon), np.sin(lat)))


def lies_within(place: Place, container: Place) -> bool:
    """Whether ``container`` is ``place``'s country or first-level region ("Paris, Texas")."""
    if container.country_code is None or container.country_code != place.country_code:
        return False
    if container.precision == GeoPrecision.COUNTRY:
        return True
    return container.precision == GeoPrecision.REGION and container.admin1 is not None and (
        container.admin1 == place.admin1
    )
