"""Fast matchers find what a plain regex or a plain scan would: trigger words, lookaheads before the date
patterns, phrase automata, officials and organisations, case folding and word sorting."""

from __future__ import annotations

import re
import string

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rapidfuzz import fuzz

from geomap.events.actors import _officials, _org_pattern, _title_pattern
from geomap.events.date_phrases import digits_held, pattern_words, patterns
from geomap.events.lexicon import Phrases, fold_case, words
from geomap.events.merge import _sorted_words
from geomap.events.triggers import TextLexicon, TriggerWord, trigger_words
from geomap.text import Span

@pytest.mark.parametrize("entry", trigger_words(), ids=lambda t: " ".join(t.words))
def test_every_trigger_phrase_is_found_as_written(entry: TriggerWord) -> None:
    # each row of frames.tsv is reachable: its phrase in running text is found, by itself or a longer phrase
    text = f"the report of {' '.join(w for w in entry.words if w != '~')} came late"
    at = text.index(entry.words[0])
    assert any(h.start <= at < h.end for h in TextLexicon(text).triggers)


@settings(max_examples=200, deadline=None)
@given(text=st.text(alphabet="aeiklmnorstdu \u0130\u212a\u017f,;.", max_size=80), data=st.data())
def test_a_clause_has_the_triggers_of_its_document_that_lie_in_it(text: str, data) -> None:
    # one pass over the document answers for any span of it: the hits that lie wholly inside the span
    start = data.draw(st.integers(0, len(text)))
    end = data.draw(st.integers(start, len(text)))
    lexicon = TextLexicon(text)
    inside = [h for h in lexicon.triggers if start <= h.start and h.end <= end]
    assert lexicon.triggers_within(Span(start, end, text[start:end])) == inside


def _without_lookahead(pattern: re.Pattern[str]) -> re.Pattern[str]:
    """A pattern without the lookahead it starts with: Hypothesis draws few texts from a lookahead."""
    return re.compile(re.sub(r"^\(\?=\[[^\]]*\]\)", "", pattern.pattern), pattern.flags)


_PATTERNS = patterns()


def _digits_and_words(text: str) -> tuple[int, set[str]]:
    """What the date reader checks before it tries a pattern on a sentence (see dates._phrases)."""
    return digits_held(text), pattern_words().held_by(text)


@pytest.mark.parametrize("pattern", [p[3] for p in _PATTERNS], ids=[p[0] for p in _PATTERNS])
@settings(max_examples=100, deadline=None)
@given(data=st.data())
def test_a_date_pattern_matches_as_it_would_without_its_lookahead(pattern, data) -> None:
    # the lookahead for the characters a match starts with only lets the engine skip ahead (see dates._starting)
    bare = _without_lookahead(pattern)
    text = data.draw(st.from_regex(bare) | st.from_regex(bare).map(str.upper))
    assert [m.span() for m in pattern.finditer(text)] == [m.span() for m in bare.finditer(text)]


@pytest.mark.parametrize(("kind", "needs_digits", "needs_word", "pattern"), _PATTERNS, ids=[p[0] for p in _PATTERNS])
@settings(max_examples=60, deadline=None)
@given(data=st.data())
def test_a_date_pattern_is_tried_on_every_sentence_it_matches(kind, needs_digits, needs_word, pattern, data) -> None:
    digits, words_held = _digits_and_words(data.draw(st.from_regex(_without_lookahead(pattern))))
    assert digits >= needs_digits
    assert needs_word is None or not words_held.isdisjoint(needs_word)


_CUES = words()["planned_cues"] + words()["past_event_cues"]
_AROUND_CUES = st.sampled_from([" ", "", "_", "x", "9", "\u00e9", ".", "\u0131", "\u017f", "\u212a", "\u0130", "K"])


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(_CUES).map(lambda c: c.upper() if len(c) % 3 == 0 else c) | _AROUND_CUES,
                max_size=8).map("".join),
       st.lists(st.sampled_from(_CUES) | st.sampled_from(_CUES).map(str.title), min_size=1, max_size=4))
