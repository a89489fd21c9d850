"""The evaluation command scores events and places by the gold sets' rules, on fixtures these tests write."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

from geomap.evaluate.__main__ import evaluate, main
from geomap.evaluate.event_gold import GoldDocument, GoldEvent, GoldPlace, read_gold_folder
from geomap.evaluate.event_scoring import score_documents
from geomap.evaluate.place_scoring import gold_place_resolved, read_coverage, score_coverage
from geomap.evaluate.wikievents import WikiDocument, predicted_pairs, read_wikievents
from geomap.gazetteer import load_gazetteer
from geomap.model import Event, GeoPrecision, Mention, Place

# Two made-up towns about 57 km apart, each with a town's tolerance of 30 km.
HARBOUR = GoldPlace("Harbourton", 46.49, 30.74, 30, ("Harbourton",))
INLAND = GoldPlace("Inland", 47.0, 30.74, 30, ("Inland",))


def _place(lat: float, lon: float, name: str = "somewhere") -> Place:
    return Place(key=f"test:{name}", name=name, lat=lat, lon=lon, precision=GeoPrecision.SITE)


def _event(event_type: str, date: str | None = "2024-05-02", where: GoldPlace | None = HARBOUR,
           offset_km: float = 0.0, **quantities) -> Event:
    # one degree of latitude is about 111 km
    place = _place(where.lat + offset_km / 111.0, where.lon, where.name) if where else None
    return Event(id=f"{event_type}-{date}-{offset_km}", event_type=event_type, sub_event_type=None, summary="",
                 evidence="a sentence", doc_id="d", date=date, place=place, quantities=dict(quantities))


def _doc(*events: GoldEvent, negative: bool = False) -> GoldDocument:
    return GoldDocument("ua/001", "ua", Path("ua/001.txt"), (HARBOUR, INLAND), tuple(events), negative)


def _gold(event_type: str = "strike", place: str | None = "Harbourton", date: str | None = "2024-05-02",
          **kwargs) -> GoldEvent:
    return GoldEvent(id=f"g-{event_type}", type=event_type, place=place, date=date, **kwargs)


def _scores(gold: GoldDocument, *events: Event):
    return score_documents([(gold, events)])


def test_strike_and_clash_count_for_each_other_but_a_meeting_does_not_count_for_a_strike():
    assert _scores(_doc(_gold("clash")), _event("strike")).tallies["all"].found == 1
    assert _scores(_doc(_gold("territorial_control")), _event("territorial_change")).tallies["all"].found == 1
    assert _scores(_doc(_gold("abduction")), _event("arrest")).tallies["all"].found == 1
    scores = _scores(_doc(_gold("strike")), _event("meeting"))
    assert scores.tallies["all"].found == 0 and len(scores.misses) == 1
    assert len(scores.false_markers) == 1  # and the meeting is a marker where nothing met


def test_a_date_counts_when_it_starts_with_the_gold_date_or_its_alternative():
    night = _gold(date="2024-05-02", date_alt="2024-05-03")
    assert _scores(_doc(night), _event("strike", date="2024-05-03")).tallies["all"].found == 1
    assert _scores(_doc(night), _event("strike", date="2024-05-04")).tallies["all"].found == 0
    month = _gold(date="2024-05")
    assert _scores(_doc(month), _event("strike", date="2024-05-19")).tallies["all"].found == 1
    # a month's precision is not the day the gold states
    assert _scores(_doc(_gold()), _event("strike", date="2024-05")).tallies["all"].found == 0
    assert _scores(_doc(_gold(date=None)), _event("strike", date=None)).tallies["all"].found == 1


def test_a_point_counts_within_the_gold_places_tolerance_only():
    assert _scores(_doc(_gold()), _event("strike", offset_km=25)).tallies["all"].found == 1
    scores = _scores(_doc(_gold()), _event("strike", offset_km=40))
    assert scores.tallies["all"].found == 0 and scores.tallies["all"].good_markers == 0
    # an event the text gives no place: any output of its type and date finds it, placed or not
    assert _scores(_doc(_gold(place=None)), _event("strike", where=None)).tallies["all"].found == 1


def test_figures_count_within_two_percent_and_a_half():
    gold = _gold(quantities=(("killed", 100.0), ("buildings_damaged", 7.0)))
    assert _scores(_doc(gold), _event("strike", killed=102)).tallies["all"].found == 1
    assert _scores(_doc(gold), _event("strike", killed=103)).tallies["all"].found == 0
    assert _scores(_doc(gold), _event("strike", killed={"low": 100, "high": 120})).tallies["all"].found == 1
    assert _scores(_doc(gold), _event("strike")).tallies["all"].found == 0  # the stated toll is missing
    small = _gold(quantities=(("injured", 2.0),))
    assert _scores(_doc(small), _event("strike", injured=2.5)).tallies["all"].found == 1
    # a wrong figure still makes a good marker: precision checks type, date and place only
    assert _scores(_doc(gold), _event("strike", killed=3)).tallies["all"].good_markers == 1


def test_background_events_are_counted_apart_and_still_make_markers_good():
    earlier = _gold("territorial_change", date="2023-11-20", background=True)
    scores = _scores(_doc(earlier), _event("territorial_change", date="2023-11-20"))
    total = scores.tallies["all"]
    assert (total.gold, total.background, total.background_found, total.good_markers) == (0, 1, 1, 1)


def test_an_other_event_is_optional_and_takes_a_marker_of_any_type_at_its_date_and_place():
    other = _gold("other")
    scores = _scores(_doc(other), _event("humanitarian"))
    assert scores.tallies["all"].gold == 0 and not scores.misses
    assert scores.tallies["all"].good_markers == 1
    assert _scores(_doc(other), _event("humanitarian", where=INLAND)).tallies["all"].good_markers == 0


def test_statements_and_unplaced_events_are_no_markers():
    scores = _scores(_doc(), _event("statement"), _event("strike", where=None))
    assert scores.tallies["all"].markers == 0 and not scores.false_markers


def test_figures_are_kept_per_folder_and_type_with_attribute_accuracy():
    scores = _scores(_doc(_gold(quantities=(("killed", 4.0),))), _event("clash", date="2024-05-01", killed=4))
    clash = scores.tallies["type clash"]
    accuracy = (clash.typed, clash.right_date, clash.right_place, clash.with_figures, clash.right_figures)
    assert accuracy == (1, 0, 1, 1, 1)  # the right type, place and toll, a day off
    assert scores.tallies["folder ua"].markers == 1 and scores.tallies["type strike"].gold == 1


def test_conflict_markers_on_a_negative_control_are_counted():
    scores = _scores(_doc(negative=True), _event("strike"), _event("meeting"))
    assert scores.negative_controls == 1 and scores.negative_conflict_markers == 1
    lines = scores.error_lines()
    assert any(line.startswith("false ua/001 strike 2024-05-02 Harbourton") for line in lines)


def test_a_gold_place_is_resolved_when_a_mention_with_one_of_its_strings_lands_within_tolerance():
    near = Mention(0, 10, "Harbourton", place=_place(HARBOUR.lat + 0.1, HARBOUR.lon))
    far = Mention(20, 30, "Harbourton", place=_place(10.0, 10.0, "Harbourton abroad"))
    assert gold_place_resolved(HARBOUR, [far, near])[0]
    ok, why = gold_place_resolved(HARBOUR, [far])
    assert not ok and "Harbourton abroad" in why
    assert gold_place_resolved(HARBOUR, [Mention(0, 6, "Inland")]) == (False, "not recognised")


def _write_gold_folder(root: Path) -> Path:
    folder = root / "gold" / "ua"
    folder.mkdir(parents=True)
    (folder / "001.txt").write_text(
        "date 2024-05-03 Monitor entry\nOn 2 May 2024, Russian artillery shelled Kherson, injuring three people.\n",
        encoding="utf-8")
    gold = {"places": [{"name": "Kherson", "lat": 46.6354, "lon": 32.6169, "km": 30, "mentions": ["Kherson"]}],
            "events": [{"id": "k1", "type": "strike", "place": "Kherson", "date": "2024-05-02",
                        "quantities": {"injured": 3}, "evidence": "shelled Kherson"}],
            "notes": ""}
    (folder / "001.json").write_text(json.dumps(gold), encoding="utf-8")
    (folder / "002.txt").write_text("date 2024-05-03 Monitor entry\nThe striker fired twice in Lyon.\n",
                                    encoding="utf-8")
    (folder / "002.json").write_text(json.dumps({"places": [], "events": [], "notes": "NEGATIVE CONTROL (sport)"}),
                                     encoding="utf-8")
    return root / "gold"


def test_a_gold_folder_is_read_with_its_folders_and_negative_controls(tmp_path):
    docs = read_gold_folder(_write_gold_folder(tmp_path))
    assert [(d.name, d.folder, d.negative_control) for d in docs] == [("ua/001", "ua", False), ("ua/002", "ua", True)]
    assert docs[0].events[0].quantities == (("injured", 3.0),)


def test_the_command_scores_a_gold_folder_through_geomap(tmp_path, monkeypatch, capsys):
    import geomap.evaluate.__main__ as command

    monkeypatch.setattr(command, "CODED_DIR", _write_gold_folder(tmp_path))
    assert main(["--eval-dir", str(tmp_path / "absent"), "--corpus", "coded", "--corpus", "news_dev",
                 "--show-errors"]) == 0
    out = capsys.readouterr().out
    assert "coded           recall" in out and "coded places    resolved within tolerance" in out
    assert "negative controls (1): conflict markers" in out
    assert "news_dev        skipped" in out


def test_every_corpus_is_skipped_with_a_line_when_its_files_are_absent(tmp_path, monkeypatch):
    import geomap.evaluate.__main__ as command

    monkeypatch.setattr(command, "CODED_DIR", tmp_path / "no-coded")
    rows = evaluate(tmp_path, ["gwn", "lgl", "events", "news_dev", "wikievents", "coded"], None, True)
    assert {corpus for corpus, metric, _ in rows if metric == "skipped"} == {
        "gwn", "lgl", "event-location", "news_dev", "wikievents", "coded"}


def _wiki_line() -> str:
    sentences = [("Border post attacked", "Border post attacked"),
                 ("Gunmen opened fire on the post on Monday and killed two guards.", ""),
                 ("The ministers met in the capital the next day.", "")]
    record = {
        "doc_id": "w1",
        "sentences": [[[], text] for text, _ in sentences],
        "event_mentions": [
            {"event_type": "Conflict.Attack.FirearmAttack", "trigger": {"sent_idx": 0}},
            {"event_type": "Conflict.Attack.Unspecified", "trigger": {"sent_idx": 1}},
            {"event_type": "Life.Die.Unspecified", "trigger": {"sent_idx": 1}},
            {"event_type": "Contact.Contact.Meet", "trigger": {"sent_idx": 2}},
            {"event_type": "Movement.Transportation.Unspecified", "trigger": {"sent_idx": 2}},
        ],
    }
    return json.dumps(record)


def test_wikievents_gold_is_read_by_sentence_and_class():
    (doc,) = read_wikievents([_wiki_line(), ""])
    assert doc.text.split("\n")[1].startswith("Gunmen")
    assert doc.gold == {(0, "attack"), (1, "attack"), (1, "death/injury"), (2, "meeting")}


def test_an_events_evidence_maps_back_to_the_sentences_it_overlaps():
    doc = WikiDocument("w", ("First line", "Second one.", "Third one."), frozenset())
    start = doc.text.index("Second")

    def at(a: int, b: int, event_type: str = "strike", **quantities) -> Event:
        return Event(id="e", event_type=event_type, sub_event_type=None, summary="", evidence=doc.text[a:b],
                     doc_id="w", evidence_start=a, evidence_end=b, quantities=quantities)

    assert predicted_pairs(doc, [at(start, start + 11)]) == {(1, "attack")}
    assert predicted_pairs(doc, [at(0, start + 3, "arrest")]) == {(0, "arrest"), (1, "arrest")}
    assert predicted_pairs(doc, [at(start, start + 11, "statement", killed=2)]) == {(1, "death/injury")}
    assert predicted_pairs(doc, [at(start, start + 11, "aid")]) == set()


def test_a_killing_is_a_death_in_the_kairos_sentence_classes_not_an_attack():
    doc = WikiDocument("w", ("Gunmen killed a guard.",), frozenset())
    killing = Event(id="e", event_type="strike", sub_event_type="killing", summary="", evidence=doc.text,
                    doc_id="w", evidence_start=0, evidence_end=len(doc.text))
    assert predicted_pairs(doc, [killing]) == {(0, "death/injury")}
    assert predicted_pairs(doc, [replace(killing, sub_event_type="shooting")]) == {(0, "attack")}


def test_wikievents_sentences_are_scored_through_geomap():
    from geomap.evaluate.wikievents import score_wikievents

    scores = score_wikievents(read_wikievents([_wiki_line()]), load_gazetteer())
    assert scores.documents == 1 and scores.sentences == 3 and scores.gold["attack"] == 2
    assert sum(scores.hits.values()) <= sum(scores.predicted.values())


def test_an_error_line_names_the_events_that_made_it_and_the_trigger_words_of_the_sentence():
    from geomap.evaluate.wikievents import SentenceScores

    doc = WikiDocument("w", ("Police found a bomb.", "Jets bombed the depot."), frozenset({(0, "attack")}))
    scores = SentenceScores()
    scores.add(doc, {(1, "attack"): ["strike/air_strike"]})
    assert scores.errors == ["miss  w #0 attack [no trigger word]: Police found a bomb.",
                             "false w #1 attack [strike/air_strike; words: bombed]: Jets bombed the depot."]


def test_a_later_sentence_about_the_same_strike_is_scored_by_its_own_words_not_by_the_first_ones_toll():
    from geomap.evaluate.wikievents import score_wikievents

    record = {"doc_id": "w2", "sentences": [[[], "A missile strike hit Kharkiv on Monday, killing four people."],
                                            [[], "Officials said the strike on Kharkiv also damaged a school."]],
              "event_mentions": [{"event_type": "Conflict.Attack.Unspecified", "trigger": {"sent_idx": 0}},
                                 {"event_type": "Life.Die.Unspecified", "trigger": {"sent_idx": 0}},
                                 {"event_type": "Conflict.Attack.Unspecified", "trigger": {"sent_idx": 1}}]}
    scores = score_wikievents(read_wikievents([json.dumps(record)]), load_gazetteer())
    assert scores.hits["attack"] == 2 and scores.predicted["death/injury"] == scores.hits["death/injury"] == 1


def test_coverage_rows_count_when_the_best_entry_in_the_country_is_within_tolerance(tmp_path):
    path = tmp_path / "coverage.csv"
    path.write_text("name,country_code,lat,lon,km,source\n"
                    "Kharkiv,UA,49.98,36.25,25,GeoNames\n"
                    "Kharkiv,UA,40.0,20.0,25,a wrong point\n"
                    "Nowhereville-on-Test,UA,50.0,30.0,25,none\n"
                    ",UA,50,30,25,no name\n"
                    "Bad,UA,north,30,25,unreadable\n", encoding="utf-8")
    rows = read_coverage(path)
    assert [r.name for r in rows] == ["Kharkiv", "Kharkiv", "Nowhereville-on-Test"]
    scores = score_coverage(rows, load_gazetteer())
    assert (scores.resolved["all"], scores.total["all"], scores.total["country UA"]) == (1, 3, 3)
    assert any("not found" in line for line in scores.error_lines())
