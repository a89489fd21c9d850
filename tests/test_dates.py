"""Dates of events as an analyst reads them: the phrase that governs each event, nights with both their days,
ranges with their last day, days counted from another day, weeks at month precision, background dates."""

from __future__ import annotations

import datetime as dt

import pytest

from geomap.events.dates import ResolvedDate, find_dates, is_background, resolve_date

WEDNESDAY = dt.date(2025, 2, 12)
TUESDAY = dt.date(2025, 2, 11)


def _at(text: str, word: str, published: dt.date = WEDNESDAY, **kw) -> ResolvedDate | None:
    return resolve_date(text, published, at=text.index(word), **kw)


def _value(found: ResolvedDate | None) -> str | None:
    return found.value if found else None


def test_each_event_takes_the_date_of_its_own_clause():
    text = "The raid on Tuesday came a day after the ceasefire talks on Monday."
    assert _value(_at(text, "raid")) == "2025-02-11"
    assert _value(_at(text, "talks")) == "2025-02-10"
    text = "Rebels shelled the market on 9 February, while on 6 February two patrols clashed."
    assert _value(_at(text, "shelled")) == "2025-02-09"
    assert _value(_at(text, "clashed")) == "2025-02-06"
    text = "Troops entered the village on Monday and seized the bridge two days later."
    assert _value(_at(text, "entered")) == "2025-02-10"
    assert _value(_at(text, "seized")) == "2025-02-12"


def test_what_follows_a_day_after_is_the_day_before():
    text = "The bombardment came a day after militia fighters overran a checkpoint."
    assert _at(text, "bombardment") is None  # no date of its own: the caller's (the report's) date
    assert _value(_at(text, "overran")) == "2025-02-11"
    # counted from the day the previous sentence gave
    assert _value(_at(text, "overran", anchor=dt.date(2025, 2, 9))) == "2025-02-08"
    text = "Police arrested the mayor on Sunday, two days after protesters stormed the town hall."
    assert _value(_at(text, "stormed")) == "2025-02-07"
    text = "The truce collapsed a day after the talks on Monday."
    found = _at(text, "collapsed")
    assert found is not None and (found.value, found.text) == ("2025-02-11", "a day after the talks on Monday")
    # the sentence's main date, without a trigger, is not the one "a day after" gives
    assert resolve_date("The bombardment came a day after militia fighters overran a checkpoint.", WEDNESDAY) is None


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("A day earlier, gunmen torched the clinic.", "2025-02-11"),
        ("Gunmen had torched the clinic the day before.", "2025-02-11"),
        ("Gunmen had torched the clinic the previous day.", "2025-02-11"),
        ("The convoy was ambushed on 3 February and the bridge was blown up two days later.", "2025-02-03"),
        ("The bridge was blown up on 3 February; the convoy was ambushed the next day.", "2025-02-03"),
    ],
)
def test_days_counted_from_another_day(text, value):
    assert _value(resolve_date(text, WEDNESDAY)) == value


def test_relative_days_count_from_the_day_named_before_them_or_the_anchor():
    found = find_dates("The depot burned on 3 February and the barracks two days later.", WEDNESDAY)
    assert [d.value for d in found] == ["2025-02-03", "2025-02-05"]
    found = find_dates("A day earlier, gunmen torched the clinic.", WEDNESDAY, anchor=dt.date(2025, 2, 8))
    assert [d.value for d in found] == ["2025-02-07"]


@pytest.mark.parametrize(
    ("text", "published", "value", "alt"),
    [
        ("Drones struck the refinery overnight, officials said.", TUESDAY, "2025-02-10", "2025-02-11"),
        ("Drones struck the refinery overnight into Sunday.", WEDNESDAY, "2025-02-08", "2025-02-09"),
        ("Drones struck the refinery on the night of 5 to 6 February.", WEDNESDAY, "2025-02-05", "2025-02-06"),
        ("Gunfire was heard on Saturday night.", WEDNESDAY, "2025-02-08", "2025-02-09"),
        ("Gunfire was heard last night.", WEDNESDAY, "2025-02-11", "2025-02-12"),
        ("Gunfire was heard on the intervening night of Thursday and Friday.", WEDNESDAY, "2025-02-06",
         "2025-02-07"),
    ],
)
def test_a_night_keeps_both_its_days(text, published, value, alt):
    found = resolve_date(text, published)
    assert found is not None and (found.value, found.alt, found.precision) == (value, alt, "day")


