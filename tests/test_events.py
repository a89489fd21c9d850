"""The seed documents mapped as a careful analyst would: what happened, where, when, and how many."""

from __future__ import annotations

import datetime as dt
import math
import random
from dataclasses import replace
from pathlib import Path

import pytest

import geomap
from geomap.events.dates import resolve_date
from geomap.events.merge import _block, _Cluster, _combine, merge_events
from geomap.events.quantities import extract_quantities
from geomap.model import Event, GeoPrecision

SEEDS = Path(__file__).resolve().parents[1] / "seeds"
ZNPP = (47.51, 34.58)


@pytest.fixture(scope="module")
def events() -> list[Event]:
    return geomap.run_pipeline([SEEDS]).events


def _km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    h = math.sin((p2 - p1) / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2
    return 2 * 6371.0 * math.asin(math.sqrt(h))


def _where(events: list[Event], event_type: str, place: str | None = None, **fields) -> list[Event]:
    return [
        e for e in events
        if e.event_type == event_type and (place is None or (e.place and e.place.name == place))
        and all(getattr(e, k) == v for k, v in fields.items())
    ]


def test_the_kyiv_strike_with_every_figure(events):
    (strike,) = _where(events, "strike", "Kyiv")
    assert strike.date == "2025-02-12" and not strike.planned
    q = strike.quantities
    assert q["killed"] in (1, {"low": 1}) and q["injured"] == 4
    assert (q["missiles_launched"], q["missiles_shot_down"]) == (7, 6)
    assert (q["drones_launched"], q["drones_shot_down"]) == (123, 71)
    assert "Kyiv" in strike.summary and strike.evidence in {s.evidence for s in strike.sources}


@pytest.mark.parametrize("place", ["Paris", "Kyiv", "Brussels"])
def test_meetings_of_the_day(events, place):
    assert _where(events, "meeting", place, date="2025-02-12", planned=False)


def test_planned_meetings_keep_their_own_dates(events):
    munich = _where(events, "meeting", "Munich", planned=True)
    assert [e.date for e in munich] == ["2025-02-14"]
    assert any("Vance" in a for a in munich[0].actors)
    saudi = _where(events, "meeting", "Saudi Arabia", planned=True)
    assert saudi and saudi[0].date is None and saudi[0].date_precision == "unknown"
    hague = _where(events, "meeting", "The Hague", planned=True)
    assert [(e.date, e.date_precision) for e in hague] == [("2025-06", "month")]


def test_the_nuclear_plant_not_the_city(events):
    plant = [e for e in events if e.place and e.place.feature_code == "PS" and e.date == "2025-02-12"]
    assert plant
    assert all(_km(e.place.lat, e.place.lon, *ZNPP) < 25 for e in plant)


def test_territorial_control_figures_on_ukraine_and_the_kursk_region(events):
    held = {e.place.name: e for e in _where(events, "territorial_control", date="2025-02-12")}
    ukraine, kursk = held["Ukraine"], held["Kursk Oblast"]
    assert ukraine.quantities["percent"] == {"high": 20}  # "just under 20%"
    assert ukraine.quantities["area_km2"] == {"low": 112000}  # "more than 112,000 square kilometers"
    assert kursk.quantities["area_km2"] == 450
    assert ukraine.place.precision == GeoPrecision.COUNTRY and kursk.place.precision == GeoPrecision.REGION


def test_the_kursk_incursion_is_dated_august_last_year(events):
    seized = _where(events, "territorial_change", "Kursk Oblast", date="2024-08")
    assert seized and seized[0].date_precision == "month"


def test_the_sbu_arrest_is_in_ukraine(events):
    arrests = _where(events, "arrest", sub_event_type="arrest", date="2025-02-12")
    assert arrests and all(e.place is not None and e.place.country_code == "UA" for e in arrests)


def test_reports_in_both_documents_are_one_event_with_both_sources(events):
    (call,) = _where(events, "meeting", sub_event_type="phone_call")
    assert call.date == "2025-02-12" and call.place is None  # a call happens at no single place
    assert len({s.doc_id for s in call.sources}) == 2
    statements = [e for e in _where(events, "statement", date="2025-02-12")
                  if any("foreign ministers" in s.evidence for s in e.sources)]
    assert len(statements) == 1 and len({s.doc_id for s in statements[0].sources}) == 2


def test_no_event_where_a_capital_only_speaks(events):
    for e in events:
        if e.place is not None:
            assert e.place.name not in {"Washington", "Moscow"}, e.summary


def test_every_event_is_traceable_and_dated_consistently(events):
    docs = {d.id: d for d in geomap.read_documents([SEEDS])}
    for e in events:
        assert e.sources and all(s.doc_id in docs for s in e.sources)
        assert e.evidence in docs[e.doc_id].text
        assert 0 < e.confidence <= 1
        if e.date:
            dt.date.fromisoformat((e.date + "-01-01")[:10])


@pytest.mark.parametrize(
    ("text", "published", "expected"),
    [
        ("The attack on Wednesday killed two.", dt.date(2025, 2, 12), "2025-02-12"),
        ("The attack on Wednesday killed two.", dt.date(2025, 2, 13), "2025-02-12"),
        ("They will meet on Friday.", dt.date(2025, 2, 12), "2025-02-14"),
        ("Forces crossed the border in August last year.", dt.date(2025, 2, 12), "2024-08"),
        ("The summit will be held in June.", dt.date(2025, 2, 12), "2025-06"),
        ("The summit is planned for June.", dt.date(2025, 2, 12), "2025-06"),
        ("It happened on 3 March 2022.", None, "2022-03-03"),
        ("In 2014, troops crossed the border.", dt.date(2025, 2, 12), "2014"),
        ("Drones hit the depot two days ago.", dt.date(2025, 2, 12), "2025-02-10"),
        ("The town fell a year ago.", dt.date(2025, 2, 12), "2024"),
        ("The port was taken in the 1992 Transnistria war.", dt.date(2025, 2, 12), "1992"),
    ],
)
def test_dates_resolve_against_the_publication_date(text, published, expected):
    resolved = resolve_date(text, published)
    assert resolved is not None and resolved.value == expected


@pytest.mark.parametrize("text", ["12 Marchers rallied in Kyiv.", "About 30 Junebugs were counted."])
def test_a_month_inside_a_longer_word_is_no_date(text):
    assert resolve_date(text, dt.date(2025, 2, 12)) is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Russian strikes killed 12 people and injured at least 30.", {"killed": 12, "injured": {"low": 30}}),
        ("Air defences shot down 40 out of 123 drones.", {"drones_shot_down": 40, "drones_launched": 123}),
        ("Russia controls about 18% of Ukraine's territory.", {"percent": 18}),
        # the air force's daily report: launched first, the share shot down after
        ("Russia launched 4 cruise missiles and 96 drones, of which 61 were shot down.",
         {"missiles_launched": 4, "drones_launched": 96, "drones_shot_down": 61}),
        ("The enemy attacked with 58 drones overnight; 41 of them were downed.", {"drones_launched": 58}),
        ("Overnight Russia fired 58 drones, 41 of which were intercepted.",
         {"drones_launched": 58, "drones_shot_down": 41}),
        ("Air defence units destroyed 30 of the 45 drones.", {"drones_shot_down": 30, "drones_launched": 45}),
    ],
)
def test_quantities_only_what_the_text_states(text, expected):
    found = extract_quantities(text)
    for key, value in expected.items():
        assert found.get(key) == value or found.get(key) == {"low": value, "high": value}, (key, found)


