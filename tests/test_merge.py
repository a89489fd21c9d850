"""Merged events as a map or file reader meets them: one event per happening, each document listed once."""

from __future__ import annotations

from dataclasses import replace

from geomap.events.merge import merge_events
from geomap.model import Event, GeoPrecision, Place, SourceRef

ODESA = Place(key="test:odesa", name="Odesa", lat=46.48, lon=30.72, country_code="UA", precision=GeoPrecision.SITE)
LVIV = Place(key="test:lviv", name="Lviv", lat=49.84, lon=24.03, country_code="UA", precision=GeoPrecision.SITE)


def _report(n: int, doc: str, evidence: str, start: int, *, place: Place = ODESA, date: str | None = "2025-03-04",
            summary: str = "Drone strike on Odesa", actors: tuple[str, ...] = ()) -> Event:
    return Event(id=f"r{n}", event_type="strike", sub_event_type="air strike", summary=summary, evidence=evidence,
                 doc_id=doc, evidence_start=start, evidence_end=start + len(evidence), date=date,
                 date_precision="day" if date else "unknown", place=place, actors=actors,
                 sources=(SourceRef(doc, f"Title of {doc}", None, "2025-03-04", evidence),), confidence=0.6)


def test_a_document_is_listed_once_among_an_events_sources() -> None:
    reports = [
        _report(1, "harbour-news", "Drones hit the port of Odesa before dawn.", 0),
        _report(2, "harbour-news", "The port was struck again an hour later, Odesa officials said.", 400),
        _report(3, "harbour-news", "Cranes burned at the Odesa port after the strike.", 900),
    ]
    (event,) = merge_events(reports)
    assert [s.doc_id for s in event.sources] == ["harbour-news"]


def test_the_same_summary_place_and_date_from_two_documents_is_one_event() -> None:
    reports = [
        _report(1, "first-paper", "A late-night attack left a warehouse in Odesa on fire.", 0),
        _report(2, "second-paper", "Emergency crews fought flames for hours after unmanned aircraft struck.", 2000),
    ]
    (event,) = merge_events(reports)
    assert {s.doc_id for s in event.sources} == {"first-paper", "second-paper"}


def test_a_different_place_or_date_keeps_two_events() -> None:
    base = _report(1, "first-paper", "A late-night attack left a warehouse in Odesa on fire.", 0)
    elsewhere = _report(2, "second-paper", "Emergency crews fought flames for hours after the strike.", 2000,
                        place=LVIV)
    later = _report(3, "third-paper", "Firefighters worked through the morning at a burning depot.", 2000,
                    date="2025-03-09")
    assert len(merge_events([base, elsewhere])) == 2
    assert len(merge_events([base, later])) == 2


SOUTH_REGION = Place(key="test:south", name="Southland Oblast", lat=46.6, lon=33.4, country_code="UA", admin1="08",
                     feature_class="A", feature_code="ADM1", precision=GeoPrecision.REGION)
VILLAGE = Place(key="test:village", name="Pryvitne", lat=46.9, lon=33.1, country_code="UA", admin1="08")
UKRAINE = Place(key="test:ua", name="Ukraine", lat=49.0, lon=32.0, country_code="UA", feature_class="A",
                feature_code="PCLI", precision=GeoPrecision.COUNTRY)


def test_a_headline_at_the_region_and_the_story_at_its_village_are_one_marker_at_the_village() -> None:
    reports = [
        _report(1, "frontline-daily", "Troops retake a village in Southland Oblast", 0, place=SOUTH_REGION,
                summary="Territorial change in Southland Oblast"),
        _report(2, "frontline-daily", "Soldiers raised their flag over Pryvitne on Wednesday morning.", 2600,
                place=VILLAGE, summary="Territorial change in Pryvitne"),
    ]
    (event,) = merge_events(reports)
    assert event.place == VILLAGE


def test_a_country_wide_report_with_figures_of_its_own_stays_beside_the_city_it_names() -> None:
    across = replace(_report(1, "night-raids", "Russia launched 71 missiles at Ukraine overnight.", 0, place=UKRAINE,
                             summary="Air strike in Ukraine"), quantities={"missiles_launched": 71})
    city = _report(2, "night-raids", "A missile hit a warehouse in Odesa.", 200, summary="Air strike in Odesa")
    assert {e.place.name for e in merge_events([across, city])} == {"Ukraine", "Odesa"}


def test_a_headline_toll_at_the_region_joins_the_story_at_its_village() -> None:
    headline = replace(_report(1, "frontline-daily", "Raid kills five soldiers in Southland Oblast", 0,
                               place=SOUTH_REGION, summary="Attack in Southland Oblast"), quantities={"killed": 5})
    story = _report(2, "frontline-daily", "Gunmen stormed an army post outside Pryvitne before dawn.", 300,
                    place=VILLAGE, summary="Attack in Pryvitne")
    (event,) = merge_events([headline, story])
    assert event.place == VILLAGE and event.quantities == {"killed": 5}
    # a toll of its own at the village is another count: the two stay apart
    story = replace(story, quantities={"killed": 2})
    assert len(merge_events([headline, story])) == 2


def test_a_report_at_a_district_stays_beside_a_town_of_its_province_far_from_it() -> None:
    district = Place(key="test:district", name="Northdale District", lat=47.0, lon=31.0, country_code="UA",
                     admin1="17", feature_class="A", feature_code="ADM2", precision=GeoPrecision.REGION)
    far = replace(ODESA, admin1="17")  # 130 km away, in the same province
    near = replace(ODESA, key="test:near", name="Northdale", lat=47.1, lon=31.1, admin1="17")
    reports = [
        _report(1, "air-force", "Drones were downed over Northdale District.", 0, place=district, summary="d"),
        _report(2, "air-force", "A drone hit a warehouse in Odesa.", 300, place=far, summary="o"),
    ]
    assert len(merge_events(reports)) == 2
    reports[1] = _report(2, "air-force", "A drone hit a depot in Northdale.", 300, place=near, summary="n")
    (event,) = merge_events(reports)  # the district's report told coarsely: one marker at the town
    assert event.place == near