@pytest.mark.parametrize(
    ("text", "value", "last"),
    [
        ("Fighting raged between 25 and 30 January.", "2025-01-25", "2025-01-30"),
        ("Fighting raged from 3 to 5 February.", "2025-02-03", "2025-02-05"),
        ("Fighting raged on January 20-22, 2024.", "2024-01-20", "2024-01-22"),
        ("Fighting raged from 28 December to 2 January 2025.", "2024-12-28", "2025-01-02"),
        ("Fighting raged from Monday to Wednesday.", "2025-02-10", "2025-02-12"),
        ("Fighting raged over the weekend.", "2025-02-08", "2025-02-09"),
        ("Talks will resume this weekend.", "2025-02-15", "2025-02-16"),
    ],
)
def test_a_range_starts_on_its_first_day_and_keeps_its_last(text, value, last):
    found = resolve_date(text, WEDNESDAY)
    assert found is not None and (found.value, found.last, found.precision) == (value, last, "day")


@pytest.mark.parametrize(
    "text",
    ["Crowds gathered on Monday and Tuesday.", "On May 3 and 5 soldiers were hurt."],
)
def test_two_dates_or_a_date_and_a_count_are_no_range(text):
    assert all(d.last is None for d in find_dates(text, WEDNESDAY))


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("Kyiv said last week that it lacked shells.", "2025-02"),
        ("Protests spread this week.", "2025-02"),
        ("Protests spread earlier this week.", "2025-02"),
        ("The ministry will publish the list next week.", "2025-02"),
        ("The town fell three weeks ago.", "2025-01"),
    ],
)
def test_a_week_has_the_precision_of_its_month(text, value):
    found = resolve_date(text, WEDNESDAY)
    assert found is not None and (found.value, found.precision) == (value, "month")


@pytest.mark.parametrize(
    ("text", "published", "value"),
    [
        ("Around 14 June 2021 (as reported), militiamen burned the granary.", WEDNESDAY, "2021-06-14"),
        ("On or about 2 April, militiamen burned the granary.", WEDNESDAY, "2024-04-02"),
        ("Prices have risen sharply earlier this month.", WEDNESDAY, "2025-02"),
        ("The rebels took the valley late last year.", WEDNESDAY, "2024"),
        ("Clashes resumed in mid-March.", dt.date(2025, 4, 2), "2025-03"),
        ("Clashes resumed in early-January.", WEDNESDAY, "2025-01"),
        ("Clashes resumed last December.", WEDNESDAY, "2024-12"),
        ("The army lost ground after a failed push last summer.", WEDNESDAY, "2024"),
        ("The militia has not forgotten the October offensive.", WEDNESDAY, "2024-10"),
        # a past day in a sentence about what will be done is still past
        ("The shooting on Jan. 21 will be investigated.", WEDNESDAY, "2025-01-21"),
        ("Delegates will meet on January 15.", dt.date(2024, 12, 10), "2025-01-15"),
        ("The envoy will return to the capital on April 6.", dt.date(2019, 6, 1), "2020-04-06"),
        # a weekday in an article published that weekday is the publication day
        ("Shells hit the school on Wednesday.", WEDNESDAY, "2025-02-12"),
        ("The envoys will meet on Wednesday.", WEDNESDAY, "2025-02-12"),
        ("Shells hit the school last Wednesday.", WEDNESDAY, "2025-02-05"),
        # a year beside a day or month gives it its year
        ("The 2020 offensive began on March 9.", WEDNESDAY, "2020-03-09"),
        ("In 2016, the rebels seized the port on 7 May.", WEDNESDAY, "2016-05-07"),
        ("The rebels seized the port on 7 May last year.", WEDNESDAY, "2024-05-07"),
    ],
)
def test_calendar_expressions(text, published, value):
    assert _value(resolve_date(text, published)) == value


