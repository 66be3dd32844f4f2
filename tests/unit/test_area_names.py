"""An area is found by the name people use and without its accents, beside its official name."""

from __future__ import annotations

from graph.views.area_names import search_label, without_accents


def test_the_everyday_name_and_the_name_without_accents_are_offered() -> None:
    """Regression: "Den Haag", "Den Bosch", "Friesland" and "sudwest" found no area profile."""
    assert search_label("GM0518", "'s-Gravenhage", "gemeente, Zuid-Holland") == (
        "'s-Gravenhage (gemeente, Zuid-Holland) · Den Haag"
    )
    assert "Den Bosch" in search_label("GM0796", "'s-Hertogenbosch", "gemeente, Noord-Brabant")
    assert search_label("PV21", "Fryslân", "provincie") == "Fryslân (provincie) · Friesland · Fryslan"
    assert "Sudwest-Fryslan" in search_label("GM1900", "Súdwest-Fryslân", "gemeente, Fryslân")
    assert search_label("GM0983", "Venlo", "gemeente, Limburg") == "Venlo (gemeente, Limburg)"


def test_without_accents_keeps_every_other_letter() -> None:
    assert without_accents("Súdwest-Fryslân") == "Sudwest-Fryslan"
    assert without_accents("'s-Gravenhage") == "'s-Gravenhage"
