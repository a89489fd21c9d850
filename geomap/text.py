"""Text segmentation shared by the geoparser and the event extractor.

Sentences and tokens are returned as character spans into the original text, so every
later stage can report exact offsets without copying or normalising the document.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterator
from functools import lru_cache
from itertools import accumulate, repeat
from typing import NamedTuple

# Abbreviations after which a full stop does not end a sentence.
_ABBREVIATIONS = frozenset(
    "mr mrs ms dr prof gen brig col lt sgt cpl pvt capt maj adm rep sen gov pres st mt ft jan feb mar apr jun jul aug sep sept "
    "oct nov dec no vs etc e.g i.e a.m p.m u.s u.k u.n inc corp co ltd jr sr".split()
)
# The lookahead states what every alternative starts with, so the regex engine skips ahead to such a
# character instead of trying each alternative at every position (a third faster, same matches).
_SENTENCE_END = re.compile(r"(?=[.!?\n])(?:[.!?]+[\"'\u201d\u2019)\]]*(?=\s+|$)|\n\s*\n|\n(?=\s*\S))")
# Possessive "'s" is its own token so that "Ukraine's" yields the name "Ukraine".
# Clauses read on their own: "Russia controls 20%, while Ukraine controls 450 km²", "he has visited Kyiv, although
# she visited Lviv in May"; "missiles struck Haifa, as Israel pressed on with strikes on Tehran" ("as" before a
# subject, not "as well as" or "as expected").
_CLAUSE_BREAK = re.compile(
    r",\s+(?:while|whereas|although|though)\s+|;\s+"
    r"|,\s+as\s+(?=(?:the|its|their|it|they|he|she|we|[A-Z][\w'\u2019.-]*)\s+[a-z])"
)
_LINE = re.compile(r"[^\n]+")
_HEADLINE_WORDS = 16  # at most, in the line that opens a live-blog item
_TOKEN = re.compile(r"\w+(?:[-\u2010\u2011.]\w+|['\u2019](?![sS]\b)\w+)*|['\u2019][sS]\b|[^\w\s]", re.UNICODE)
# The same pattern as one capturing group: ``split`` then keeps the tokens, between the gaps around them.
_TOKEN_SPLIT = re.compile(f"({_TOKEN.pattern})", re.UNICODE)


class Span(NamedTuple):
    """A piece of a text and where it is: ``text == source[start:end]``."""

    # a tuple, not a dataclass: documents have hundreds of thousands of tokens, and tuples are made fastest
    start: int
    end: int
    text: str


_new_tuple = tuple.__new__


def split_sentences(text: str) -> list[Span]:
    """Split ``text`` into sentences; a newline always ends a sentence (headlines, list items)."""
    return list(_sentences(text))  # a list of its own: a caller may change it, the remembered tuple stays


# The geoparser and the event extractor split the same document one after the other; a document is
# remembered only until a few others have been split, so the cache holds a few documents at most.
@lru_cache(maxsize=4)
def _sentences(text: str) -> tuple[Span, ...]:
    spans: list[Span] = []
    start = 0
    for match in _SENTENCE_END.finditer(text):
        end = match.end()
        if text[match.start()] == "." and _ends_with_abbreviation(text[start:end]):
            continue
        _append_trimmed(spans, text, start, end)
        start = end
    _append_trimmed(spans, text, start, len(text))
    return tuple(spans)


def split_clauses(sentence: Span) -> list[Span]:
    """Parts of a sentence joined by "while", "whereas", "although", "though" or a semicolon, offsets kept."""
    if _CLAUSE_BREAK.search(sentence.text) is None:
        return [sentence] if sentence.text.strip() else []  # most sentences: a single clause
    pieces: list[Span] = []
    start = 0
    for m in _CLAUSE_BREAK.finditer(sentence.text):
        pieces.append(Span(sentence.start + start, sentence.start + m.start(), sentence.text[start : m.start()]))
        start = m.end()
    pieces.append(Span(sentence.start + start, sentence.end, sentence.text[start:]))
    return [p for p in pieces if p.text.strip()]


def tokenize(text: str, offset: int = 0) -> list[Span]:
    """Word and punctuation tokens; hyphenated and dotted words stay whole ("Kyiv-based", "U.S")."""
    # tuple.__new__ builds the same Span without the Python-level frame of the NamedTuple constructor
    texts, starts, ends = token_columns(text, offset)
    return list(map(_new_tuple, repeat(Span), zip(starts, ends, texts)))


def token_texts(text: str) -> list[str]:
    """The texts of :func:`tokenize`'s tokens, for a reader that needs no offsets (no Span, no running sum)."""
    return _TOKEN.findall(text)


