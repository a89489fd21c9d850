"""Clause frames: which events a clause reports, with what weapons, and how (asserted, claimed, planned).

A frame is built around a trigger word (:mod:`geomap.events.triggers`) when the clause holds what the trigger
needs (frames.tsv ``needs``): a weapon for "launched" or "hit", an armed actor or a casualty for "killed",
a state, an official or an organisation for a meeting, land for a capture. The words before the trigger
give its reading (:mod:`geomap.events.modality`): negated, attempted and hypothetical triggers report no
event. A capture of people is an arrest; a capture of neither land nor people ("captured the title") none.
Weapons named in the clause make a generic attack a drone strike, a shelling or an air strike.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from functools import cache, lru_cache

from geomap.events.dates import find_dates, is_planned
from geomap.events.framing import (
    is_habitual,
    is_heading,
    names_without_reporting,
    speaks_of_territory,
    what_was_captured,
)
from geomap.events.lexicon import Phrases, frame_words
from geomap.events.quantities import extract_quantities
from geomap.events.modality import NOT_EVENTS, Reading, claim_of, reading_before, threatens_more
from geomap.events.triggers import Hit, Instrument, TriggerWord, lemma, lemmas_of
from geomap.text import Span

#: the event type of frames.tsv phrases that hold a trigger word and report nothing: as the longest match they
#: keep the shorter trigger inside them from being read ("air raid alert", "protest movement")
NO_EVENT = "none"
_CROWD_REACH = 2  # words between a clash and the protest it is: "police clashed with protesters"
_GENERIC_STRIKES = frozenset({"attack", "killing", "air_strike"})  # sub-types a named weapon may make more precise
_DISCUSSION = frozenset({"meeting"})
_PLANNABLE = frozenset({"meeting", "agreement", "aid"})  # what a sentence about the future may announce
# violence that is only planned ("planned to attack our bases") is a threat, not a report of what happened
_VIOLENCE = frozenset({"strike", "clash", "territorial_change", "abduction", "interception"})
_FIGHTING_REACH = 4  # words from a released prisoner's capture to the fighting it was part of ("during the battle")
_FAMILY = {"clash": "strike", "territorial_control": "territorial_change"}  # types one happening may be read as  # talk of talks and habits name such events without reporting one


@dataclass(frozen=True, slots=True)
class ClauseFacts:
    """What a clause holds besides its triggers, for the triggers' needs."""

    clause: Span
    sentence: Span
    instruments: tuple[Hit, ...] = ()
    has_party: bool = False  # a state, official or organisation acts in it
    has_casualties: bool = False  # it states killed, injured or missing people
    places: tuple[tuple[int, int], ...] = ()  # place spans, offsets in the clause


@dataclass(frozen=True, slots=True)
class Frame:
    """One event a clause reports."""

    event_type: str
    sub_event_type: str
    weight: float
    trigger: Span  # offsets in the document
    reading: Reading = "asserted"
    claimant: Span | None = None  # offsets in the document
    instruments: tuple[str, ...] = ()
    passive: bool = False  # "was shelled", "were killed": the subject undergoes it
    defended: bool = False  # read from its interception ("air defences destroyed 27 drones"): the subject defends
    # where the clause tells of its defence, when it does beside the attack ("said it shot down 35 of 40 drones
    # launched by Russia"): the defender is named before it
    defence: int | None = None
    anchor: int = -1  # where the last verb of a coordinated trigger starts ("intercepted and neutralised")

    @property
    def place_anchor(self) -> int:
        """Where the words that say where it happened follow: after the trigger or its coordinated verb."""
        return self.anchor if self.anchor >= 0 else self.trigger.start


