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

    return {esc: esc, popup: popup, tooltip: tooltip, layerOptions: layerOptions};
})();