@pytest.mark.parametrize(
    ("sentence", "planned"),
    [
        ("Zelenskyy is expected to meet Vance on Friday.", True),
        ("The summit will be held in The Hague in June.", True),
        ('"We will do everything to agree quickly," Zelensky said after the meeting.', False),
        ("The ministers met with their Ukrainian counterpart on Wednesday.", False),
    ],
)
def test_a_quoted_will_after_the_meeting_is_not_a_plan(sentence, planned):
    from geomap.events.dates import is_planned

    assert is_planned(sentence) is planned


def test_the_plant_named_earlier_is_where_it_was_seized(events):
    seizures = [e for e in _where(events, "territorial_change", date="2022-02") if "power plant" in e.evidence]
    assert seizures and all(e.place.feature_code == "PS" and _km(e.place.lat, e.place.lon, *ZNPP) < 25
                            for e in seizures)


def test_an_event_in_an_unlisted_village_is_drawn_at_the_known_place_around_it():
    from geomap.model import Document

    doc = Document(id="t", text="Syrian troops captured the village of Tamthil in Homs province on Monday.",
                   published=dt.date(2025, 2, 12))
    (event,) = [e for e in geomap.extract_events(doc, geomap.find_places(doc)) if e.event_type == "territorial_change"]
    assert event.place_text == "Tamthil" and event.place is not None and "Homs" in event.place.name
    # a town named before the village is another place, not the one around it: named, not drawn
    doc = Document(id="t", text="Gunmen from Kano raided the village of Tamthil on Friday.", published=dt.date(2025, 2, 14))
    (event,) = geomap.extract_events(doc, geomap.find_places(doc))
    assert event.place_text == "Tamthil" and event.place is None


