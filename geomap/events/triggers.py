"""The words that report events, found by lemma in one pass over a document.

Trigger phrases live in data/events/frames.tsv, weapons in data/events/instruments.tsv. A word of a phrase
matches any inflection of it ("struck" is "strike", "shelled" is "shell"): words are lemmatised with simplemma
(a dictionary lemmatiser, about half a microsecond a word, remembered per word), and a phrase's own spelling
matches too, so that "fighting" the noun can carry another meaning than "fight" the verb. The words of a phrase
are consecutive, except where the phrase writes "~": there up to two words may stand ("take ~ control": "took
full control"; "take ~ hostage": "took 48 hostages"), never a punctuation mark. Where phrases overlap, the
longest wins, then the first in the text, then the one spelled as written.

A capitalised word inside a sentence of lower-case prose is a name, not a trigger ("Met Eireann warned",
"Operation Storm"); in a headline, where most words are capitalised, it is a word.
"""

from __future__ import annotations

import bisect
import csv
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources
from itertools import compress, count

from simplemma.strategies.dictionaries.dictionary_factory import DefaultDictionaryFactory

from geomap.geoparse.words import Answers
from geomap.text import Span, document_tokens, split_sentences, token_texts

_GAP = 2  # words that may stand where a phrase writes "~"
_GAP_MARK = "~"
_HEADLINE_SHARE = 0.6  # of a sentence's words capitalised, from which it reads as a headline


@dataclass(frozen=True, slots=True)
class TriggerWord:
    """One row of frames.tsv: a phrase, what it reports, and what its clause must also hold."""

    words: tuple[str, ...]  # as written, lower case; "~" where up to two other words may stand
    event_type: str
    sub_event_type: str
    weight: float
    needs: str = ""


@dataclass(frozen=True, slots=True)
class Instrument:
    """One row of instruments.tsv: a weapon phrase, its name in outputs, the strike sub-type it makes."""

    words: tuple[str, ...]
    name: str
    sub_event_type: str


@dataclass(frozen=True, slots=True)
class Hit:
    """Where a phrase of a lexicon stands in a text (character offsets) and what it is."""

    start: int
    end: int
    entry: TriggerWord | Instrument


@lru_cache(maxsize=200_000)
def lemma(word: str) -> str:
    """The lemma of a lower-case word ("struck" -> "strike"); hyphens are ignored ("counter-attack")."""
    joined = word.replace("-", "")
    # the dictionary alone: simplemma's full pipeline also guesses lemmas of unknown words by their affixes,
    # at about a hundred times the cost, and a trigger word is never an unknown word
    return (_english_lemmas().get(joined) or joined).lower() if joined else word


@cache
def _english_lemmas():
    return DefaultDictionaryFactory().get_dictionary("en")


def _keys(token: str) -> tuple[str, str]:
    low = token.lower()
    return low, lemma(low)


#: per token, what it is matched by: its lower case and the lemma of that (a dict, so that a document's tokens
#: are keyed by a map in C)
word_keys: Answers[tuple[str, str]] = Answers(_keys)
#: per token, its lemma when it starts with a letter (the words of a text, for the genre check), else None
_word_lemma: Answers[str | None] = Answers(lambda token: word_keys[token][1] if token[0].isalpha() else None)


@lru_cache(maxsize=1024)  # a clause is asked for armed nouns, parties and protesters, by its frames' needs
def lemmas_of(text: str) -> frozenset[str]:
    """The lemmas of the tokens of ``text`` (punctuation marks stand for themselves)."""
    return frozenset(word_keys[t][1] for t in token_texts(text))


def _phrase_word_keys(word: str) -> frozenset[str]:
    """What a word of a phrase matches: any inflection of a base form ("strike": "struck", "strikes"); a form
    that is not its own lemma only itself and its plural ("fighting", "talks", "shelling": not "fought")."""
    base = lemma(word)
    return frozenset({base}) if base == word else frozenset({word, word + "s"})


