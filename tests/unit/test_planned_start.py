"""A start still to come reads as planned: an exploring collaboration may give its planned start (up to a year
ahead), and the review card and the profiles said "sinds" and "Gestart" of it."""

from __future__ import annotations

from datetime import date

import pytest

from graph.views.dates import start_phrase, still_to_come
from graph.views.review_words import summary_sentence

TODAY = date(2026, 11, 29)


@pytest.mark.parametrize(
    ("value", "planned"),
    [
        ("2026", False),
        ("2027", True),
        ("2026-11", False),
        ("2026-12", True),
        ("2026-11-29", False),
        ("2026-11-30", True),
        ("2023-05-01", False),
        ("", False),
        ("mei 2023", False),
    ],
)
def test_a_start_is_still_to_come_at_its_own_precision(value: str, planned: bool) -> None:
    assert still_to_come(value, TODAY) is planned


def test_a_planned_start_reads_as_planned_in_both_languages() -> None:
    assert start_phrase("2027-03-01", "nl", TODAY) == "Start gepland 1 maart 2027"
    assert start_phrase("2027-03-01", "en", TODAY) == "Planned start 1 March 2027"
    assert start_phrase("2023-05", "nl", TODAY) == "Gestart mei 2023"
    assert start_phrase("2023-05", "en", TODAY) == "Started May 2023"


def test_a_planned_start_in_the_review_summary_is_not_since() -> None:
    """Regression: "Bibliotheek Venlo werkt samen met Stichting Afwijzing sinds 1 maart 2027 (verkennend)"."""
    later = date.today().year + 1
    dutch = summary_sentence("Bibliotheek Venlo", "Stichting Anker", f"{later}-03-01", [], "", "Verkennend", "nl")
    assert dutch == f"Bibliotheek Venlo gaat samenwerken met Stichting Anker vanaf 1 maart {later} (verkennend)."
    english = summary_sentence("Bibliotheek Venlo", "Stichting Anker", f"{later}-03", [], "", "Exploring", "en")
    assert english == f"Bibliotheek Venlo will work with Stichting Anker from March {later} (exploring)."
