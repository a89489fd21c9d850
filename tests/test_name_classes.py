"""Classes of error seen on conflict news: group names that are also towns, compass-named zones, and framed
settlements spelt otherwise than the gazetteer. Each is checked on invented sentences about real places."""

from __future__ import annotations

from geomap import find_places


def _found(text: str) -> dict[str, list]:
    out: dict[str, list] = {}
    for m in find_places(text):
        out.setdefault(m.text, []).append(m)
    return out


# -- 1. a town's name as the name of an armed group ------------------------------------------------------------
def test_a_small_far_town_before_an_actor_noun_is_a_group_not_a_place():
    found = _found("Fano militia units seized two villages in Amhara on Sunday, residents of Ethiopia's north said.")
    (fano,) = found["Fano"]  # Fano is also a town in Italy
    assert fano.place is None and fano.role == "associative"
    assert found["Amhara"][0].place.country_code == "ET"


def test_one_stray_namesake_near_the_town_does_not_keep_it():
    # "Liberation" is also a village in France, within reach of Fano in Italy
    found = _found("Fano fighters and the Tigray People's Liberation Front fought near Woldiya in Amhara, Ethiopia.")
    assert found["Fano"][0].place is None


def test_every_mention_of_the_group_name_is_unresolved():
    found = _found("Wagner fighters were seen near Gao. Villagers in Mali said Wagner convoys left at dawn.")
    assert all(m.place is None for m in found.get("Wagner", []))
    assert found["Gao"][0].place.country_code == "ML"


def test_a_big_or_nearby_place_before_an_actor_noun_keeps_its_place():
    found = _found("Donetsk militants shelled Avdiivka and Marinka overnight.")
    donetsk = found["Donetsk"][0]
    assert donetsk.place is not None and donetsk.place.country_code == "UA"
    assert donetsk.role == "associative"  # who shelled, not where
    kharkiv = _found("Kharkiv fighters defended Vovchansk in the north.")["Kharkiv"][0]
    assert kharkiv.place is not None and kharkiv.place.country_code == "UA"


def test_an_actor_noun_after_a_country_or_demonym_changes_nothing():
    found = _found("Russian forces struck Odesa; Ukraine forces answered near Kherson.")
    assert found["Russian"][0].place.country_code == "RU"
    assert found["Odesa"][0].place.country_code == "UA"


def test_a_lone_name_before_an_actor_noun_is_left_as_it_was():
    (fano,) = _found("Fano forces clashed with the army.")["Fano"]  # nothing else to tell it from the town
    assert fano.place is not None
