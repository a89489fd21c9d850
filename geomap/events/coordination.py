"""Clauses joined by a conjunction that each report their own happening at their own place.

"Eight missiles struck Deir ez-Zor and one hit Homs", "Ukraine struck Belgorod after Russia shelled Kharkiv":
each side of the conjunction (lexicon.json ``clause_conjunctions``) has a trigger word and a place, in the
gazetteer or not, and the right side names its event before its place, so each is read as a clause of its own
(its own place, its own figures). A list of places under
one trigger ("struck Kyiv and Lviv, killing five") and a phrase joining two names ("between Bakhmut and
Soledar") are not split: there the right side names a place before any trigger.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Sequence
from functools import cache

from geomap.events.lexicon import words
from geomap.events.triggers import Hit
from geomap.model import Mention
from geomap.text import Span, sentence_tokens

_NO_REPORT = frozenset({"statement", "none", None})  # trigger words that report no happening at a place
_SUBJECT_REACH = 4  # tokens from the conjunction to the right side's trigger: "and" + a short subject
_OBJECT_REACH = 6  # tokens from that trigger to its place: "hit the port city of Odesa"
_JOINER_CHARS = 12  # enough to hold the conjunction that joins a part to its neighbour, with its comma


def coordinated_clauses(text: str, clause: Span, hits: Sequence[Hit], mentions: Sequence[Mention]) -> list[Span]:
    """``clause`` (of ``text``) cut at each conjunction that joins two reports of their own (see the module),
    offsets kept. ``hits`` and ``mentions`` are the clause's own, in text order."""
    # places named as such, in the gazetteer or not ("a raid on the village of Tamthil"): still a scene
    placed = [m for m in mentions if m.role == "literal"]
    reports = [h for h in hits if getattr(h.entry, "event_type", None) not in _NO_REPORT]
    if len(reports) < 2 or len(placed) < 2:
        return [clause]  # most clauses: nothing to cut
    tokens = sentence_tokens(text, clause)
    starts = [t.start for t in tokens]
    parts: list[Span] = []
    start = clause.start
    for k, token in enumerate(tokens):
        if token.start <= start or token.text.lower() not in _conjunctions():
            continue
        left = {_key(m) for m in placed if start <= m.start and m.end <= token.start}
        if not left or not any(start <= h.start and h.end <= token.start for h in reports):
            continue
        # the right side's report: its trigger a few words on (after its subject: "and one hit", "and drones
        # struck"), then its own place a few words after the trigger ("hit the city of Homs")
        hit = next((h for h in reports if h.start >= token.end), None)
        if hit is None or bisect_left(starts, hit.start) - k > _SUBJECT_REACH:
            continue
        place = next((m for m in placed if m.start >= token.end), None)
        if place is None or place.start < hit.start or _key(place) in left or \
                bisect_left(starts, place.start) - bisect_left(starts, hit.end) > _OBJECT_REACH:
            continue
        parts.append(_trimmed(clause, start, token.start))
        start = token.end
    if not parts:
        return [clause]
    parts.append(_trimmed(clause, start, clause.end))
    return [p for p in parts if p.text]


def dated_on_its_own(text: str, part: Span) -> bool:
    """Whether ``part`` (of ``text``) is joined to the rest of its sentence by "after", "following" or "before"
    (lexicon.json ``temporal_conjunctions``): a day told in the rest is then the other happening's ("Drones struck
    Kharkiv, following Sunday's shelling of Sumy")."""
    after = text[part.end : part.end + _JOINER_CHARS].replace(",", " ").split()
    return introduced_in_time(text, part) or bool(after and after[0].lower() in _temporal_conjunctions())


def introduced_in_time(text: str, part: Span) -> bool:
    """Whether ``part`` follows "after", "following" or "before": a happening told as the time of another, whose
    day is no day of the story ("Drones struck Kharkiv, following Sunday's shelling of Sumy")."""
    before = text[max(0, part.start - _JOINER_CHARS) : part.start].replace(",", " ").split()
    return bool(before and before[-1].lower() in _temporal_conjunctions())


@cache
def _temporal_conjunctions() -> frozenset[str]:
    return frozenset(words()["temporal_conjunctions"])


def _key(mention: Mention) -> str:
    return mention.place.key if mention.place is not None else mention.text


def _trimmed(clause: Span, start: int, end: int) -> Span:
    """The part of ``clause`` from ``start`` to ``end`` without the blanks and the comma at its edges."""
    text = clause.text[start - clause.start : end - clause.start]
    lead = len(text) - len(text.lstrip(" ,"))
    text = text.strip(" ,")
    return Span(start + lead, start + lead + len(text), text)


@cache
def _conjunctions() -> frozenset[str]:
    return frozenset(words()["clause_conjunctions"])
