"""geopy's ``Geocoder`` interface over the offline gazetteer, with an opt-in online fallback.

Code written against geopy works unchanged::

    >>> from geomap import OfflineGeocoder
    >>> OfflineGeocoder().geocode("Paris, Texas").raw["country_code"]
    'US'

Names the gazetteer lacks can be passed to any geopy geocoder (Nominatim, say) through
:class:`CachedGeocoder`, which rate-limits requests with geopy's ``RateLimiter`` and keeps every answer,
including "not found", in an SQLite file so that a name is asked for only once. Nothing goes online
unless a fallback is given explicitly.
"""

from __future__ import annotations

import json
import logging
import sqlite3
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from geopy.extra.rate_limiter import RateLimiter
from geopy.geocoders.base import DEFAULT_SENTINEL, Geocoder
from geopy.location import Location
from geopy.point import Point

from geomap.gazetteer.core import Gazetteer, load_gazetteer
from geomap.gazetteer.spatial import lies_within
from geomap.model import Place

_log = logging.getLogger(__name__)


def geocode_candidates(
    gaz: Gazetteer, query: str, country_codes: Sequence[str] | None = None
) -> list[tuple[Place, float]]:
    """Every entry a query may mean, best first, with its prior.

    A query may be qualified by a region or country after commas ("Paris, Texas", "Paris, TX",
    "Odessa, Ukraine"); then only entries inside every qualifier are kept.
    """
    name, *qualifiers = [part.strip() for part in query.split(",") if part.strip()] or [""]
    found = gaz.lookup(name, country_codes)
    for qualifier in qualifiers:
        found = [(place, prior) for place, prior in found if _inside(gaz, place, qualifier)]
    return sorted(found, key=lambda pair: -pair[1])


def _inside(gaz: Gazetteer, place: Place, qualifier: str) -> bool:
    if any(lies_within(place, container) for container in gaz.candidates(qualifier)[:10]):
        return True
    code = qualifier.replace(".", "").upper()
    # "Paris, TX", "Kyiv, UA": a bare country or GeoNames admin-1 code
    return code.isalpha() and len(code) in (2, 3) and code in (place.country_code, place.admin1)


class OfflineGeocoder(Geocoder):
    """A geopy ``Geocoder`` answering from geomap's offline gazetteer.

    ``fallback`` (any geopy geocoder, wrapped in :class:`CachedGeocoder` unless it already is one) is
    asked only for queries the gazetteer has no entry for.
    """

    def __init__(
        self,
        gazetteer: Gazetteer | None = None,
        *,
        extra: Sequence[str | Path] = (),
        fallback: Geocoder | CachedGeocoder | None = None,
    ) -> None:
        super().__init__(user_agent="geomap")
        self.gazetteer = gazetteer or load_gazetteer(extra)
        if fallback is not None and not isinstance(fallback, CachedGeocoder):
            fallback = CachedGeocoder(fallback)
        self.fallback = fallback

    def geocode(
        self,
        query: str,
        *,
        exactly_one: bool = True,
        country_codes: str | Sequence[str] | None = None,
        limit: int | None = None,
        timeout: Any = DEFAULT_SENTINEL,
    ) -> Location | list[Location] | None:
        """The best entry for ``query`` (or every entry with ``exactly_one=False``), or None."""
        codes = [country_codes] if isinstance(country_codes, str) else country_codes
        found = geocode_candidates(self.gazetteer, query, codes)
        if not found and self.fallback is not None:
            return self.fallback.geocode(query, exactly_one=exactly_one, country_codes=codes)
        locations = [self._location(place, prior) for place, prior in found[: 1 if exactly_one else limit]]
        if exactly_one:
            return locations[0] if locations else None
        return locations

    def reverse(
        self, query: Point | tuple[float, float] | str, *, exactly_one: bool = True, limit: int | None = None,
        timeout: Any = DEFAULT_SENTINEL,
    ) -> Location | list[Location] | None:
        """The nearest populated place(s) to a point, the distance in km in ``raw["distance_km"]``."""
        point = Point(query)
        nearest = self.gazetteer.nearest(point.latitude, point.longitude, k=1 if exactly_one else (limit or 10))
        locations = [self._location(place, None, distance_km=round(km, 3)) for place, km in nearest]
        if exactly_one:
            return locations[0] if locations else None
        return locations

    def _location(self, place: Place, prior: float | None, **extra: Any) -> Location:
        region = self.gazetteer.admin1(place.country_code, place.admin1) if place.country_code and place.admin1 else None
        country = self.gazetteer.country(place.country_code) if place.country_code else None
        parts = [place.name] + [p.name for p in (region, country) if p is not None and p.key != place.key]
        raw = {
            "key": place.key, "name": place.name, "geonameid": place.geonameid, "country_code": place.country_code,
            "admin1": place.admin1, "feature_class": place.feature_class, "feature_code": place.feature_code,
            "population": place.population, "geo_precision": int(place.precision), "source": place.source,
            "approximation": place.approximation,
        }
        if prior is not None:
            raw["prior"] = round(prior, 4)
        raw.update(extra)
        return Location(", ".join(dict.fromkeys(parts)), Point(place.lat, place.lon), raw)


class CachedGeocoder:
    """An online geopy geocoder behind geopy's ``RateLimiter`` and an SQLite cache on disk.

    A failed request is retried once by the ``RateLimiter``; if it fails again it is logged and
    answered as "not found" without being cached, so a later run asks again.
    """

    def __init__(self, geocoder: Geocoder, cache_path: str | Path | None = None, min_delay_seconds: float = 1.0):
        self.geocoder = geocoder
        self._limited = RateLimiter(
            geocoder.geocode, min_delay_seconds=min_delay_seconds, max_retries=1, error_wait_seconds=min_delay_seconds,
            swallow_exceptions=False,
        )
        if cache_path is None:
            from geomap.gazetteer.sources import cache_root

            cache_path = cache_root() / "online-geocode.sqlite"
        Path(cache_path).parent.mkdir(parents=True, exist_ok=True)
        self._db = sqlite3.connect(str(cache_path))
        self._db.execute("CREATE TABLE IF NOT EXISTS answers (request TEXT PRIMARY KEY, locations TEXT NOT NULL)")

    def geocode(
        self, query: str, *, exactly_one: bool = True, country_codes: Sequence[str] | None = None
    ) -> Location | list[Location] | None:
        endpoint = getattr(self.geocoder, "api", type(self.geocoder).__name__)
        request = json.dumps([endpoint, query, sorted(country_codes or ()), exactly_one])
        row = self._db.execute("SELECT locations FROM answers WHERE request = ?", (request,)).fetchone()
        if row is not None:
            locations = [Location(a, Point(lat, lon), raw) for a, lat, lon, raw in json.loads(row[0])]
        else:
            kwargs: dict[str, Any] = {"exactly_one": exactly_one}
            if country_codes:
                kwargs["country_codes"] = list(country_codes)
            try:
                answer = self._limited(query, **kwargs)
            except Exception as exc:  # noqa: BLE001 - any geopy or network error means "not found now"
                _log.warning("online geocoder failed for %r: %s", query, exc)
                return None if exactly_one else []
            locations = [] if answer is None else [answer] if isinstance(answer, Location) else list(answer)
            stored = [[loc.address, loc.latitude, loc.longitude, loc.raw] for loc in locations]
            with self._db:
                self._db.execute("INSERT OR REPLACE INTO answers VALUES (?, ?)", (request, json.dumps(stored)))
        if exactly_one:
            return locations[0] if locations else None
        return locations

    def close(self) -> None:
        self._db.close()
