"""What the gazetteer and the lexicon say about one word or run of words, remembered across documents.

The recogniser asks about every word of every sentence and about the words that follow a capitalised
one. News repeats the same few thousand words, so each answer is worked out once per process (up to a
bound) from the exact text, without normalising it again.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TypeVar
from weakref import WeakKeyDictionary

from geomap.gazetteer import Gazetteer, normalize_name
from geomap.geoparse.lexicon import Lexicon, load_lexicon, word_zipf
from geomap.model import GeoPrecision, Place

_CACHE_LIMIT = 200_000  # strings remembered per question (about 20 MB at most each; news needs far fewer)
_HIGH_LEVEL_CODES = frozenset({"PPLC", "PPLA", "ADM1", "PCLI", "PCLD", "PCLF", "PCLS", "PCL", "TERR", "CONT", "RGN"})
_Answer = TypeVar("_Answer")


class Answers(dict[str, _Answer]):
    """A question about strings: ``answers[text]`` works the answer out on first use and remembers it.

    A dict rather than a method, because the recogniser asks about every token and a dict look-up is
    the cheapest call Python has."""

    def __init__(self, work_out: Callable[[str], _Answer], limit: int = _CACHE_LIMIT) -> None:
        super().__init__()
        self._work_out = work_out
        self._limit = limit

    def __missing__(self, text: str) -> _Answer:
        answer = self._work_out(text)
        if len(self) < self._limit:
            self[text] = answer
        return answer


@dataclass(frozen=True, slots=True)
class NameFacts:
    """What the surface of a candidate name says by itself, whatever its neighbours: the recogniser's filters
    ask this of every candidate, and news names the same places again and again."""

    norm: str
    calendar_word: bool  # a month or a weekday ("May", "Monday"): never a place
    acronym: bool
    places: tuple[Place, ...]  # the gazetteer entries of the name, best prior first
    priors: tuple[float, ...]
    high: bool  # one of the first five entries is a country, capital or first-level region
    major: bool  # one of the first three entries is a country or a national capital
    single_word: bool
    lower_case_tail: bool  # ends in a lower-case word other than a region head ("The city", not "Kharkiv region")
    registered: bool = False  # some entries come from a national register (see geomap.gazetteer.nigeria)


class WordTable:
    """Answers about surface strings for one gazetteer; get it with :func:`word_table`."""

    def __init__(self, gazetteer: Gazetteer, lex: Lexicon) -> None:
        self._gaz = gazetteer
        self._lex = lex
        self.name_facts = Answers(self._name_facts, limit=_CACHE_LIMIT // 10)  # facts hold lists of places
        self.is_name = Answers(self._is_name)
        self.grows = Answers(self._grows)
        self.is_demonym = Answers(lambda word: gazetteer.demonym(word) is not None)
        self.is_rare_name_word = Answers(self._is_rare_name_word)
        self.starts = Answers(self._starts)
        self.may_open = Answers(self._may_open)

    def _name_facts(self, surface: str) -> NameFacts:
        norm, lex, words = normalize_name(surface), self._lex, surface.split()
        found = self._gaz.lookup(surface)
        places = tuple(place for place, _ in found)
        tail = words[-1].split("-")[-1] if words else ""
        return NameFacts(
            norm=norm,
            calendar_word=norm in lex.months or norm in lex.weekdays,
            acronym=is_acronym(surface),
            places=places,
            priors=tuple(prior for _, prior in found),
            high=any(is_high_level(p) for p in places[:5]),
            major=any(_is_major(p) for p in places[:3]),
            single_word=len(words) == 1,
            lower_case_tail=not tail[:1].isupper() and tail.lower() not in lex.region_heads,
            registered=any(p.source == "register" for p in places),
        )

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


def is_acronym(word: str) -> bool:
    """"NATO", "U.S.": a single short all-capitals token (a dateline "LOS ANGELES" is not one)."""
    letters = [c for c in word if c.isalpha()]
    return " " not in word and 2 <= len(letters) <= 5 and all(c.isupper() for c in letters)


def is_high_level(place: Place) -> bool:
    """Countries, capitals and first-level regions: names that news writers use unqualified."""
    return place.precision >= GeoPrecision.REGION or place.feature_code in _HIGH_LEVEL_CODES


def _is_major(place: Place) -> bool:
    """A country or a national capital: still a place right after another capitalised word."""
    return place.precision == GeoPrecision.COUNTRY or place.feature_code == "PPLC"


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