def read_frames(hits: Sequence[Hit], facts: ClauseFacts) -> list[Frame]:
    """The frames of a clause: per event type, the strongest trigger that reports an event."""
    clause = facts.clause
    # a habit describes what tends to happen, on no date, and so does what the clause tells after it ("meetings
    # often lead to aid pledges"); what it reports before the habit still happened ("troops hold the ridge
    # and have often come under shelling")
    ordered = sorted(hits, key=lambda h: h.start)
    habit = next((k for k, h in enumerate(ordered) if is_habitual(clause.text, h.start - clause.start)), len(ordered))
    hits = [h for h in ordered[:habit]
            if not _describes_the_released(h, ordered, facts) and not _describes_a_holding(h, clause)
            and not _topic_of_another(h, ordered, clause)]
    best: dict[str, Frame] = {}
    for hit in sorted(hits, key=lambda h: -h.entry.weight):
        entry = hit.entry
        assert isinstance(entry, TriggerWord)
        event_type, sub_type = entry.event_type, entry.sub_event_type
        at = hit.start - clause.start
        if event_type == NO_EVENT or event_type in best or not _NEEDS[entry.needs or "none"](facts, at):
            continue  # a phrase that holds a trigger word but names no event ("an election rally")
        if entry.needs == "land":
            event_type, sub_type = _what_a_capture_takes(facts, at, hit.end - clause.start, event_type, sub_type)
            if event_type is None:
                continue
        sentence = facts.sentence
        if names_without_reporting(clause.text, at) or is_heading(sentence.text, hit.start - sentence.start,
                                                                  hit.end - sentence.start):
            continue  # talk of talks, a habit, a heading
        reading = reading_before(clause.text, at)
        if threatens_more(clause.text, hit.end - clause.start):
            reading = "hypothetical"
        if reading == "asserted" and event_type in _PLANNABLE and is_planned(facts.sentence.text):
            reading = "planned"  # "said Putin would visit, following an initial meeting in Riyadh"
        if reading == "tried" and event_type in _fought_when_tried() and facts.places:
            # "tried to advance toward X": fighting at a named place; "still trying to recapture those areas" none
            event_type, sub_type, reading = "clash", "armed_clash", "asserted"
        if reading in NOT_EVENTS or (reading == "planned" and event_type in _VIOLENCE):
            continue  # a plan to attack or to take a town is a threat: what may happen, not a report of it
        if event_type in best:
            continue
        best[event_type] = _frame(event_type, sub_type, entry.weight, hit, reading, facts,
                                  _coordinated_end(hit, hits, clause.text, clause.start))
    frames = _crowd_fights(_without_operations_of_an_outcome(_one_per_family(list(best.values())), facts), clause)
    if "meeting" in best:  # "the ministers said at a meeting in Paris": what was said there is the meeting's
        frames = [f for f in frames if not (f.event_type == "statement" and f.sub_event_type == "comment")]
    return frames


def _topic_of_another(hit: Hit, hits: Sequence[Hit], clause: Span) -> bool:
    """Whether ``hit`` names what an agreement, a ceasefire, talks or a summit told just before it are about
    (frames.json ``topics``):
    "an agreement in Doha on the withdrawal of troops" is an agreement, no withdrawal."""
    topics = frame_words()["topics"]
    if hit.entry.sub_event_type in topics["holders"]:
        return False
    holder = next((h for h in reversed(hits) if h.end <= hit.start and h.entry.sub_event_type in topics["holders"]),
                  None)
    if holder is None:
        return False
    # from the holder's last word: "agreed on the withdrawal" as "an agreement in Doha on the withdrawal"
    between = clause.text[holder.start - clause.start : hit.start - clause.start].lower().split()[1:]
    while between and between[-1] in topics["articles"]:
        between.pop()
    return 0 < len(between) <= topics["reach"] and between[-1] in topics["prepositions"]


