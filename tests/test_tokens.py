"""Tokens and name openings: the fast paths of the recogniser agree with the plain per-token definitions."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from geomap.gazetteer import load_gazetteer
from geomap.geoparse.lexicon import load_lexicon
from geomap.geoparse.recognize import _Matcher
from geomap.geoparse.words import word_table
from geomap.text import (
    _TOKEN,
    Span,
    sentence_tokens,
    split_clauses,
    split_sentences,
    token_matches,
    token_texts,
    tokenize,
)

SETTINGS = settings(max_examples=300, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow])

# Pieces where tokens begin and end in unusual ways: possessives, hyphens, dots, apostrophes, other scripts.
PIECES = [
    "Kyiv", "kyiv", "Ukraine's", "Ukraine\u2019s", "'s", "'S", "O'Brien", "rock'n'roll", "Kyiv-based", "pro-Russian",
    "U.S.", "St. Louis", "Calif.", "-", "\u2010", "\u2011", ".", ",", "'", "\u2019", " ", "  ", "\n", "\t", "_",
    "3.5", "1,000", "\u0130stanbul", "\u00c9vian", "\u041a\u0438\u0457\u0432", "\U0001f600", "\u200b", "\u0301",
    "the village of", "district", "The Hague", "New York", "(", ")", '"', "\u201c", "\u201d",
]
texts = st.one_of(
    st.text(max_size=200),
    st.lists(st.one_of(st.sampled_from(PIECES), st.text(max_size=8)), max_size=30).map("".join),
)


@SETTINGS
@given(text=texts, offset=st.integers(min_value=0, max_value=10_000))
def test_tokenize_gives_every_match_of_the_token_pattern(text: str, offset: int) -> None:
    expected = [Span(m.start() + offset, m.end() + offset, m.group()) for m in _TOKEN.finditer(text)]
    tokens = tokenize(text, offset)
    assert tokens == expected
    assert all(type(t) is Span and text[t.start - offset : t.end - offset] == t.text for t in tokens)


@SETTINGS
@given(text=texts)
def test_token_texts_and_matches_are_the_tokens_of_tokenize(text: str) -> None:
    tokens = tokenize(text)
    assert token_texts(text) == [t.text for t in tokens]
    assert [(m.start(), m.end(), m.group()) for m in token_matches(text)] == [tuple(t) for t in tokens]


@SETTINGS
@given(text=texts)
def test_sentence_tokens_are_the_sentences_own(text: str) -> None:
    # read from the whole text's tokens: no token runs over the edge of a sentence or a clause
    for sentence in split_sentences(text):
        for span in (sentence, *split_clauses(sentence)):
            assert sentence_tokens(text, span) == tokenize(span.text, span.start)


@SETTINGS
@given(text=texts)
def test_openings_are_the_tokens_the_per_token_test_accepts(text: str) -> None:
    matcher = _Matcher(load_gazetteer(), load_lexicon(), word_table(load_gazetteer()))
    words, tokens = matcher.words, tokenize(text)
    expected = [
        k for k, t in enumerate(tokens)
        if words.starts[t.text] or t.text[0].isupper() and matcher._opens_here(tokens, k)
    ]
    assert matcher._openings(tokens) == expected
