"""An answer on *Vragen* says its codes in words of the reader's language, as a reader of that page expects."""

from __future__ import annotations

import pandas as pd

from graph.model.language import Lang
from graph.store.labels import Labels
from graph.views.answer_words import in_words


def labels(lang: Lang) -> Labels:
    dutch = lang == Lang.NL
    return Labels(
        lang,
        activities={"werk": "Werk" if dutch else "Work", "koffiecorner": "Koffiecorner" if dutch else "Coffee corner"},
        provinces={"PV31": "Limburg"},
    )


ANSWER = pd.DataFrame(
    {
        "collaboration_id": ["c1", "c2"],
        "status": ["active", "exploring"],
        "kind": ["library", "care"],
        "activities": ["werk;koffiecorner", None],
        "measure": ["collaborations_active", "sites"],
        "covered": [True, False],
        "level": ["municipality", "province"],
        "province_code": ["PV31", "PV31"],
        "participants": [6, 0],
    }
)


def test_codes_are_said_in_dutch_on_a_dutch_page() -> None:
    """Regression: *Vragen* showed ``active``, ``library``, ``True``, ``werk;koffiecorner`` and, in a listing
    of more than 60,000 cells, PV31 on a Dutch page."""
    shown = in_words(ANSWER, labels(Lang.NL))
    assert shown.to_dict("list") == {
        "status": ["Actief", "Verkennend"],
        "kind": ["Bibliotheek", "Zorgorganisatie"],
        "activities": ["Koffiecorner, Werk", ""],
        "measure": ["Samenwerkingen: actief", "Locaties"],
        "covered": ["ja", "nee"],
        "level": ["Gemeente", "Provincie"],
        "province_code": ["Limburg", "Limburg"],
        "participants": [6, 0],
        "collaboration_id": ["c1", "c2"],
    }
    assert list(ANSWER.status) == ["active", "exploring"]  # the answer itself keeps its codes (the map reads them)


def test_codes_are_said_in_english_on_an_english_page() -> None:
    shown = in_words(ANSWER, labels(Lang.EN))
    assert list(shown.status) == ["Active", "Exploring"]
    assert list(shown.activities) == ["Coffee corner, Work", ""]
    assert list(shown.covered) == ["yes", "no"] and list(shown.level) == ["Municipality", "Province"]


def test_activities_come_in_the_same_order_whatever_order_the_engine_joined_them_in() -> None:
    one = in_words(pd.DataFrame({"activities": ["werk;koffiecorner"]}), labels(Lang.NL))
    other = in_words(pd.DataFrame({"activities": ["koffiecorner;werk"]}), labels(Lang.NL))
    assert list(one.activities) == list(other.activities) == ["Koffiecorner, Werk"]


def test_a_province_name_column_makes_the_code_column_go() -> None:
    shown = in_words(pd.DataFrame({"province_code": ["PV31"], "province": ["Limburg"]}), labels(Lang.NL))
    assert list(shown.columns) == ["province"]


def test_a_listing_starts_with_names_and_ends_with_its_ids() -> None:
    """Regression: *Alle samenwerkingen* opened with collaboration_id and library_org_id before any name."""
    answer = pd.DataFrame({"collaboration_id": ["c1"], "library_org_id": ["o1"], "library": ["Bibliotheek Venlo"]})
    shown = in_words(answer, labels(Lang.NL))
    assert list(shown.columns) == ["library", "collaboration_id", "library_org_id"]
    assert list(shown.iloc[0]) == ["Bibliotheek Venlo", "c1", "o1"]


def test_an_activity_is_named_once_in_the_readers_language() -> None:
    """Regression: *Samenwerkingen per activiteit* opened with a column "Code activiteit" holding the Dutch
    names, then the same names under "Activiteit", then the English ones."""
    answer = pd.DataFrame(
        {"activity_code": ["werk"], "activity_nl": ["Werk"], "activity_en": ["Work"], "collaborations": [3]}
    )
    assert in_words(answer, labels(Lang.NL)).to_dict("list") == {"activity_code": ["Werk"], "collaborations": [3]}
    assert in_words(answer, labels(Lang.EN)).to_dict("list") == {"activity_code": ["Work"], "collaborations": [3]}


def test_a_count_called_covered_stays_a_count() -> None:
    """Regression: Vragen's "Dekking per provincie" said "nee" for every province under "Gedekt", which counts the
    covered municipalities (5, 8, …): the column was taken for the yes-or-no of the per-municipality answer."""
    per_province = pd.DataFrame({"province_code": ["PV20", "PV21"], "covered": [5, 0]})
    assert list(in_words(per_province, labels(Lang.NL)).covered) == [5, 0]


def test_an_answers_own_province_name_is_the_readers_label() -> None:
    """Regression: English Vragen tables named provinces as the store does, in Dutch ("Fryslân", "Noord-Holland"),
    where every other English page says "Friesland" and "North Holland"."""
    answer = pd.DataFrame({"province_code": ["PV21", "PV99", ""], "province": ["Fryslân", "Elders", "(onbekend)"]})
    shown = in_words(answer, Labels(Lang.EN, provinces={"PV21": "Friesland"}))
    assert list(shown.province) == ["Friesland", "Elders", "(onbekend)"] and "province_code" not in shown