def _crowd_fights(frames: list[Frame], clause: Span) -> list[Frame]:
    """A clash that a protest's trigger a few words from it takes part in is that protest turned violent, a
    riot, not a battle of armed groups ("protesters clashed with police", "police fought demonstrators");
    not "an ambush after troops arrived to disperse a demonstration"."""
    clash = next((f.trigger for f in frames if f.event_type == "clash"), None)
    crowd = next((f.trigger for f in frames if f.event_type == "protest"), None)
    if clash is None or crowd is None:
        return frames
    first, second = sorted((clash, crowd), key=lambda t: t.start)
    if len(clause.text[first.end - clause.start : second.start - clause.start].split()) > _CROWD_REACH:
        return frames
    return [replace(f, sub_event_type="riot") if f.event_type == "protest" else f
            for f in frames if f.event_type != "clash"]


def _without_operations_of_an_outcome(frames: list[Frame], facts: ClauseFacts) -> list[Frame]:
    """Drop the strike an operation word reports when the clause tells what the operation did instead (frames.json
    ``operations``): "detained 20 people in overnight raids" is an arrest; "a raid that killed two" a strike."""
    operations = frame_words()["operations"]
    if facts.has_casualties or facts.instruments or not any(f.event_type in operations["outcomes"] for f in frames):
        return frames
    return [f for f in frames if f.event_type != "strike" or lemma(f.trigger.text.split()[0].lower())
            not in operations["words"]]


def _describes_the_released(hit: Hit, hits: Sequence[Hit], facts: ClauseFacts) -> bool:
    """Whether ``hit`` says how people freed in the sentence's prisoner exchange were taken ("Among those
    released were soldiers captured at Mariupol", "detained during the battle for Avdiivka"): a capture, or the
    fighting a few words after one, that is a past of theirs, not an event the clause reports."""
    words, clause = _released_people(), facts.clause
    if hit.entry.event_type not in words["fighting_types"] and hit.entry.words[0] not in words["capture_words"]:
        return False  # most triggers: neither a capture nor fighting
    for capture in hits:
        if capture.entry.words[0] not in words["capture_words"] or capture.start > hit.start:
            continue
        following = clause.text[capture.end - clause.start:].split(None, 1)
        if not following or following[0].lower() not in words["followed_by"]:
            continue
        between = clause.text[capture.end - clause.start : hit.start - clause.start].split()
        if capture is hit or (hit.entry.event_type in words["fighting_types"] and len(between) <= _FIGHTING_REACH):
            # the sentence is asked last, and rarely: is it one of a prisoner exchange?
            return not words["exchange_words"].isdisjoint(_sentence_lemmas(facts.sentence.text))
    return False


@lru_cache(maxsize=64)
def _sentence_lemmas(sentence: str) -> frozenset[str]:
    return lemmas_of(sentence)  # asked once per trigger of the sentence


def _describes_a_holding(hit: Hit, clause: Span) -> bool:
    """Whether ``hit`` says who holds a place in passing, as a description of it ("the rebel-controlled town",
    "villages controlled by the militia"), not as a report of control."""
    words = _described_holdings()
    if hit.entry.event_type not in words["types"]:
        return False
    at, end = hit.start - clause.start, hit.end - clause.start
    if at > 0 and clause.text[at - 1] == "-":
        return True  # "rebel-controlled", "(TNLA)-controlled"
    before, after = clause.text[:at].split()[-2:], clause.text[end:].split(None, 1)[:1]
    by_whom = hit.entry.words[-1] in words["agent_words"] or (bool(after) and after[0].lower() in words["agent_words"])
    return bool(before) and by_whom and not any(w.lower() in passive_auxiliaries() for w in before)


@cache
def _described_holdings() -> dict[str, frozenset[str]]:
    return {k: frozenset(v) for k, v in frame_words()["described_holdings"].items()}


@cache
def _fought_when_tried() -> frozenset[str]:
    """The event types an attempt made in the field turns into a battle: the fighting of a failed advance."""
    return frozenset(frame_words()["fought_when_tried"])


@cache
def _released_people() -> dict[str, frozenset[str]]:
    return {k: frozenset(v) for k, v in frame_words()["released_people"].items()}


