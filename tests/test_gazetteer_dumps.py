"""GeoNames' own dump files, as a user downloads them, extend the gazetteer once and for every command.

The fixtures are small files in the real formats, written here: a country's main table zipped with its
readme, admin2Codes.txt and a postal-code file. The places in them are invented, so that only the dump can
know them.
"""

from __future__ import annotations

import logging
import zipfile
from pathlib import Path

import pytest
from typer.testing import CliRunner

from geomap import OfflineGeocoder, load_gazetteer
from geomap.cli import app
from geomap.gazetteer import index
from geomap.gazetteer.dumps import ADMIN2_CODES, MAIN, POSTAL, DumpError, dump_kind, dump_rows
from geomap.gazetteer.spatial import distance_km
from geomap.model import GeoPrecision

pytestmark = pytest.mark.slow  # the first test here builds an index with the dumps (about 20 s)


def _main_line(gid: int, name: str, alternates: str, lat: float, lon: float, fclass: str, fcode: str,
               cc: str, admin1: str, admin2: str = "", population: int = 0) -> str:
    cols = [str(gid), name, name, alternates, f"{lat}", f"{lon}", fclass, fcode, cc, "", admin1, admin2, "", "",
            str(population), "", "150", "Europe/Kyiv", "2026-11-30"]
    assert len(cols) == 19
    return "\t".join(cols)


MAIN_LINES = [
    _main_line(990000001, "Zorvanka", "Zorvanca,Зорванка", 48.11, 37.02, "P", "PPL", "UA", "05", "1499"),
    _main_line(990000002, "Velyki Hrushky", "", 48.16, 37.09, "P", "PPL", "UA", "05", "1499", 1200),
    _main_line(990000003, "Mala Hrushka", "", 48.06, 37.15, "P", "PPL", "UA", "05", "1499"),
    _main_line(990000004, "Hrushkove Ozero", "", 48.2, 37.2, "H", "LK", "UA", "05", "1499"),  # a lake: not kept
    _main_line(703448, "Kyiv", "Kiev", 50.45466, 30.5238, "P", "PPLC", "UA", "12", "", 2952301),  # bundled already
    "990000009\tBroken line\twith too few columns",
]
ADMIN2_LINES = ["UA.05.1499\tHrushkivskyi Raion\tHrushkivskyi Raion\t990000100"]
POSTAL_LINES = [
    "DE\t99001\tQuellbrunn\tThüringen\tTH\t\t\t\t\t50.90\t11.00\t4",
    "DE\t99002\tQuellbrunn\tThüringen\tTH\t\t\t\t\t50.92\t11.04\t4",
    "UA\t01001\tKyiv\tKyiv\t30\t\t\t\t\t50.4501\t30.5234\t4",  # the capital, bundled already
]


def _zip(path: Path, member: str, lines: list[str]) -> Path:
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("readme.txt", "GeoNames extract written by the test\n")
        archive.writestr(member, "\n".join(lines) + "\n")
    return path


@pytest.fixture(scope="module", autouse=True)
def private_cache(tmp_path_factory) -> Path:
    """A cache directory of this module's own, so that its indexes with test dumps go with it; the index of
    the bundled data alone, already built in the user's cache, is shared rather than built again."""
    bundled = index.ensure_index()
    cache = tmp_path_factory.mktemp("cache")
    (cache / bundled.name).symlink_to(bundled, target_is_directory=True)
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("GEOMAP_CACHE_DIR", str(cache))
        yield cache


