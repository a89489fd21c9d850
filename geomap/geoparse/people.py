"""Titles before names: "Gen. Smith", "Senator Al Gore", "Brig. Gen.": the name after a title is a person's.

These look at tokens only, so the recogniser asks them before it has made a candidate of anything.
"""

from __future__ import annotations

from geomap.geoparse.lexicon import Lexicon
from geomap.text import Span

_MAX_GIVEN_NAMES = 2  # given names and initials between a title and a surname ("President Joe R. Biden")


def is_capitalised(word: str) -> bool:
    return bool(word) and word[0].isupper()


def is_title(word: str, lex: Lexicon) -> bool:
    low = word.lower()
    return low in lex.person_titles or f"{low}." in lex.person_titles


def after_title(tokens: list[Span], first: int, lex: Lexicon) -> bool:
    """Whether a title comes before token ``first``, perhaps with given names or initials between: "Gen. Smith",
    "Senator Al Gore", "President Joe R. Biden" (not "General Motors Detroit": a body's name is no given name)."""
    k = first - 1
    for _ in range(_MAX_GIVEN_NAMES + 1):
        if k >= 1 and tokens[k].text == "." and tokens[k - 1].end == tokens[k].start:
            k -= 1  # "Sen.", "R."
        if k < 0:
            return False
        word = tokens[k].text
        if is_title(word, lex):
            return True
        if not (is_capitalised(word) and word.isalpha()) or word.lower() in lex.org_heads:
            return False
        k -= 1
    return False


def capitalised_after(tokens: list[Span], last: int, end: int) -> bool:
    """Whether a capitalised word follows token ``last`` (which ends at ``end``), after the dot of an
    abbreviation ("Brig. Gen."): a title before a name."""
    k = last + 1
    if k < len(tokens) and tokens[k].text == "." and tokens[k].start == end:
        k += 1
    return k < len(tokens) and tokens[k].text[0].isalnum() and is_capitalised(tokens[k].text)
