"""Event extraction: the strikes, meetings, statements, arrests and territorial changes a text reports."""

from geomap.events.dates import ResolvedDate, find_dates, resolve_date
from geomap.events.extract import extract_events
from geomap.events.merge import merge_events
from geomap.events.quantities import extract_quantities

__all__ = ["ResolvedDate", "extract_events", "extract_quantities", "find_dates", "merge_events", "resolve_date"]
