"""Self-contained maps: every script and stylesheet inlined, and a basemap that needs no tile server.

A saved Folium map links about twenty scripts and stylesheets on public CDNs. For an analyst on a
closed network, :func:`inline_assets` replaces each link with the file's content, taken from the local
npm copies that ``python -m geomap.assets fetch`` made (fonts and images that stylesheets refer to
become ``data:`` URIs). :func:`outline_basemap` draws country outlines from Natural Earth (npm
``world-atlas``, public domain) under the events, so the map is readable with no tiles at all.
"""

from __future__ import annotations

import base64
import json
import logging
import mimetypes
import re
from pathlib import Path

from branca.element import JavascriptLink, MacroElement
from folium.template import Template

from geomap.assets import local_file

_log = logging.getLogger(__name__)

_SCRIPT = re.compile(r'<script\s+src="(https?://[^"]+)"\s*>\s*</script>')
_STYLESHEET = re.compile(r'<link\s+rel="stylesheet"\s+href="(https?://[^"]+)"\s*/?>')
_CSS_URL = re.compile(r"""url\(\s*(['"]?)([^'")]+)\1\s*\)""")
# Cosmetic stylesheets folium links that no registry package ships: Bootstrap 3 glyphicons (geomap's
# icons are Font Awesome) and marker rotation (geomap does not rotate markers).
_DISPENSABLE = ("bootstrap-glyphicons.css", "leaflet.awesome.rotate")
_TOPOJSON_URL = "https://cdn.jsdelivr.net/npm/topojson-client@3.1.0/dist/topojson-client.min.js"
_WORLD_URL = "https://cdn.jsdelivr.net/npm/world-atlas@2.0.2/countries-110m.json"
_HINT = "run `python -m geomap.assets fetch` once (it needs npm and the registry) to make offline maps"


class MissingAssetsError(RuntimeError):
    """A script or stylesheet the map needs has no local copy."""


def inline_assets(html: str, root: Path | None = None) -> str:
    """``html`` with every CDN script and stylesheet replaced by its content."""
    missing: list[str] = []

    def script(match: re.Match[str]) -> str:
        local = local_file(match.group(1), root)
        if local is None:
            missing.append(match.group(1))
            return match.group(0)
        code = local.read_text("utf-8").replace("</script", "<\\/script")
        return f"<script>/* {match.group(1)} */\n{code}\n</script>"

    def stylesheet(match: re.Match[str]) -> str:
        url = match.group(1)
        local = local_file(url, root)
        if local is None:
            if any(name in url for name in _DISPENSABLE):
                _log.info("offline map: leaving out %s (cosmetic, no registry copy)", url)
                return ""
            missing.append(url)
            return match.group(0)
        css = _CSS_URL.sub(lambda m: _data_uri(m, local.parent), local.read_text("utf-8"))
        css = css.replace("</style", "<\\/style")
        return f"<style>/* {url} */\n{css}\n</style>"

    html = _SCRIPT.sub(script, html)
    html = _STYLESHEET.sub(stylesheet, html)
    if missing:
        raise MissingAssetsError(f"no local copy of {', '.join(missing)}: {_HINT}")
    return html


def _data_uri(match: re.Match[str], folder: Path) -> str:
    ref = match.group(2).strip()
    if ref.startswith(("data:", "#", "http:", "https:")):
        return match.group(0)
    target = (folder / ref.split("?", 1)[0].split("#", 1)[0]).resolve()
    if not target.is_file():
        return match.group(0)  # a fallback format the package does not ship; browsers try the next
    if target.suffix in _FALLBACK_FONTS and target.with_suffix(".woff2").is_file():
        return match.group(0)  # browsers take the WOFF2 listed first and never ask for this one
    mime = mimetypes.guess_type(target.name)[0] or _FONT_TYPES.get(target.suffix, "application/octet-stream")
    return f"url(data:{mime};base64,{base64.b64encode(target.read_bytes()).decode('ascii')})"


_FALLBACK_FONTS = (".ttf", ".woff", ".eot", ".svg")
_FONT_TYPES = {".woff2": "font/woff2", ".woff": "font/woff", ".ttf": "font/ttf", ".eot": "application/vnd.ms-fontobject"}


class _OutlineBasemap(MacroElement):
    _template = Template(
        """
        {% macro script(this, kwargs) %}
        (function () {
            var map = {{ this._parent.get_name() }};
            map.createPane('geomap-basemap').style.zIndex = 150;
            map.getContainer().style.background = '#d4e6f4';
            var world = {{ this.world }};
            L.geoJSON(topojson.feature(world, world.objects.countries), {
                pane: 'geomap-basemap', interactive: false,
                style: {color: '#8a8a8a', weight: 0.7, fillColor: '#f4f1ea', fillOpacity: 1}
            }).addTo(map);
            map.attributionControl.addAttribution('Country outlines: Natural Earth');
        })();
        {% endmacro %}
        """
    )

    def __init__(self, world: str) -> None:
        super().__init__()
        self._name = "OutlineBasemap"
        self.world = world


def outline_basemap(fmap, root: Path | None = None) -> None:
    """Add Natural Earth country outlines (1:110m) under everything else on ``fmap``."""
    world = local_file(_WORLD_URL, root)
    if world is None:
        raise MissingAssetsError(f"no local copy of {_WORLD_URL}: {_HINT}")
    fmap.get_root().header.add_child(JavascriptLink(_TOPOJSON_URL), name="topojson_client")
    fmap.add_child(_OutlineBasemap(json.dumps(json.loads(world.read_text("utf-8")), separators=(",", ":"))))

