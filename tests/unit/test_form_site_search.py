"""The partner form's site search: the organisation typed comes first, and a town finds its sites."""

from __future__ import annotations

import pandas as pd

from graph.views.submit_form import NEW_ORGANISATION, FormChoices, pair_known

ORGANISATIONS = [
    ("care-breda", "De Hoeve Breda 20", "care"),
    ("care-haag", "De Hoeve 's-Gravenhage 56", "care"),
    ("care-venlo", "De Hoeve Venlo 32", "care"),
    ("care-psw", "Werkleercentrum PSW", "care"),
    ("lib-venlo", "Bibliotheek Venlo", "library"),
]
# Sites in the order a listing gives them: the organisation typed comes last, as it did in the atlas.
SITES = [
    *[
        (f"breda-{n}", f"De Hoeve Breda 20, locatie {n}", "care-breda", "De Hoeve Breda 20", "care", "Breda")
        for n in range(40)
    ],
    *[
        (f"haag-{n}", f"De Hoeve, locatie {n}", "care-haag", "De Hoeve 's-Gravenhage 56", "care", "'s-Gravenhage")
        for n in range(40)
    ],
    ("psw-tegelen", "Werkleercentrum PSW, Tegelen", "care-psw", "Werkleercentrum PSW", "care", "Tegelen"),
    ("venlo-1", "De Hoeve Venlo, Maasboulevard", "care-venlo", "De Hoeve Venlo 32", "care", "Venlo"),
    ("venlo-2", "De Hoeve Venlo, Blerick", "care-venlo", "De Hoeve Venlo 32", "care", "Venlo"),
    ("lib-tegelen", "Bibliotheek Tegelen", "lib-venlo", "Bibliotheek Venlo", "library", "Tegelen"),
]


def choices() -> FormChoices:
    sites = pd.DataFrame(SITES, columns=["site_id", "site", "organisation_id", "organisation", "kind", "town"])
    organisations = pd.DataFrame(ORGANISATIONS, columns=["id", "name", "kind"])
    return FormChoices(sites, organisations)


def test_the_search_offers_the_organisation_typed_first() -> None:
    """A regression test: "De Hoeve Venlo 32" offered 80 sites of other organisations named De Hoeve before its own,
    in the order of the listing."""
    for typed in ("De Hoeve Venlo 32", "Hoeve Venlo", "hoeve venlo"):
        assert list(choices().site_options(typed, "care"))[:2] == ["venlo-1", "venlo-2"], typed


def test_a_town_finds_its_sites_of_the_kind_asked() -> None:
    assert list(choices().site_options("Tegelen", "care")) == ["psw-tegelen"]
    assert list(choices().site_options("Tegelen", "library")) == ["lib-tegelen"]
    assert list(choices().site_options("venlo", "care"))[:2] == ["venlo-1", "venlo-2"]


def test_a_place_in_the_organisations_name_offers_its_sites_in_that_place_first() -> None:
    """Regression: "Utrechtse Heuvelrug" offered De Hoeve Utrechtse Heuvelrug's sites in Renswoude and Rhenen
    before its own sites in Utrechtse Heuvelrug, in the order of the listing."""
    organisations = pd.DataFrame(
        [("care-uh", "De Hoeve Utrechtse Heuvelrug 20", "care")], columns=["id", "name", "kind"]
    )
    towns = ["Renswoude", "Rhenen", "Utrechtse Heuvelrug", "Leusden", "Utrechtse Heuvelrug"]
    sites = pd.DataFrame(
        [
            (f"uh-{n}", f"De Hoeve Utrechtse Heuvelrug 20, locatie {town} {n}", "care-uh", "De Hoeve", "care", town)
            for n, town in enumerate(towns)
        ],
        columns=["site_id", "site", "organisation_id", "organisation", "kind", "town"],
    )
    offered = list(FormChoices(sites, organisations).site_options("Utrechtse Heuvelrug", "care"))
    assert offered[:2] == ["uh-2", "uh-4"]
    assert sorted(offered[2:]) == ["uh-0", "uh-1", "uh-3"]


