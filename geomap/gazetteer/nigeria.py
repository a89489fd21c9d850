"""Nigeria's towns and villages (``ng-address-toolkit``, MIT: 53,192 named places with coordinates).

Why: cities500 holds the towns of Nigeria's larger places, while the villages and camps that reports of
banditry and insurgency name (in Zamfara, Katsina, Kaduna, Borno) are mostly among the rest. Many of the
register's names are also people's names or words ("Musa", "Bello", "Green Village"), so its entries are
filed under the source ``register``: the geoparser takes a name that only the register knows where the
text frames it as a place ("in X", "the village of X", "X, Borno State"), never on its own.

A town that cities500 already has (the same name within ``_SAME_PLACE_KM``) is left to GeoNames. The
package's folder is named with hyphens, so its data is found through its distribution, not imported.
"""

from __future__ import annotations

import calendar
import json
from collections.abc import Iterator, Mapping
from importlib import metadata
from pathlib import Path

from geomap.gazetteer.normalize import normalize_name
from geomap.gazetteer.rows import Row
from geomap.gazetteer.spatial import distance_km

DISTRIBUTION = "ng-address-toolkit"
_SAME_PLACE_KM = 10.0
_CALENDAR_WORDS = frozenset(w.lower() for w in (*calendar.month_name[1:], *calendar.day_name))
_COMMON_WORD_ZIPF = 3.0  # "Township", "Green Village", "Town Hall": names made only of such words are left out


def towns_file() -> Path | None:
    """The register's town table, or None when the package is not installed."""
    try:
        files = metadata.files(DISTRIBUTION) or []
    except metadata.PackageNotFoundError:
        return None
    found = [f for f in files if f.name == "towns.json" and f.parent.name == "data"]
    return Path(str(found[0].locate())) if found else None


def _word_like(name: str) -> bool:
    """Whether ``name`` would be read as English words: all of them common, or a date's first ("Friday Camp")."""
    from wordfreq import zipf_frequency

    words = name.lower().split()
    return words[0] in _CALENDAR_WORDS or all(zipf_frequency(word, "en") >= _COMMON_WORD_ZIPF for word in words)


def nigeria_rows(cities: Mapping[int, Row], admin1_of_state: Mapping[str, str]) -> Iterator[Row]:
    """The register's places that cities500 lacks, as ``register`` rows of Nigeria."""
    path = towns_file()
    if path is None:
        return
    known: dict[str, list[Row]] = {}
    for row in cities.values():
        if row.country_code == "NG":
            for name in row.names:
                known.setdefault(normalize_name(name), []).append(row)
    seen: set[tuple[str, float, float]] = set()
    for k, town in enumerate(json.loads(path.read_text(encoding="utf-8"))):
        name, lat, lon = town.get("name"), town.get("latitude"), town.get("longitude")
        if not name or lat is None or lon is None or (name, lat, lon) in seen:
            continue
        seen.add((name, lat, lon))
        if _word_like(name) or any(distance_km(lat, lon, r.lat, r.lon) <= _SAME_PLACE_KM
                                   for r in known.get(normalize_name(name), ())):
            continue
        yield Row(key=f"ng:{k}", name=name, lat=float(lat), lon=float(lon), country_code="NG",
                  admin1=admin1_of_state.get(town.get("state_code", ""), ""), source="register", names=[name])
