"""Sentence, clause and item splitting (geomap.text)."""

from geomap.text import Span, split_clauses, split_items, split_sentences


def test_sentences_keep_abbreviations_and_offsets():
    text = "  Mr. Smith met Gen. J. Doe in the U.S. today.  Talks ended!\nNext line"
    sentences = split_sentences(text)
    assert [s.text for s in sentences] == ["Mr. Smith met Gen. J. Doe in the U.S. today.", "Talks ended!", "Next line"]
    assert all(text[s.start : s.end] == s.text for s in sentences)


def test_sentences_of_a_text_split_again_are_a_fresh_equal_list():
    text = "One sentence here. Another one there."
    first = split_sentences(text)
    first.append(Span(0, 1, "O"))  # a caller changing its list leaves the next caller's alone
    again = split_sentences(text)
    assert again == first[:-1] and again is not first


def test_sentences_trim_every_kind_of_whitespace():
    text = "\u00a0\tFirst.\u2028\x0b Second"
    assert [(s.start, s.text) for s in split_sentences(text)] == [(2, "First."), (11, "Second")]


def test_clauses_split_at_while_although_and_semicolons_only():
    said = "Russia holds 20%, while Ukraine holds Kursk; talks go on"
    sentence = Span(10, 10 + len(said), said)
    assert [c.text for c in split_clauses(sentence)] == ["Russia holds 20%", "Ukraine holds Kursk", "talks go on"]
    assert all(sentence.text[c.start - 10 : c.end - 10] == c.text for c in split_clauses(sentence))
    single = Span(5, 20, "No break here.")
    assert split_clauses(single) == [single]
    conceded = "He has visited Kyiv twice, although his wife visited Lviv in May"
    assert [c.text for c in split_clauses(Span(0, len(conceded), conceded))] == [
        "He has visited Kyiv twice", "his wife visited Lviv in May"]
    assert split_clauses(Span(0, 3, " \n ")) == []


def test_items_open_at_headlines_of_two_to_sixteen_words():
    headline16 = " ".join(["Word"] * 16)
    headline17 = " ".join(["Word"] * 17)
    text = f"Intro sentence.\n{headline16}\nBody one.\n{headline17}\nBody two.\nSingle\nBody three."
    items = split_items(text)
    assert [i.text.split("\n")[0] for i in items] == ["Intro sentence.", headline16]
    assert all(text[i.start : i.end] == i.text for i in items)


def test_an_as_clause_with_its_own_subject_is_read_on_its_own():
    sentence = Span(0, 0, "Rockets hit Sderot on Monday, as Israel pressed on with strikes on Rafah.")
    assert [c.text for c in split_clauses(sentence)] == ["Rockets hit Sderot on Monday",
                                                        "Israel pressed on with strikes on Rafah."]
    assert len(split_clauses(Span(0, 0, "Shelling resumed, as Russian troops advanced."))) == 2
    for whole in ("Drones hit Kharkiv, as well as Sumy.", "The talks failed, as expected by most."):
        assert len(split_clauses(Span(0, 0, whole))) == 1
