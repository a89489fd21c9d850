"""The GeoPackage layout of the event store (:mod:`geomap.store`): its tables, and events as their rows."""

from __future__ import annotations

import json
import struct

import shapely
from shapely.geometry import Point

from geomap.model import EVENT_FIELDS, Event

SCHEMA_VERSION = 1
GPKG_APPLICATION_ID = 0x47504B47  # "GPKG"
GPKG_USER_VERSION = 10400  # GeoPackage 1.4
WGS84_WKT = (
    'GEOGCS["WGS 84",DATUM["WGS_1984",SPHEROID["WGS 84",6378137,298.257223563,AUTHORITY["EPSG","7030"]],'
    'AUTHORITY["EPSG","6326"]],PRIMEM["Greenwich",0,AUTHORITY["EPSG","8901"]],'
    'UNIT["degree",0.0174532925199433,AUTHORITY["EPSG","9122"]],AUTHORITY["EPSG","4326"]]'
)
SQL_TYPES = {"planned": "BOOLEAN", "geonameid": "INTEGER", "geo_precision": "INTEGER", "latitude": "REAL",
             "longitude": "REAL", "confidence": "REAL"}  # every other field is TEXT (nested ones as JSON)
_NESTED = ("actors", "instruments", "quantities", "sources")
NOW = "strftime('%Y-%m-%dT%H:%M:%fZ','now')"  # the timestamp format GeoPackage requires

# date_start/date_end: the first and last day a date of any precision covers, for date filters in GIS tools
SCHEMA = f"""
CREATE TABLE gpkg_spatial_ref_sys (
  srs_name TEXT NOT NULL, srs_id INTEGER PRIMARY KEY, organization TEXT NOT NULL,
  organization_coordsys_id INTEGER NOT NULL, definition TEXT NOT NULL, description TEXT);
CREATE TABLE gpkg_contents (
  table_name TEXT NOT NULL PRIMARY KEY, data_type TEXT NOT NULL, identifier TEXT UNIQUE, description TEXT DEFAULT '',
  last_change DATETIME NOT NULL DEFAULT ({NOW}), min_x DOUBLE, min_y DOUBLE, max_x DOUBLE, max_y DOUBLE,
  srs_id INTEGER, CONSTRAINT fk_gc_r_srs_id FOREIGN KEY (srs_id) REFERENCES gpkg_spatial_ref_sys(srs_id));
CREATE TABLE gpkg_geometry_columns (
  table_name TEXT NOT NULL, column_name TEXT NOT NULL, geometry_type_name TEXT NOT NULL, srs_id INTEGER NOT NULL,
  z TINYINT NOT NULL, m TINYINT NOT NULL, CONSTRAINT pk_geom_cols PRIMARY KEY (table_name, column_name),
  CONSTRAINT fk_gc_tn FOREIGN KEY (table_name) REFERENCES gpkg_contents(table_name),
  CONSTRAINT fk_gc_srs FOREIGN KEY (srs_id) REFERENCES gpkg_spatial_ref_sys (srs_id));
CREATE TABLE events (
  fid INTEGER PRIMARY KEY AUTOINCREMENT, geom POINT,
  {", ".join(f"{name} {SQL_TYPES.get(name, 'TEXT')}" for name in EVENT_FIELDS)},
  date_start TEXT, date_end TEXT, record TEXT NOT NULL, updated_at DATETIME NOT NULL, UNIQUE (id));
CREATE INDEX events_type ON events (event_type, date);
CREATE TABLE documents (
  fid INTEGER PRIMARY KEY AUTOINCREMENT, doc_id TEXT NOT NULL UNIQUE, text_sha1 TEXT NOT NULL, path TEXT,
  title TEXT, url TEXT, published DATE, ingested_at DATETIME NOT NULL, reports INTEGER NOT NULL);
CREATE INDEX documents_text ON documents (text_sha1);
CREATE TABLE reports (
  fid INTEGER PRIMARY KEY AUTOINCREMENT, report_id TEXT NOT NULL, event_id TEXT NOT NULL REFERENCES events (id),
  doc_id TEXT NOT NULL REFERENCES documents (doc_id), record TEXT NOT NULL);
CREATE INDEX reports_event ON reports (event_id);
CREATE TABLE geomap_store (key TEXT PRIMARY KEY, value TEXT);
INSERT INTO gpkg_spatial_ref_sys VALUES
  ('Undefined cartesian SRS', -1, 'NONE', -1, 'undefined', 'undefined cartesian coordinate reference system'),
  ('Undefined geographic SRS', 0, 'NONE', 0, 'undefined', 'undefined geographic coordinate reference system'),
  ('WGS 84 geodetic', 4326, 'EPSG', 4326, '{WGS84_WKT}', 'longitude/latitude in decimal degrees, WGS 84');
INSERT INTO gpkg_contents (table_name, data_type, identifier, description, srs_id)
  VALUES ('events', 'features', 'events', 'geomap events: one row per real-world event', 4326),
         ('documents', 'attributes', 'documents', 'documents ingested into this geomap store', NULL);
INSERT INTO gpkg_geometry_columns VALUES ('events', 'geom', 'POINT', 4326, 0, 0);
INSERT INTO geomap_store VALUES ('schema', '{SCHEMA_VERSION}');
"""


def gpkg_point(event: Event) -> bytes | None:
    """A GeoPackage binary point: the 'GP' header (version 0, little-endian, no envelope, SRS 4326) + WKB."""
    if event.place is None:
        return None
    wkb = shapely.to_wkb(Point(event.place.lon, event.place.lat), byte_order=1)
    return b"GP" + struct.pack("<BBi", 0, 0b00000001, 4326) + wkb


def column_values(event: Event) -> dict[str, object]:
    """The event's field columns: its record, with lists and objects as JSON text."""
    record = event.to_record()
    for name in _NESTED:
        record[name] = json.dumps(record[name], ensure_ascii=False)
    return record
