"""The generated map, loaded in headless Chromium (Debian's package) through Playwright, offline.

CDN assets are served from the npm copies that ``python -m geomap.assets fetch`` made; every other
request (map tiles) is answered locally, so the test never touches the network.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from geomap.assets import assets_dir, local_file
from geomap.model import Document, Event, GeoPrecision, Place, SourceRef
from geomap.outputs.webmap import make_map, save_map

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
playwright_api = pytest.importorskip("playwright.sync_api")
pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="Debian's chromium is not installed"),
    pytest.mark.skipif(not (assets_dir() / "leaflet@1.9.3").exists(), reason="run: python -m geomap.assets fetch"),
]
HOSTILE = "<img src=x onerror=window.__pwned=1><script>window.__pwned=1</script>"


def _place(name: str, lat: float, lon: float, precision: GeoPrecision = GeoPrecision.SITE) -> Place:
    return Place(key=f"test:{name}", name=name, lat=lat, lon=lon, country_code="UA", precision=precision)


def _event(n: int, event_type: str, place: Place | None, date: str | None, text: str = "A report.",
           **fields) -> Event:
    doc = Document(id=f"doc{n}", text=text, title=f"Source {n}", published=dt.date(2025, 2, 12))
    precision = {None: "unknown", 4: "year", 7: "month", 10: "day"}[len(date) if date else None]
    return Event(
        id=f"e{n}", event_type=event_type, sub_event_type=None, summary=f"{event_type} {n}", evidence=text,
        doc_id=doc.id, date=date, date_precision=precision, place=place, actors=("Ukraine",),
        sources=(SourceRef(doc.id, doc.title, "https://example.org/a", "2025-02-12", text),), confidence=0.8,
        **fields,
    )


EVENTS = [
    _event(1, "strike", _place("Kyiv", 50.45, 30.52), "2025-02-10"),
    _event(2, "strike", _place("Kharkiv", 49.99, 36.23), "2025-02-12"),
    _event(3, "meeting", _place("Paris", 48.85, 2.35), "2025-02-12", text=f"Hostile {HOSTILE} text"),
    _event(4, "territorial_control", _place("Ukraine", 49.0, 32.0, GeoPrecision.COUNTRY), "2025-02-12"),
    _event(5, "statement", None, "2025-02-12"),
]


@pytest.fixture(scope="module")
def map_file(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("map") / "events.html"
    save_map(make_map(EVENTS, title=f"Test {HOSTILE}"), path)
    return path


@pytest.fixture(scope="module")
def browser():
    with playwright_api.sync_playwright() as pw:
        browser = pw.chromium.launch(
            executable_path=CHROMIUM,
            args=["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        )
        yield browser
        browser.close()


@contextlib.contextmanager
def _open(browser, path: Path, *, network: bool, viewport: tuple[int, int] = (1280, 720),
          libraries: bool = True) -> Iterator:
    """The map at ``path`` in a new page; CDN URLs answered from local copies unless ``network`` is off.
    ``libraries=False``: the page is not expected to find Leaflet."""
    page = browser.new_page(viewport={"width": viewport[0], "height": viewport[1]})
    errors: list[str] = []
    requests: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))

    def serve(route):
        url = route.request.url
        if url.startswith(("file://", "data:")):
            return route.continue_()
        requests.append(url)
        local = local_file(url) if network else None
        if local is not None:
            return route.fulfill(path=str(local))
        return route.fulfill(status=404, body="")  # tiles and cosmetic extras: no network here

    page.route("**/*", serve)
    page.goto(path.as_uri())
    if libraries:
        page.wait_for_function("() => typeof L !== 'undefined' && document.querySelector('.leaflet-container')")
    else:
        page.wait_for_load_state("load")
    page.wait_for_timeout(500)
    page.errors = errors
    page.requests = requests
    yield page
    page.close()


@pytest.fixture(scope="module")
def page(browser, map_file):
    with _open(browser, map_file, network=True) as page:
        yield page


@pytest.fixture(scope="module")
def offline_page(browser, tmp_path_factory):
    path = tmp_path_factory.mktemp("offline") / "events.html"
    save_map(make_map(EVENTS, title="Offline", offline=True), path, inline=True)
    with _open(browser, path, network=False) as page:
        yield page


def _visible_layers(page) -> int:
    """Event layers (pins and precision circles) the map currently shows, counted through Leaflet."""
    return page.evaluate(
        """() => { let n = 0; const map = Object.values(window).find(v => v instanceof L.Map);
        map.eachLayer(l => { if ((l instanceof L.Marker || l instanceof L.Circle) && l.feature) n++; }); return n; }"""
    )


def test_no_javascript_errors(page):
    assert page.errors == []


def test_every_located_event_is_on_the_map(page):
    assert _visible_layers(page) == sum(1 for e in EVENTS if e.place is not None)


def test_clicking_a_marker_opens_a_dated_popup(page):
    box = page.locator(".awesome-marker").first.bounding_box()
    page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 3)  # whichever pin is on top
    popup = page.locator(".leaflet-popup-content")
    popup.wait_for()
    assert "2025-02-1" in popup.inner_text()


def test_hostile_text_runs_nothing_and_shows_as_text(page):
    assert page.evaluate("() => window.__pwned") is None
    assert "<img src=x" in page.locator("#geomap-title").inner_text()


def test_toggling_a_layer_hides_its_markers(page):
    before = _visible_layers(page)
    page.locator(".leaflet-control-layers-overlays label", has_text="Strikes").locator("input").click()
    page.wait_for_timeout(200)
    assert _visible_layers(page) == before - 2
    page.locator(".leaflet-control-layers-overlays label", has_text="Strikes").locator("input").click()
    page.wait_for_timeout(200)
    assert _visible_layers(page) == before


def test_moving_the_time_slider_filters_events(page):
    before = _visible_layers(page)
    page.evaluate(
        """() => { const el = document.querySelector('input.geomap-time-range');
        el.value = el.min; el.dispatchEvent(new Event('input')); }"""
    )
    page.wait_for_timeout(300)
    assert _visible_layers(page) == 1  # only the strike of 2025-02-10
    page.evaluate(
        """() => { const el = document.querySelector('input.geomap-time-range');
        el.value = el.max; el.dispatchEvent(new Event('input')); }"""
    )
    page.wait_for_timeout(300)
    assert _visible_layers(page) == before


def test_unplaced_events_are_listed(page):
    assert "Not placed on the map: 1" in page.locator("#geomap-unlocated").inner_text()


def test_offline_map_needs_no_network_and_shows_every_event(offline_page):
    assert offline_page.errors == []
    assert all("tile" in url or "glyphicons" in url for url in offline_page.requests), offline_page.requests
    assert _visible_layers(offline_page) == sum(1 for e in EVENTS if e.place is not None)


def test_offline_map_draws_country_outlines(offline_page):
    outlines = offline_page.evaluate("() => document.querySelectorAll('.leaflet-geomap-basemap-pane path').length")
    assert outlines > 100  # Natural Earth's 1:110m countries


def test_a_hostile_article_shows_as_text_in_its_popup(page):
    text = page.evaluate(
        """() => new Promise(resolve => {
            const map = Object.values(window).find(v => v instanceof L.Map);
            let target = null, cluster = null;
            map.eachLayer(l => { if (l instanceof L.MarkerClusterGroup) { l.eachLayer(m => {
                if (m.feature && m.feature.properties.n === 'Paris') { target = m; cluster = l; } }); } });
            cluster.zoomToShowLayer(target, () => { target.openPopup();
                setTimeout(() => resolve(document.querySelector('.leaflet-popup-content').innerText), 100); });
        })"""
    )
    assert "<img src=x onerror=" in text and "<script>" in text
    assert page.evaluate("() => window.__pwned") is None


# --- the page explains itself and keeps its panels off the markers ---------------------------------------

def test_a_map_whose_libraries_cannot_load_says_so_and_what_to_run(browser, map_file):
    with _open(browser, map_file, network=False, libraries=False) as page:
        notice = page.locator("#geomap-no-libraries")
        notice.wait_for(state="visible")
        text = notice.inner_text()
    assert "could not be loaded" in text
    assert "python -m geomap.assets fetch" in text and "--offline" in text


def test_the_notice_stays_hidden_when_the_libraries_load(page):
    assert not page.locator("#geomap-no-libraries").is_visible()


def _hub(name: str, lat: float, lon: float) -> Place:
    return _place(name, lat, lon)


# events at the edges of the view: west (Brussels), south (a country circle), east, and unplaced ones
SPREAD = [
    _event(20, "meeting", _hub("Brussels", 50.85, 4.35), "2025-02-12"),
    _event(21, "meeting", _hub("Brussels", 50.85, 4.35), "2025-02-13"),
    _event(22, "statement", _place("Saudi Arabia", 23.9, 45.1, GeoPrecision.COUNTRY), "2025-02-13"),
    _event(23, "strike", _hub("Kharkiv", 49.99, 36.23), "2025-02-11"),
    _event(24, "clash", _hub("Pokrovsk", 48.28, 37.18), "2025-02-11"),
    _event(25, "aid", _hub("Warsaw", 52.23, 21.01), "2025-02-12"),
    _event(26, "arrest", _hub("Minsk", 53.9, 27.57), "2025-02-12"),
    _event(27, "sanction", _hub("London", 51.51, -0.13), "2025-02-12"),
    _event(28, "protest", _hub("Tbilisi", 41.72, 44.79), "2025-02-12"),
    *[_event(30 + k, "statement", None, "2025-02-12") for k in range(3)],
]


@pytest.fixture(scope="module")
def spread_file(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("spread") / "spread.html"
    save_map(make_map(SPREAD, title="Events from the Atlantic to the Caucasus"), path)
    return path


@pytest.mark.parametrize("viewport", [(1024, 768), (1280, 800), (1440, 900), (1920, 1080)])
def test_no_panel_covers_a_marker(browser, spread_file, viewport):
    with _open(browser, spread_file, network=True, viewport=viewport) as page:
        covered = page.evaluate(
            """() => {
            const panels = [...document.querySelectorAll('.geomap-panel, .leaflet-control')]
                .map(el => el.getBoundingClientRect()).filter(r => r.width > 0 && r.height > 0);
            const map = Object.values(window).find(v => v instanceof L.Map);
            const box = map.getContainer().getBoundingClientRect();
            const marks = [...document.querySelectorAll('.leaflet-marker-icon')].map(el => {
                const r = el.getBoundingClientRect(); return {what: el.className, r: r}; });
            map.eachLayer(l => { if (l instanceof L.Circle) { const p = map.latLngToContainerPoint(l.getLatLng());
                const x = p.x + box.left, y = p.y + box.top;
                marks.push({what: 'circle centre', r: {left: x, right: x, top: y, bottom: y}}); } });
            const hit = (a, b) => a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
            const inside = m => m.r.left >= box.left && m.r.right <= box.right && m.r.top >= box.top
                && m.r.bottom <= box.bottom;
            return marks.filter(m => !inside(m) || panels.some(p => hit(m.r, p) || (m.r.left === m.r.right
                && p.left <= m.r.left && m.r.left <= p.right && p.top <= m.r.top && m.r.top <= p.bottom)))
                .map(m => m.what);
            }"""
        )
        assert page.errors == []
    assert covered == []


def test_clusters_take_the_colour_of_their_type_in_the_legend(browser, spread_file):
    with _open(browser, spread_file, network=True) as page:
        colours = page.evaluate(
            """() => {
            const cluster = document.querySelector('.geomap-cluster div');
            const swatches = [...document.querySelectorAll('#geomap-legend > div')]
                .filter(d => d.innerText.trim() === 'Meetings and visits')
                .map(d => getComputedStyle(d.querySelector('.geomap-swatch')).backgroundColor);
            return [cluster && getComputedStyle(cluster).backgroundColor, swatches[0]];
            }"""
        )
    assert colours[0] is not None and colours[0] == colours[1]  # the two Brussels meetings, clustered


def _slider(page) -> dict:
    return page.evaluate(
        """() => { const el = document.querySelector('input.geomap-time-range');
        return {min: new Date(+el.min).toISOString().slice(0, 10), max: new Date(+el.max).toISOString().slice(0, 10),
                value: el.value === el.max}; }"""
    )


def test_planned_and_coarsely_dated_events_do_not_stretch_the_slider(browser, tmp_path):
    events = [
        _event(40, "strike", _place("Kyiv", 50.45, 30.52), "2025-02-10"),
        _event(41, "strike", _place("Kharkiv", 49.99, 36.23), "2025-02-12"),
        _event(42, "meeting", _place("Geneva", 46.2, 6.15), "2025-06", planned=True, modality="planned"),
        _event(43, "meeting", _place("Vienna", 48.21, 16.37), "2025-06-20", planned=True, modality="planned"),
        _event(44, "clash", _place("Avdiivka", 48.14, 37.74), "2024"),
    ]
    path = tmp_path / "planned.html"
    save_map(make_map(events), path)
    with _open(browser, path, network=True) as page:
        assert _slider(page) == {"min": "2025-02-10", "max": "2025-02-13", "value": True}
        assert _visible_layers(page) == 5
        page.evaluate("""() => { const el = document.querySelector('input.geomap-time-range');
            el.value = el.min; el.dispatchEvent(new Event('input')); }""")
        page.wait_for_timeout(300)
        assert _visible_layers(page) == 4  # the strike of the 12th waits; the plans and the old clash stay


def _popup_of(page, place_name: str) -> str:
    return page.evaluate(
        """(name) => new Promise(resolve => {
            const map = Object.values(window).find(v => v instanceof L.Map);
            map.closePopup();
            let target = null, cluster = null;
            map.eachLayer(l => { if (l instanceof L.MarkerClusterGroup) { l.eachLayer(m => {
                if (m.feature && m.feature.properties.n === name) { target = m; cluster = l; } }); } });
            cluster.zoomToShowLayer(target, () => { target.openPopup();
                setTimeout(() => resolve(target.getPopup().getElement().innerText), 100); });
        })""",
        place_name,
    )


def test_popups_say_how_the_event_is_reported_and_how_exact_its_place_is(browser, tmp_path):
    village = Place(key="test:village", name="Novoselivka", lat=47.9, lon=36.1, country_code="UA",
                    approximation="hromada centre")
    events = [
        _event(50, "strike", village, None, modality="claimed", claimant="the regional governor",
               instruments=("drone", "glide bomb"), agent="Russia", target="Ukraine"),
        _event(51, "clash", _place("Bakhmut", 48.6, 38.0), "2023-05", modality="background"),
    ]
    path = tmp_path / "popups.html"
    save_map(make_map(events), path)
    with _open(browser, path, network=True) as page:
        claimed, background = _popup_of(page, "Novoselivka"), _popup_of(page, "Bakhmut")
    assert "unknown (unknown)" not in claimed and "Date\tunknown" in claimed
    assert "claimed by the regional governor" in claimed
    assert "approximate location: hromada centre" in claimed
    assert "drone, glide bomb" in claimed
    assert "Done by\tRussia" in claimed and "Against\tUkraine" in claimed
    assert "background" in background and "2023-05 (month only)" in background
