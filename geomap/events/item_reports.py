"""How the reports of one item add up: the sentences told so far, a later report of the same happening, a
trigger that refers back ("these attacks"), figures without an event of their own, and the story's day.

Used by :mod:`geomap.events.extract` while it reads an item sentence by sentence.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from functools import cache

from geomap.events.actors import PeopleRegistry, find_actors
from geomap.events.dates import ResolvedDate, find_dates, is_background
from geomap.events.frame_figures import CASUALTIES, campaign_toll
from geomap.events.frames import Frame, passive_auxiliaries
from geomap.events.lexicon import kind, words
from geomap.events.placing import MentionIndex
from geomap.events.quantities import combine_figures
from geomap.events.triggers import instruments, lemma
from geomap.gazetteer import Gazetteer
from geomap.gazetteer.spatial import lies_within
from geomap.model import Event, Mention
from geomap.text import Span

# types one happening may be reported as, in one item ("a missile attack", "the strike", "drones launched")
FAMILIES = {"strike": "violence", "clash": "violence", "territorial_change": "territory",
            "territorial_control": "territory"}


def same_happening(a: Event, b: Event, nights: dict[str, str]) -> bool:
    family = FAMILIES.get(a.event_type)
    # the later report gives no day of its own ("The air force said 12 missiles were launched at Dnipro")
    dates_fit = a.date == b.date or b.date_text is None or b.date in (nights.get(a.id), None) or \
        nights.get(b.id) == a.date
    return (family is not None and family == FAMILIES.get(b.event_type) and a.place is not None
            and b.place is not None and a.place.key == b.place.key and dates_fit and a.planned == b.planned
            and "background" not in (a.modality, b.modality) and a.evidence_start != b.evidence_start
            and not (campaign_toll(a) or campaign_toll(b)))


class EarlierSentences:
    """The sentences of an item before the current one, whose actors are found only when a clause refers
    back to them ("The pair spoke on the phone"), and then once."""

    def __init__(self, located: MentionIndex, people: PeopleRegistry, gaz: Gazetteer) -> None:
        self._located, self._people, self._gaz = located, people, gaz
        self._sentences: list[Span] = []
        self._actors: dict[int, list[str]] = {}  # sentence index -> its actors, once found
        self._day: dt.date | None = None  # see last_day; sentences before _days_read have been read for it
        self._days_read = 0

    def append(self, sentence: Span) -> None:
        self._sentences.append(sentence)

    def last_day(self, published: dt.date | None) -> dt.date | None:
        """The day in the news window that the latest dated sentence of the item tells of (its first date:
        the main clause's, not that of "a day after ... over the weekend"): what a later sentence's "a day
        earlier" counts from, and the day of a sentence that names none of its own."""
        if published is None:
            return None
        for sentence in self._sentences[self._days_read:]:
            days = [d for d in find_dates(sentence.text, published, anchor=self._day)
                    if d.precision == "day" and d.value and d.value <= published.isoformat()
                    and not is_background(d, published)]  # a day still to come tells of no report
            if days:  # a night counts from the day it ends on ("overnight into Tuesday ... overnight": one night)
                first = days[0]
                self._day = dt.date.fromisoformat(first.alt if first.alt and first.alt > first.value else first.value)
        self._days_read = len(self._sentences)
        return self._day

    def last_named(self) -> list[str]:
        """The actors of the latest sentence that names any."""
        for i in range(len(self._sentences) - 1, -1, -1):
            if i not in self._actors:
                sentence = self._sentences[i]
                self._actors[i] = find_actors(sentence.text, self._located.within(sentence), self._people, self._gaz)
            if self._actors[i]:
                return list(self._actors[i])
        return []


_MODIFIERS_REACH = 3  # a determiner and up to two modifiers: "the alleged Houthi attacks"


def told_before(frame: Frame, clause: Span, found: list[Event], clause_mentions: list[Mention],
                 item_events: list[Event]) -> int | None:
    """The index of the item's event that a trigger referring back tells of again ("the attack", "these
    strikes") when its clause names no place and no other day of its own; None when it reports its own."""
    before = clause.text[: frame.trigger.start - clause.start].split()
    word = clause.text[frame.trigger.start - clause.start : frame.trigger.end - clause.start].split()[0].lower()
    # a noun may take modifiers after its determiner; a verb's determiner is its subject's ("the army struck")
    if not _refers_back(before[-_MODIFIERS_REACH:] if _noun_form(word) else before[-1:]) and \
            not (frame.passive and _weapons_told_before(before)):
        return None
    named = {m.place.key for m in clause_mentions if m.place is not None}
    family = FAMILIES.get(frame.event_type, frame.event_type)
    told = next((k for k in range(len(item_events) - 1, -1, -1)
                 if FAMILIES.get(item_events[k].event_type, item_events[k].event_type) == family), None)
    # "the attack on Sunday" after Monday's: a day of its own makes it another one
    if told is None or any(e.date_text is not None and e.date != item_events[told].date or campaign_toll(e)
                           for e in found):
        return None  # a campaign's toll is no report of one of its strikes
    if any(e.place is not None and e.place.key in named and not refines(e, item_events[told]) for e in found):
        return None  # "the attack in Sumy" after one in Kharkiv is another attack
    return told


def refines(later: Event, earlier: Event) -> bool:
    """Whether ``later`` places ``earlier`` more finely: "Drones struck Kherson Oblast ... the strike hit
    the village of X", a place inside the earlier one's region or country."""
    return (later.place is not None and earlier.place is not None and later.place.precision < earlier.place.precision
            and lies_within(later.place, earlier.place))


def _noun_form(word: str) -> bool:
    """"attack", "attacks", "shelling": a form a noun shares; "struck", "attacked" are a verb's."""
    base = lemma(word)
    return word in (base, base + "s", base + "es") or word.endswith("ing")


def _refers_back(before: list[str]) -> bool:
    """Whether the words before a trigger make it one told before: "the attack", "the alleged Houthi attacks";
    not "the second attack" nor "the 12 attacks"."""
    back, other = _back_reference_words(), _another_event_words()
    for k in range(len(before) - 1, -1, -1):
        word = before[k].lower()
        if word in back:
            return True
        if word in other or any(c.isdigit() for c in word) or not word.isalpha():
            return False
    return False


def _weapons_told_before(before: list[str]) -> bool:
    """Whether the words before a passive trigger make its subject weapons named before: "The sources said the
    rockets were fired from a mobile launcher" tells of the item's strike, not of another one."""
    if len(before) < 3 or before[-1].lower() not in passive_auxiliaries():
        return False
    return lemma(before[-2].lower()) in _weapon_nouns() and _refers_back(before[-2 - _MODIFIERS_REACH : -2])


@cache
def _weapon_nouns() -> frozenset[str]:
    return frozenset(lemma(i.words[-1]) for i in instruments())


@cache
def _back_reference_words() -> frozenset[str]:
    return frozenset(words()["back_reference_words"])


@cache
def _another_event_words() -> frozenset[str]:
    return frozenset(words()["another_event_words"])


def completable(item_events: list[Event]) -> bool:
    """Whether figures without an event of their own have a report of the item to complete (see absorb)."""
    return any(e.event_type in ("strike", "territorial_control") for e in item_events)


def absorb(item_events: list[Event], event_type: str, figures: dict) -> bool:
    """Give ``figures`` stated without an event of their own to the item's last report of ``event_type``; when
    that report is one of a list of places ("the regions of A, B and C were attacked. Nine people were
    injured"), to the earlier report of the whole that holds them all, if there is one."""
    last = next((i for i in range(len(item_events) - 1, -1, -1) if item_events[i].event_type == event_type), None)
    if last is None:
        return False
    target = _whole_of_a_list(item_events, last) if figures else None
    k = last if target is None else target
    item_events[k] = replace(item_events[k], quantities=combine_figures(item_events[k].quantities, figures))
    return True


def add_toll_to_last(frame: Frame, found: list[Event], sentence: Span, text: str, item_events: list[Event]) -> bool:
    """Give the dead and hurt of a passive killing ("militiamen clashed with soldiers near Beni; three soldiers
    were killed") to the battle or attack told just before it, in its sentence or the one before, whose toll
    it is, instead of reporting a killing of its own. Not when the killing is told at another place or on
    another day ("In Kherson, two people were killed on Tuesday")."""
    last = item_events[-1] if item_events else None
    if last is None or FAMILIES.get(last.event_type) != "violence" or len(found) != 1:
        return False
    toll = found[0]
    figures = {k: v for k, v in toll.quantities.items() if k in CASUALTIES}
    if (frame.event_type, frame.sub_event_type) != ("strike", "killing") or not frame.passive or not figures:
        return False
    same_sentence = sentence.start <= last.evidence_start < sentence.end
    if not same_sentence and text[last.evidence_end : sentence.start].strip():
        return False
    if toll.date_text is not None and toll.date != last.date:
        return False
    if toll.place is not None and (last.place is None or not (
            toll.place.key == last.place.key or lies_within(last.place, toll.place))):
        return False  # "... in Kharkiv. In Kherson, two were killed": another place's toll
    told = (sentence.start, sentence.end)  # the toll's sentence supports the battle, as every report of it does
    item_events[-1] = replace(last, quantities=combine_figures(last.quantities, figures),
                              support=last.support + ((told,) if told not in last.support else ()))
    return True


def at_its_meeting(event: Event, item_events: list[Event]) -> Event:
    """An agreement told without a place right after a meeting of its day was reached there: "The leaders met
    in Paris. They agreed to exchange all prisoners" is an agreement in Paris."""
    last = item_events[-1] if item_events else None
    if event.event_type != "agreement" or event.place is not None or last is None or last.event_type != "meeting" \
            or last.place is None or last.date != event.date or last.planned != event.planned:
        return event
    return replace(event, place=last.place, place_text=last.place_text,
                   summary=summary(kind(event.event_type, event.sub_event_type).label, last.place.name, event.date,
                                   list(event.actors), event.planned))


def _whole_of_a_list(item_events: list[Event], last: int) -> int | None:
    """The report of the whole a list of places ending at ``item_events[last]`` is part of: of its type, of
    its day or night (a night's report may be dated to either of its days), earlier, at a place that holds
    every place of the list."""
    end = item_events[last]

    def same_night(e: Event) -> bool:
        return e.date == end.date or _days_apart(e.date, end.date) == 1

    members = [e for e in item_events if e.event_type == end.event_type and e.evidence_start == end.evidence_start]
    if len(members) < 2 or any(m.place is None for m in members):
        return None
    first = item_events.index(members[0])
    return next((k for k in range(first - 1, -1, -1)
                 if item_events[k].event_type == end.event_type and same_night(item_events[k])
                 and item_events[k].place is not None
                 and all(lies_within(m.place, item_events[k].place) for m in members)), None)


def _days_apart(a: str | None, b: str | None) -> int | None:
    """Days between two dates of days ("2025-02-03"), None unless both are such dates."""
    try:
        return abs((dt.date.fromisoformat(a) - dt.date.fromisoformat(b)).days) if a and b else None
    except ValueError:
        return None  # a month or a year: no day to count from


def opens_sentence(date: ResolvedDate, sentence: str, published: dt.date | None) -> bool:
    """Whether ``date`` is its sentence's first date, the main clause's ("On Monday, drones hit Sumy, a day
    after shelling over the weekend": Monday), rather than one of a happening it recalls."""
    first = find_dates(sentence, published)[:1]
    return bool(first) and first[0].start == date.start


def dated_by_story(item_events: list[Event], story_day: str | None) -> list[Event]:
    """The item's reports that name no day of their own, told before its first that does (a headline),
    dated to that day as the later ones are."""
    if story_day is None:
        return item_events
    return [replace(e, date=story_day, summary=summary(kind(e.event_type, e.sub_event_type).label,
                                                        e.place.name if e.place else None, story_day,
                                                        list(e.actors), e.planned))
            if e.date_text is None and not e.planned and e.event_type != "statement" and e.date != story_day else e
            for e in item_events]


def summary(label: str, place: str | None, date: str | None, actors: list[str], planned: bool) -> str:
    head = f"{'Planned ' if planned else ''}{label}"
    head = head[0].upper() + head[1:]
    where = f" in {place}" if place else ""
    when = f" on {date}" if date else ""
    who = f": {', '.join(a.split(' (')[0] for a in actors[:4])}" if actors else ""
    return f"{head}{where}{when}{who}"
