"""The :class:`Gazetteer`: name look-ups over the cached index, plus the user's own rows."""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Sequence
from functools import cached_property, lru_cache
from pathlib import Path

import numpy as np
from rapidfuzz import fuzz, process

from geomap.gazetteer import dumps, index, sources
from geomap.gazetteer.normalize import normalize_name
from geomap.gazetteer.spelling import fuzzy_cutoff, similar, spelling_key
from geomap.gazetteer.spatial import distance_km
from geomap.model import GeoPrecision, Place


_SPELT_WEIGHT = 0.8  # a name reached through another romanisation is a weaker match than one written alike
_CACHE_LIMIT = 500_000  # names remembered per process (a few tens of MB at most)


class Gazetteer:
    """Offline place look-ups. Build one with :func:`load_gazetteer`."""

    def __init__(self, folder: Path, extra: Sequence[str | Path] = ()) -> None:
        self._a, meta = index.load_arrays(folder)
        self._stands_for = {int(k): v for k, v in meta["stands_for"].items()}
        self._approximations: list[str] = meta["approximations"]
        self._countries: dict[str, int] = meta["countries"]
        self._admin1: dict[str, int] = meta["admin1"]
        self._demonyms: dict[str, str] = meta["demonyms"]
        self.max_name_tokens: int = meta["max_name_tokens"]
        # memoryviews of the numeric columns: one item read from a view is a plain int or float, several times
        # cheaper than a NumPy scalar, and bisect on a view beats np.searchsorted on one value
        self._view = {key: memoryview(arr) for key, arr in self._a.items() if arr.dtype.kind in "iuf"}
        self._hashes = self._view["name_hash"]
        self._places: dict[int, Place] = {}
        self._rows: dict[str, int] = {}
        self._user: dict[str, list[Place]] = {}
        self._user_stands_for: dict[str, str] = {}
        self._contains: dict[str, bool] = {}
        self._prefixes: dict[str, bool] = {}
        self._found: dict[str, list[tuple[Place, float]]] = {}
        self._by_key: dict[str, Place | None] = {}
        self._settlements: dict[str, tuple[list[int], list[str], list[int]]] = {}
        for path in extra:
            self._add_user_rows(Path(path))
        self._user_prefixes = {" ".join(n.split(" ")[:k]) for n in self._user for k in range(1, n.count(" ") + 1)}

    # -- look-ups -------------------------------------------------------------------------
    def contains(self, normalized_name: str) -> bool:
        """Whether any entry has this (already normalised) name."""
        # the recogniser asks about every capitalised n-gram; most repeat from document to document
        hit = self._contains.get(normalized_name)
        if hit is None:
            hit = normalized_name in self._user or self._slot(normalized_name) is not None
            if len(self._contains) < _CACHE_LIMIT:
                self._contains[normalized_name] = hit
        return hit

    def is_name_prefix(self, normalized: str) -> bool:
        """Whether some longer name starts with these (normalised) words ("new" and "new york": yes)."""
        hit = self._prefixes.get(normalized)
        if hit is None:
            hashes = self._view["prefix_hash"]
            h = index.name_hash(normalized)
            i = bisect_left(hashes, h)
            # a hash collision only costs a longer search, never a wrong answer
            hit = (i < len(hashes) and hashes[i] == h) or normalized in self._user_prefixes
            if len(self._prefixes) < _CACHE_LIMIT:
                self._prefixes[normalized] = hit
        return hit

    def candidates(self, name: str, country_codes: Sequence[str] | None = None) -> list[Place]:
        """Entries named ``name``, best prior first, optionally only in the given countries."""
        return [place for place, _ in self.lookup(name, country_codes)]

    def lookup(self, name: str, country_codes: Sequence[str] | None = None) -> list[tuple[Place, float]]:
        """Entries named ``name`` with the prior of this name meaning each (lower through an alternate name)."""
        norm = normalize_name(name)
        found = self._found.get(norm)
        if found is None:
            found = [(p, 0.8) for p in self._user.get(norm, ())]
            slot = self._slot(norm)
            if slot is not None:
                lo, hi = self._view["posting_offsets"][slot], self._view["posting_offsets"][slot + 1]
                rows, priors = self._view["postings"][lo:hi].tolist(), self._view["posting_prior"][lo:hi].tolist()
                found += [(self._place(i), w) for i, w in zip(rows, priors)]
            if len(self._found) < _CACHE_LIMIT // 10:
                self._found[norm] = found
        found = list(found)  # callers may keep or change their list; the cached one stays as it is
        if country_codes:
            wanted = {c.upper() for c in country_codes}
            found = [(p, w) for p, w in found if p.country_code in wanted]
        return found

    def spelled_like(self, name: str, country_codes: Sequence[str]) -> list[tuple[Place, float]]:
        """Settlements and areas in these countries whose name is ``name`` romanised another way ("Qamishly":
        Al Qamishli), with their priors lowered as for an alternate name; best first."""
        norm = normalize_name(name)
        key = spelling_key(norm)
        if key is None or not country_codes:
            return []
        hashes, h = self._view["spelling_hash"], index.name_hash(key)
        i = bisect_left(hashes, h)
        if i >= len(hashes) or hashes[i] != h:
            return []
        lo, hi = self._view["spelling_offsets"][i], self._view["spelling_offsets"][i + 1]
        wanted = {c.upper() for c in country_codes}
        found: dict[str, tuple[Place, float]] = {}
        for slot in self._view["spelling_names"][lo:hi].tolist():
            other = self._norm_at(slot)
            if other == norm or not similar(norm, other):
                continue
            for place, weight in self.lookup(other, sorted(wanted)):
                if place.feature_class in ("P", "A") and place.key not in found:
                    found[place.key] = (place, weight * _SPELT_WEIGHT)
        return sorted(found.values(), key=lambda pw: -pw[1])

    def written_like(self, name: str, country_codes: Sequence[str]) -> list[tuple[Place, float]]:
        """Settlements in these countries whose primary name is written nearly as ``name`` ("Adan Yabaal":
        Aadan Yabaal), with their priors lowered as for another romanisation; best first. A last resort for a
        framed name nothing else finds: it compares the name with each settlement of the countries."""
        norm, cutoff = normalize_name(name), fuzzy_cutoff()
        # fuzz.ratio of strings of lengths m <= n is at most 200 m / (m + n): only names of about the same
        # length can reach the cutoff, and the names are kept sorted by length to find those by bisection
        share = cutoff / (200 - cutoff)
        found: list[tuple[Place, float]] = []
        for cc in country_codes:
            lengths, names, rows = self._settlement_names(cc.upper())
            lo, hi = bisect_left(lengths, len(norm) * share), bisect_left(lengths, len(norm) / share + 1e-9)
            for _, score, k in process.extract(norm, names[lo:hi], scorer=fuzz.ratio, score_cutoff=cutoff, limit=5):
                found.append((self._place(rows[lo + k]), score))
        # only the names written most alike: a near miss is no more likely than any other unlisted village
        best = max((score for _, score in found), default=0.0)
        kept = [(p, self.prior(p) * _SPELT_WEIGHT * score / 100) for p, score in found if score == best]
        return sorted(kept, key=lambda pw: -pw[1])

    def _settlement_names(self, cc: str) -> tuple[list[int], list[str], list[int]]:
        """The normalised primary names of a country's populated places, shortest first, with their lengths
        and rows (made once a country)."""
        found = self._settlements.get(cc)
        if found is None:
            a, blob, offsets = self._a, self._view["display_blob"], self._view["display_offsets"]
            rows = np.flatnonzero((a["country_code"] == cc) & (a["feature_class"] == "P")).tolist()
            named = sorted((normalize_name(bytes(blob[offsets[r] : offsets[r + 1]]).decode("utf-8")), r) for r in rows)
            named.sort(key=lambda nr: len(nr[0]))  # by length; equal lengths stay in name order
            found = self._settlements[cc] = ([len(n) for n, _ in named], [n for n, _ in named], [r for _, r in named])
        return found

    def prior(self, place: Place) -> float:
        row = self._row_of(place)
        return float(self._a["prior"][row]) if row is not None else 0.8

    def get(self, key: str) -> Place | None:
        # a demonym of a region ("Crimean") asks for the same key in every document that uses it
        if key in self._by_key:
            return self._by_key[key]
        found = self._find_key(key)
        if len(self._by_key) < _CACHE_LIMIT:
            self._by_key[key] = found
        return found

    def country(self, cc: str) -> Place | None:
        row = self._countries.get(cc.upper())
        return self._place(row) if row is not None else None

    def admin1(self, cc: str, admin1_code: str) -> Place | None:
        row = self._admin1.get(f"{cc.upper()}.{admin1_code}")
        return self._place(row) if row is not None else None

    def demonym(self, word: str) -> Place | None:
        """The country a demonym or adjective refers to ("Ukrainian" -> Ukraine)."""
        target = self._demonyms.get(normalize_name(word))
        if target is None:
            return None
        return self.get(target) if ":" in target else self.country(target)

    def stands_for(self, place_or_name: Place | str) -> str | None:
        """The institution a seat stands for ("the Kremlin" -> "RU government"), if any."""
        if isinstance(place_or_name, str):
            norm = normalize_name(place_or_name)
            if norm in self._user_stands_for:
                return self._user_stands_for[norm]
            found = self.candidates(place_or_name)
            if not found:
                return None
            place_or_name = found[0]
        place = place_or_name
        # only a seat's own key or GeoNames id leads to a seat's row; any other place is ruled out without
        # looking for its row, which takes a scan of the index for a place this gazetteer did not make
        seat_keys, seat_ids = self._seats
        if place.key not in seat_keys and place.geonameid not in seat_ids:
            return None
        row = self._row_of(place)
        return self._stands_for.get(row) if row is not None else None

    @cached_property
    def _seats(self) -> tuple[frozenset[str], frozenset[int]]:
        """The keys (as :meth:`_place` gives them) and GeoNames ids of the rows that stand for an institution."""
        ids = {row: self._view["geonameid"][row] for row in self._stands_for}
        return frozenset(self._key_at(row) for row in ids), frozenset(ids.values()) - {0}

    def capital(self, cc: str) -> Place | None:
        """The national capital of a country ("the country's capital")."""
        row = self._capital_rows.get(cc.upper())
        return self._place(row) if row is not None else None

    @cached_property
    def _capital_rows(self) -> dict[str, int]:
        """Each country's capital: the first row marked PPLC with its country code."""
        rows: dict[str, int] = {}
        for row in np.flatnonzero(self._a["feature_code"] == "PPLC").tolist():
            rows.setdefault(str(self._a["country_code"][row]), row)
        return rows

    def nearest(self, lat: float, lon: float, k: int = 1, feature_class: str | None = "P") -> list[tuple[Place, float]]:
        """The ``k`` entries closest to a point (populated places by default), with their distance in km.

        Entries placed at their unit's centre are left out: their point is not where they are."""
        km = distance_km(lat, lon, self._a["lat"], self._a["lon"])
        km = np.where(self._a["approximation"] == 0, km, np.inf)
        if feature_class is not None:
            km = np.where(self._a["feature_class"] == feature_class, km, np.inf)
        rows = np.argsort(km)[:k] if k > 1 else [int(np.argmin(km))]
        return [(self._place(int(r)), float(km[r])) for r in rows if np.isfinite(km[r])]

    def capital_of(self, place: Place) -> str | None:
        return place.country_code if place.feature_code == "PPLC" else None

    # -- internals ------------------------------------------------------------------------
    def _slot(self, norm: str) -> int | None:
        if not norm:
            return None
        h = index.name_hash(norm)
        i = bisect_left(self._hashes, h)
        while i < len(self._hashes) and self._hashes[i] == h:
            if self._norm_at(i) == norm:
                return i
            i += 1
        return None

    def _norm_at(self, i: int) -> str:
        lo, hi = self._view["norm_offsets"][i], self._view["norm_offsets"][i + 1]
        return bytes(self._view["norm_blob"][lo:hi]).decode("utf-8")

    def _find_key(self, key: str) -> Place | None:
        row = self._row_for_key(key)
        return self._place(row) if row is not None else None

    def _row_for_key(self, key: str) -> int | None:
        if key.startswith("gn:"):
            hits = np.flatnonzero(self._a["geonameid"] == int(key[3:]))
            return int(hits[0]) if len(hits) else None
        # other keys ("cur:kremlin", "katottg:UA14...") are one blob: find the one that is a whole record
        blob, offsets, wanted = self._key_blob, self._view["key_offsets"], key.encode("utf-8")
        start = blob.find(wanted)
        while start >= 0:
            row = bisect_left(offsets, start)
            if row < len(offsets) - 1 and offsets[row] == start and offsets[row + 1] - start == len(wanted):
                return row
            start = blob.find(wanted, start + 1)
        return None

    @cached_property
    def _key_blob(self) -> bytes:
        return self._a["key_blob"].tobytes()

    def _key_at(self, row: int) -> str:
        lo, hi = self._view["key_offsets"][row], self._view["key_offsets"][row + 1]
        return bytes(self._view["key_blob"][lo:hi]).decode("utf-8") if hi > lo else f"gn:{self._view['geonameid'][row]}"

    def _place(self, row: int) -> Place:
        place = self._places.get(row)
        if place is None:
            a, v = self._a, self._view  # .item(): the Python str at once, without a NumPy scalar between
            lo, hi = v["display_offsets"][row], v["display_offsets"][row + 1]
            gid = v["geonameid"][row]
            source = index._SOURCES[v["source"][row]]
            place = Place(
                key=self._key_at(row),
                name=bytes(v["display_blob"][lo:hi]).decode("utf-8"),
                lat=v["lat"][row],
                lon=v["lon"][row],
                country_code=a["country_code"].item(row) or None,
                admin1=a["admin1"].item(row) or None,
                feature_class=a["feature_class"].item(row),
                feature_code=a["feature_code"].item(row),
                population=v["population"][row],
                geonameid=gid or None,
                precision=GeoPrecision(v["precision"][row]),
                source=source,
                approximation=self._approximations[v["approximation"][row]] or None,
            )
            self._places[row] = place
            self._rows[place.key] = row
        return place

    def _row_of(self, place: Place) -> int | None:
        row = self._rows.get(place.key)
        if row is not None or place.source == "user":
            return row
        if place.geonameid:
            hits = np.flatnonzero(self._a["geonameid"] == place.geonameid)
            return int(hits[0]) if len(hits) else None
        return self._row_for_key(place.key)

    def _add_user_rows(self, path: Path) -> None:
        for row in sources.read_curated_places(path, source="user"):
            place = Place(
                key=row.key, name=row.name, lat=row.lat, lon=row.lon, country_code=row.country_code or None,
                admin1=row.admin1 or None, feature_class=row.feature_class, feature_code=row.feature_code,
                population=row.population, geonameid=row.geonameid or None,
                precision=GeoPrecision(row.precision), source="user",
            )
            for name in row.names:
                norm = normalize_name(name)
                self._user.setdefault(norm, []).append(place)
                if row.stands_for:
                    self._user_stands_for[norm] = row.stands_for


@lru_cache(maxsize=8)
def _cached(extra: tuple[str, ...], dump_files: tuple[Path, ...]) -> Gazetteer:
    return Gazetteer(index.ensure_index(dump_files), extra)


def load_gazetteer(extra: Sequence[str | Path] = ()) -> Gazetteer:
    """The default gazetteer (one per process and set of extra files), building its index on first use.

    ``extra`` files are curated-column CSV rows, read on each load, or GeoNames dumps (``.txt``/``.zip``),
    indexed once with the bundled data, as are the dumps ``geomap gazetteer add`` recorded."""
    csv_rows = tuple(str(p) for p in extra if not dumps.is_dump(p))
    dump_files = [*dumps.added_dumps(), *(Path(p).resolve() for p in extra if dumps.is_dump(p))]
    return _cached(csv_rows, tuple(dict.fromkeys(dump_files)))
