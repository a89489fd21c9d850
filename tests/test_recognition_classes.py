"""Classes of error found by running other geoparsers' test suites, each checked with our own sentences."""

from __future__ import annotations

from geomap import find_places


def _found(text: str) -> dict[str, list]:
    out: dict[str, list] = {}
    for m in find_places(text):
        out.setdefault(m.text, []).append(m)
    return out


def test_the_first_town_of_a_list_opening_the_text_is_kept():
    found = _found("Orange, Irvine and Anaheim closed their beaches.")  # "orange" is a common English word
    assert list(found) == ["Orange", "Irvine", "Anaheim"]
    assert {m.place.admin1 for ms in found.values() for m in ms} == {"CA"}


def test_a_town_named_before_the_university_named_after_it_is_a_place():
    found = _found("Oxford hosts Oxford University and many colleges.")
    first, second = found["Oxford"]
    assert first.place.country_code == "GB" and first.role == "literal"
    assert second.place == first.place and second.role == "associative"


def test_a_common_word_named_once_at_a_sentence_start_stays_doubtful():
    assert "Reading" not in _found("Reading is a pleasure for many.")
