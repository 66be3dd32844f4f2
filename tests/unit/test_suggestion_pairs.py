"""A suggested pair as the follow-up chooser names it: by its two organisations, with where and how far apart."""

from __future__ import annotations

import pandas as pd

from graph.views.organisation_names import CHOOSER_CHARACTERS, chooser_labels
from graph.views.suggestion_pairs import pair_ids, pair_keys, pair_labels

SUGGESTIONS = pd.DataFrame(
    {
        "library_org_id": ["lib-venlo", "lib-venlo"],
        "care_org_id": ["linde", "zorg-zonder-plaats"],
        "library_organisation": ["Bibliotheek Venlo", "Bibliotheek Venlo"],
        "care_organisation": ["Zorgcentrum De Linde", "Stichting Zorg"],
        "municipality": ["Venlo", None],
        "distance_km": [1.83, 12.0],
    }
)


def one_pair(**columns: object) -> tuple[str, str]:
    """The library's and the care organisation's part of one pair's label, the pair being the first suggestion
    with ``columns`` changed: "Bibliotheek Venlo", "Zorgcentrum De Linde (Venlo, 1,8 km)"."""
    (label,) = pair_labels(SUGGESTIONS.iloc[:1].assign(**columns), "nl").values()
    library, care = label.split(" × ")
    return library, care


def test_a_pair_is_named_with_its_municipality_and_distance_in_the_readers_language() -> None:
    first, second = pair_keys(SUGGESTIONS)
    assert pair_labels(SUGGESTIONS, "nl") == {
        first: "Bibliotheek Venlo × Zorgcentrum De Linde (Venlo, 1,8 km)",
        second: "Bibliotheek Venlo × Stichting Zorg (12,0 km)",  # no municipality known: the distance alone
    }
    assert pair_labels(SUGGESTIONS, "en")[first] == "Bibliotheek Venlo × Zorgcentrum De Linde (Venlo, 1.8 km)"


def test_a_pair_is_held_by_its_two_organisations_not_by_its_row() -> None:
    keys = pair_keys(SUGGESTIONS)
    assert [pair_ids(key) for key in keys] == [("lib-venlo", "linde"), ("lib-venlo", "zorg-zonder-plaats")]
    assert pair_keys(SUGGESTIONS.iloc[::-1]) == keys[::-1]  # the same pair keeps its key in another order


def test_a_pair_of_long_names_keeps_the_beginning_and_place_of_both() -> None:
    """Regression: a library's name of 150 characters filled the chooser's line, so the care organisation was cut
    to "…ertogenbosch)" and a search for its name found nothing."""
    library, care = one_pair(
        library_organisation="Bibliotheek " + "Samenwerkende Gemeenten " * 6 + "(Venlo)",
        care_organisation="Stichting Gezamenlijke Voorzieningen voor Wonen en Werken ('s-Hertogenbosch)",
    )
    label = f"{library} × {care}"
    assert library.startswith("Bibliotheek ") and library.endswith("Gemeenten (Venlo)")
    assert care.startswith("Stichting ") and care.endswith("('s-Hertogenbosch) (Venlo, 1,8 km)")
    assert len(label) <= CHOOSER_CHARACTERS and label.count("…") == 2  # each name cut once, in its own middle


def test_a_pair_label_cuts_each_name_once_and_keeps_the_one_that_fits() -> None:
    """Regression: every name was cut at 48 characters and the pair's label then again at 100, so an ordinary pair
    read "Zorggroep … den Rijn 96" and typing "Alphen" did not find it."""
    library, care = one_pair(
        library_organisation="Bibliotheek Alphen aan den Rijn en Kaag en Braassem en Nieuwkoop en Bodegraven-Reeuwijk",
        care_organisation="Zorggroep Alphen aan den Rijn 96",
        municipality="Alphen aan den Rijn",
        distance_km=12.34,
    )
    label = f"{library} × {care}"
    assert library.startswith("Bibliotheek Alphen") and library.endswith("Bodegraven-Reeuwijk") and "…" in library
    assert care == "Zorggroep Alphen aan den Rijn 96 (Alphen aan den Rijn, 12,3 km)"
    assert chooser_labels({"pair": label}) == {"pair": label}  # and the chooser does not cut it again


def test_a_pair_of_ordinary_names_with_its_place_is_not_cut() -> None:
    """Regression: at 100 characters "Bibliotheek Utrechtse Heuvelrug e.o. 2 (demo) × Zorggroep Amersfoort 132 (demo)
    (Utrechtse Heuvelrug, 7,5 km)" read "Bibliotheek … e.o. 2 (demo) × …", and typing its name found other pairs."""
    library, care = one_pair(
        library_organisation="Bibliotheek Utrechtse Heuvelrug e.o. 2 (demo)",
        care_organisation="Zorggroep Amersfoort 132 (demo)",
        municipality="Utrechtse Heuvelrug",
        distance_km=7.5,
    )
    assert library == "Bibliotheek Utrechtse Heuvelrug e.o. 2 (demo)"
    assert care == "Zorggroep Amersfoort 132 (demo) (Utrechtse Heuvelrug, 7,5 km)"


def test_a_short_name_leaves_its_room_to_the_long_one() -> None:
    library, care = one_pair(care_organisation="Stichting " + "Zorg en Welzijn in de Regio " * 5 + "(Venlo)")
    label = f"{library} × {care}"
    assert library == "Bibliotheek Venlo"
    assert care.startswith("Stichting Zorg en Welzijn in de") and care.endswith("(Venlo) (Venlo, 1,8 km)")
    assert len(label) <= CHOOSER_CHARACTERS and label.count("…") == 1
