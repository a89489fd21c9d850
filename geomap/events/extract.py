"""From a document and its place mentions to the events it reports.

Sentences are classified by trigger patterns (data/events/triggers.tsv); a sentence may report several
events, and a clause joined by "while"/"whereas" is read on its own ("Russia controls 20% of Ukraine,
while Ukraine controls 450 km² in Kursk"). Figures stated in a sentence without a trigger of their own
("The military said 40 out of 123 drones...") belong to the last strike or territory event of the
same live-blog item.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Sequence
from dataclasses import dataclass, replace

from geomap.events.actors import PeopleRegistry, find_actors
from geomap.events.dates import is_planned, resolve_date
from geomap.events.framing import names_without_reporting, speaks_of_territory, what_was_captured
from geomap.events.lexicon import Cues, Trigger, cued_triggers, kind
from geomap.events.placing import MentionIndex, place_event
from geomap.events.quantities import extract_quantities
from geomap.gazetteer import Gazetteer
from geomap.model import Document, Event, Mention, SourceRef
from geomap.text import Span, split_clauses, split_items, split_sentences

_STRIKE_FIGURES = ("killed", "injured", "missing", "missiles_launched", "missiles_shot_down", "drones_launched",
                   "drones_shot_down")
_TERRITORY_FIGURES = ("area_km2", "percent", "settlements")
# Types that make a plain "said" in the same sentence part of their report rather than a statement.
_SUBSTANTIVE = ("strike", "arrest", "territorial_change", "territorial_control", "nuclear_safety", "meeting",
                "agreement", "aid", "sanction", "humanitarian", "protest")
# words that refer to the actors of the sentences before ("The pair spoke on the phone")
_PEOPLE_JUST_NAMED = re.compile(r"\b(?:the pair|both|they|the two)\b", re.I)


@dataclass(frozen=True, slots=True)
class _Report:
    event_type: str
    sub_event_type: str
    weight: float
    at: int = 0  # where its trigger starts in the classified text


def classify(sentence: str, cued: list[Trigger] | None = None, *, occurrences_only: bool = False) -> list[_Report]:
    """The event types a sentence reports, strongest sub-type per type; ``cued`` are its triggers with a cue
    in it (see :func:`cued_triggers`), when already known.

    With ``occurrences_only``, a trigger that only names an event (talk of talks, a habit: see
    :mod:`geomap.events.framing`) reports nothing."""
    best: dict[str, _Report] = {}
    if cued is None:
        cued = cued_triggers(sentence)
    for trig in cued:  # strongest first: the first that matches is the type's report
        if trig.event_type not in best:
            matches = trig.pattern.finditer(sentence)
            if occurrences_only:
                matches = (m for m in matches if not names_without_reporting(sentence, m.start()))
            found = next(matches, None)
            if found:
                best[trig.event_type] = _Report(trig.event_type, trig.sub_event_type, trig.weight, found.start())
    reports = list(best.values())
    if any(r.event_type in _SUBSTANTIVE for r in reports):
        reports = [r for r in reports if not (r.event_type == "statement" and r.sub_event_type == "comment")]
    return reports


def extract_events(doc: Document, mentions: Sequence[Mention], gazetteer: Gazetteer | None = None) -> list[Event]:
    """Every event ``doc`` reports, with its date, place, actors, figures and evidence."""
    if gazetteer is None:
        from geomap.gazetteer import load_gazetteer

        gazetteer = load_gazetteer()
    people = PeopleRegistry()
    people.learn(doc.text)
    located = MentionIndex(mentions)
    cues = Cues(doc.text)  # one pass over the document instead of one per clause
    events: list[Event] = []
    for item in split_items(doc.text):
        item_events: list[Event] = []
        earlier = _EarlierSentences(located, people, gazetteer)
        for sentence in split_sentences(item.text):
            sentence = Span(sentence.start + item.start, sentence.end + item.start, sentence.text)
            if not cues.any_within(sentence.start, sentence.end) and not _completable(item_events):
                earlier.append(sentence)
                continue  # most sentences: no trigger could match any clause, and no figure would be absorbed
            for clause in split_clauses(sentence):
                cued = cues.triggers_within(clause.start, clause.end)
                found = _events_of_clause(doc, clause, cued, sentence, item, located, people, earlier, item_events,
                                          gazetteer)
                item_events.extend(found)
            earlier.append(sentence)
        events.extend(item_events)
    return events


def _events_of_clause(
    doc: Document,
    clause: Span,
    cued: list[Trigger],
    sentence: Span,
    item: Span,
    located: MentionIndex,
    people: PeopleRegistry,
    earlier: _EarlierSentences,
    item_events: list[Event],
    gaz: Gazetteer,
) -> list[Event]:
    reports = classify(clause.text, cued, occurrences_only=True)
    if not reports and not _completable(item_events):
        return []  # most clauses: nothing to report, and no report before whose figures they could complete
    quantities = extract_quantities(clause.text)
    strike_figures = {k: v for k, v in quantities.items() if k in _STRIKE_FIGURES}
    territory_figures = {k: v for k, v in quantities.items() if k in _TERRITORY_FIGURES}
    types = {r.event_type for r in reports}
    # figures without an event of their own complete the item's last strike or territory report
    if strike_figures and "strike" not in types and _absorb(item_events, "strike", strike_figures):
        reports = [r for r in reports if r.event_type != "interception"]
    if territory_figures and not types & {"territorial_control", "territorial_change"}:
        _absorb(item_events, "territorial_control", territory_figures)
    if "territorial_control" in types and not territory_figures and not speaks_of_territory(clause.text):
        reports = [r for r in reports if r.event_type != "territorial_control"]
    if "territorial_change" in types and not territory_figures:
        reports = _people_captured(reports, clause, located)
    if "interception" in types and "strike" not in types:
        reports = [_Report("strike", "attack", 0.6, r.at) if r.event_type == "interception" else r for r in reports]
    reports = [r for r in reports if r.event_type != "interception"]  # an interception alone is no event
    if not reports:
        return []
    clause_mentions = located.within(clause)
    actors = find_actors(clause.text, clause_mentions, people, gaz)
    if not actors and _PEOPLE_JUST_NAMED.search(clause.text):
        actors = earlier.last_named()  # "The pair spoke on the phone"
    events = []
    for report in reports:
        if report.event_type == "statement" and not actors:
            continue  # a statement needs someone who made it
        own = {
            "strike": strike_figures,
            "clash": strike_figures,
            "territorial_control": territory_figures,
            "territorial_change": territory_figures,
            "aid": {k: v for k, v in quantities.items() if k == "money"},
            "arrest": {k: v for k, v in quantities.items() if k == "arrested"},
        }.get(report.event_type, {})
        events.append(_make_event(doc, report, clause, sentence, item, clause_mentions, located, actors,
                                  own, gaz))
    return events


def _people_captured(reports: list[_Report], clause: Span, located: MentionIndex) -> list[_Report]:
    """A capture of people ("the gunman was captured by police") is an arrest, not territory seized; one of
    neither ("captured the title") is no event."""
    places = [(m.start - clause.start, m.end - clause.start) for m in located.within(clause)
              if m.place is not None or m.role == "literal"]
    out = []
    for r in reports:
        if r.event_type == "territorial_change":
            taken = what_was_captured(clause.text, r.at, places)
            if taken == "other" or (taken == "people" and any(o.event_type == "arrest" for o in reports)):
                continue
            if taken == "people":
                r = _Report("arrest", "arrest", 0.7, r.at)
        out.append(r)
    return out


class _EarlierSentences:
    """The sentences of an item before the current one, whose actors are found only when a clause refers
    back to them ("The pair spoke on the phone"), and then once."""

    def __init__(self, located: MentionIndex, people: PeopleRegistry, gaz: Gazetteer) -> None:
        self._located, self._people, self._gaz = located, people, gaz
        self._sentences: list[Span] = []
        self._actors: dict[int, list[str]] = {}  # sentence index -> its actors, once found

    def append(self, sentence: Span) -> None:
        self._sentences.append(sentence)

    def last_named(self) -> list[str]:
        """The actors of the latest sentence that names any."""
        for i in range(len(self._sentences) - 1, -1, -1):
            if i not in self._actors:
                sentence = self._sentences[i]
                self._actors[i] = find_actors(sentence.text, self._located.within(sentence), self._people, self._gaz)
            if self._actors[i]:
                return list(self._actors[i])
        return []


def _completable(item_events: list[Event]) -> bool:
    """Whether figures without an event of their own have a report of the item to complete (see _absorb)."""
    return any(e.event_type in ("strike", "territorial_control") for e in item_events)


def _absorb(item_events: list[Event], event_type: str, figures: dict) -> bool:
    for i in range(len(item_events) - 1, -1, -1):
        if item_events[i].event_type == event_type:
            merged = {**figures, **item_events[i].quantities}
            item_events[i] = replace(item_events[i], quantities=merged)
            return True
    return False


def _make_event(
    doc: Document,
    report: _Report,
    clause: Span,
    sentence: Span,
    item: Span,
    clause_mentions: list[Mention],
    located: MentionIndex,
    actors: list[str],
    quantities: dict,
    gaz: Gazetteer,
) -> Event:
    planned = report.event_type in ("meeting", "agreement", "aid") and is_planned(sentence.text)
    date = resolve_date(clause.text, doc.published) or resolve_date(sentence.text, doc.published)
    date_conf = 1.0
    if date is not None:
        date_value, precision, date_text = date.value, date.precision, date.text
    elif doc.published is not None and not planned:
        # a report with no date of its own is news of the day it was published
        date_value, precision, date_text, date_conf = doc.published.isoformat(), "day", None, 0.7
    else:
        date_value, precision, date_text, date_conf = None, "unknown", None, 0.5
    placement = place_event(report.event_type, report.sub_event_type, doc.text, clause, clause_mentions, item,
                            located, gaz, trigger=clause.start + report.at)
    info = kind(report.event_type, report.sub_event_type)
    confidence = report.weight * (0.6 + 0.4 * date_conf) * (0.7 + 0.3 * placement.confidence)
    published = doc.published.isoformat() if doc.published else None
    evidence = sentence.text
    ident = hashlib.sha1(f"{doc.id}:{clause.start}:{report.event_type}".encode()).hexdigest()[:16]
    return Event(
        id=ident,
        event_type=report.event_type,
        sub_event_type=report.sub_event_type,
        summary=_summary(info.label, placement.place.name if placement.place else None, date_value, actors, planned),
        evidence=evidence,
        doc_id=doc.id,
        evidence_start=sentence.start,
        evidence_end=sentence.end,
        acled_event_type=info.acled_event_type,
        acled_sub_event_type=info.acled_sub_event_type,
        date=date_value,
        date_precision=precision,
        date_text=date_text,
        planned=planned,
        place=placement.place,
        place_text=placement.text,
        actors=tuple(actors),
        quantities=quantities,
        source_title=doc.title,
        source_url=doc.url,
        published=published,
        sources=(SourceRef(doc.id, doc.title, doc.url, published, evidence),),
        confidence=round(min(1.0, confidence), 3),
    )


def _summary(label: str, place: str | None, date: str | None, actors: list[str], planned: bool) -> str:
    head = f"{'Planned ' if planned else ''}{label}"
    head = head[0].upper() + head[1:]
    where = f" in {place}" if place else ""
    when = f" on {date}" if date else ""
    who = f": {', '.join(a.split(' (')[0] for a in actors[:4])}" if actors else ""
    return f"{head}{where}{when}{who}"