class _PhraseTable:
    """Phrases by the keys (spelling and lemma) of their first word, longest first."""

    def __init__(self, entries: list[TriggerWord] | list[Instrument]) -> None:
        self._by_first: dict[str, list] = {}
        for entry in sorted(entries, key=lambda e: -len(e.words)):
            for key in _phrase_word_keys(entry.words[0]):
                self._by_first.setdefault(key, []).append(entry)
        # per phrase, what each word after the first matches and whether a gap may stand before it (the first
        # word needs no test: a phrase is only tried at a token of one of its first word's keys)
        self._rest: dict = {}
        self._rank: dict = {}  # per phrase: its length in words and its weight, for the longest-phrase rule
        for entry in entries:
            keys = [_phrase_word_keys(w) for w in entry.words if w != _GAP_MARK]
            gaps = [entry.words[k - 1] == _GAP_MARK for k, w in enumerate(entry.words) if w != _GAP_MARK][1:]
            self._rest[entry] = tuple(zip(keys[1:], gaps))
            self._rank[entry] = (len(keys), getattr(entry, "weight", 0.0))
        # the phrases tried at a token, by its keys; only keys that open a phrase get here, and there are as
        # many of those as inflections of first words, so the table stays small however many texts are read
        self._opened: dict[tuple[str, str], list[tuple]] = {}
        #: per token, whether a phrase may start at it
        self.opens: Answers[bool] = Answers(lambda token: self.opened_by(word_keys[token]))

    def opened_by(self, key: tuple[str, str]) -> bool:
        """Whether a phrase may start at a token of these keys."""
        low, lem = key
        return low[0].isalnum() and (low in self._by_first or lem in self._by_first)

    def openings(self, texts: list[str]) -> list[int]:
        """The indices of the tokens (given by their texts) a phrase may start at, in order."""
        return list(compress(count(), map(self.opens.__getitem__, texts)))

    def hits(self, starts: list[int], ends: list[int], texts: list[str], at: list[int], allowed) -> list[Hit]:
        """The phrases that start at the tokens ``at`` (the :meth:`openings`); the tokens are given by their
        offsets and texts."""
        found: list[tuple[tuple, Hit]] = []
        for i in at:
            if not allowed(i):
                continue
            key = word_keys[texts[i]]
            low = key[0]
            for entry, rest, (length, weight) in self._phrases_at(key):
                end = _match(rest, i, texts)
                if end is not None:
                    found.append(((length, low == entry.words[0], weight), Hit(starts[i], ends[end], entry)))
        return _without_overlaps(found)

    def _phrases_at(self, key: tuple[str, str]) -> list[tuple]:
        """The phrases tried at a token of these keys, longest first, each with what its other words match and
        its rank: found once per key, as a phrase (a dataclass) hashes in Python."""
        phrases = self._opened.get(key)
        if phrases is None:
            low, lem = key
            phrases = (self._by_first.get(low) or []) + (self._by_first.get(lem) or [] if lem != low else [])
            phrases = self._opened[key] = [(e, self._rest[e], self._rank[e])
                                           for e in sorted(phrases, key=lambda e: -len(e.words))]
        return phrases


def _match(rest: tuple, i: int, texts: list[str]) -> int | None:
    """The index of the last token of a phrase whose first word is token ``i`` and whose other words match as
    ``rest`` says, or None."""
    at, n = i, len(texts)
    for options, gap in rest:
        for j in range(at + 1, min(n, at + 2 + (_GAP if gap else 0))):
            low, lem = word_keys[texts[j]]
            if low in options or lem in options:
                at = j
                break
            if not low[0].isalnum():
                return None  # a phrase never runs over a punctuation mark
        else:
            return None
    return at


def _without_overlaps(found: list[tuple[tuple, Hit]]) -> list[Hit]:
    """The longest, best phrases that do not overlap; the readings of one phrase (its rows with other needs:
    "neutralised" drones or fighters) all stay, for the frame to choose by what the clause holds."""
    kept: list[Hit] = []
    # of two overlapping phrases as long, the first in the text ("stormed back in" is "storm back")
    for _, hit in sorted(found, key=lambda f: (f[0][0], -f[1].start, *f[0][1:]), reverse=True):
        if all(hit.end <= k.start or hit.start >= k.end or (hit.start, hit.end, hit.entry.words) ==
               (k.start, k.end, k.entry.words) for k in kept):
            kept.append(hit)
    return sorted(kept, key=lambda h: h.start)


class TextLexicon:
    """The trigger words and weapons of a whole text, found once, asked for by span."""

    def __init__(self, text: str) -> None:
        texts, starts, ends = document_tokens(text)  # found by the geoparser before
        # what a token is and whether it opens a phrase is worked out once per word of the process; a phrase is
        # looked for only where its first word stands
        triggers, weapons = _trigger_table(), _instrument_table()
        names = _NamePositions(text, texts, starts)
        self.triggers = triggers.hits(starts, ends, texts, triggers.openings(texts), lambda i: not names.holds(i))
        self.instruments = weapons.hits(starts, ends, texts, weapons.openings(texts), lambda i: True)
        #: the lemmas of the text's words (those that start with a letter), for the genre check
        self.lemmas = frozenset(map(_word_lemma.__getitem__, set(texts))) - {None}
        self._trigger_starts = [h.start for h in self.triggers]
        self._instrument_starts = [h.start for h in self.instruments]

    def triggers_within(self, span: Span) -> list[Hit]:
        return _within(self.triggers, self._trigger_starts, span)

    def instruments_within(self, span: Span) -> list[Hit]:
        return _within(self.instruments, self._instrument_starts, span)

    def any_trigger_within(self, span: Span) -> bool:
        return bool(self.triggers_within(span))


