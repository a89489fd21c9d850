"""The few words around a place or a trigger, read as words: what rules about "the words before a place" or
"the words between a place and a trigger" are written against.

A word here is a run of non-blank characters ("Kyiv's", "(the", "20%"), case folded as a case-insensitive regex
folds it (:func:`geomap.events.lexicon.fold_case`); a plain word is made of word characters only ("Kherson",
not "Kherson,"). Word lists come from data/events/lexicon.json; the code here knows no English.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterable

from geomap.events.lexicon import Phrases, fold_case
from geomap.text import document_tokens

_ARTICLE = "the"


def gap_words(gap: str, *, blank_start: bool = True) -> list[str] | None:
    """The folded words of ``gap``, the text between two things, when it is blank where it meets the thing after
    it (and, with ``blank_start``, the thing before it); None when a word runs into either: " was shelled "."""
    if not gap[-1:].isspace() or (blank_start and not gap[:1].isspace()):
        return None
    return fold_case(gap).split()


def is_plain(word: str) -> bool:
    """Whether ``word`` is made of word characters only ("Kherson", "2023"; not "Kherson," nor "Lviv-based")."""
    return word.isalnum() or (bool(word) and all(c.isalnum() or c == "_" for c in word))


def all_plain(words: Iterable[str]) -> bool:
    return all(map(is_plain, words))


def leading_word(word: str) -> str:
    """The run of word characters ``word`` starts with: "streets" of "streets," and of "streets-wide"."""
    for k, char in enumerate(word):
        if not (char.isalnum() or char == "_"):
            return word[:k]
    return word


def phrase_at_start(words: list[str], phrases: frozenset[tuple[str, ...]]) -> int:
    """How many of ``words`` the longest of ``phrases`` (folded word tuples) they start with takes; 0 for none:
    2 for "has been" in "has been shelled"."""
    return max((len(p) for p in phrases if tuple(words[: len(p)]) == p), default=0)


def word_phrases(phrases: Iterable[str]) -> frozenset[tuple[str, ...]]:
    """Phrases of the lexicon as folded word tuples, for :func:`phrase_at_start`."""
    return frozenset(tuple(fold_case(p).split()) for p in phrases)


def ends_after(before: str, cues: Phrases, reach: int) -> bool:
    """Whether ``before`` (the text up to a place) ends a blank and at most ``reach`` words after one of ``cues``,
    one word more when the first is an article: "in the old market of " is ``reach`` 4 after "in"."""
    if not before[-1:].isspace():
        return False
    line = " ".join(before.split())  # one blank between words, as multi-word cues are written
    for end in reversed(cues.ends_in(line)):
        if end < len(line) and line[end] != " ":
            continue  # a cue ending inside a word: "in" of "in-depth"
        after = line[end:].split()
        return len(after) <= reach or (len(after) == reach + 1 and fold_case(after[0]) == _ARTICLE)
    return False


def tokens_within(text: str, start: int, end: int) -> tuple[list[str], list[int], list[int]]:
    """The tokens of ``text`` (see :func:`geomap.text.tokenize`) that start in ``[start, end)``, the last cut at
    ``end``, as columns (texts, starts, ends); read from the whole text's tokens, found once. A word that runs on
    from before ``start`` is none of them."""
    texts, starts, ends = document_tokens(text)
    lo, hi = bisect_left(starts, start), bisect_left(starts, end)
    texts, starts, ends = texts[lo:hi], starts[lo:hi], ends[lo:hi]
    if ends and ends[-1] > end:
        texts[-1], ends[-1] = texts[-1][: end - starts[-1]], end
    return texts, starts, ends
