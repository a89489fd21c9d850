"""Geoparsing: find every place mention in a document, give it a role, and resolve it offline.

>>> from geomap import find_places
>>> [m.text for m in find_places("Russian drones hit Kyiv overnight.")]
['Russian', 'Kyiv']
"""

from __future__ import annotations

from geomap.gazetteer import Gazetteer, load_gazetteer
from geomap.geoparse.armed_groups import armed_group_names
from geomap.geoparse.compass_units import compass_units
from geomap.geoparse.context import SourceContext, learn_source_contexts, source_of
from geomap.geoparse.heads import share_plural_heads
from geomap.geoparse.recognize import Candidate, find_candidates
from geomap.geoparse.resolve import name_lookups, resolve_candidates
from geomap.geoparse.roles import assign_role, coordinated_roles
from geomap.geoparse.spans import candidates_for_spans
from geomap.model import Document, Mention

__all__ = ["SourceContext", "find_places", "learn_source_contexts", "resolve_spans", "source_of"]


def find_places(
    doc: Document | str, gazetteer: Gazetteer | None = None, context: SourceContext | None = None
) -> list[Mention]:
    """Every place mention of ``doc`` with exact offsets into its text, a role and a resolved place.

    A name that cannot be resolved is kept with ``place=None`` and a ``reason``; it never drops the
    document's other mentions. ``context``, learned from the other documents of the same source
    (:func:`learn_source_contexts`), favours the places that source is about.
    """
    gaz = gazetteer if gazetteer is not None else load_gazetteer()
    text, doc_id = (doc, None) if isinstance(doc, str) else (doc.text, doc.id)
    if not text:
        return []
    cands = compass_units(find_candidates(text, gaz), text)
    share_plural_heads(cands, text, gaz)
    return _to_mentions(cands, gaz, doc_id, context)


def resolve_spans(
    text: str, spans: list[tuple[int, int]], gazetteer: Gazetteer | None = None, context: SourceContext | None = None
) -> list[Mention]:
    """Resolve and give roles to names at known spans (e.g. from another recogniser or gold data)."""
    gaz = gazetteer if gazetteer is not None else load_gazetteer()
    return _to_mentions(candidates_for_spans(text, spans, gaz), gaz, None, context)


def _to_mentions(
    cands: list[Candidate], gaz: Gazetteer, doc_id: str | None, context: SourceContext | None = None
) -> list[Mention]:
    resolutions = armed_group_names(cands, resolve_candidates(cands, gaz, context))
    seats = name_lookups(gaz).stands_for
    roles = coordinated_roles(cands, [
        assign_role(cand, res.place, stands_for=seats[cand.text] if cand.kind == "name" else None)
        for cand, res in zip(cands, resolutions, strict=True)
    ])
    mentions = []
    for cand, res, role in zip(cands, resolutions, roles, strict=True):
        mentions.append(
            Mention(
                start=cand.start,
                end=cand.end,
                text=cand.text,
                role=role,
                place=res.place,
                score=res.score,
                reason=res.reason,
                doc_id=doc_id,
            )
        )
    return mentions