def test_the_date_of_a_clause_of_its_own_does_not_date_the_main_one():
    text = "Rebels hold a third of the province, including the capital, which they stormed in 2019."
    assert _at(text, "hold") is None
    assert _value(_at(text, "stormed")) == "2019"
    text = "The war began three years ago, and the army now holds a quarter of the country."
    assert _value(_at(text, "holds")) == "2025-02-12"
    assert _value(_at(text, "began")) == "2022"
    # an opening date governs the whole sentence
    text = "On Monday, drones hit a depot near the border, injuring two guards."
    assert _value(_at(text, "injuring")) == "2025-02-10"
    text = "Last week, on the night of Thursday and Friday, commandos raided the camp."
    found = _at(text, "raided")
    assert found is not None and (found.value, found.alt) == ("2025-02-06", "2025-02-07")


def test_now_dates_only_its_own_clause():
    assert resolve_date("The army now holds the ridge it lost on Monday.", WEDNESDAY).value == "2025-02-10"
    assert find_dates("Rebels now hold the ridge.", WEDNESDAY) == []


@pytest.mark.parametrize(
    ("text", "background"),
    [
        ("It was the heaviest barrage since the night of Dec. 27.", True),
        ("Militants raided the post on 1 February.", True),
        ("Militants raided the post on 8 February.", False),
        ("Militants raided the post in January.", True),
        ("Militants raided the post earlier this month.", False),
        ("Militants raided the post last year.", True),
        ("Militants raided the post in 2014.", True),
        ("Militants raided the post last week.", False),  # the week is of this month
        ("Fighting raged from 25 January to 9 February.", False),  # it lasted into the news window
    ],
)
def test_background_dates_lie_before_the_news_window(text, background):
    found = resolve_date(text, WEDNESDAY)
    assert found is not None and is_background(found, WEDNESDAY) is background


def test_no_background_without_a_publication_date():
    found = resolve_date("Militants raided the post on 3 March 2019.", None)
    assert found is not None and not is_background(found, None)


def test_the_phrase_and_its_offsets_are_kept():
    text = "Officials said drones hit Odesa overnight into Friday."
    found = resolve_date(text, WEDNESDAY)
    assert found is not None and found.text == "overnight into Friday"
    assert text[found.start : found.end] == found.text


@pytest.mark.parametrize("published", [dt.date.min, dt.date(1, 1, 2), dt.date(9999, 12, 30), dt.date.max])
@pytest.mark.parametrize("phrase", ["overnight", "overnight into Monday", "on the night of 1 January", "last night",
                                    "tonight", "two days later", "a week earlier", "the day before",
                                    "over the weekend", "next weekend", "on Sunday night", "31 December night",
                                    "the night of 31 December to 1 January", "from 30 to 31 December"])
def test_relative_days_at_the_edges_of_the_calendar_are_dropped_not_raised(phrase, published):
    text = f"Drones struck the port {phrase}, a day after the talks."
    for found in [*find_dates(text, published), resolve_date(text, published, at=len(text) - 7)]:
        if found is not None:
            for value in (found.value, found.alt, found.last):
                assert value is None or dt.date.fromisoformat((value + "-01-01")[:10])


def test_overnight_after_a_night_told_before_is_that_night():
    import geomap
    from geomap.model import Document

    text = ("Russia fired drones at Ukraine overnight into Thursday, officials said. "
            "The air force said Russia launched 90 drones into the country overnight, of which 70 were downed.")
    doc = Document(id="t", text=text, published=dt.date(2025, 10, 9))
    dates = {e.date for e in geomap.extract_events(doc, geomap.find_places(doc)) if e.event_type == "strike"}
    assert dates == {"2025-10-08"}
