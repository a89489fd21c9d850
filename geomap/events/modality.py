"""How a clause reports its event: as a fact, as someone's claim, as a plan, or not as an event at all.

The words before a trigger in its own clause (up to the nearest comma, bracket or quotation mark, at most
``window_before`` words: data/events/frames.json) say whether it is negated ("did not attack"), only attempted
("tried to recapture"), called off ("a truce in attacks", "to stop the fighting"), hypothetical ("would strike", "threatened to attack", "any talks") or planned
("will meet", "is expected to visit", "ahead of talks"). The words after it may threaten more ("our attacks
will continue"). Attempted, hypothetical and negated events are no events; planned ones are. An attempt made
on the ground ("tried to advance toward X", "attempted to capture") is read by the frames as a battle there.

Who says so is read from the whole sentence: a speech verb before the trigger ("the ministry said its forces
captured"), a reporting tail after it ("..., the air force said") or an attribution ("according to the
governor"). A party's word makes the event "claimed", with the speaker as claimant; witnesses, reporters and
news agencies report it as a fact.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import cache, lru_cache
from itertools import compress, count
from operator import not_
from typing import Literal, NamedTuple

from geomap.events.dates import find_dates
from geomap.events.lexicon import Phrases
from geomap.events.triggers import is_headline, lemma, word_keys
from geomap.text import Span, token_columns, token_texts

Reading = Literal["asserted", "claimed", "planned", "negated", "attempted", "tried", "hypothetical"]
#: readings that report no event ("tried": an attempt made in the field, "tried to advance", which a frame of
#: ground fighting reads as a battle; "attempted": any other, "plotted to attack", "seeks to capture")
NOT_EVENTS: frozenset[str] = frozenset({"negated", "attempted", "tried", "hypothetical"})
# words before the trigger that may negate it, make it an attempt, or a plan or a hypothesis
_NEGATION_REACH, _ATTEMPT_REACH, _PLAN_REACH = 3, 4, 4
_STOPS = frozenset(",;:()[]\"\u201c\u201d\u2014\u2013")
_STOPS_AFTER = _STOPS | {"."}  # the words after a trigger end with its sentence too
_QUOTES_AND_BLANKS = " \t\n\"'\u201c\u201d\u2018\u2019"
_ANY_DAY = dt.date(2000, 1, 1)  # a publication day for finding date phrases, whatever their day
_PRONOUNS = frozenset("he she it they we i you this that who which".split())
_LEADING = re.compile(r"^(?:(?:and|but|while|as|that|the|a|an|also|however|meanwhile)\s+)+", re.I)


@dataclass(frozen=True, slots=True)
class Modality:
    reading: Reading
    claimant: Span | None = None  # the words naming who claims it (offsets in the sentence's text)


@dataclass(frozen=True, slots=True)
class _Cues:
    negation: frozenset[str]
    denial: frozenset[str]
    denied: frozenset[str]  # what a denial takes: "denied that ...", "rejected claims of ..."
    failed_outcome: frozenset[str]  # before a noun trigger, how it ended: "a failed raid" was a raid
    halted: frozenset[str]
    attempt: frozenset[str]
    tried: frozenset[str]  # the attempt words of an attempt made, not only meant ("tried to", not "plotted to")
    hypothetical: Phrases
    planned: Phrases
    speech: frozenset[str]
    attribution: Phrases
    neutral: Phrases
    window: int
    continuation_threats: Phrases  # after a trigger: "our attacks will continue" reports none
    window_after: int


@cache
def _cues() -> _Cues:
    from geomap.events.lexicon import frame_words

    w = frame_words()
    return _Cues(frozenset(w["negation"]), frozenset(w["denial"]["verbs"]), frozenset(w["denial"]["what_is_denied"]),
                 frozenset(w["failed_outcome"]), frozenset(w["halted"]), frozenset(w["attempt"]),
                 frozenset(w["attempt_made"]), Phrases(w["hypothetical"]),
                 Phrases(w["planned"]), frozenset(lemma(v) for v in w["speech_verbs"]) | frozenset(w["speech_verbs"]),
                 Phrases(w["attribution"]), Phrases(w["neutral_sources"]), int(w["window_before"]),
                 Phrases(w["continuation_threats"]), int(w["window_after"]))


def reading_before(clause: str, at: int) -> Reading:
    """The reading that the words before the trigger at ``clause[at]`` give it (not yet who claims it)."""
    cues = _cues()
    # the words it reads lie in the last ``window`` runs of non-blank characters: only those are tokenised
    runs = _without_dates(clause[:at]).rsplit(None, cues.window)[-cues.window:]
    words = [token.lower() for token in _tokens_from_trigger(runs, _STOPS, backwards=True, most=cues.window)]
    negating = words[-_NEGATION_REACH:]
    if negating and negating[-1] in cues.failed_outcome:
        negating = negating[:-1]  # "repelled a failed raid": the raid happened; "failed to capture" is no capture
    denied = next((k for k, w in enumerate(words) if w in cues.denial), None)
    if denied is not None and not cues.denied.isdisjoint(words[denied + 1 :]):
        return "negated"  # "denied that its forces had captured", "rejected Moscow's claims of the capture of"
    if any(w in cues.negation for w in negating):
        return "negated"  # "did not attack", "has not been captured"; not "no claim of responsibility for the attack"
    near = words[-_ATTEMPT_REACH:]
    if any(w in cues.halted for w in near):
        return "negated"  # "a truce in attacks on energy sites", "to stop the fighting": attacks that do not happen
    attempted = any(w in cues.attempt for w in near) and "to" in near
    if attempted and not any(w in cues.tried for w in near):
        return "attempted"
    window = " ".join(words[-_PLAN_REACH:])  # "would strike", "is expected to meet", "ahead of talks"
    if cues.hypothetical.found_in(window):
        return "hypothetical"  # "could try to encircle" is no attempt made
    if cues.planned.found_in(window):
        return "planned"
    return "tried" if attempted else "asserted"


def _without_dates(before: str) -> str:
    """``before`` without its date phrases when it holds a denial verb: they say when it was denied, not what
    ("denied on 20 April 2025 that missiles had struck" reads as "denied that missiles had struck")."""
    cues = _cues()
    lowered = before.lower()
    if not any(verb in lowered for verb in cues.denial):
        return before  # most clauses: no denial to reach
    for date in reversed(find_dates(before, _ANY_DAY)):  # where the phrases are, not what day they name
        before = before[: date.start].rstrip(" ,") + " " + before[date.end :].lstrip(" ,")  # "on Saturday, 10 May,"
    return before


def threatens_more(clause: str, end: int) -> bool:
    """Whether the words after a trigger ending at ``clause[end]`` say it will go on ("our attacks will not
    stop until ...", "strikes on the port would continue"): a threat of more, no report of one."""
    if not _may_threaten(clause):
        return False  # most clauses: no threat could be read after any of their triggers
    cues = _cues()
    runs = clause[end:].split(None, cues.window_after)[: cues.window_after]
    return cues.continuation_threats.found_in(" ".join(_tokens_from_trigger(runs, _STOPS_AFTER)))


def _tokens_from_trigger(runs: list[str], stops: frozenset[str], *, backwards: bool = False,
                         most: int | None = None) -> list[str]:
    """The tokens of ``runs`` (the runs of non-blank characters next to a trigger, in text order) read from the
    trigger's side up to the first of ``stops`` (and at most ``most``), in text order: "will", "continue" after
    "attacks" in "attacks will continue, he said"; "it", "did", "not" before "strike" in "Later, it did not strike"."""
    tokens = token_texts(" ".join(runs))
    if backwards:
        tokens.reverse()
    read: list[str] = []
    for token in tokens:
        if token in stops or len(read) == most:
            break
        read.append(token)
    if backwards:
        read.reverse()
    return read


@lru_cache(maxsize=64)  # every trigger of a clause asks
def _may_threaten(clause: str) -> bool:
    """Whether a threat may be read after some trigger of ``clause`` (the words read are the clause's own)."""
    return _cues().continuation_threats.may_be_in(clause)


def claim_of(sentence: str, at: int) -> Span | None:
    """Who the sentence says reports the event whose trigger is at ``sentence[at]``, when a party does."""
    cues = _cues()
    read = _read_tokens(sentence)
    speaker = _attributed(sentence, cues) or _speaker_before(sentence, read, at) or _speaker_after(sentence, read, at)
    if speaker is None or cues.neutral.found_in(speaker.text):
        return None
    return speaker


class _SentenceTokens(NamedTuple):
    """A sentence's tokens (as columns: no Span is made per token) and, by index in order, those a speaker is
    read around."""

    texts: list[str]
    starts: list[int]
    ends: list[int]
    speech: list[int]  # speech verbs ("said", "claimed")
    stops: list[int]  # marks that end the words before a speech verb
    commas: list[int]


@lru_cache(maxsize=16)  # a sentence often holds several triggers, and each asks who speaks
def _read_tokens(sentence: str) -> _SentenceTokens:
    texts, starts, ends = token_columns(sentence)
    speaks = map(not_, map(_cues().speech.isdisjoint, map(word_keys.__getitem__, texts)))  # per token, in C
    speech = list(compress(count(), speaks))
    if any(texts[k][0].isupper() for k in speech) and not is_headline(texts):
        # a capitalised verb after a capitalised word ends a name in prose: "Zamfara State", "Islamic State"
        speech = [k for k in speech if not (k and texts[k][0].isupper() and texts[k - 1][0].isupper())]
    return _SentenceTokens(texts, starts, ends, speech,
                           list(compress(count(), map(_STOPS.__contains__, texts))),
                           list(compress(count(), map(",".__eq__, texts))))


def _attributed(sentence: str, cues: _Cues) -> Span | None:
    low = sentence.lower()
    for phrase in ("according to", "citing"):
        k = low.find(phrase)
        if k >= 0 and cues.attribution.found_in(sentence[k : k + len(phrase) + 1]):
            start = k + len(phrase) + 1
            end = next((i for i in range(start, len(sentence)) if sentence[i] in ",.;:("), len(sentence))
            return _trimmed(sentence, start, end)
    return None


def _speaker_before(sentence: str, read: _SentenceTokens, at: int) -> Span | None:
    """"Ukraine's air force said Russia launched ...": the subject of a speech verb before the trigger."""
    starts = read.starts
    verb = next((i for i in reversed(read.speech) if starts[i] < at), None)  # the last before it
    if verb is None:
        return None
    start = next((read.ends[k] for k in reversed(read.stops) if k < verb), 0)
    return _trimmed(sentence, start, starts[verb])


def _speaker_after(sentence: str, read: _SentenceTokens, at: int) -> Span | None:
    """"..., the air force said." or "..., said the governor.": a reporting tail after the trigger."""
    texts, starts, ends = read.texts, read.starts, read.ends
    for i in read.commas:
        if starts[i] > at and i + 1 < len(texts):
            # a speech verb among the eight tokens after the comma
            verb = next((k for k in read.speech if i < k <= i + 8), None)
            if verb is None:
                continue
            if verb == i + 1:  # ", said the governor"
                end = next((starts[k] for k in range(i + 2, len(texts)) if texts[k] in _STOPS or texts[k] == "."),
                           len(sentence))
                return _trimmed(sentence, ends[i + 1], end)
            return _trimmed(sentence, starts[i + 1], starts[verb])
    return None


def _trimmed(sentence: str, start: int, end: int) -> Span | None:
    text = sentence[start:end]
    stripped = _LEADING.sub("", text.strip(_QUOTES_AND_BLANKS))  # '..." an officer said': no quotation mark
    if not stripped or stripped.lower() in _PRONOUNS or len(stripped.split()) > 8:
        return None
    offset = sentence.index(stripped, start)
    return Span(offset, offset + len(stripped), stripped)