def _coordinated_end(hit: Hit, hits: Sequence[Hit], text: str, offset: int) -> int:
    """The start of the last trigger of the same type coordinated with ``hit`` ("were intercepted and
    neutralised in ...", "drone strikes that hit Odesa"), or -1 when none follows it."""
    anchor, end = -1, hit.end
    joiners = _trigger_joiners()
    for other in sorted(hits, key=lambda h: h.start):
        if other.start >= end and other.entry.event_type == hit.entry.event_type:
            if text[end - offset : other.start - offset].strip(" ,").lower() not in joiners:
                break
            anchor, end = other.start, other.end
    return anchor


def _passive(text: str, at: int) -> bool:
    """Whether the trigger at ``text[at]`` is a passive participle: a form of "be" or "get" just before it."""
    words = text[:at].rsplit(None, 2)[-2:]
    return any(w.lower() in passive_auxiliaries() for w in words)


@cache
def _trigger_joiners() -> frozenset[str]:
    return frozenset(frame_words()["trigger_joiners"])


@cache
def passive_auxiliaries() -> frozenset[str]:
    """The forms of "be" and "get" before a passive participle ("was shelled", "got hit")."""
    return frozenset(frame_words()["passive_auxiliaries"])


def _one_per_family(frames: list[Frame]) -> list[Frame]:
    """A clause that reports a strike and a clash, or a capture and control, reports one happening: the
    strongest reading of it stands ("repelled an assault on the camp" is one battle)."""
    kept: dict[str, Frame] = {}
    for frame in frames:
        family = _FAMILY.get(frame.event_type, frame.event_type)
        if family not in kept or frame.weight > kept[family].weight:
            kept[family] = frame
    return sorted(kept.values(), key=lambda f: f.trigger.start)


def _frame(event_type: str, sub_type: str, weight: float, hit: Hit, reading: Reading, facts: ClauseFacts,
           anchor: int) -> Frame:
    weapons = tuple(dict.fromkeys(i.entry.name for i in facts.instruments if isinstance(i.entry, Instrument)))
    if event_type in ("strike", "interception") and sub_type in _GENERIC_STRIKES:
        sub_type = next((i.entry.sub_event_type for i in facts.instruments if i.entry.sub_event_type), sub_type)
    claimant = None
    if event_type != "statement":
        sentence = facts.sentence
        found = claim_of(sentence.text, hit.start - sentence.start)
        if found is not None:
            claimant = Span(sentence.start + found.start, sentence.start + found.end, found.text)
    if reading == "asserted" and claimant is not None:
        reading = "claimed"
    trigger = Span(hit.start, hit.end, facts.clause.text[hit.start - facts.clause.start : hit.end - facts.clause.start])
    return Frame(event_type, sub_type, weight, trigger, reading, claimant,
                 weapons if event_type in ("strike", "clash", "interception") else (),
                 passive=_passive(facts.clause.text, hit.start - facts.clause.start), anchor=anchor)


def _what_a_capture_takes(facts: ClauseFacts, at: int, end: int, event_type: str,
                          sub_type: str) -> tuple[str | None, str]:
    """Land taken stays a territorial change; people taken are an arrest; anything else is no event."""
    taken = what_was_captured(facts.clause.text, at, facts.places, end)
    if taken == "land":
        return event_type, sub_type  # "Ukrainian forces entered Kherson", "liberated the area"
    if taken == "people" and sub_type == "captured":
        return "arrest", "captured"
    return None, sub_type


@cache
def _armed_words() -> tuple[frozenset[str], Phrases]:
    listed = frame_words()["armed_nouns"]
    return frozenset(lemma(w) for w in listed if " " not in w), Phrases([w for w in listed if " " in w])