def token_matches(text: str) -> Iterator[re.Match[str]]:
    """The tokens of :func:`tokenize` one at a time, for a reader that stops at the first that settles its question."""
    return _TOKEN.finditer(text)


def token_columns(text: str, offset: int = 0) -> tuple[list[str], list[int], list[int]]:
    """The tokens of :func:`tokenize` as three lists (texts, starts, ends), for a reader of a whole document:
    making a Span per token costs three times what finding the tokens does."""
    # Every step runs in C: splitting on the token pattern gives [gap, token, gap, token, ..., gap], and the
    # running sum of the piece lengths gives where each piece starts. No Match object is made per token.
    pieces = _TOKEN_SPLIT.split(text)
    at = list(accumulate(map(len, pieces), initial=offset))
    return pieces[1::2], at[1::2], at[2::2]


def sentence_tokens(text: str, sentence: Span) -> list[Span]:
    """``tokenize(sentence.text, sentence.start)`` for a sentence (or clause) of ``text``, read from the tokens of
    the whole text, which are found once for the geoparser and the event extractor both. The same tokens: a
    sentence begins and ends at a blank or a punctuation mark, where no token runs over."""
    texts, starts, ends = document_tokens(text)
    lo, hi = bisect_left(starts, sentence.start), bisect_left(starts, sentence.end)
    return list(map(_new_tuple, repeat(Span), zip(starts[lo:hi], ends[lo:hi], texts[lo:hi])))


# like _sentences: the two stages read one document after the other, so a few documents are remembered
@lru_cache(maxsize=4)
def document_tokens(text: str) -> tuple[list[str], list[int], list[int]]:
    """:func:`token_columns` of a whole document, remembered: the lists are shared, never to be changed."""
    return token_columns(text)


def _ends_with_abbreviation(piece: str) -> bool:
    words = piece.rstrip(".\"'\u201d\u2019)] \n").rsplit(None, 1)
    if not words:
        return False
    last = words[-1].lower().lstrip("(\"'\u201c")
    # single capital initials ("J. Smith") and known abbreviations do not end a sentence
    return last in _ABBREVIATIONS or (len(last) == 1 and last.isalpha())


def _append_trimmed(spans: list[Span], text: str, start: int, end: int) -> None:
    piece = text[start:end]
    trimmed = piece.strip()  # str.strip drops what str.isspace calls whitespace, in C
    if trimmed:
        start += len(piece) - len(piece.lstrip())
        spans.append(_new_tuple(Span, (start, start + len(trimmed), trimmed)))


def split_items(text: str) -> list[Span]:
    """Live-blog items: a short headline line (no final full stop) opens an item that runs to the next.

    Text without such headlines is one item. Items let an event borrow its place or date from the
    headline or the previous sentence of the same item, never from another story.
    """
    lines = _LINE.finditer(text)
    next(lines, None)  # the first line opens the first item anyway
    starts = [0]
    for m in lines:
        line = m.group().strip()
        # a paragraph is a line too: its words are counted only up to one more than a headline may have
        if (line[:1].isupper() and not line.endswith((".", ":", ",", ";", '"', "\u201d"))
                and 2 <= len(line.split(None, _HEADLINE_WORDS)) <= _HEADLINE_WORDS):
            starts.append(m.start())
    bounds = [*starts[1:], len(text)]
    items: list[Span] = []
    for start, end in zip(starts, bounds):
        _append_trimmed(items, text, start, end)
    return items
