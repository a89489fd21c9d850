"""The interactive map: a Folium map a person can trust.

Every event type is a layer driven by GeoJSON data (clustered, in a ``FeatureGroup``), so the layer
control toggles types, one date slider filters all of them ("everything up to this day"), and a map
of 50,000 events stays a few megabytes of data rather than 50,000 Python marker objects. Towns and
sites are pins; region- and country-level events are dashed circles, so a country figure never looks
like a city. Events with no location are listed in a side panel. Every text that came from a document
is HTML-escaped here, in Python, before it reaches the page: Folium inserts popup HTML as it is.

The same events give the same page, byte for byte: Folium's random element names are replaced by
numbered ones (see :func:`_number_elements`).
"""

from __future__ import annotations

import datetime as dt
import html
import json
from collections.abc import Iterable
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

import folium
from branca.element import Element, Figure, MacroElement
from folium.plugins import Fullscreen, MarkerCluster, Search
from folium.template import Template
from folium.utilities import JsCode

from geomap.model import GENERATOR, Event, GeoPrecision, Place
from geomap.outputs.maplayers import EventLayer, StringTable, event_row
from geomap.outputs.mappage import default_title, legend_html, no_libraries_html, title_html, unlocated_html

_DAY_MS = 86_400_000

_POPUP_CSS = (
    ".geomap-popup th{text-align:left;padding-right:6px;vertical-align:top}"
    ".geomap-popup blockquote{margin:4px 0;font-style:italic}.geomap-popup ul{margin:0;padding-left:16px}"
)
_INVISIBLE_POINT = JsCode(
    "function (f, latlng) { return L.circleMarker(latlng, {radius: 1, opacity: 0, fillOpacity: 0, interactive: false}); }"
)


@cache
def styles() -> dict[str, Any]:
    return json.loads(resources.files("geomap.data").joinpath("styles.json").read_text("utf-8"))


def style_of(event_type: str) -> dict[str, str]:
    return styles()["types"].get(event_type, styles()["default"])


def make_map(
    events: Iterable[Event],
    *,
    title: str | None = None,
    cluster: bool = True,
    time_control: bool = True,
    offline: bool = False,
    outlines: bool | None = None,
) -> folium.Map:
    """An interactive map of ``events``: one layer per type, dated popups, a time slider, a legend.

    ``title`` defaults to one made from the documents (:func:`~geomap.outputs.mappage.default_title`).
    ``offline`` draws country outlines instead of OpenStreetMap tiles; save such a map with
    ``save_map(..., inline=True)`` for one self-contained file. ``outlines`` (default: ``offline``) draws
    the outlines under the tiles too, so that the map keeps a basemap where the tiles do not load.
    """
    events = list(events)
    located = [e for e in events if _mappable(e)]
    unlocated = [e for e in events if not _mappable(e)]
    fmap = folium.Map(location=[48.5, 20.0], zoom_start=4, tiles=None if offline else "OpenStreetMap", max_zoom=18)
    if offline:
        fmap.options["max_zoom"] = 18  # without a tile layer Leaflet knows no zoom limit and clustering fails
    if offline if outlines is None else outlines:
        from geomap.outputs.offline import outline_basemap

        outline_basemap(fmap)
    span = _time_range(located)
    start = span[0] if span else 0
    # first in <head>: so that a later run reading this folder knows the page for a map, not news
    fmap.get_root().header.add_child(Element(f'<meta name="generator" content="{GENERATOR}">'))
    fmap.get_root().header.add_child(Element(f"<style>{_POPUP_CSS}</style><script>{_page_script()}</script>"))
    strings = StringTable()
    fmap.add_child(strings)
    layers: list[tuple[MarkerCluster | folium.FeatureGroup, EventLayer]] = []
    for event_type in sorted({e.event_type for e in located}):
        of_type = [e for e in located if e.event_type == event_type]
        group = folium.FeatureGroup(name=f"{html.escape(style_of(event_type)['label'])} ({len(of_type)})", show=True)
        group.add_to(fmap)
        holder = group
        if cluster:
            icon = f"geomap.clusterIcon({json.dumps(style_of(event_type)['hex'])})"
            holder = MarkerCluster(control=False, icon_create_function=icon).add_to(group)
        rows = [event_row(e, strings, _figures(e)) for e in of_type]
        layer = EventLayer(holder, rows, strings, _layer_style(event_type), start)
        fmap.add_child(layer)
        layers.append((holder, layer))
    if time_control and layers and span:
        fmap.add_child(_TimeFilter(layers, *span))
    if located:
        index = folium.GeoJson({"type": "FeatureCollection", "features": _search_points(located)},
                               point_to_layer=_INVISIBLE_POINT, control=False, name="search index")
        index.add_to(fmap)
        Search(layer=index, search_label="place_name", placeholder="Search a place", collapsed=True,
               search_zoom=8).add_to(fmap)
    folium.LayerControl(collapsed=False).add_to(fmap)
    Fullscreen().add_to(fmap)
    if located:
        lats = [e.place.lat for e in located]
        lons = [e.place.lon for e in located]
        fmap.add_child(_FitAvoidingPanels([[min(lats), min(lons)], [max(lats), max(lons)]], max_zoom=8))
    page = fmap.get_root().html
    page.add_child(Element(title_html(default_title(events) if title is None else title, len(located), len(events))))
    page.add_child(Element(legend_html(sorted({e.event_type for e in located}), style_of)))
    if unlocated:
        page.add_child(Element(unlocated_html(unlocated)))
    page.add_child(Element(no_libraries_html()))
    _number_elements(fmap.get_root())
    return fmap


