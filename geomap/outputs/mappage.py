"""The fixed panels of a map page: its title, the legend, the events not placed, and the notice shown when
the map libraries cannot load. Every text from a document is HTML-escaped here.

Each panel carries the class ``geomap-panel``: the page keeps markers out from under them when it fits the
view to the events (``geomap.fitAvoidingPanels`` in webmap.js).
"""

from __future__ import annotations

import datetime as dt
import html
from collections.abc import Callable
from urllib.parse import urlsplit

from geomap.model import Event

_PANEL = "position:fixed;z-index:1000;background:white;border-radius:4px;box-shadow:0 1px 4px rgba(0,0,0,.3);"


def default_title(events: list[Event]) -> str:
    """A map's title from its documents: their outlet, when they share one, and the days they were published."""
    sources = [s for e in events for s in e.sources]
    days = sorted({d for d in (_day(s.published) for s in sources) if d is not None})
    hosts = {host for host in (_host(s.url) for s in sources) if host}
    outlet = hosts.pop().removeprefix("www.") if len(hosts) == 1 else None
    span = _span(days[0], days[-1]) if days else None
    if outlet and span:
        return f"{outlet}, {span}"
    if span:
        return f"News of {span}"
    return f"News from {outlet}" if outlet else "geomap"


def _host(url: str | None) -> str | None:
    try:
        return urlsplit(url).hostname if url else None
    except ValueError:  # "http://[not-an-address": a document's URL, not ours to trust
        return None


def _day(value: str | None) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value[:10]) if value else None
    except ValueError:
        return None


def _span(first: dt.date, last: dt.date) -> str:
    """"12 February 2025", "12-13 February 2025", "28 February - 3 March 2025", "30 December 2024 - 2 January 2025"."""
    def day(d: dt.date, *parts: str) -> str:
        return " ".join([str(d.day), *(d.strftime(p) for p in parts)])

    if first == last:
        return day(first, "%B", "%Y")
    if (first.year, first.month) == (last.year, last.month):
        return f"{first.day}\u2013{day(last, '%B', '%Y')}"
    if first.year == last.year:
        return f"{day(first, '%B')} \u2013 {day(last, '%B', '%Y')}"
    return f"{day(first, '%B', '%Y')} \u2013 {day(last, '%B', '%Y')}"


def title_html(title: str, located: int, total: int) -> str:
    return (
        f"<div id='geomap-title' class='geomap-panel' style='{_PANEL}top:10px;left:60px;padding:4px 10px;"
        f"font:15px sans-serif'><b>{html.escape(title)}</b> · {located} of {total} events on the map</div>"
    )


def legend_html(types: list[str], style_of: Callable[[str], dict[str, str]]) -> str:
    items = "".join(
        f"<div><span class='geomap-swatch' style='display:inline-block;width:12px;height:12px;border-radius:6px;"
        f"margin-right:6px;background:{html.escape(style_of(t)['hex'])}'></span>{html.escape(style_of(t)['label'])}"
        "</div>"
        for t in types
    )
    return (
        f"<div id='geomap-legend' class='geomap-panel' style='{_PANEL}bottom:30px;left:10px;padding:6px 10px;"
        f"font:12px sans-serif'><b>Event types</b>{items}<div style='margin-top:4px;color:#555'>pin: town or site"
        "<br>dashed circle: region or country<br>numbered circle: several events</div></div>"
    )


def unlocated_html(events: list[Event]) -> str:
    items = "".join(
        f"<li><b>{html.escape(e.date or 'date unknown')}</b> {html.escape(e.summary)}"
        f"<br><i>{html.escape(e.evidence[:300])}</i></li>"
        for e in events
    )
    return (
        f"<details id='geomap-unlocated' class='geomap-panel' style='{_PANEL}top:50px;left:60px;max-width:380px;"
        "max-height:45%;overflow:auto;padding:4px 10px;font:12px sans-serif'>"
        f"<summary>Not placed on the map: {len(events)} events</summary><ul>{items}</ul></details>"
    )


def no_libraries_html() -> str:
    """A notice, hidden unless the page finds the map libraries missing once everything has loaded."""
    return (
        f"<div id='geomap-no-libraries' hidden style='{_PANEL}top:35%;left:50%;transform:translateX(-50%);"
        "z-index:2000;max-width:560px;padding:14px 18px;font:14px/1.45 sans-serif;border-left:6px solid #d63e2a'>"
        "<b>The map libraries could not be loaded.</b><br>This map loads Leaflet and its plugins from the "
        "internet, and they did not arrive: this computer may be offline, or a network filter blocks their "
        "servers. To make a map that needs no network, run once, with network:"
        "<pre style='margin:6px 0'>python -m geomap.assets fetch</pre>then make the map again with "
        "<code>--offline</code>:<pre style='margin:6px 0'>geomap map PATH... -o map.html --offline</pre></div>"
        "<script>window.addEventListener('load', function () { geomap.checkLibraries(); });</script>"
    )
