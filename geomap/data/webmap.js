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

    function popup(p) {
        var rows = [
            ['Date', (p.d || 'unknown') + ' (' + p.dp + ')' + (p.pl ? ' · planned' : '')],
            ['Type', p.ty + ' / ' + (p.st || '-')],
            ['Place', p.n + ' (' + (PRECISION[p.g] || 'area') + ')']
        ];
        if (p.dt) { rows.push(['Date phrase', '\u201c' + p.dt + '\u201d']); }
        if (p.q) { rows.push(['Figures', p.q]); }
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
    // confidence %, sub-type, planned, date phrase, figures, actors, [source title, source url, ...]];
    // texts are positions in the strings table S (-1: none). Undated events show from ``start`` on.
    function features(rows, S, start) {
        function text(i) { return i < 0 ? null : S[i]; }
        return rows.map(function (r) {
            var d = text(r[2]), src = [];
            for (var k = 0; k < r[13].length; k += 2) { src.push([text(r[13][k]), text(r[13][k + 1])]); }
            var t = start;
            if (d) {
                var part = d.split('-');
                t = Date.UTC(+part[0], part[1] ? +part[1] - 1 : 0, part[2] ? +part[2] : 1);
            }
            return {type: 'Feature', geometry: {type: 'Point', coordinates: [r[0], r[1]]}, properties: {
                t: t, d: d, dp: d ? PRECISION_OF_LENGTH[d.length] : 'unknown', g: r[3], n: text(r[4]),
                s: text(r[5]), e: text(r[6]), c: (r[7] / 100).toFixed(2), st: text(r[8]), pl: r[9] === 1,
                dt: text(r[10]), q: text(r[11]), a: text(r[12]), src: src
            }};
        });
    }

    return {esc: esc, popup: popup, tooltip: tooltip, layerOptions: layerOptions, features: features};
})();