@pytest.mark.parametrize(
    "sentence, event_type, place_text",
    [
        ("Three people were killed by shelling in Ukraine's Kharkiv region on Monday.", "strike", "Kharkiv region"),
        ("Hundreds of students protested in Spain on Monday in Valencia against the reform.", "protest", "Valencia"),
        ("Shelling damaged a Donetsk hospital on Monday.", "strike", "Donetsk"),
        ("Rebels shelled the settlements of Idlib and Hama on Monday.", "strike", "Idlib"),
        ("The insurgents captured much of Mali in 2012.", "territorial_change", "Mali"),
        ("Soldiers shelled positions on Monday, according to reporters in Beirut.", "strike", None),
        ("Drones struck a fuel depot in the village of Tamthil near Homs on Monday.", "strike", "Tamthil"),
        ("Artillery shelled three Donetsk villages on Monday.", "strike", "Donetsk"),
        ("A glide bomb hit a school in Kramatorsk on Monday.", "strike", "Kramatorsk"),
        ("A car bomb exploded outside a hotel in Mogadishu on Monday.", "strike", "Mogadishu"),
        ("Gunmen opened fire on a bus near Quetta on Monday.", "strike", "Quetta"),
        ("Heavy fighting continued around Pokrovsk on Monday.", "clash", "Pokrovsk"),
        ("Three soldiers died in an ambush near Gao on Monday.", "clash", "Gao"),
        ("In Sumy, a drone hit a bus on Monday.", "strike", "Sumy"),
        ("US jets struck Iran-backed militias on Monday.", "strike", None),
        ("Shelling killed five civilians on Monday, the London-based monitor said.", "strike", None),
        ("Rebels fired US-made rockets at the base on Monday.", "strike", None),
        ("Soldiers fought street by street in a northern district of Kharkiv on Monday, two days after they began "
         "retaking Ukraine's second city.", "territorial_change", "Kharkiv"),
        ("Thousands of protesters rallied across Spain on Saturday as ministers met in Madrid.", "protest", "Spain"),
        ("Gunmen took 12 hostages in a raid on France's consulate in Kandahar on Monday.", "abduction", "Kandahar"),
        ("The summit on the war in Ukraine opened on Monday at a hotel in Geneva.", "meeting", "Geneva"),
        ("A summit on Moscow's invasion opened on Monday at a hotel in Geneva.", "meeting", "Geneva"),
        ("The summit on Moscow's invasion opened on Monday.", "meeting", None),
        ("Thousands of protesters marched against the war in Gaza outside parliament in London on Saturday.",
         "protest", "London"),
        ("The village, some 80-100 kilometres west of Baidoa, fell to militants on Monday after a day of fighting.",
         "territorial_change", None),
    ],
)
def test_the_place_the_event_happened_among_several(sentence, event_type, place_text):
    """The finer place of "Ukraine's Kharkiv region", the venue a place names, a territory taken, and no
    place from an attribution, a reference point, or an actor's or weapon's trait ("Iran-backed", "US-made");
    the town a clause names in the country it names, unless the event spans the whole country ("across Spain");
    where a country's building stands, not the country that owns it ("France's consulate in Kandahar"); not the
    place of the war a summit is about, nor the one whose war it is ("Moscow's invasion")."""
    from geomap.model import Document

    doc = Document(id="t", text=sentence, published=dt.date(2025, 2, 12))
    events = [e for e in geomap.extract_events(doc, geomap.find_places(doc)) if e.event_type == event_type]
    assert events and events[0].place_text == place_text


