"""Documents in: plain text, JSON/JSONL/CSV records, HTML pages and RSS/Atom feeds.

Accepted record fields (JSON, JSONL, CSV; the first present wins):

- text: ``text``, ``body``, ``content``, ``article``, ``summary``, ``description``
- date: ``published``, ``date``, ``published_at``, ``pubdate``, ``datetime``, ``timestamp``
- title: ``title``, ``headline``, ``name``
- url: ``url``, ``link``, ``source_url``
- id: ``id``, ``doc_id``, ``uuid``, ``guid``

A document's ``path`` is its file; a record's, or a feed entry's, is its file and its position in it
(``inbox.jsonl#17``, counted from 0), as skips name them.

A ``.txt``/``.md`` file may start with ``date YYYY-MM-DD <headline...>``: the date is the publication date
and the headline, running on in the same line, stays the start of the text.

Every title ends before the dateline a scraped headline may run into ("Published <date>", "Updated <date>":
the markers and month names are in ``data/datelines.json``).

Bad input never stops a run: an empty, binary, unreadable, over-size or undecodable file, or a record
without text, is reported through ``on_skip`` (default: a logged warning) and skipped. So are geodata files
and geomap's own outputs (maps, GeoJSON, event tables) kept beside the news: read as text, they would
report every event again, with the output as its source.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import logging
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from geomap.model import GENERATOR, Document
from geomap.titles import clean_title

log = logging.getLogger(__name__)

TEXT_FIELDS = ("text", "body", "content", "article", "summary", "description")
DATE_FIELDS = ("published", "date", "published_at", "pubdate", "datetime", "timestamp")
TITLE_FIELDS = ("title", "headline", "name")
URL_FIELDS = ("url", "link", "source_url")
ID_FIELDS = ("id", "doc_id", "uuid", "guid")
_DATE_LINE = re.compile(r"\A[ \t\ufeff]*date[ \t]+(\S+)[ \t]*")
_FEED_SNIFF = re.compile(rb"<(rss|feed|rdf:RDF)[\s>]", re.IGNORECASE)
_GENERATED = re.compile(rb"<meta\s+name=[\"']generator[\"']\s+content=[\"']%s\b" % GENERATOR.encode(), re.IGNORECASE)
_GEODATA_SUFFIXES = frozenset(
    ".geojson .topojson .gpkg .gpkg-wal .gpkg-shm .gpkg-journal .parquet .geoparquet .fgb .shp .shx .dbf .prj "
    ".cpg .kml .kmz .gpx".split()
)
_EVENT_TABLE_COLUMNS = frozenset({"event_type", "latitude", "longitude"})  # geomap's and ACLED's exports


@dataclass(frozen=True, slots=True)
class Skip:
    """A file or record that could not be read, and why."""

    path: str
    reason: str


SkipHandler = Callable[[Skip], None]


def _log_skip(skip: Skip) -> None:
    log.warning("skipped %s: %s", skip.path, skip.reason)


def read_documents(
    paths: Iterable[str | Path],
    *,
    published: dt.date | None = None,
    on_skip: SkipHandler | None = None,
    max_bytes: int = 50_000_000,
) -> Iterator[Document]:
    """Yield a :class:`Document` for every readable text under ``paths`` (files or folders, recursive).

    ``published`` is the date for documents that carry none.
    """
    report = on_skip or _log_skip
    for path in _expand(paths, report):
        try:
            size = path.stat().st_size
            if size == 0:
                report(Skip(str(path), "empty file"))
                continue
            if size > max_bytes:
                report(Skip(str(path), f"file of {size:,} bytes is over the {max_bytes:,}-byte limit"))
                continue
            data = path.read_bytes()
        except OSError as exc:
            report(Skip(str(path), f"unreadable: {exc.strerror or exc}"))
            continue
        try:
            yield from _read_file(path, data, published, report)
        except Exception as exc:  # a malformed file of a known kind: report it, keep going
            report(Skip(str(path), f"could not be parsed: {type(exc).__name__}: {exc}"))


def _expand(paths: Iterable[str | Path], report: SkipHandler) -> Iterator[Path]:
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            for child in sorted(path.rglob("*")):
                rel = child.relative_to(path).parts
                if child.is_file() and not any(part.startswith(".") for part in rel):
                    yield child
        elif path.is_file():
            yield path
        else:
            report(Skip(str(path), "no such file or directory"))


def _read_file(path: Path, data: bytes, published: dt.date | None, report: SkipHandler) -> Iterator[Document]:
    suffix = path.suffix.lower()
    if suffix in _GEODATA_SUFFIXES:
        report(Skip(str(path), "geodata (a map layer or a geomap export), not news text"))
        return
    if _looks_binary(data):
        report(Skip(str(path), "binary content (not text)"))
        return
    if _GENERATED.search(data[:4096]):
        report(Skip(str(path), "a map made by geomap, not news text"))
        return
    text = decode_text(data)
    origin = str(path)
    if suffix in (".json", ".jsonl", ".ndjson"):
        records = _json_records(text, suffix != ".json")
        yield from _from_records(origin, records, published, report)
    elif suffix in (".csv", ".tsv"):
        # a whole article is one field: csv's default limit (128 KiB) would drop the file at its first long one
        csv.field_size_limit(max(csv.field_size_limit(), len(text)))
        reader = csv.DictReader(io.StringIO(text), delimiter="\t" if suffix == ".tsv" else ",")
        if _EVENT_TABLE_COLUMNS <= set(reader.fieldnames or ()):
            report(Skip(origin, "a table of located events (a geomap or ACLED export), not news texts"))
            return
        yield from _from_records(origin, reader, published, report)
    elif suffix in (".xml", ".rss", ".atom") or _FEED_SNIFF.search(data[:2048]):
        yield from _from_feed(origin, data, published, report)
    elif suffix in (".html", ".htm"):
        yield from _from_html(origin, text, published, report)
    else:
        doc = _from_plain_text(origin, text, published, report)
        if doc is not None:
            yield doc


def _looks_binary(data: bytes) -> bool:
    head = data[:8192]
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return False  # UTF-16 text: half its bytes are NULs
    if b"\x00" in head:
        return True
    controls = sum(1 for b in head if b < 9 or 13 < b < 32)
    return controls > len(head) * 0.1


def decode_text(data: bytes) -> str:
    """UTF-8 (BOM removed) when it is; else the encoding charset-normalizer finds; else cp1252."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16", errors="replace")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    try:
        from charset_normalizer import from_bytes

        best = from_bytes(data[:200_000]).best()
        if best is not None and best.encoding:
            return data.decode(best.encoding, errors="replace")
    except Exception:  # the detector is a nicety; a decode must never fail
        pass
    return data.decode("cp1252", errors="replace")