def _number_elements(root: Figure) -> None:
    """Name every element of the page by its place in the tree ("map_1", "marker_cluster_7"), not at random.

    Folium names elements by random ids, so a page changed at every run even for the same events; the
    elements are renamed before the page is rendered, when the names are first written out."""
    seen: set[int] = set()
    count = 0

    def visit(element: Any) -> None:
        nonlocal count
        if id(element) in seen:
            return
        seen.add(id(element))
        if getattr(element, "_id", None) is not None:
            count += 1
            element._id = str(count)
        for child in list(getattr(element, "_children", {}).values()):
            visit(child)

    visit(root)


def local_assets_problem() -> str | None:
    """Why a self-contained map cannot be made from the local copies of the map's scripts, or None if it can.

    A map of one made-up event links every script and stylesheet a map of real ones does."""
    from geomap.outputs.offline import MissingAssetsError, inline_assets

    probe = Event(id="probe", event_type="other", sub_event_type=None, summary="", evidence="", doc_id="probe",
                  place=Place(key="probe", name="probe", lat=0.0, lon=0.0))
    try:
        inline_assets(make_map([probe], offline=True).get_root().render())
    except MissingAssetsError as exc:
        return str(exc)
    return None


def _mappable(event: Event) -> bool:
    return event.place is not None and event.place.precision != GeoPrecision.VAGUE


def save_map(fmap: folium.Map, path: str | Path, *, inline: bool = False) -> Path:
    """Write the map's HTML atomically; ``inline`` puts every script and stylesheet in the file itself."""
    from geomap.outputs.export import atomic_path

    path = Path(path)
    html = fmap.get_root().render()
    if inline:
        from geomap.outputs.offline import inline_assets

        html = inline_assets(html)
    with atomic_path(path) as tmp:
        tmp.write_text(html, encoding="utf-8")
    return path


