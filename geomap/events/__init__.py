"""Event extraction: the strikes, meetings, statements, arrests and territorial changes a text reports.

clauses -> frames -> events: :mod:`~geomap.events.triggers` finds trigger words and weapons by lemma in one pass
over a document; :mod:`~geomap.events.frames` reads each clause's triggers into frames (type, weapons, agent and
target, modality from :mod:`~geomap.events.modality`); :mod:`~geomap.events.extract` gives each frame its date
(:mod:`~geomap.events.dates`), place (:mod:`~geomap.events.placing`, :mod:`~geomap.events.scenes`) and figures
(:mod:`~geomap.events.quantities`); :mod:`~geomap.events.merge` makes one event per happening. The words are
data: geomap/data/events/*.tsv and *.json.
"""

from geomap.events.dates import ResolvedDate, find_dates, resolve_date
from geomap.events.extract import extract_events
from geomap.events.merge import merge_events
from geomap.events.quantities import extract_quantities

__all__ = ["ResolvedDate", "extract_events", "extract_quantities", "find_dates", "merge_events", "resolve_date"]