def _armed(facts: ClauseFacts, at: int) -> bool:
    if facts.instruments or facts.has_casualties:
        return True
    single, multi = _armed_words()
    text = facts.clause.text
    return not single.isdisjoint(lemmas_of(text)) or multi.found_in(text)


@cache
def _party_words() -> tuple[frozenset[str], Phrases]:
    listed = frame_words()["party_nouns"]
    return frozenset(lemma(w) for w in listed if " " not in w), Phrases([w for w in listed if " " in w])


def _party(facts: ClauseFacts, at: int) -> bool:
    """A state, an official or an organisation takes part ("the two ministers met", "envoys held talks")."""
    if facts.has_party:
        return True
    single, multi = _party_words()
    return not single.isdisjoint(lemmas_of(facts.clause.text)) or multi.found_in(facts.clause.text)


@cache
def _listed_lemmas(list_name: str) -> frozenset[str]:
    return frozenset(lemma(w) for w in frame_words()[list_name])


def _holds_a_word_of(list_name: str) -> Callable[[ClauseFacts, int], bool]:
    """The need of a clause that names one of the nouns of a list of frames.json ("protesters", "residents")."""
    def holds(facts: ClauseFacts, at: int) -> bool:
        return not _listed_lemmas(list_name).isdisjoint(lemmas_of(facts.clause.text))
    return holds


def _names_near_trigger(list_name: str) -> Callable[[ClauseFacts, int], bool]:
    """The need of a trigger whose object or subject is one of the nouns of a list of frames.json, a few words
    (``reach`` of frames.json) before or after it and no comma between: "released 90 prisoners", "two hostages
    were freed", not "killed 73 people, according to figures released"."""
    reach = frame_words()["reach"]

    def names(facts: ClauseFacts, at: int) -> bool:
        before, after = facts.clause.text[:at], facts.clause.text[at:]
        before = before[max(before.rfind(mark) for mark in ",;:") + 1:]
        after = after[:min((k for k in map(after.find, ",;:") if k >= 0), default=len(after))]
        near = " ".join([*before.split()[-reach:], *after.split()[1:reach + 1]])
        return not _listed_lemmas(list_name).isdisjoint(lemmas_of(near))
    return names


def _supplies(facts: ClauseFacts, at: int) -> bool:
    """Arms or a sum handed to a named recipient: a weapon or money in the clause, and a place just after the
    trigger ("will send Moldova €40m in equipment") or after "to" ("supplying shells to Ukraine"), not one
    the trigger aims at ("sent drones at Kyiv")."""
    text = facts.clause.text
    if not facts.instruments and "money" not in extract_quantities(text):
        return False
    end = at + len(text[at:].split(None, 1)[0])
    recipient = next((start for start, _ in facts.places if start >= end), None)
    if recipient is None:
        return False
    between = text[end:recipient].lower().split()
    return not between or (between[-1] in _frame_list("recipient_words") and
                           _frame_list("aim_words").isdisjoint(between))


@cache
def _frame_list(name: str) -> frozenset[str]:
    return frozenset(frame_words()[name])


_NEEDS: dict[str, Callable[[ClauseFacts, int], bool]] = {
    "none": lambda facts, at: True,
    "weapon": lambda facts, at: bool(facts.instruments),
    "armed": _armed,
    "party": _party,
    "land": lambda facts, at: True,  # settled by what the capture takes
    "casualties": lambda facts, at: facts.has_casualties,
    "territory": lambda facts, at: speaks_of_territory(facts.clause.text),
    "protesters": _holds_a_word_of("protest_nouns"),
    "civilians": _holds_a_word_of("civilian_nouns"),  # the people who flee: "residents fled", not "attackers fled"
    "captives": _names_near_trigger("captive_nouns"),  # whom a release frees: "prisoners", not "figures released"
    "supplies": _supplies,
    # "the war began in 2011": a calendar date of the clause's own, read as the date reader reads it
    "dated": lambda facts, at: any(d.explicit for d in find_dates(facts.clause.text, None)),
}
