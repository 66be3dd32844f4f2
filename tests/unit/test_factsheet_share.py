"""The area profile's headline share of library sites that work with care says what the figures say."""

from __future__ import annotations

import pytest

from graph.views.factsheet_text import _share


@pytest.mark.parametrize(
    ("working", "sites", "dutch", "english"),
    [
        (
            5,
            7,
            "5 van de 7 bibliotheeklocaties (71 %) werken samen met de zorg.",
            "5 of 7 library sites (71%) work with care.",
        ),
        (
            1,
            2,
            "1 op de 2 bibliotheeklocaties werkt samen met de zorg (1 van de 2).",
            "1 in 2 library sites works with care (1 of 2).",
        ),
        (
            3,
            10,
            "1 op de 3 bibliotheeklocaties werkt samen met de zorg (3 van de 10).",
            "1 in 3 library sites works with care (3 of 10).",
        ),
        (7, 7, "elke bibliotheeklocatie werkt samen met de zorg.", "every library site works with care."),
        (0, 4, "nog geen bibliotheeklocatie werkt samen met de zorg.", "no library site works with care yet."),
    ],
)
def test_the_share_of_library_sites_working_with_care(working: int, sites: int, dutch: str, english: str) -> None:
    """Regression: Venlo's profile said "1 op de 2 bibliotheeklocaties" for 5 of 7 (every share above two
    thirds came out as 1 in 2)."""
    assert _share(working, sites, en=False) == dutch
    assert _share(working, sites, en=True) == english