def test_the_search_offers_a_bounded_list() -> None:
    assert len(choices().site_options("De Hoeve", "care", most=25)) == 25
    assert choices().site_options("", "care", limit=2)  # nothing typed: the first organisations, as before
    assert choices().site_options("zzzz qqqq", "care") == {}


def test_a_filler_word_typed_alone_still_finds_the_names_that_hold_it() -> None:
    """Regression: "Bibliotheek" (and "Biblio") found no library, because the search leaves filler words out of
    the names it compares; a partner typing the usual first word was steered to "new organisation"."""
    for typed in ("Bibliotheek", "biblio", "De Hoeve"):
        kind = "care" if typed == "De Hoeve" else "library"
        assert choices().site_options(typed, kind), typed
    assert list(choices().site_options("Bibliotheek", "library")) == ["lib-tegelen"]


def test_a_known_pair_is_found_from_the_choices_read_once() -> None:
    """The form asked the store for every collaborating pair on each keystroke; the pairs now come with the
    choices, which are read once per version of the data."""
    known = FormChoices(choices().sites, choices().organisations, frozenset({("lib-venlo", "care-psw")}))
    assert pair_known(known, "lib-tegelen", "psw-tegelen")
    assert not pair_known(known, "lib-tegelen", "venlo-1")
    assert not pair_known(known, "lib-tegelen", NEW_ORGANISATION) and not pair_known(known, "", "psw-tegelen")


def test_a_typo_in_the_town_still_finds_that_organisation_first() -> None:
    """Regression: "Dagbesteding Zutphn" offered Dagbesteding 's-Gravenhage first: every "Dagbesteding …" was as
    alike by the shared word, and the listing's order decided."""
    from graph.analysis.similar import search_organisations

    organisations = pd.DataFrame(
        [
            ("care-haag", "Dagbesteding 's-Gravenhage 58 (demo)", "care"),
            ("care-zutphen", "Dagbesteding Zutphen 118 (demo)", "care"),
            ("care-zwolle", "Dagbesteding Zwolle 3 (demo)", "care"),
        ],
        columns=["id", "name", "kind"],
    )
    assert list(search_organisations("Dagbesteding Zutphn", organisations, "care").id)[0] == "care-zutphen"


def test_the_sites_offered_keep_the_searchs_order_of_organisations() -> None:
    """Regression: the form listed the sites of names as alike (every "Dagbesteding …") by organisation name, so
    's-Gravenhage's came before Zutphen's, which the search had put first."""
    organisations = pd.DataFrame(
        [
            ("care-haag", "Dagbesteding 's-Gravenhage 58 (demo)", "care"),
            ("care-zutphen", "Dagbesteding Zutphen 118 (demo)", "care"),
        ],
        columns=["id", "name", "kind"],
    )
    sites = pd.DataFrame(
        [
            (
                "haag-1",
                "Dagbesteding 's-Gravenhage, locatie 1",
                "care-haag",
                "Dagbesteding 's-Gravenhage 58 (demo)",
                "care",
                "'s-Gravenhage",
            ),
            (
                "zutphen-1",
                "Dagbesteding Zutphen, locatie 1",
                "care-zutphen",
                "Dagbesteding Zutphen 118 (demo)",
                "care",
                "Zutphen",
            ),
        ],
        columns=["site_id", "site", "organisation_id", "organisation", "kind", "town"],
    )
    offered = FormChoices(sites, organisations).site_options("Dagbesteding Zutphn", "care")
    assert list(offered) == ["zutphen-1", "haag-1"]


