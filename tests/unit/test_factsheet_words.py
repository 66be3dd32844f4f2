"""The area profile's words: the share of library sites working with care, and the address its report prints."""

from __future__ import annotations

import pytest

from graph.views.factsheet_text import _share, report_base_url


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


@pytest.mark.parametrize(
    ("configured", "visited", "printed"),
    [
        ("http://127.0.0.1:8501", "http://127.0.0.1:8620/factsheet?gemeente=GM0983", "http://127.0.0.1:8620"),
        ("http://127.0.0.1:8501", "https://atlas.example.nl/factsheet", "https://atlas.example.nl"),
        ("https://passendwerk.example.nl", "http://127.0.0.1:8620/factsheet", "https://passendwerk.example.nl"),
        ("http://127.0.0.1:8501", None, "http://127.0.0.1:8501"),
        ("http://127.0.0.1:8501", "javascript:alert(1)", "http://127.0.0.1:8501"),
        ("http://127.0.0.1:8501", 'http://evil.example"><script>/x', "http://evil.example"),
    ],
)
def test_the_report_prints_the_address_the_atlas_is_reached_at(
    configured: str, visited: str | None, printed: str
) -> None:
    """Regression: served on port 8620, the profile's PDF linked to 127.0.0.1:8501."""
    assert report_base_url(configured, visited) == printed


def test_a_story_says_its_dates_as_readers_write_them() -> None:
    """Regression: the area profile said "gestart 2023-05-01" where every other page says "1 mei 2023"."""
    from types import SimpleNamespace

    from graph.views.factsheet_content import _story

    row = SimpleNamespace(
        status="ended",
        municipality="Venlo",
        start_date="2023-05-01",
        end_date="2024-06",
        participants=0,
        activities="",
        library="Bibliotheek Venlo",
        care_organisation="Daelzicht",
        description="Samen lezen.",
        source_url="",
    )
    assert "Gestart 1 mei 2023 · Gestopt juni 2024" in _story(row, "nl", None, None).details
    assert "Started 1 May 2023 · Ended June 2024" in _story(row, "en", None, None).details


def test_a_reports_reasons_are_whole_sentences_never_cut_mid_way() -> None:
    """Regression: the report's reasons ended "…werkt al met 2 andere …", cut off in the middle of a reason."""
    from graph.views.factsheet_content import whole_reasons

    reasons = (
        "4,2 km van elkaar; Zutphen heeft nog geen actieve samenwerking; "
        "Bibliotheek Zutphen werkt al met 2 andere zorgorganisaties"
    )
    assert whole_reasons(reasons, 110) == "4,2 km van elkaar; Zutphen heeft nog geen actieve samenwerking"
    assert whole_reasons(reasons, 500) == reasons
    assert whole_reasons("een heel lange reden zonder puntkomma", 10) == "een heel lange reden zonder puntkomma"


def test_a_reports_chances_keep_the_place_that_tells_a_long_name_apart() -> None:
    """Regression: the report's chances cut "Stichting Samen Sterk voor Mensen met … (Woerden)" at its end, so
    the place that tells it from the one in Venlo was gone, and its shortened reason did not say it either."""
    from graph.views.factsheet_content import shorten_name

    long_name = "Stichting Samen Sterk voor Mensen met een Beperking in de Regio"
    assert shorten_name(f"{long_name} (Woerden)", 40) == "Stichting Samen Sterk voor … (Woerden)"
    assert shorten_name(f"{long_name} (Venlo) · twin-venlo", 40) == "Stichting Samen … (Venlo) · twin-venlo"
    assert shorten_name("Daelzicht (Venlo)", 40) == "Daelzicht (Venlo)"
    assert shorten_name(long_name, 40) == "Stichting Samen Sterk voor Mensen met …"
    for cut in (shorten_name(f"{long_name} (Woerden)", 40), shorten_name(f"{long_name} (Venlo) · twin-venlo", 40)):
        assert len(cut) <= 40


def test_a_name_with_a_semicolon_stays_one_reason() -> None:
    """Regression: "Zorg; Welzijn (Venlo) werkt al met 1 andere bibliotheek" was read as two reasons, "Zorg"
    and "Welzijn (Venlo) werkt al met …", on the suggestions page and in the report."""
    from graph.analysis.suggest_reasons import reason_list, reasons
    from graph.views.factsheet_content import whole_reasons

    said = "; ".join(reasons("nl", 0.4, "", ("Zorg; Welzijn (Venlo)", 1), ("Bibliotheek;Venlo", 0), []))
    assert reason_list(said) == ["0,4 km van elkaar", "Zorg;\u00a0Welzijn (Venlo) werkt al met 1 andere bibliotheek"]
    assert whole_reasons(said, 30) == "0,4 km van elkaar"
    assert whole_reasons(said, 500) == said