@pytest.fixture(scope="module")
def dump_dir(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("geonames")
    _zip(folder / "UA.zip", "UA.txt", MAIN_LINES)
    (folder / "admin2Codes.txt").write_text("\n".join(ADMIN2_LINES) + "\n", "utf-8")
    postal = folder / "postal"
    postal.mkdir()
    _zip(postal / "DE.zip", "DE.txt", POSTAL_LINES)
    return folder


@pytest.fixture(scope="module")
def dump_files(dump_dir) -> list[Path]:
    return [dump_dir / "UA.zip", dump_dir / "admin2Codes.txt", dump_dir / "postal" / "DE.zip"]


def test_each_format_is_known_by_its_columns(dump_dir, dump_files, tmp_path):
    assert [dump_kind(p) for p in dump_files] == [MAIN, ADMIN2_CODES, POSTAL]
    wrong = tmp_path / "notes.txt"
    wrong.write_text("some notes, not a table\n", "utf-8")
    with pytest.raises(DumpError, match="not a GeoNames dump"):
        dump_kind(wrong)
    (tmp_path / "fake.zip").write_bytes(b"not a zip at all")
    with pytest.raises(DumpError, match="not a zip"):
        dump_kind(tmp_path / "fake.zip")


def test_a_dump_given_with_gazetteer_adds_its_places_and_keeps_the_rest(dump_files, caplog):
    with caplog.at_level(logging.WARNING):
        gaz = load_gazetteer(extra=dump_files)
    village = gaz.candidates("Zorvanka")
    assert len(village) == 1 and (village[0].lat, village[0].lon) == (48.11, 37.02)
    assert gaz.candidates("Zorvanca") == village  # its alternate name
    assert gaz.candidates("Hrushkove Ozero") == []  # a lake is not a place news locates events at
    assert [p.name for p in gaz.candidates("Kyiv")].count("Kyiv") == sum(
        1 for p in load_gazetteer().candidates("Kyiv") if p.name == "Kyiv")  # no second capital
    assert OfflineGeocoder(gazetteer=gaz).geocode("Paris").raw["country_code"] == "FR"


def test_an_admin2_unit_is_placed_among_its_places_from_the_dump(dump_files):
    unit = load_gazetteer(extra=dump_files).candidates("Hrushkivskyi Raion")
    assert len(unit) == 1 and unit[0].precision == GeoPrecision.REGION and unit[0].feature_code == "ADM2"
    assert distance_km(unit[0].lat, unit[0].lon, 48.11, 37.09) < 15


def test_postal_codes_of_one_place_make_one_entry_and_known_towns_are_not_repeated(dump_files):
    gaz = load_gazetteer(extra=dump_files)
    found = gaz.candidates("Quellbrunn")
    assert len(found) == 1 and abs(found[0].lat - 50.91) < 0.001 and found[0].country_code == "DE"
    assert not [p for p in gaz.candidates("Kyiv") if p.key.startswith("postal:")]


def test_bad_lines_are_skipped_and_counted(dump_dir, caplog):
    with caplog.at_level(logging.WARNING, logger="geomap.gazetteer.dumps"):
        rows = list(dump_rows([dump_dir / "UA.zip"], known=[]))
    assert {r.name for r in rows} == {"Zorvanka", "Velyki Hrushky", "Mala Hrushka", "Kyiv"}
    assert any("1 lines without the 19 columns" in r.getMessage() for r in caplog.records)


def test_gazetteer_add_records_the_dump_for_every_later_command(dump_files):
    runner = CliRunner()
    added = runner.invoke(app, ["gazetteer", "add", *map(str, dump_files)])
    assert added.exit_code == 0, added.output
    assert "GeoNames postal codes file" in added.output
    listed = runner.invoke(app, ["gazetteer", "list"])
    assert listed.output.split() == [str(p.resolve()) for p in dump_files]
    found = runner.invoke(app, ["geocode", "Zorvanka"])
    assert found.exit_code == 0 and "48.1100" in found.output
    removed = runner.invoke(app, ["gazetteer", "remove", *map(str, dump_files)])
    assert removed.exit_code == 0 and runner.invoke(app, ["gazetteer", "list"]).output == ""
    assert runner.invoke(app, ["geocode", "Zorvanka"]).exit_code == 1


def test_a_file_that_is_not_a_dump_is_refused_before_any_work(tmp_path):
    wrong = tmp_path / "places.txt"
    wrong.write_text("Zorvanka;48.1;37.0\n", "utf-8")
    for args in (["gazetteer", "add", str(wrong)], ["geocode", "Zorvanka", "--gazetteer", str(wrong)],
                 ["geocode", "Zorvanka", "--gazetteer", str(tmp_path / "missing.zip")]):
        result = CliRunner().invoke(app, args)
        said = " ".join(result.output.replace("│", " ").split())  # the error panel wraps long paths
        assert result.exit_code == 2 and ("not a GeoNames dump" in said or "no such file" in said)
