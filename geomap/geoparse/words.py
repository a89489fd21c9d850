"""What the gazetteer and the lexicon say about one word or run of words, remembered across documents.

The recogniser asks about every word of every sentence and about the words that follow a capitalised
one. News repeats the same few thousand words, so each answer is worked out once per process (up to a
bound) from the exact text, without normalising it again.
"""

from __future__ import annotations

from collections.abc import Callable
from weakref import WeakKeyDictionary

from geomap.gazetteer import Gazetteer, normalize_name
from geomap.geoparse.lexicon import Lexicon, load_lexicon, word_zipf

_CACHE_LIMIT = 200_000  # strings remembered per question (about 20 MB at most each; news needs far fewer)


class Answers(dict[str, bool]):
    """A question about strings: ``answers[text]`` works the answer out on first use and remembers it.

    A dict rather than a method, because the recogniser asks about every token and a dict look-up is
    the cheapest call Python has."""

    def __init__(self, work_out: Callable[[str], bool]) -> None:
        super().__init__()
        self._work_out = work_out

    def __missing__(self, text: str) -> bool:
        answer = self._work_out(text)
        if len(self) < _CACHE_LIMIT:
            self[text] = answer
        return answer


class WordTable:
    """Answers about surface strings for one gazetteer; get it with :func:`word_table`."""

    def __init__(self, gazetteer: Gazetteer, lex: Lexicon) -> None:
        self._gaz = gazetteer
        self._lex = lex
        self.is_name = Answers(self._is_name)
        self.grows = Answers(self._grows)
        self.is_demonym = Answers(lambda word: gazetteer.demonym(word) is not None)
        self.is_rare_name_word = Answers(self._is_rare_name_word)
        self.starts = Answers(self._starts)
        self.may_open = Answers(self._may_open)

    def _is_name(self, surface: str) -> bool:
        """A gazetteer name that the lexicon does not rule out."""
        norm = normalize_name(surface)
        return bool(norm) and norm not in self._lex.never_places and self._gaz.contains(norm)

    def _grows(self, surface: str) -> bool:
        """Whether a longer gazetteer name starts with ``surface`` ("New" -> "New York")."""
        return self._gaz.is_name_prefix(normalize_name(surface).rstrip("."))

    def _is_rare_name_word(self, word: str) -> bool:
        """"Tamthil", not "The", "Instead" or "Editorial": a name-like word that English seldom uses."""
        return _name_word(word) and word_zipf(word.lower()) < self._lex.common_word_zipf

    def _starts(self, word: str) -> bool:
        """Whether a gazetteer name or a demonym can begin at a token ``word``, whatever its neighbours are.

        False for lower-case words and for most capitalised ones ("However", "Monday"): neither a name nor the
        start of a longer one, nor a demonym. Hyphenated words are always looked at ("Kyiv-based")."""
        return "-" in word or word[0].isupper() and (self.is_name[word] or self.grows[word] or self.is_demonym[word])

    @staticmethod
    def _may_open(word: str) -> bool:
        """Whether a name may begin at ``word`` in some context: what ``starts`` requires before its look-ups,
        and what a capitalised word needs to open a name beside its neighbours ("Calif.", "the village of X").

        False for most words of a text, so that the recogniser looks closer only at the few others."""
        return "-" in word or word[0].isupper()


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
