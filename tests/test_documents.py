"""read_documents turns every readable input into a Document and reports every unreadable one."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from geomap import Skip, read_documents
from geomap.model import Document

SEEDS = Path(__file__).resolve().parents[1] / "seeds"
SEED_000 = "000_66570e0849951c9e.txt"
SEED_004 = "004_49cf5b9f84a1666e.txt"

RSS = """<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>Wire</title><link>https://example.org</link><description>news</description>
<item><title>Blast in Lviv</title><link>https://example.org/1</link><guid>item-1</guid>
<pubDate>Tue, 04 Mar 2025 08:00:00 GMT</pubDate>
<description>&lt;p&gt;An explosion was heard in &lt;b&gt;Lviv&lt;/b&gt; &amp;amp; nearby.&lt;/p&gt;</description></item>
<item><title>Drones over Sumy</title><link>https://example.org/2</link><guid>item-2</guid>
<pubDate>Wed, 05 Mar 2025 09:00:00 GMT</pubDate><description>Drones attacked Sumy overnight.</description></item>
</channel></rss>
"""

HTML = """<!doctype html><html><head><title>Kherson flood</title>
<meta property="article:published_time" content="2025-05-06"></head>
<body><nav>Home | World | Sport</nav><article><h1>Kherson flood</h1>
<p>Floodwaters rose across Kherson after the dam was breached, officials in the city said on Tuesday,
and residents were evacuated to higher ground.</p>
<p>Rescue teams worked through the night to reach people stranded on rooftops in the low-lying districts.</p>
</article></body></html>
"""



def _read(paths: list[str | Path]) -> tuple[list[Document], list[Skip]]:
    skips: list[Skip] = []
    docs = list(read_documents(paths, on_skip=skips.append))
    return docs, skips


def test_seed_folder_gives_one_document_per_file_with_the_date_line_as_published() -> None:
    docs, skips = _read([SEEDS])
    assert skips == []
    by_name = {Path(d.path or "").name: d for d in docs}
    assert sorted(by_name) == [SEED_000, SEED_004]
    assert by_name[SEED_000].published == dt.date(2025, 2, 12)
    assert by_name[SEED_004].published == dt.date(2025, 2, 13)


def test_date_line_is_removed_but_its_headline_stays_the_start_of_the_text() -> None:
    docs, _ = _read([SEEDS / SEED_000])
    (doc,) = docs
    assert doc.text.startswith("US says Ukraine regaining pre-2014 borders 'unrealistic'")
    assert "2025-02-12" not in doc.text.split("\n", 1)[0]
    assert doc.title.startswith("US says Ukraine regaining pre-2014 borders")
    assert "What you need to know" in doc.text


def test_ids_are_stable_across_reads_and_working_directories(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    first = [d.id for d in _read([SEEDS])[0]]
    second = [d.id for d in _read([SEEDS])[0]]
    monkeypatch.chdir(SEEDS.parent)
    relative = [d.id for d in _read(["seeds"])[0]]
    monkeypatch.chdir(tmp_path)
    elsewhere = [d.id for d in _read([SEEDS])[0]]
    assert len(set(first)) == 2
    assert first == second == relative == elsewhere


def test_a_bad_date_line_is_kept_as_text_and_published_falls_back(tmp_path: Path) -> None:
    path = tmp_path / "note.txt"
    path.write_text("date yesterday Shelling in Kharkiv\nMore text.\n", encoding="utf-8")
    docs = list(read_documents([path], published=dt.date(2025, 1, 1), on_skip=lambda s: None))
    assert [d.published for d in docs] == [dt.date(2025, 1, 1)]
    assert docs[0].text.startswith("date yesterday Shelling in Kharkiv")


@pytest.fixture()
def mixed_dir(tmp_path: Path) -> Path:
    (tmp_path / "good.txt").write_text(
        "date 2025-03-01 Shelling in Kharkiv\nRussian forces shelled Kharkiv on Saturday.\n", encoding="utf-8"
    )
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "blob.txt").write_bytes(b"\x00\x01\x02PK\x03\x04\x00\x00" * 64)
    (tmp_path / "latin.txt").write_bytes(
        "Drones struck near the Zaporizhzhia Café on Monday, officials said.\n".encode("latin-1")
    )
    records = [
        {"id": "r1", "title": "Odesa port hit", "body": "A missile hit the port of Odesa.", "published": "2025-04-02"},
        {"id": "r2", "title": "A record without any text"},
    ]
    (tmp_path / "recs.jsonl").write_text("\n".join(json.dumps(r) for r in records) + "\n", encoding="utf-8")
    listing = [{"headline": "Talks in Riyadh", "content": "Delegations met in Riyadh.",
                "date": "2025-02-18T10:00:00Z", "url": "https://example.org/a"}]
    (tmp_path / "list.json").write_text(json.dumps(listing), encoding="utf-8")
    (tmp_path / "table.csv").write_text(
        "title,text,date\nDnipro strike,A strike hit Dnipro overnight.,2025-01-05\n", encoding="utf-8"
    )
    (tmp_path / "feed.rss").write_text(RSS, encoding="utf-8")
    (tmp_path / "page.html").write_text(HTML, encoding="utf-8")
    return tmp_path


def _by_title(docs: list[Document]) -> dict[str, Document]:
    return {d.title: d for d in docs}


def test_mixed_folder_reads_plain_text_and_records(mixed_dir: Path) -> None:
    docs, _ = _read([mixed_dir])
    by_title = _by_title(docs)

    good = by_title["Shelling in Kharkiv"]
    assert good.published == dt.date(2025, 3, 1)
    assert good.text.startswith("Shelling in Kharkiv\nRussian forces shelled Kharkiv")

    latin = next(d for d in docs if Path(d.path or "").name == "latin.txt")
    assert "Zaporizhzhia Café" in latin.text
    assert "\ufffd" not in latin.text

    odesa = by_title["Odesa port hit"]
    assert (odesa.id, odesa.text, odesa.published) == ("r1", "A missile hit the port of Odesa.", dt.date(2025, 4, 2))

    riyadh = by_title["Talks in Riyadh"]
    assert riyadh.text == "Delegations met in Riyadh."
    assert riyadh.published == dt.date(2025, 2, 18)
    assert riyadh.url == "https://example.org/a"

    dnipro = by_title["Dnipro strike"]
    assert (dnipro.text, dnipro.published) == ("A strike hit Dnipro overnight.", dt.date(2025, 1, 5))


def test_rss_items_become_documents_with_title_date_link_and_plain_text(mixed_dir: Path) -> None:
    docs, _ = _read([mixed_dir / "feed.rss"])
    assert [d.title for d in docs] == ["Blast in Lviv", "Drones over Sumy"]
    lviv, sumy = docs
    assert lviv.text == "Blast in Lviv\nAn explosion was heard in Lviv & nearby."
    assert (lviv.published, lviv.url, lviv.id) == (dt.date(2025, 3, 4), "https://example.org/1", "item-1")
    assert sumy.published == dt.date(2025, 3, 5)
    assert "Drones attacked Sumy overnight." in sumy.text


def test_html_article_page_gives_its_article_text_title_and_date(mixed_dir: Path) -> None:
    docs, skips = _read([mixed_dir / "page.html"])
    assert skips == []
    (doc,) = docs
    assert doc.title == "Kherson flood"
    assert doc.published == dt.date(2025, 5, 6)
    assert "Floodwaters rose across Kherson" in doc.text
    assert "Home | World | Sport" not in doc.text


def test_bad_inputs_are_reported_with_path_and_reason_and_do_not_stop_the_run(mixed_dir: Path) -> None:
    docs, skips = _read([mixed_dir])  # must not raise
    reasons = {Path(s.path).name: s.reason for s in skips}
    assert "empty" in reasons.pop("empty.txt")
    assert "binary" in reasons.pop("blob.txt")
    assert "text" in reasons.pop("recs.jsonl#1")
    assert reasons == {}
    for skip in skips:
        assert Path(skip.path).parent == mixed_dir
        assert skip.reason.strip()
    names = {Path(d.path or "").name for d in docs}
    assert {"empty.txt", "blob.txt"}.isdisjoint(names)
    assert {"good.txt", "latin.txt", "recs.jsonl#0", "list.json#0", "table.csv#0", "feed.rss#0"} <= names
    assert sum(1 for d in docs if Path(d.path or "").name.startswith("recs.jsonl#")) == 1


def test_utf16_text_with_a_bom_is_read(tmp_path: Path) -> None:
    path = tmp_path / "utf16.txt"
    path.write_bytes("date 2025-03-01 Shelling in Kharkiv\nRussian forces shelled Kharkiv.\n".encode("utf-16"))
    docs, skips = _read([path])
    assert skips == []
    assert [(d.title, d.published) for d in docs] == [("Shelling in Kharkiv", dt.date(2025, 3, 1))]


def test_missing_path_is_reported_not_raised(tmp_path: Path) -> None:
    docs, skips = _read([tmp_path / "nope.txt", SEEDS / SEED_004])
    assert len(docs) == 1
    assert [(Path(s.path).name, s.reason) for s in skips] == [("nope.txt", "no such file or directory")]


def test_default_skip_handler_logs_a_warning(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    (tmp_path / "empty.txt").write_bytes(b"")
    with caplog.at_level("WARNING", logger="geomap.documents"):
        assert list(read_documents([tmp_path])) == []
    assert any("empty.txt" in r.getMessage() and "empty" in r.getMessage() for r in caplog.records)


def test_geomap_outputs_beside_the_news_are_not_read_again(tmp_path: Path) -> None:
    # a user keeps the map, the exports and the store in the folder of the articles, then maps it again
    import geomap

    news = tmp_path / "news"
    news.mkdir()
    (news / SEED_000).write_bytes((SEEDS / SEED_000).read_bytes())
    first = geomap.run_pipeline([news])
    from geomap.outputs.webmap import save_map

    save_map(geomap.make_map(first.events), news / "map.html")
    geomap.write(first.events, news / "events.geojson")
    geomap.write(first.events, news / "events.csv")
    docs, skips = _read([news])
    assert [Path(d.path).name for d in docs] == [SEED_000]
    reasons = {Path(s.path).name: s.reason for s in skips}
    assert set(reasons) == {"map.html", "events.geojson", "events.csv"}
    assert "map made by geomap" in reasons["map.html"]
    assert geomap.run_pipeline([news]).events == first.events


def test_an_article_page_that_mentions_geomap_is_still_news(tmp_path: Path) -> None:
    page = tmp_path / "review.html"
    page.write_text(HTML.replace("<title>", '<meta name="generator" content="WordPress 6.5"><title>geomap '),
                    encoding="utf-8")
    docs, skips = _read([page])
    assert len(docs) == 1 and not skips


def test_a_csv_of_long_articles_is_read_whole(tmp_path: Path) -> None:
    long_article = "Shelling was reported near Kherson. " * 8000  # about 290 KB in one field
    path = tmp_path / "feed.csv"
    path.write_text("id,text\nshort,Drones struck Odesa on Monday.\n"
                    f'long,"{long_article}"\nlast,A blast hit Lviv on Tuesday.\n', encoding="utf-8")
    docs, skips = _read([path])
    assert [len(d.text) for d in docs] == [len("Drones struck Odesa on Monday."), len(long_article),
                                          len("A blast hit Lviv on Tuesday.")]
    assert not skips


@pytest.mark.parametrize(("headline", "title"), [
    ("Dam talks stall in Vienna'Published March 3, 2025last updated March 4, 2025", "Dam talks stall in Vienna'"),
    ("Ferry service resumes - Updated 7 April 2025, 09:10", "Ferry service resumes"),
    ("Grain corridor reopens | Last updated: Jan. 9, 2025", "Grain corridor reopens"),
    ("Ministry published 12 new rules for exporters", "Ministry published 12 new rules for exporters"),
])
def test_a_title_ends_before_the_dateline_it_runs_into(tmp_path: Path, headline: str, title: str) -> None:
    (tmp_path / "story.txt").write_text(f"date 2025-03-03 {headline}\nThe body of the story.\n", encoding="utf-8")
    (tmp_path / "records.jsonl").write_text(json.dumps({"title": headline, "text": "The body."}) + "\n",
                                            encoding="utf-8")
    docs, _ = _read([tmp_path])
    assert [d.title for d in docs] == [title, title]
    assert headline in docs[1].text  # the text itself is left as it was written