class _TimeFilter(MacroElement):
    """A date slider that shows every event up to the chosen day (all of them at first), in every layer.

    Folium's Timeline plugin cannot live inside a marker cluster, so this small control filters the
    clustered GeoJSON layers itself: undated events stay visible at every date.
    """

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        (function () {
            var layers = [{% for holder, layer in this.layers %}[{{ holder.get_name() }}, {{ layer.get_name() }}],{% endfor %}];
            var control = L.control({position: 'bottomright'});
            control.onAdd = function () {
                var div = L.DomUtil.create('div', 'leaflet-bar geomap-time');
                div.style.background = 'white'; div.style.padding = '6px 10px'; div.style.font = '12px sans-serif';
                div.innerHTML = '<label>Events up to <b class="geomap-time-label"></b><br>' +
                    '<input type="range" class="geomap-time-range" style="width:260px"></label>';
                L.DomEvent.disableClickPropagation(div);
                var input = div.querySelector('input'), label = div.querySelector('b');
                input.min = {{ this.start }}; input.max = {{ this.end }}; input.step = 86400000;
                input.value = {{ this.end }};
                function apply() {
                    var t = Number(input.value);
                    label.textContent = new Date(Math.min(t, {{ this.end }} - 1)).toISOString().slice(0, 10);
                    layers.forEach(function (pair) {
                        var holder = pair[0], source = pair[1];
                        var shown = source.getLayers().filter(function (l) { return l.feature.properties.t <= t; });
                        holder.clearLayers();
                        if (holder.addLayers) { holder.addLayers(shown); } else { shown.forEach(function (l) { holder.addLayer(l); }); }
                    });
                }
                input.addEventListener('input', apply);
                setTimeout(apply, 0);
                return div;
            };
            control.addTo({{ this._parent.get_name() }});
        })();
        {% endmacro %}
        """
    )

    def __init__(self, layers: list, start: int, end: int) -> None:
        super().__init__()
        self.layers, self.start, self.end = layers, start, end


def _search_points(located: list[Event]) -> list[dict[str, Any]]:
    """The search index: each distinct place once, with its name and nothing else."""
    places = {(e.place.name, e.place.lat, e.place.lon) for e in located}
    return [{"type": "Feature", "geometry": {"type": "Point", "coordinates": [lon, lat]},
             "properties": {"place_name": name}} for name, lat, lon in sorted(places)]


def _epoch_ms(day: dt.date) -> int:
    return int(dt.datetime(day.year, day.month, day.day, tzinfo=dt.timezone.utc).timestamp() * 1000)


def _day(value: str | None) -> dt.date | None:
    """The day of an ISO date of day precision; None for a month, a year or nothing."""
    if not value or len(value) != 10:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        return None


def _time_range(located: list[Event]) -> tuple[int, int] | None:
    """The slider's span: the days of the unplanned events dated to the day (as ``geomap.features`` times
    them), None when there are none. A planned summit "in June", or something of "last year", shows at
    every position instead of stretching the span over months without events."""
    days = [d for d in (_day(e.date) for e in located if not e.planned) if d is not None]
    if not days:
        return None
    return _epoch_ms(min(days)), _epoch_ms(max(days)) + _DAY_MS


def _figures(event: Event) -> str | None:
    return ", ".join(f"{k.replace('_', ' ')}: {_figure(v)}" for k, v in event.quantities.items()) or None


def _layer_style(event_type: str) -> dict[str, Any]:
    style = style_of(event_type)
    return {"type": event_type.replace("_", " "), "icon": style["icon"], "color": style["color"], "hex": style["hex"],
            "radius": styles()["precision_radius_m"]}


@cache
def _page_script() -> str:
    return resources.files("geomap.data").joinpath("webmap.js").read_text("utf-8")


def _figure(value: Any) -> str:
    if isinstance(value, dict):
        if "low" in value and "high" in value:
            return f"{value['low']}–{value['high']}"
        if "low" in value:
            return f"at least {value['low']}"
        if "high" in value:
            return f"under {value['high']}"
        if "amount" in value:
            return f"{_figure(value['amount'])} {value.get('currency', '')}".strip()
    return f"{value:,}" if isinstance(value, (int, float)) else str(value)


class _FitAvoidingPanels(MacroElement):
    """Fit the view to the events once the page's panels are laid out, keeping markers out from under them."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        setTimeout(function () {
            geomap.fitAvoidingPanels({{ this._parent.get_name() }}, {{ this.bounds }}, {{ this.max_zoom }});
        }, 0);
        {% endmacro %}
        """
    )

    def __init__(self, bounds: list[list[float]], max_zoom: int) -> None:
        super().__init__()
        self._name = "FitAvoidingPanels"
        self.bounds, self.max_zoom = json.dumps(bounds), max_zoom
