"""Which events to show: a date window, event types and a bounding box, the same for a store and a run."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from geomap.model import Event


def date_span(date: str | None) -> tuple[str, str] | None:
    """The first and last day an ISO date of any precision ("2025", "2025-02", "2025-02-12") covers."""
    if not date or len(date) not in (4, 7, 10):
        return None
    try:
        first = dt.date.fromisoformat((date + "-01-01")[:10])
    except ValueError:
        return None
    if len(date) == 4:
        return first.isoformat(), f"{date}-12-31"
    if len(date) == 7:  # the day before the first of the next month
        following = (first + dt.timedelta(days=31)).replace(day=1)
        return first.isoformat(), (following - dt.timedelta(days=1)).isoformat()
    return first.isoformat(), first.isoformat()


@dataclass(frozen=True, slots=True)
class EventQuery:
    """Which events to return. A date bound keeps only events known to lie wholly inside it (a
    month-precision "2025-02" is not "since 2025-02-13"), and a bounding box only located events:
    a map of a window should not show what may have happened outside it."""

    since: dt.date | None = None
    until: dt.date | None = None
    types: tuple[str, ...] = ()
    bbox: tuple[float, float, float, float] | None = None  # minlon, minlat, maxlon, maxlat

    def matches(self, event: Event) -> bool:
        place = event.place
        return self.matches_row(event.date, event.event_type, place and place.lon, place and place.lat)

    def matches_row(self, date: str | None, event_type: str, lon: float | None, lat: float | None) -> bool:
        """The test itself, on the columns of a stored event (the store runs it as an SQL function)."""
        span = date_span(date)
        if (self.since or self.until) and (span is None or (self.since and span[0] < self.since.isoformat())
                                           or (self.until and span[1] > self.until.isoformat())):
            return False
        if self.types and event_type not in self.types:
            return False
        if self.bbox is None:
            return True
        if lon is None or lat is None:
            return False
        minlon, minlat, maxlon, maxlat = self.bbox
        in_lon = minlon <= lon <= maxlon if minlon <= maxlon else (lon >= minlon or lon <= maxlon)
        return in_lon and minlat <= lat <= maxlat