def test_phrases_are_found_where_a_regex_finds_them(text: str, phrases: list[str]) -> None:
    regex = re.compile(r"\b(?:" + "|".join(map(re.escape, phrases)) + r")\b", re.IGNORECASE)
    assert Phrases(phrases).found_in(text) == bool(regex.search(text))


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(_CUES).map(lambda c: c.upper() if len(c) % 3 == 0 else c) | _AROUND_CUES,
                max_size=8).map("".join),
       st.lists(st.sampled_from(_CUES) | st.sampled_from(_CUES).map(str.title), min_size=1, max_size=4),
       st.integers(min_value=0, max_value=8), st.integers(min_value=0, max_value=8))
def test_a_phrase_in_words_of_a_text_joined_anew_may_be_in_the_text(text: str, phrases: list[str], first: int,
                                                                     words_read: int) -> None:
    # what the readers that ask may_be_in first then read: a run of the text's words, joined by single spaces
    window = " ".join(text.split()[first : first + words_read])
    assert Phrases(phrases).may_be_in(text) or not Phrases(phrases).found_in(window)


_DATE_WORDS = ["may", "march", "mar", "sept", "sep", "today", "week", "Monday", "year"]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(_DATE_WORDS).map(lambda w: w.upper() if len(w) % 2 else w) | _AROUND_CUES,
                max_size=10).map("".join),
       st.lists(st.sampled_from(_DATE_WORDS), min_size=1, max_size=5))
def test_phrases_held_are_the_whole_words_among_them(text: str, phrases: list[str]) -> None:
    whole_words = set(re.findall(r"\w+", fold_case(text)))
    assert Phrases(phrases).held_by(text) == whole_words & {fold_case(p) for p in phrases}


_OFFICIALS_TEXT = st.lists(
    st.tuples(st.sampled_from(words()["person_titles"]) | st.sampled_from(
                  ["Joe", "Biden", "Lavrov", "J.", "US", "Russia's", "of", "the", "said", "McDonald", "x,", "."]),
              st.sampled_from([" ", " ", " ", "  ", "\t", "\n", ", "])),
    max_size=30,
).map(lambda words: "".join(word + blank for word, blank in words))


@settings(max_examples=400, deadline=None)
@given(_OFFICIALS_TEXT)
def test_officials_are_found_around_titles_as_in_the_whole_text(text: str) -> None:
    whole = [(m.span(), m.groupdict()) for m in _title_pattern().finditer(text)]
    assert [(m.span(), m.groupdict()) for m in _officials(text)] == whole


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(words()["organisations"]) | st.sampled_from([" ", "x", "-", "_", "\u00e9", "9", "."]),
                max_size=10).map("".join))
def test_organisations_are_found_as_a_plain_alternation_finds_them(text: str) -> None:
    names = sorted(words()["organisations"], key=len, reverse=True)
    plain = re.compile(r"\b(?:" + "|".join(map(re.escape, names)) + r")\b")
    assert [m.span() for m in _org_pattern().finditer(text)] == [m.span() for m in plain.finditer(text)]


def test_case_folding_agrees_with_case_insensitive_regexes():
    letter = re.compile("[a-z]", re.IGNORECASE)
    for char in map(chr, range(0x110000)):
        if letter.fullmatch(char):
            folded = fold_case(char)
            assert folded in string.ascii_lowercase and re.fullmatch(folded, char, re.IGNORECASE)


_FOLD_EACH_CHARACTER = {**{ord(c): c.lower() for c in string.ascii_uppercase}, 0x130: "i", 0x131: "i", 0x17F: "s",
                        0x212A: "k"}


@settings(max_examples=500, deadline=None)
@given(st.text(st.characters(min_codepoint=0, max_codepoint=0x10FFFF)) | st.just("K\u212a\u0130x\ud800\u017f\u00c9"))
def test_case_folding_folds_character_by_character(text: str) -> None:
    assert fold_case(text) == text.translate(_FOLD_EACH_CHARACTER)


@settings(max_examples=300, deadline=None)
@given(st.text(st.characters(blacklist_categories=("Zs", "Zl", "Zp", "Cc")) | st.just(" ")),
       st.text(st.characters(blacklist_categories=("Zs", "Zl", "Zp", "Cc")) | st.just(" ")))
def test_sorted_words_compare_as_token_sort_ratio_compares_their_texts(a: str, b: str) -> None:
    assert fuzz.token_sort_ratio(a, b) == fuzz.ratio(_sorted_words(a), _sorted_words(b))