def test_a_namesake_far_from_where_the_text_puts_it_is_not_drawn_there():
    """"the Zhukovsky neighbourhood in northern Kharkiv": GeoNames' Zhukovsky is a town near Moscow; the
    event is drawn at Kharkiv, under the text's name."""
    from geomap.model import Document

    doc = Document(id="t", text="A drone attack on Monday killed a civilian in the Zhukovsky neighbourhood in "
                   "northern Kharkiv.", published=dt.date(2025, 2, 12))
    (event,) = [e for e in geomap.extract_events(doc, geomap.find_places(doc)) if e.event_type == "strike"]
    assert event.place_text == "Zhukovsky" and event.place.name == "Kharkiv"


def _variants(report: Event, rng: random.Random) -> list[Event]:
    """Reports of ``report``'s event as other documents might give them: reworded, respaced, less precise."""
    words = report.evidence.split()
    reworded = " ".join(rng.sample(words, len(words))[: max(1, len(words) - 1)])
    return [
        replace(report, id=f"{report.id}a", doc_id=f"{report.doc_id}-copy", evidence=reworded),
        # met before the report itself, and tied to it by its wording only
        replace(report, id=f"{report.id}b", doc_id=f"!{report.doc_id}", actors=(),
                evidence=report.evidence.replace(" ", "\xa0", 2)),
        replace(report, id=f"{report.id}c", evidence="  ".join(words), evidence_start=report.evidence_start + 900,
                date=report.date and report.date[:7]),
        replace(report, id=f"{report.id}d", doc_id="other", evidence=f"Elsewhere: {reworded}", date=None,
                actors=report.actors[:2]),
        replace(report, id=f"{report.id}e", doc_id="~late", evidence=reworded, actors=(),
                date=f"{report.date}T09:00" if report.date else ""),  # dates other than ISO days, months, years
    ]


def test_merging_asks_every_cluster_that_could_admit_a_report():
    # the indexes of merge_events only spare comparisons: a scan over every cluster of a fitting date merges the same
    docs = geomap.read_documents([SEEDS], published=dt.date(2025, 2, 12))
    reports = [r for doc in docs for r in geomap.extract_events(doc, geomap.find_places(doc))]
    rng = random.Random(7)
    reports += [v for r in reports for v in _variants(r, rng)]
    blocks: dict[tuple, list[_Cluster]] = {}
    for report in sorted(reports, key=lambda e: (e.event_type, e.doc_id, e.evidence_start, e.id)):
        clusters = blocks.setdefault(_block(report), [])
        # its own document's clusters first, then in creation order
        asked = sorted(clusters, key=lambda c: all(r.doc_id != report.doc_id for r in c.reports))
        home = next((c for c in asked if c.has_date_fitting(report.date) and c.admits(report)), None)
        home.add(report) if home else clusters.append(_Cluster(report))
    plain = [_combine(c.reports) for clusters in blocks.values() for c in clusters]
    merged = merge_events(reports)
    assert len(merged) < len(reports) / 2  # the variants do merge
    assert merged == sorted(plain, key=lambda e: (e.date or "9999", e.event_type, e.id))


def test_an_officials_title_starts_at_a_word():
    from geomap.events.actors import PeopleRegistry

    people = PeopleRegistry()
    people.learn("Talks xof President Joe Biden ended on Monday.")
    assert people.roles == {"Joe Biden": "President"}


def test_a_user_gazetteer_file_reaches_the_event_stage(depot_csv: Path, monkeypatch):
    # the pipeline places a document's events with the gazetteer its places were found in, user rows and all
    import geomap.events
    from geomap.model import Document
    from geomap.pipeline import process_document

    given = []
    real = geomap.events.extract_events

    def recording(doc, mentions, gazetteer=None, **options):
        given.append(gazetteer)
        return real(doc, mentions, gazetteer, **options)

    monkeypatch.setattr(geomap.events, "extract_events", recording)
    doc = Document(id="depot", text="Russian drones struck Depot Seventeen on Monday.", published=dt.date(2025, 2, 12))
    result = process_document(doc, [str(depot_csv)])
    assert result.error is None
    assert [p.key for p, _ in given[0].lookup("Depot Seventeen")] == ["user:depot-17"]
    assert [e.place.key for e in result.events if e.place] == ["user:depot-17"]
