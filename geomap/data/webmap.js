// geomap's popups and tooltips, built in the browser from each event's compact properties, so that a map
// of 50,000 events carries each text once instead of as ready-made HTML. Every value goes through esc():
// the page never inserts text from a document as HTML.
var geomap = (function () {
    var ENTITIES = {'&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;'};
    var PRECISION = {1: 'town or site', 2: 'region', 3: 'country'};

    function esc(value) {
        return String(value === null || value === undefined ? '' : value).replace(/[&<>"']/g, function (c) {
            return ENTITIES[c];
        });
    }

    function sourceItem(source) {
        var label = esc(source[0]), url = source[1] || '';
        if (!/^https?:\/\//i.test(url)) {
            return '<li>' + label + '</li>';
        }
        return '<li><a href="' + esc(url) + '" target="_blank" rel="noopener noreferrer">' + label + '</a></li>';
    }

    // How the text reports the event, when it is not as a plain fact
    function modality(p) {
        if (p.m === 'claimed') { return p.cl ? 'claimed by ' + p.cl : 'claimed'; }
        if (p.m === 'background') { return 'background (an earlier event the text recalls)'; }
        if (p.m === 'planned' || p.pl) { return 'planned'; }
        return null;
    }

    function dateText(p) {
        if (!p.d) { return 'unknown'; }
        return p.dp === 'day' ? p.d : p.d + ' (' + p.dp + ' only)';
    }

    function popup(p) {
        var place = p.n + ' (' + (PRECISION[p.g] || 'area') + ')';
        var rows = [['Date', dateText(p)], ['Type', p.ty + ' / ' + (p.st || '-')], ['Place', place]];
        if (p.ap) { rows.push(['Location', 'approximate location: ' + p.ap]); }
        if (modality(p)) { rows.push(['Reported as', modality(p)]); }
        if (p.dt) { rows.push(['Date phrase', '\u201c' + p.dt + '\u201d']); }
        if (p.q) { rows.push(['Figures', p.q]); }
        if (p.w) { rows.push(['Weapons', p.w]); }
        if (p.ag) { rows.push(['Done by', p.ag]); }
        if (p.tg) { rows.push(['Against', p.tg]); }
        if (p.a) { rows.push(['Actors', p.a]); }
        rows.push(['Confidence', p.c]);
        var table = rows.map(function (r) { return '<tr><th>' + esc(r[0]) + '</th><td>' + esc(r[1]) + '</td></tr>'; });
        var sources = p.src || [];
        return '<div class="geomap-popup"><b>' + esc(p.s) + '</b><table>' + table.join('') + '</table>' +
            '<blockquote>' + esc(p.e) + '</blockquote><div>Sources (' + sources.length + '):<ul>' +
            sources.map(sourceItem).join('') + '</ul></div></div>';
    }

    function tooltip(p) {
        return esc(p.ty + ' \u00b7 ' + p.n + ' \u00b7 ' + (p.d || 'date unknown'));
    }

    // One layer per event type: its label and marker style are the layer's, not repeated in every feature.
    function layerOptions(style) {
        return {
            pointToLayer: function (feature, latlng) {
                if (feature.properties.g > 1) {
                    return L.circle(latlng, {radius: style.radius[feature.properties.g] || 0, color: style.hex,
                                             weight: 2, dashArray: '6 6', fillOpacity: 0.12});
                }
                return L.marker(latlng, {icon: L.AwesomeMarkers.icon(
                    {icon: style.icon, markerColor: style.color, prefix: 'fa', iconColor: 'white'})});
            },
            onEachFeature: function (feature, layer) {
                feature.properties.ty = style.type;
                layer.bindPopup(function () { return popup(feature.properties); }, {maxWidth: 420});
                layer.bindTooltip(function () { return tooltip(feature.properties); });
            }
        };
    }

    var PRECISION_OF_LENGTH = {4: 'year', 7: 'month', 10: 'day'};

    // Rows written by geomap/outputs/maplayers.py: [lon, lat, date, precision, place, summary, evidence,
    // confidence %, sub-type, planned, date phrase, figures, actors, [source title, source url, ...], modality,
    // claimant, weapons, approximation, agent, target]; texts are positions in the strings table S (-1: none). The time slider
    // (time t) runs over asserted events dated to the day; every other event shows from ``start`` on.
    function features(rows, S, start) {
        function text(i) { return i < 0 ? null : S[i]; }
        return rows.map(function (r) {
            var d = text(r[2]), src = [];
            for (var k = 0; k < r[13].length; k += 2) { src.push([text(r[13][k]), text(r[13][k + 1])]); }
            var t = start;
            if (d && d.length === 10 && r[9] !== 1) {
                var part = d.split('-');
                t = Date.UTC(+part[0], +part[1] - 1, +part[2]);
            }
            return {type: 'Feature', geometry: {type: 'Point', coordinates: [r[0], r[1]]}, properties: {
                t: t, d: d, dp: d ? PRECISION_OF_LENGTH[d.length] : 'unknown', g: r[3], n: text(r[4]),
                s: text(r[5]), e: text(r[6]), c: (r[7] / 100).toFixed(2), st: text(r[8]), pl: r[9] === 1,
                dt: text(r[10]), q: text(r[11]), a: text(r[12]), src: src, m: text(r[14]), cl: text(r[15]),
                w: text(r[16]), ap: text(r[17]), ag: text(r[18]), tg: text(r[19])
            }};
        });
    }

    // A cluster in its layer's colour, the colour of the legend: every event of a cluster is of one type.
    function clusterIcon(hex) {
        return function (cluster) {
            var n = cluster.getChildCount(), size = n < 10 ? 34 : n < 100 ? 40 : 46;
            return L.divIcon({
                className: 'geomap-cluster', iconSize: L.point(size, size),
                html: '<div style="width:' + size + 'px;height:' + size + 'px;line-height:' + size + 'px;' +
                    'border-radius:50%;background:' + esc(hex) + ';color:white;font:bold 13px sans-serif;' +
                    'text-align:center;box-shadow:0 0 0 4px ' + esc(hex) + '55">' + n + '</div>'
            });
        };
    }

    // The page's fixed panels and the map's controls, as rectangles in the map's pixels.
    function panels(map) {
        var box = map.getContainer().getBoundingClientRect();
        var found = document.querySelectorAll('.geomap-panel, .leaflet-control');
        return Array.prototype.map.call(found, function (el) {
            var r = el.getBoundingClientRect();
            return {left: r.left - box.left, top: r.top - box.top, right: r.right - box.left,
                    bottom: r.bottom - box.top};
        }).filter(function (r) { return r.right > r.left && r.bottom > r.top; });
    }

    // Fit the map to the events inside the part no panel covers. Each panel sits in a corner: keeping the
    // markers out of the strip along one edge that holds the whole panel clears it; the narrower strip
    // (as a share of the map) is taken. Pins stand above their point, hence the extra room at the top.
    function fitAvoidingPanels(map, bounds, maxZoom) {
        var size = map.getSize(), pad = {left: 0, top: 0, right: 0, bottom: 0};
        panels(map).forEach(function (r) {
            var sides = [['left', r.right / size.x], ['right', (size.x - r.left) / size.x],
                         ['top', r.bottom / size.y], ['bottom', (size.y - r.top) / size.y]];
            sides.sort(function (a, b) { return a[1] - b[1]; });
            var side = sides[0][0], extent = sides[0][1] * (side === 'left' || side === 'right' ? size.x : size.y);
            pad[side] = Math.max(pad[side], extent);
        });
        map.fitBounds(bounds, {maxZoom: maxZoom, paddingTopLeft: [pad.left + 24, pad.top + 48],
                               paddingBottomRight: [pad.right + 24, pad.bottom + 16]});
    }

    // Shown when the map libraries did not load (no network and no local copies): say why, and what to run.
    function checkLibraries() {
        if (typeof L !== 'undefined' && L.markerClusterGroup && L.AwesomeMarkers) { return; }
        var notice = document.getElementById('geomap-no-libraries');
        if (notice) { notice.hidden = false; }
    }

    return {esc: esc, popup: popup, tooltip: tooltip, layerOptions: layerOptions, features: features,
            clusterIcon: clusterIcon, fitAvoidingPanels: fitAvoidingPanels, checkLibraries: checkLibraries};
})();