def test_a_town_named_whole_comes_before_a_name_that_only_holds_its_letters() -> None:
    """Regression: "Doorn" offered some fifty sites in Apeldoorn and Borger-Odoorn before the one in Doorn,
    "Philadelphia Doorn" the Philadelphia of Dordrecht first, and a site in Doorn was not found by its
    municipality, Utrechtse Heuvelrug."""
    organisations = pd.DataFrame(
        [
            ("phil-dordrecht", "Stichting Philadelphia", "care"),
            ("phil-doorn", "Stichting Philadelphia", "care"),
            ("apeldoorn", "Zorggroep Apeldoorn 36", "care"),
        ],
        columns=["id", "name", "kind"],
    )
    sites = pd.DataFrame(
        [
            *[(f"apd-{n}", f"Zorggroep Apeldoorn 36, locatie {n}", "apeldoorn", "Z", "care", "Apeldoorn", "Apeldoorn")
              for n in range(20)],
            ("dordrecht", "Den Witten Haen", "phil-dordrecht", "P", "care", "Dordrecht", "Dordrecht"),
            ("doorn", "Stichting Philadelphia", "phil-doorn", "P", "care", "Doorn", "Utrechtse Heuvelrug"),
        ],
        columns=["site_id", "site", "organisation_id", "organisation", "kind", "town", "municipality"],
    )  # fmt: skip
    search = FormChoices(sites, organisations)
    assert list(search.site_options("Doorn", "care"))[0] == "doorn"
    assert list(search.site_options("Philadelphia Doorn", "care"))[:2] == ["doorn", "dordrecht"]
    assert list(search.site_options("Utrechtse Heuvelrug", "care")) == ["doorn"]


def test_a_village_typed_finds_the_sites_of_its_municipality_before_names_that_hold_its_letters() -> None:
    """Regression: "Doorn" offered only the libraries of Apeldoorn and Hellendoorn, not the library of Utrechtse
    Heuvelrug that Doorn lies in; "Den Haag" offered sixteen sites of Capelle aan den IJssel and none of
    's-Gravenhage."""
    from graph.settings import DEFAULT_REFERENCE

    organisations = pd.DataFrame(
        [
            ("apeldoorn", "Bibliotheek Apeldoorn e.o.", "library"),
            ("heuvelrug", "Bibliotheek Utrechtse Heuvelrug e.o.", "library"),
            ("capelle", "Bibliotheek Capelle aan den IJssel", "library"),
            ("haag", "Bibliotheek 's-Gravenhage e.o.", "library"),
        ],
        columns=["id", "name", "kind"],
    )
    towns = {
        "apeldoorn": "Apeldoorn",
        "heuvelrug": "Utrechtse Heuvelrug",
        "capelle": "Capelle aan den IJssel",
        "haag": "'s-Gravenhage",
    }
    sites = pd.DataFrame(
        [(f"{key}-site", f"locatie {town}", key, key, "library", town, town) for key, town in towns.items()],
        columns=["site_id", "site", "organisation_id", "organisation", "kind", "town", "municipality"],
    )  # fmt: skip
    search = FormChoices(sites, organisations, reference=DEFAULT_REFERENCE)
    assert list(search.site_options("Doorn", "library"))[0] == "heuvelrug-site"
    assert list(search.site_options("Den Haag", "library"))[0] == "haag-site"
    assert list(search.site_options("Philadelphia Doorn", "library"))[0] == "heuvelrug-site"
    # without reference data the search still works, by names and towns alone
    assert list(FormChoices(sites, organisations).site_options("Doorn", "library"))[0] == "apeldoorn-site"


def test_a_likely_duplicate_in_the_town_typed_comes_first() -> None:
    """Regression: "Lijkt op" listed two organisations of one name in their order of the listing, and cut to
    one it could name the one in another town than the partner's."""
    organisations = pd.DataFrame(
        [("twin-breda", "Stichting Tweeling", "care"), ("twin-venlo", "Stichting Tweeling", "care")],
        columns=["id", "name", "kind"],
    ).assign(shown=["Stichting Tweeling (Breda)", "Stichting Tweeling (Venlo)"])
    sites = pd.DataFrame(
        [
            ("breda-s", "Tweeling Breda", "twin-breda", "Stichting Tweeling", "care", "Breda"),
            ("venlo-s", "Tweeling Venlo", "twin-venlo", "Stichting Tweeling", "care", "Venlo"),
        ],
        columns=["site_id", "site", "organisation_id", "organisation", "kind", "town"],
    )
    form = FormChoices(sites, organisations)
    assert form.likely_duplicates("Stichting Tweeling", "care", limit=1) == ["Stichting Tweeling (Breda)"]
    assert form.likely_duplicates("Stichting Tweeling", "care", "venlo", limit=1) == ["Stichting Tweeling (Venlo)"]
    assert form.likely_duplicates("Stichting Tweeling", "care", "Venlo") == [
        "Stichting Tweeling (Venlo)",
        "Stichting Tweeling (Breda)",
    ]