def _within(hits: list[Hit], starts: list[int], span: Span) -> list[Hit]:
    lo, hi = bisect.bisect_left(starts, span.start), bisect.bisect_left(starts, span.end)
    return [h for h in hits[lo:hi] if h.end <= span.end]


class _NamePositions:
    """Which tokens are capitalised words inside sentences of lower-case prose: names, not trigger words.

    Asked only of the few tokens a trigger phrase starts at, so a sentence is looked at only when a capitalised
    one of its tokens is asked about."""

    def __init__(self, text: str, texts: list[str], starts: list[int]) -> None:
        self._texts, self._starts = texts, starts
        self._sentences = split_sentences(text)
        self._sentence_starts = [s.start for s in self._sentences]
        self._names: dict[int, set[int]] = {}  # sentence index -> its names' token indices

    def holds(self, i: int) -> bool:
        if _shape[self._texts[i]] != _CAPITALISED:
            return False  # most trigger words: in lower case, no name whatever their sentence
        at = self._starts[i]
        k = bisect.bisect_right(self._sentence_starts, at) - 1
        if k < 0 or at >= self._sentences[k].end:
            return False  # in no sentence
        if k not in self._names:
            self._names[k] = self._names_in(self._sentences[k])
        return i in self._names[k]

    def _names_in(self, sentence: Span) -> set[int]:
        lo = bisect.bisect_left(self._starts, sentence.start)
        hi = bisect.bisect_left(self._starts, sentence.end)
        shapes = list(map(_shape.__getitem__, self._texts[lo:hi]))  # counted in C, not token by token
        if len(shapes) - shapes.count(_NO_WORD) < 2 or _capitalised_most(shapes):
            return set()  # a headline
        first = lo + next(k for k, shape in enumerate(shapes) if shape != _NO_WORD)
        return {i for i in compress(count(lo), map(_CAPITALISED.__eq__, shapes)) if i != first}


def is_headline(tokens: Sequence[str]) -> bool:
    """Whether most words of a sentence's ``tokens`` are capitalised ("Russia Says It Took Two Villages")."""
    return _capitalised_most(list(map(_shape.__getitem__, tokens)))


def _capitalised_most(shapes: list[int]) -> bool:
    words = len(shapes) - shapes.count(_NO_WORD)
    return shapes.count(_CAPITALISED) + shapes.count(_CAPITALS) >= _HEADLINE_SHARE * words


# what a token is to _NamePositions: no word (it starts with no letter), a lower-case word, a capitalised word, or
# a word in capitals ("NATO": capitalised, for a headline's share, but not taken for a name)
_NO_WORD, _LOWER, _CAPITALISED, _CAPITALS = range(4)
_shape: Answers[int] = Answers(lambda token: _NO_WORD if not token[0].isalpha() else _LOWER if not token[0].isupper()
                               else _CAPITALS if token.isupper() else _CAPITALISED)


def _data(name: str) -> list[dict[str, str]]:
    lines = resources.files("geomap.data").joinpath("events", name).read_text("utf-8").splitlines()
    return list(csv.DictReader((line for line in lines if not line.startswith("#")), delimiter="\t"))


@cache
def trigger_words() -> tuple[TriggerWord, ...]:
    return tuple(TriggerWord(tuple(r["phrase"].lower().split()), r["event_type"], r["sub_event_type"],
                             float(r["weight"]), (r.get("needs") or "").strip()) for r in _data("frames.tsv"))


@cache
def instruments() -> tuple[Instrument, ...]:
    return tuple(Instrument(tuple(r["phrase"].lower().split()), r["instrument"], (r["sub_event_type"] or "").strip())
                 for r in _data("instruments.tsv"))


@cache
def _trigger_table() -> _PhraseTable:
    return _PhraseTable(list(trigger_words()))


@cache
def _instrument_table() -> _PhraseTable:
    return _PhraseTable(list(instruments()))
