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


def _event(n: int, event_type: str, place: Place | None, date: str, text: str = "A report.") -> Event:
    doc = Document(id=f"doc{n}", text=text, title=f"Source {n}", published=dt.date(2025, 2, 12))
    return Event(
        id=f"e{n}", event_type=event_type, sub_event_type=None, summary=f"{event_type} {n}", evidence=text,
        doc_id=doc.id, date=date, date_precision="day", place=place, actors=("Ukraine",),
        sources=(SourceRef(doc.id, doc.title, "https://example.org/a", "2025-02-12", text),), confidence=0.8,
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
def _open(browser, path: Path, *, network: bool) -> Iterator:
    """The map at ``path`` in a new page; CDN URLs answered from local copies unless ``network`` is off."""
    page = browser.new_page()
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
    page.wait_for_function("() => typeof L !== 'undefined' && document.querySelector('.leaflet-container')")
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
