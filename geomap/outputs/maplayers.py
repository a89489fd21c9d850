"""The events of a map as compact data: one row of numbers per event, every text once in a shared table.

A GeoJSON feature per event repeats its property names, its geometry wrapper, and every actor list,
source title and place name it shares with other events; at 50,000 events that is most of the page.
Here each event is a row of positions in a table of distinct strings, and ``geomap.features`` in
``webmap.js`` turns the rows back into GeoJSON features in the browser. Nothing is rendered as HTML
on this side: the page escapes every text when it shows it.
"""

from __future__ import annotations

import json
from typing import Any

from branca.element import MacroElement
from folium.template import Template

from geomap.model import Event


def js_value(value: Any) -> str:
    """A JSON value safe inside a <script> element."""
    return json.dumps(value, ensure_ascii=False, separators=(",", ":")).replace("<", "\\u003c").replace(">", "\\u003e")


class StringTable(MacroElement):
    """The distinct strings of a map's events, defined once before the layers that point into it."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        var {{ this.get_name() }} = {{ this.values_js() }};
        {% endmacro %}
        """
    )

    def __init__(self) -> None:
        super().__init__()
        self._name = "geomap_strings"
        self._index: dict[str, int] = {}
        self.values: list[str] = []

    def ref(self, text: str | None) -> int:
        """The position of ``text`` in the table (-1 for none)."""
        if text is None:
            return -1
        position = self._index.get(text)
        if position is None:
            position = self._index[text] = len(self.values)
            self.values.append(text)
        return position

    def values_js(self) -> str:
        return js_value(self.values)


def event_row(event: Event, strings: StringTable, figures: str | None) -> list[Any]:
    """One located event as the positional row ``geomap.features`` reads (see webmap.js for the layout)."""
    place = event.place
    sources: list[int] = []
    for s in event.sources:
        url = s.url if s.url and s.url.lower().startswith(("http://", "https://")) else None
        sources += [strings.ref(s.title or s.doc_id), strings.ref(url)]
    return [
        round(place.lon, 5), round(place.lat, 5), strings.ref(event.date), int(place.precision),
        strings.ref(place.name), strings.ref(event.summary), strings.ref(event.evidence),
        round(event.confidence * 100), strings.ref(event.sub_event_type), 1 if event.planned else 0,
        strings.ref(event.date_text), strings.ref(figures), strings.ref("; ".join(event.actors) or None), sources,
        strings.ref(event.modality), strings.ref(event.claimant), strings.ref(", ".join(event.instruments) or None),
        strings.ref(place.approximation), strings.ref(event.agent), strings.ref(event.target),
    ]


class EventLayer(MacroElement):
    """One event type's events, drawn in ``holder`` (a marker cluster or a feature group)."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        var {{ this.get_name() }} = L.geoJSON(
            geomap.features({{ this.rows_js() }}, {{ this.strings.get_name() }}, {{ this.start }}),
            geomap.layerOptions({{ this.style_js() }})
        ).addTo({{ this.holder.get_name() }});
        {% endmacro %}
        """
    )

    def __init__(self, holder: MacroElement, rows: list[list[Any]], strings: StringTable, style: dict, start: int):
        super().__init__()
        self._name = "EventLayer"
        self.holder, self.rows, self.strings, self.style, self.start = holder, rows, strings, style, start

    def rows_js(self) -> str:
        return js_value(self.rows)

    def style_js(self) -> str:
        return js_value(self.style)