def parse_date(value: Any) -> dt.date | None:
    """A lenient date reader for metadata: ISO dates and datetimes, RFC 2822, epoch seconds."""
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, (int, float)):
        try:
            return dt.datetime.fromtimestamp(float(value), tz=dt.timezone.utc).date()
        except (OverflowError, OSError, ValueError):
            return None
    text = str(value).strip()
    try:
        return dt.date.fromisoformat(text[:10])
    except ValueError:
        pass
    from email.utils import parsedate_to_datetime

    try:
        return parsedate_to_datetime(text).date()
    except (TypeError, ValueError, IndexError):
        pass
    from dateutil import parser as date_parser

    try:
        return date_parser.parse(text, fuzzy=False).date()
    except (ValueError, OverflowError):
        return None


def _from_plain_text(origin: str, text: str, published: dt.date | None, report: SkipHandler) -> Document | None:
    date = published
    match = _DATE_LINE.match(text)
    if match:
        parsed = parse_date(match.group(1)) if re.fullmatch(r"\d{4}-\d\d-\d\d", match.group(1)) else None
        if parsed is None:
            log.warning("%s: ignored a bad date line %r", origin, match.group(1))
        else:
            date = parsed
            text = text[match.end() :]
    if not text.strip():
        report(Skip(origin, "no text"))
        return None
    first_line = text.strip().split("\n", 1)[0]
    return Document(
        id=Document.make_id(_stable(origin), text), text=text, title=_short(first_line), published=date, path=origin
    )


def _stable(origin: str) -> str:
    """The part of a path that names a document the same way from any working directory."""
    return Path(origin).name


def _short(line: str, limit: int = 160) -> str:
    line = clean_title(line)
    return line if len(line) <= limit else line[: limit - 1].rstrip() + "\u2026"


def _json_records(text: str, lines: bool) -> Iterator[Any]:
    if lines:
        for n, line in enumerate(text.splitlines(), start=1):
            if line.strip():
                try:
                    yield json.loads(line)
                except json.JSONDecodeError as exc:
                    yield _BadRecord(f"line {n}: invalid JSON ({exc.msg})")
        return
    data = json.loads(text)
    if isinstance(data, dict):
        for key in ("documents", "items", "articles", "records", "data"):
            if isinstance(data.get(key), list):
                data = data[key]
                break
    yield from data if isinstance(data, list) else [data]


