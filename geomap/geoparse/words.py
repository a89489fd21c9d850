"""What the gazetteer and the lexicon say about one word or run of words, remembered across documents.

The recogniser asks about every capitalised word of every sentence and about the words that follow it.
News repeats the same few thousand words, so each answer is worked out once per process (up to a bound)
from the exact text, without normalising it again.
"""

from __future__ import annotations

from weakref import WeakKeyDictionary

from geomap.gazetteer import Gazetteer, normalize_name
from geomap.geoparse.lexicon import Lexicon, load_lexicon, word_zipf

_CACHE_LIMIT = 500_000  # strings remembered per table (a few tens of MB at most)


class WordTable:
    """Cached answers about surface strings for one gazetteer; build with :func:`word_table`."""

    def __init__(self, gazetteer: Gazetteer, lex: Lexicon) -> None:
        self._gaz = gazetteer
        self._lex = lex
        self._known: dict[str, bool] = {}
        self._grows: dict[str, bool] = {}
        self._rare: dict[str, bool] = {}
        self._starts: dict[str, bool] = {}

    def known(self, surface: str) -> bool:
        """Whether ``surface`` is a gazetteer name that the lexicon does not rule out."""
        hit = self._known.get(surface)
        if hit is None:
            norm = normalize_name(surface)
            hit = bool(norm) and norm not in self._lex.never_places and self._gaz.contains(norm)
            _remember(self._known, surface, hit)
        return hit

    def may_grow(self, surface: str) -> bool:
        """Whether a longer gazetteer name starts with ``surface`` ("New" -> "New York")."""
        hit = self._grows.get(surface)
        if hit is None:
            hit = self._gaz.is_name_prefix(normalize_name(surface).rstrip("."))
            _remember(self._grows, surface, hit)
        return hit

    def rare_name_word(self, word: str) -> bool:
        """"Tamthil", not "The", "Instead" or "Editorial": a name-like word that English seldom uses."""
        hit = self._rare.get(word)
        if hit is None:
            hit = _name_word(word) and word_zipf(word.lower()) < self._lex.common_word_zipf
            _remember(self._rare, word, hit)
        return hit

    def may_start(self, word: str) -> bool:
        """Whether a candidate can begin at a token ``word``, whatever its neighbours are.

        False for lower-case words and for most capitalised ones ("The", "He", "Monday"): neither a name
        (even with a full stop after it) nor the start of a longer one, nor a demonym, nor a rare word that
        could be a place the gazetteer lacks. Hyphenated words are always looked at ("Kyiv-based")."""
        hit = self._starts.get(word)
        if hit is None:
            hit = "-" in word or word[0].isupper() and (
                self.known(word) or self.known(word + ".") or self.may_grow(word)
                or self._gaz.demonym(word) is not None or self.rare_name_word(word)
            )
            _remember(self._starts, word, hit)
        return hit


def _name_word(word: str) -> bool:
    """A word that can be part of a proper name: capitalised, and not "Kurdish-majority"."""
    return word[:1].isupper() and word.split("-")[-1][:1].isupper()


_TABLES: WeakKeyDictionary[Gazetteer, WordTable] = WeakKeyDictionary()


def word_table(gazetteer: Gazetteer) -> WordTable:
    """The table of ``gazetteer`` (one per gazetteer, kept as long as the gazetteer is)."""
    table = _TABLES.get(gazetteer)
    if table is None:
        table = _TABLES[gazetteer] = WordTable(gazetteer, load_lexicon())
    return table


def _remember(cache: dict[str, bool], key: str, value: bool) -> None:
    if len(cache) < _CACHE_LIMIT:
        cache[key] = value
