"""From a document and its place mentions to the events it reports.

Each clause of a sentence (:func:`geomap.text.split_clauses`) is read into frames
(:mod:`geomap.events.frames`): the events its trigger words report, how (asserted, claimed, planned) and with
what weapons. A frame becomes an event with its date, place, actors and figures. Figures stated in a sentence
without a trigger of their own ("The military said 40 out of 123 drones...") belong to the last strike or
territory event of the same live-blog item. A list of places attacked or taken ("the regions of A, B and C
were attacked") is one event per place. A text of another genre (sport, business, weather, culture:
:mod:`geomap.events.genre`) reports no violence however it is worded.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Sequence
from dataclasses import replace
from functools import cache

from geomap.events.actors import PeopleRegistry, find_actors, unnamed_speaker
from geomap.events.coordination import coordinated_clauses, dated_on_its_own, introduced_in_time
from geomap.events.dates import is_background, resolve_date
from geomap.events.frame_figures import (
    CASUALTIES,
    OWN_FIGURES,
    STRIKE_FIGURES,
    TALLIED_ACTIONS,
    TERRITORY_FIGURES,
    across_places,
    figures_per_frame,
    own_figures,
    place_tallies,
)
from geomap.events.frames import ClauseFacts, Frame, read_frames
from geomap.events.genre import quiet_types
from geomap.events.framing import tells_a_running_total
from geomap.events.item_reports import (
    EarlierSentences,
    absorb,
    add_toll_to_last,
    at_its_meeting,
    completable,
    dated_by_story,
    opens_sentence,
    refines,
    same_happening,
    summary,
    told_before,
)
from geomap.events.lexicon import Phrases, kind, words
from geomap.events.placing import MentionIndex, place_event
from geomap.events.quantities import (
    combine_figures,
    extract_quantities,
)
from geomap.events.scenes import Placement, coordinated_places, placement_at
from geomap.events.triggers import TextLexicon
from geomap.gazetteer import Gazetteer
from geomap.model import Document, Event, Mention, SourceRef
from geomap.text import Span, split_clauses, split_items, split_sentences

# events that happen at each place of a list ("the regions of A, B and C were attacked")
_PER_PLACE = frozenset({"strike", "clash", "territorial_change", "territorial_control", "protest", "humanitarian",
                        "arrest", "abduction"})
# words that refer to the actors of the sentences before ("The pair spoke on the phone")
_PEOPLE_JUST_NAMED = re.compile(r"\b(?:the pair|both|they|the two)\b", re.I)


def classify(text: str) -> list[Frame]:
    """The frames of ``text`` read as one clause on its own, without places or actors (a quick look)."""
    clause = Span(0, len(text), text)
    lexicon = TextLexicon(text)
    facts = ClauseFacts(clause, clause, tuple(lexicon.instruments_within(clause)), has_party=True,
                        has_casualties=bool(set(extract_quantities(text)) & set(CASUALTIES)))
    return read_frames(lexicon.triggers_within(clause), facts)


def extract_events(doc: Document, mentions: Sequence[Mention], gazetteer: Gazetteer | None = None, *,
                   join_reports: bool = True) -> list[Event]:
    """Every event ``doc`` reports, with its date, place, actors, figures and evidence. With ``join_reports``
    off, a later sentence about the same happening stays an event of its own instead of supporting the first
    (``add_to_item``): what each sentence reports by its own words, for scoring sentence by sentence."""
    if gazetteer is None:
        from geomap.gazetteer import load_gazetteer

        gazetteer = load_gazetteer()
    reader = _DocumentReader(doc, mentions, gazetteer)
    reader.join_reports = join_reports
    events: list[Event] = []
    heading: list[Event] = []  # a headline standing alone before its story: it waits for the story's day
    for item in split_items(doc.text):
        item_events: list[Event] = []
        reader.story_day = None
        earlier = EarlierSentences(reader.located, reader.people, gazetteer)
        for sentence in split_sentences(item.text):
            sentence = Span(sentence.start + item.start, sentence.end + item.start, sentence.text)
            if not reader.lexicon.any_trigger_within(sentence) and not completable(item_events):
                earlier.append(sentence)
                continue  # most sentences: no trigger in any clause, and no figure would be absorbed
            reader.earlier = earlier
            for clause, whole in reader.clauses_of(sentence):
                found = reader.events_of_clause(clause, sentence, item, earlier, item_events, whole)
                if join_reports:
                    reader.add_to_item(item_events, found)
                else:
                    item_events.extend(found)
            earlier.append(sentence)
        if reader.story_day is None and "\n" not in item.text.strip() and not events:
            heading += item_events
            continue
        events.extend(dated_by_story(heading + item_events, reader.story_day))
        heading = []
    return events + heading


class _DocumentReader:
    """What every clause of one document is read with."""

    def __init__(self, doc: Document, mentions: Sequence[Mention], gaz: Gazetteer) -> None:
        self.doc, self.gaz = doc, gaz
        self.people = PeopleRegistry()
        self.people.learn(doc.text)
        self.located = MentionIndex(mentions)
        self.lexicon = TextLexicon(doc.text)  # one pass over the document instead of one per clause
        self.quiet = quiet_types(doc.text, self.lexicon.lemmas)
        self.nights: dict[str, str] = {}  # event id -> the second day of the night it is dated to
        self.earlier: EarlierSentences | None = None  # the sentences of the current item before the current one
        self.story_day: str | None = None  # the day of the item's first report that names one
        self.join_reports = True  # whether a later report of an item's happening joins its event (see add_to_item)

    def clauses_of(self, sentence: Span) -> list[tuple[Span, Span]]:
        """The clauses of ``sentence``, each conjunction that joins two reports of their own a cut too: each
        part with the clause it was cut from."""
        return [(part, clause) for clause in split_clauses(sentence)
                for part in coordinated_clauses(self.doc.text, clause, self.lexicon.triggers_within(clause),
                                                self.located.within(clause))]

    def events_of_clause(self, clause: Span, sentence: Span, item: Span, earlier: EarlierSentences,
                         item_events: list[Event], whole: Span | None = None) -> list[Event]:
        """The events of ``clause``, a part of the clause ``whole`` (itself by default) joined to the rest by a
        conjunction: a part that names no weapon has those the whole names before it."""
        hits = self.lexicon.triggers_within(clause)
        if not hits and not completable(item_events):
            return []
        quantities = extract_quantities(clause.text)
        if quantities and tells_a_running_total(clause.text, sentence.text[: clause.start - sentence.start]):
            return []  # the toll of a war, not of the item's report nor an event of its own
        clause_mentions = self.located.within(clause)
        actors = find_actors(clause.text, clause_mentions, self.people, self.gaz)
        places = tuple((m.start - clause.start, m.end - clause.start) for m in clause_mentions
                       if m.place is not None or m.role == "literal")
        # a part without a weapon of its own has those named before it ("Three missiles fell, one hit Izium"),
        # not the next part's ("struck Belgorod after Russia shelled Kharkiv")
        weapons = self.lexicon.instruments_within(clause) or [
            w for w in self.lexicon.instruments_within(whole or clause) if w.end <= clause.start]
        facts = ClauseFacts(clause, sentence, tuple(weapons), bool(actors),
                            any(k in quantities for k in CASUALTIES), places)
        frames = [f for f in read_frames(hits, facts) if f.event_type not in self.quiet]
        types = {f.event_type for f in frames}
        strike_figures = {k: v for k, v in quantities.items() if k in STRIKE_FIGURES}
        territory_figures = {k: v for k, v in quantities.items() if k in TERRITORY_FIGURES}
        # figures without an event of their own complete the item's last strike or territory report, unless
        # they are stated place by place ("destroyed 44 drones, including 20 over Novgorod"): events of their own
        tallied = bool(place_tallies(clause, clause_mentions, STRIKE_FIGURES))
        # nor a tally over many places ("downed 36 drones across five regions"): no one place's strike
        spread = bool(strike_figures) and across_places(clause.text)
        if strike_figures and not types & {"strike", "clash"} and not tallied and not spread and \
                absorb(item_events, "strike", strike_figures):
            frames = [f for f in frames if f.event_type != "interception"]
        if territory_figures and not types & {"territorial_control", "territorial_change"}:
            absorb(item_events, "territorial_control", territory_figures)
        if "interception" in types and not types & {"strike", "clash"}:
            frames = [replace(f, event_type="strike", sub_event_type="attack", weight=0.6, defended=True)
                      if f.event_type == "interception" else f for f in frames]
        elif "interception" in types:
            defence = next(f.trigger.start for f in frames if f.event_type == "interception")
            frames = [replace(f, defence=defence) if f.event_type == "strike" else f for f in frames]
        frames = [f for f in frames if f.event_type != "interception"]  # an interception alone is no event
        if not hits:
            return self._tally_told_later(clause, sentence, item, clause_mentions, item_events)
        if not frames:
            return []
        if not actors and _PEOPLE_JUST_NAMED.search(clause.text):
            actors = earlier.last_named()  # "The pair spoke on the phone"
        events: list[Event] = []
        shares = figures_per_frame(clause.text, frames, clause.start, quantities)
        for frame, share in zip(frames, shares):
            who = actors
            if frame.event_type == "statement" and not who:
                # a statement needs someone who made it: named, or the one a pronoun refers to ("..., he said")
                who = earlier.last_named() if _speaker_pronouns().found_in(clause.text) else []
                if not who and frame.sub_event_type != "comment":  # "police said ..." tells of what they report
                    speaker = unnamed_speaker(clause.text[: frame.trigger.start - clause.start])
                    who = [speaker] if speaker else []
                if not who:
                    continue
            own = own_figures(frame, share)
            found = self._events_of_frame(frame, clause, sentence, item, clause_mentions, who, own,
                                          # "impacted across 27 locations": no one place's, unless it names one
                                          placeable=not (spread and (frame.defended or not clause_mentions)))
            if self.join_reports and add_toll_to_last(frame, found, sentence, self.doc.text, item_events):
                continue  # "...clashed near Beni; three soldiers were killed": that battle's toll
            told = told_before(frame, clause, found, clause_mentions, item_events) if self.join_reports else None
            if told is None:
                events.extend(found)
            else:  # "These strikes show ...", "as the attack went on": the item's last one, told again
                again = item_events[told]
                span = (sentence.start, sentence.end)
                if found and refines(found[0], again):  # "... in Kherson Oblast. The strike hit the village of X"
                    again = replace(again, place=found[0].place, place_text=found[0].place_text)
                item_events[told] = replace(again, quantities=combine_figures(again.quantities, own),
                                            support=again.support + ((span,) if span not in again.support else ()))
        return events

    def _events_of_frame(self, frame: Frame, clause: Span, sentence: Span, item: Span,
                         clause_mentions: list[Mention], actors: list[str], figures: dict,
                         placeable: bool = True) -> list[Event]:
        placement = place_event(frame.event_type, frame.sub_event_type, self.doc.text, clause, clause_mentions, item,
                                self.located, self.gaz, trigger=frame.place_anchor,
                                defence=frame.trigger.start if frame.defended else frame.defence) if placeable else Placement(
            None, None, 0.0)
        claimant = self._claimant(frame)
        roles = self._agent_and_target(frame, clause, clause_mentions)
        tallies = place_tallies(clause, clause_mentions, OWN_FIGURES.get(frame.event_type, ()))
        # one place's figure that is the clause's own ("launched 31 drones at Odesa") is no tally of a whole
        if len(tallies) > 1 or any(figures.get(k) != v for _, own in tallies for k, v in own.items()):
            return self._events_of_tallies(frame, clause, sentence, item, placement, tallies, actors, figures,
                                           claimant, roles)
        if frame.event_type in _PER_PLACE and placement.mention is not None:
            members = coordinated_places(self.doc.text, placement.mention, clause_mentions, self.gaz, item,
                                         frame.event_type, placement.confidence)
            if len(members) > 1:
                return [self._event(frame, clause, sentence, p, actors, {}, claimant, roles) for p in members]
        return [self._event(frame, clause, sentence, placement, actors, figures, claimant, roles)]

    def _agent_and_target(self, frame: Frame, clause: Span, mentions: list[Mention]) -> tuple[str | None, str | None]:
        """The actor nearest before the trigger in its clause does it; the first after it undergoes it. In a
        passive clause ("was shelled by Russian forces", "drones launched by Russia") the one after "by" is the agent."""
        cut = frame.trigger.start - clause.start
        before = Span(clause.start, frame.trigger.start, clause.text[:cut])
        after = Span(frame.trigger.end, clause.end, clause.text[frame.trigger.end - clause.start:])
        named_before = find_actors(before.text, self.located.within(before), self.people, self.gaz)
        named_after = find_actors(after.text, self.located.within(after), self.people, self.gaz)
        if frame.passive or after.text.startswith(" by "):
            by = after.text.find(" by ")
            agent_span = after.text[by + 4:] if by >= 0 else ""
            agents = find_actors(agent_span, [m for m in self.located.within(after)
                                              if m.start - after.start > by >= 0], self.people, self.gaz)
            return (agents[0] if agents else None), (named_before[-1] if named_before else None)
        subject, obj = (named_before[-1] if named_before else None), (named_after[0] if named_after else None)
        return (obj, subject) if frame.defended else (subject, obj)

    def add_to_item(self, item_events: list[Event], found: list[Event]) -> None:
        """Add what a clause found to its item's events; a later sentence about the same happening (one
        family, place and date: "The military said 40 of the drones were jammed") completes the earlier event."""
        for event in found:
            same = next((e for e in reversed(item_events) if same_happening(e, event, self.nights)), None)
            if same is None:
                item_events.append(at_its_meeting(event, item_events))
                continue
            k = item_events.index(same)
            support = same.support + tuple(span for span in event.support if span not in same.support)
            # a night and the morning that ends it ("overnight", "pre-dawn"): the day both name
            day = event.date if self.nights.get(same.id) == event.date else same.date
            item_events[k] = replace(same, support=support, date=day,
                                     quantities=combine_figures(same.quantities, event.quantities),
                                     instruments=tuple(dict.fromkeys(same.instruments + event.instruments)))

    def _events_of_tallies(self, frame: Frame, clause: Span, sentence: Span, item: Span, placement: Placement,
                           tallies: list[tuple[Mention, dict]], actors: list[str], figures: dict,
                           claimant: str | None, roles: tuple) -> list[Event]:
        """A tally stated place by place ("40 drones, including 15 over Tula", "18 over Oryol, five over
        Kursk"): one event per place with its own figures, and the whole, with the clause's figures, at the
        place the event was placed by unless a tally has that place (then at none: it is no one place's)."""
        events = [self._event(frame, clause, sentence, placement_at(m, 0.8, frame.event_type, item, self.gaz)
                              if m.place is not None else Placement(None, m.text, 0.5, m), actors, own, claimant, roles)
                  for m, own in tallies]
        tallied = {m.place.key for m, _ in tallies if m.place is not None}
        at_a_tally = placement.place is not None and placement.place.key in tallied
        whole = Placement(None, None, 0.0) if at_a_tally else placement
        return events + [self._event(frame, clause, sentence, whole, actors, figures, claimant, roles)]

    def _tally_told_later(self, clause: Span, sentence: Span, item: Span, clause_mentions: list[Mention],
                          item_events: list[Event]) -> list[Event]:
        """A sentence of nothing but figures place by place after a strike's tally ("... destroyed 49 drones.
        Among them were 18 drones over Oryol, five over Tula"): one event per place, of that strike's kind."""
        last = next((e for e in reversed(item_events) if e.event_type == "strike"), None)
        action = next((a for key, a in TALLIED_ACTIONS.items() if last is not None and key in last.quantities), None)
        if last is None or action is None:
            return []
        tallies = place_tallies(clause, clause_mentions, STRIKE_FIGURES, action)
        reading = "claimed" if last.modality == "claimed" else "asserted"
        frame = Frame(last.event_type, last.sub_event_type, 0.6, Span(clause.start, clause.start, ""), reading)
        roles = (last.agent, last.target)
        return [replace(self._event(frame, clause, sentence, placement_at(m, 0.8, frame.event_type, item, self.gaz)
                                    if m.place is not None else Placement(None, m.text, 0.5, m),
                                    list(last.actors), own, last.claimant, roles),
                        date=last.date, date_precision=last.date_precision, date_text=last.date_text)
                for m, own in tallies]

    def _claimant(self, frame: Frame) -> str | None:
        if frame.claimant is None:
            return None
        named = find_actors(frame.claimant.text, self.located.within(frame.claimant), self.people, self.gaz)
        if named:
            return named[0]
        if self.earlier is not None and _speaker_pronouns().found_in(frame.claimant.text):
            last = self.earlier.last_named()  # "She also said": whoever the item named last, if anyone
            return last[0] if last else None
        return frame.claimant.text

    def _event(self, frame: Frame, clause: Span, sentence: Span, placement: Placement, actors: list[str],
               quantities: dict, claimant: str | None, roles: tuple[str | None, str | None]) -> Event:
        doc = self.doc
        planned = frame.reading == "planned"
        at = frame.trigger.start - sentence.start
        date = resolve_date(sentence.text, doc.published, at=at)
        if date is not None and date.start > at and any(at < c.start - sentence.start <= date.start
                                                        for c in split_clauses(sentence)):
            date = None  # "has visited Kyiv, although his wife visited Lviv on 8 May": that day is hers
        elif date is not None and dated_on_its_own(doc.text, clause) and \
                not clause.start - 1 <= sentence.start + date.start < clause.end and \
                not clause.start - 1 <= sentence.start + date.end <= clause.start:
            # "Drones struck Kharkiv, following Sunday's shelling of Sumy": Sunday is the shelling's; but "one day
            # after" is the day of what it introduces ("on Wednesday, one day after taking over Kunduz")
            date = None
        # what someone said is news of the report's day; what happened goes on at the day told of before
        told = self.earlier is not None and frame.event_type != "statement" and not (date and date.explicit)
        day_before = self.earlier.last_day(doc.published) if told else None
        if day_before is not None and date is not None:
            date = resolve_date(sentence.text, doc.published, at=at, anchor=day_before)  # "a day earlier"
        date_conf = 1.0
        if date is not None:
            date_value, precision, date_text = date.value, date.precision, date.text
        elif self.story_day is not None and not planned and frame.event_type != "statement":
            # "Russian forces took the town on Thursday ... Fighting continued near it": the story's day goes on
            date_value, precision, date_text, date_conf = self.story_day, "day", None, 0.7
        elif doc.published is not None and not planned:
            # a report with no date of its own is news of the day it was published
            date_value, precision, date_text, date_conf = doc.published.isoformat(), "day", None, 0.7
        else:
            date_value, precision, date_text, date_conf = None, "unknown", None, 0.5
        modality = frame.reading if frame.reading in ("claimed", "planned") else "asserted"
        if not planned and date is not None and date.text and is_background(date, doc.published):
            modality = "background"
        elif (not planned and date is not None and date.precision == "day" and self.story_day is None
              and (frame.event_type != "statement" or date.explicit) and opens_sentence(date, sentence.text, doc.published)
              and not introduced_in_time(doc.text, clause)):
            # the lead's day: later sentences without one go on telling of it ("said on Tuesday" dates a speech)
            self.story_day = date.value
        info = kind(frame.event_type, frame.sub_event_type)
        confidence = frame.weight * (0.6 + 0.4 * date_conf) * (0.7 + 0.3 * placement.confidence)
        published = doc.published.isoformat() if doc.published else None
        evidence = sentence.text
        where = placement.mention.start if placement.mention is not None and placement.mention.start else clause.start
        ident = hashlib.sha1(f"{doc.id}:{clause.start}:{frame.event_type}:{where}".encode()).hexdigest()[:16]
        if date is not None and date.alt:
            self.nights[ident] = date.alt
        place_name = placement.place.name if placement.place else None
        return Event(
            id=ident,
            event_type=frame.event_type,
            sub_event_type=frame.sub_event_type,
            summary=summary(info.label, place_name, date_value, actors, planned),
            evidence=evidence,
            doc_id=doc.id,
            evidence_start=sentence.start,
            evidence_end=sentence.end,
            support=((sentence.start, sentence.end),),
            acled_event_type=info.acled_event_type,
            acled_sub_event_type=info.acled_sub_event_type,
            date=date_value,
            date_precision=precision,
            date_text=date_text,
            planned=planned,
            modality=modality,
            claimant=claimant if modality == "claimed" else None,
            place=placement.place,
            place_text=placement.text,
            actors=tuple(actors),
            agent=roles[0],
            target=roles[1] if roles[1] != roles[0] else None,
            instruments=frame.instruments,
            quantities=quantities,
            source_title=doc.title,
            source_url=doc.url,
            published=published,
            sources=(SourceRef(doc.id, doc.title, doc.url, published, evidence),),
            confidence=round(min(1.0, confidence), 3),
        )


@cache
def _speaker_pronouns() -> Phrases:
    return Phrases(words()["speaker_pronouns"])
