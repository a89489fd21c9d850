"""What a news source is about, learned from its own documents, as context for resolving each of them.

A local paper names its towns without their state: "a Palestine man" in an East Texas paper is from
Palestine, Texas. Its other articles say where home is, through the places they resolve with confidence.
Pooling those per source and adding them to each document's own focus is Lieberman, Samet and
Sankaranarayanan's "local lexicon" (ICDE 2010), learned here from geomap's own first reading, never from
labels. A source is the host of a document's URL; documents without one, or alone from their source,
are resolved on their own.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from geomap.gazetteer import Gazetteer
from geomap.model import Document, GeoPrecision, Mention

#: mentions resolved at least this surely say where a source's home is
_CONFIDENT = 0.8


@dataclass(frozen=True, slots=True)
class SourceContext:
    """How often a source's documents confidently name each country and first-level region."""

    countries: Mapping[str, float] = field(default_factory=dict)
    regions: Mapping[tuple[str, str], float] = field(default_factory=dict)

    @classmethod
    def learn(cls, mentions: Iterable[Mention]) -> SourceContext:
        countries: Counter[str] = Counter()
        regions: Counter[tuple[str, str]] = Counter()
        for m in mentions:
            place = m.place
            if place is None or m.score < _CONFIDENT or not place.country_code:
                continue
            countries[place.country_code] += 1
            if place.admin1 and place.precision <= GeoPrecision.REGION:
                regions[(place.country_code, place.admin1)] += 1
        return cls(dict(countries), dict(regions))


def source_of(doc: Document) -> str | None:
    """The outlet a document comes from: its URL's host without "www." (None without a URL)."""
    if not doc.url:
        return None
    try:
        host = urlsplit(doc.url.strip()).hostname
    except ValueError:
        return None
    return host.removeprefix("www.") if host else None


def learn_source_contexts(
    docs: Sequence[Document],
    gazetteer: Gazetteer,
    read: Callable[[list[Document]], Iterable[Sequence[Mention]]] | None = None,
) -> dict[str, SourceContext]:
    """A context for every source with two documents or more, learned from a first reading of them all.

    ``read`` gives the mentions of each document in order (a process pool's map, say); by default
    :func:`geomap.find_places` here."""
    from geomap.geoparse import find_places

    by_source: defaultdict[str, list[Document]] = defaultdict(list)
    for doc in docs:
        source = source_of(doc)
        if source is not None:
            by_source[source].append(doc)
    shared = [doc for group in by_source.values() if len(group) >= 2 for doc in group]
    if not shared:
        return {}
    readings = read(shared) if read is not None else (find_places(doc, gazetteer) for doc in shared)
    mentions_of = {doc.id: mentions for doc, mentions in zip(shared, readings, strict=True)}
    return {
        source: SourceContext.learn(m for doc in group for m in mentions_of[doc.id])
        for source, group in by_source.items()
        if len(group) >= 2
    }
