"""How a text frames a name as a place: "the village of X", "X district", "in X, Yemen", "A, X and B".

A frame lets the recogniser keep a name the gazetteer lacks (an unlisted candidate), take a name that only
a national register knows, and end a listed name where the framed one goes on ("the town of Adan Korahley").
"""

from __future__ import annotations

from geomap.geoparse.candidate import Candidate
from geomap.geoparse.lexicon import Lexicon
from geomap.geoparse.people import is_capitalised
from geomap.geoparse.words import WordTable
from geomap.text import Span

MAX_UNLISTED_TOKENS = 4  # words in a name the gazetteer lacks ("Tal Abu Zahir", at most four)


class PlaceFrames:
    """The frame tests of the recogniser, mixed into it: they read its lexicon and word table, and
    ``_qualified_by_region`` its ``_longest_name``."""

    lex: Lexicon
    words: WordTable

    def _unlisted(self, text: str, sentence: Span, tokens: list[Span], i: int) -> Candidate | None:
        """"the village of Tamthil", "Aziziyah district": a name the gazetteer lacks, framed as a place.

        It is kept unresolved, so that the run reports it and an event can still name where it happened."""
        if not self._frame_near(tokens, i):
            return None
        rare_name_word = self.words.is_rare_name_word
        if not rare_name_word[tokens[i].text]:
            return None
        j = i
        while j + 1 < len(tokens) and j - i < MAX_UNLISTED_TOKENS - 1 and rare_name_word[tokens[j + 1].text] and (
            joins_name(tokens[j], tokens[j + 1], text)
        ) and not self.words.is_name[tokens[j + 1].text]:  # never swallow a name the gazetteer has
            j += 1
        after = tokens[j + 1].text.lower() if j + 1 < len(tokens) else ""
        if not (self._framed_before(tokens, i) or after in self.lex.settlement_heads
                or self._qualified_by_region(text, sentence, tokens, i, j)):
            return None
        return Candidate(tokens[i].start, tokens[j].end, text[tokens[i].start : tokens[j].end], "unlisted",
                         sentence, tokens, i, j)

    def _qualified_by_region(self, text: str, sentence: Span, tokens: list[Span], i: int, j: int) -> bool:
        """"in Kananaskis, Canada", "near Marib, Yemen": after a place preposition, a name followed by a comma
        and a country or first-level region, the way a place too small for the gazetteer is written."""
        if not (i >= 1 and tokens[i - 1].text.lower() in self.lex.place_prepositions):
            return False
        if not (j + 2 < len(tokens) and tokens[j + 1].text == "," and is_capitalised(tokens[j + 2].text)):
            return False
        region = self._longest_name(text, sentence, tokens, j + 2)
        return region is not None and self.words.name_facts[region.text].high

    def _framed_before(self, tokens: list[Span], i: int) -> bool:
        """"the village of X": a settlement noun and "of" right before token ``i``."""
        return i >= 2 and tokens[i - 1].text.lower() == "of" and tokens[i - 2].text.lower() in self.lex.settlement_nouns

    def _frame_near(self, tokens: list[Span], i: int) -> bool:
        """Whether an unlisted name starting at token ``i`` could be framed: by the words before it or by a
        settlement head ("X district") in reach after it. Cheap, so it is asked before the words themselves."""
        if self._framed_before(tokens, i):
            return True
        if i >= 1 and tokens[i - 1].text.lower() in self.lex.place_prepositions and any(
            tok.text == "," for tok in tokens[i + 1 : i + 1 + MAX_UNLISTED_TOKENS]
        ):
            return True  # perhaps "in Kananaskis, Canada": see _qualified_by_region
        heads = self.lex.settlement_heads
        for tok in tokens[i + 1 : i + 1 + MAX_UNLISTED_TOKENS]:
            if tok.text.lower() in heads:
                return True
        return False

    def _runs_on(self, text: str, tokens: list[Span], cand: Candidate) -> bool:
        """Whether a name framed as a settlement ("the town of X") runs on into a rare capitalised word that
        no listed name continues with."""
        k = cand.last + 1
        return k < len(tokens) and self._framed_before(tokens, cand.first) and (
            self.words.is_rare_name_word[tokens[k].text] and joins_name(tokens[k - 1], tokens[k], text)
            and not self.words.is_name[tokens[k].text])

    def _framed_as_place(self, cand: Candidate) -> bool:
        """"in X", "near X", "the village of X", "X village", "X, Borno State", "A, X and B" (with A a place)."""
        tokens, lex = cand.tokens, self.lex
        before = tokens[cand.first - 1].text.lower() if cand.first else ""
        after = tokens[cand.last + 1].text.lower() if cand.last + 1 < len(tokens) else ""
        return before in lex.place_prepositions or after in lex.settlement_heads or (
            self._framed_before(tokens, cand.first) or qualified(cand) or self._listed_with_a_place(cand))

    def _listed_with_a_place(self, cand: Candidate) -> bool:
        """"Denver, Boulder and Pueblo": the first of a list of gazetteer names is a place like the others."""
        tokens, k = cand.tokens, cand.last + 1
        if not (k + 1 < len(tokens) and tokens[k].text.lower() in {",", "and", "or"}):
            return False
        following = tokens[k + 1]
        return is_capitalised(following.text) and self.words.is_name[following.text] and not (
            self.words.name_facts[following.text].calendar_word
        )


def qualified(cand: Candidate) -> bool:
    """"Mobile, Ala.": a name followed by a comma and another capitalised name."""
    k = cand.last + 1
    return k + 1 < len(cand.tokens) and cand.tokens[k].text == "," and is_capitalised(cand.tokens[k + 1].text)


def joins_name(left: Span, right: Span, text: str) -> bool:
    """Whether two adjacent tokens may sit inside one place name (no comma, no line break)."""
    gap = text[left.end : right.start]
    return "\n" not in gap and len(gap) <= 1 and right.text not in {",", ";", ":", "(", ")", '"', "\u201c", "\u201d"}
