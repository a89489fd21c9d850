"""Words of attack that report no attack: an explosion by accident, a heading, a strike by workers, talk of
what attacks tend to be. Each case is told apart from the attack written with the same word."""

from __future__ import annotations

import pytest

from geomap.events.extract import classify


def _kinds(text: str) -> set[tuple[str, str]]:
    return {(f.event_type, f.sub_event_type) for f in classify(text) if f.event_type != "statement"}


@pytest.mark.parametrize(("text", "reported"), [
    ("A gas explosion tore through a bakery in Harbourton overnight.", set()),
    ("A gas cylinder blast wrecked two flats on the ground floor.", set()),
    ("The mine went off prematurely as the two fighters were laying it.", set()),
    ("Two accidental explosions at the depot killed five soldiers.", {("strike", "killing")}),  # a death, no attack
    ("The device detonated accidentally, killing the men who carried it.", {("strike", "killing")}),
    ("A car bomb exploded outside the gas company's office.", {("strike", "bombing")}),
    ("Rebels detonated a roadside bomb as the convoy passed.", {("strike", "bombing")}),
])
def test_an_explosion_by_accident_is_no_attack(text, reported):
    assert _kinds(text) == reported


@pytest.mark.parametrize(("text", "reported"), [
    ("== The bombing ==", set()),
    ("==Attacks==", set()),
    ("The shelling", set()),
    ("Explosions in Harbourton", {("strike", "bombing")}),  # a headline that says where
    ("Blast kills five", {("strike", "bombing")}),
])
def test_a_heading_names_the_event_its_section_tells_without_reporting_one(text, reported):
    assert _kinds(text) == reported


@pytest.mark.parametrize(("text", "reported"), [
    ("After a 24-hour strike by transport unions, buses ran again in Harbourton.", {("protest", "labour_strike")}),
    ("Dockers began a one-day strike over pay on Monday.", {("protest", "labour_strike")}),
    ("The nationwide strike closed schools and banks.", {("protest", "labour_strike")}),
    ("Jets carried out a strike on the fuel depot at dawn.", {("strike", "attack")}),
])
def test_a_strike_that_lasts_hours_or_days_is_a_strike_of_workers(text, reported):
    assert _kinds(text) == reported


@pytest.mark.parametrize(("text", "reported"), [
    ("Officials warned of an imminent attack on the port.", set()),
    ("Hidden well, such a device gives no sign of an impending attack.", set()),
    ("Ambushes remain common on the mountain road, a trucker said.", set()),
    ("Villagers still remember decades of fighting in the hills.", set()),
    ("After years of fighting, the rebels shelled the town on Monday.", {("strike", "shelling")}),
    ("A girl of 12 years of age was killed by the shelling.", {("strike", "shelling")}),
    ("Gunmen attacked the port at dawn.", {("strike", "attack")}),
    ("Ambushes on the mountain road killed four drivers last week.", {("clash", "armed_clash")}),
])
def test_talk_of_what_attacks_are_or_may_be_reports_none(text, reported):
    assert _kinds(text) == reported


@pytest.mark.parametrize(("text", "reported"), [
    ("A police raid on the warehouse in Harbourton found explosives.", set()),
    ("She was detained at a flat police raided on Tuesday.", {("arrest", "arrest")}),
    ("The police station was raided by gunmen at dawn.", {("strike", "attack")}),
    ("Gunmen raided the police post overnight.", {("strike", "attack")}),
])
def test_a_raid_by_the_police_is_a_search_not_an_attack(text, reported):
    assert _kinds(text) == reported