@dataclass(frozen=True, slots=True)
class _BadRecord:
    reason: str


def _first(record: dict, names: tuple[str, ...]) -> Any:
    lowered = {str(k).lower(): v for k, v in record.items()}
    for name in names:
        value = lowered.get(name)
        if value not in (None, ""):
            return value
    return None


def _from_records(
    origin: str, records: Iterable[Any], published: dt.date | None, report: SkipHandler
) -> Iterator[Document]:
    n = -1
    for n, record in enumerate(records):
        where = f"{origin}#{n}"
        if isinstance(record, _BadRecord):
            report(Skip(origin, record.reason))
            continue
        if not isinstance(record, dict):
            report(Skip(where, "record is not an object"))
            continue
        text = _first(record, TEXT_FIELDS)
        if not isinstance(text, str) or not text.strip():
            report(Skip(where, "record without text"))
            continue
        rec_id = _first(record, ID_FIELDS)
        raw_date = _first(record, DATE_FIELDS)
        date = parse_date(raw_date)
        if raw_date is not None and date is None:
            log.warning("%s: ignored a bad date %r", where, raw_date)
        title = _first(record, TITLE_FIELDS)
        url = _first(record, URL_FIELDS)
        yield Document(
            id=str(rec_id) if rec_id is not None else Document.make_id(f"{_stable(origin)}#{n}", text),
            text=text,
            title=_short(str(title)) if title else _short(text.strip().split("\n", 1)[0]),
            published=date or published,
            url=str(url) if url else None,
            path=where,
        )
    if n < 0:  # "[]", a CSV with only a header: nothing to read, and the run summary must say so
        report(Skip(origin, "no records"))


def _from_html(origin: str, html: str, published: dt.date | None, report: SkipHandler) -> Iterator[Document]:
    import trafilatura

    text = trafilatura.extract(html, include_comments=False, include_tables=False)
    if not text or not text.strip():
        report(Skip(origin, "no article text found in the HTML"))
        return
    meta = trafilatura.extract_metadata(html)
    title = _short(meta.title if meta and meta.title else text.split("\n", 1)[0])
    date = parse_date(meta.date) if meta and meta.date else None
    url = meta.url if meta and meta.url else None
    yield Document(
        id=Document.make_id(_stable(origin), text), text=text, title=title, published=date or published, url=url, path=origin
    )


def _from_feed(origin: str, data: bytes, published: dt.date | None, report: SkipHandler) -> Iterator[Document]:
    import feedparser

    feed = feedparser.parse(data)
    if not feed.entries:
        report(Skip(origin, "no feed entries (not an RSS/Atom feed?)"))
        return
    for n, entry in enumerate(feed.entries):
        where = f"{origin}#{n}"
        html = ""
        if entry.get("content"):
            html = " ".join(c.get("value", "") for c in entry.content)
        html = html or entry.get("summary", "")
        text = _html_to_text(html)
        if not text:
            report(Skip(where, "feed entry without text"))
            continue
        stamp = entry.get("published_parsed") or entry.get("updated_parsed")
        date = dt.date(*stamp[:3]) if stamp else None
        title = entry.get("title", "")
        full = f"{title}\n{text}" if title else text
        yield Document(
            id=str(entry.get("id") or Document.make_id(f"{_stable(origin)}#{n}", full)),
            text=full,
            title=_short(title) if title else _short(text),
            published=date or published,
            url=entry.get("link"),
            path=where,
        )


def _html_to_text(html: str) -> str:
    """Visible text of an HTML fragment (feed summaries): tags dropped, entities decoded."""
    from html.parser import HTMLParser

    parts: list[str] = []

    class _Text(HTMLParser):
        skip = 0

        def handle_starttag(self, tag: str, attrs: Any) -> None:
            if tag in ("script", "style"):
                self.skip += 1
            elif tag in ("p", "br", "div", "li"):
                parts.append("\n")

        def handle_endtag(self, tag: str) -> None:
            if tag in ("script", "style") and self.skip:
                self.skip -= 1

        def handle_data(self, data: str) -> None:
            if not self.skip:
                parts.append(data)

    parser = _Text(convert_charrefs=True)
    parser.feed(html)
    parser.close()
    lines = (" ".join(line.split()) for line in "".join(parts).splitlines())
    return "\n".join(line for line in lines if line)
