"""The partner form's own rules: forgiving input, start dates that fit the status, duplicates in Dutch spelling."""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest

from graph.analysis.similar import similar_organisations
from graph.intake.form_check import forgiving_date, forgiving_web_address, partner_problems, start_date_problem
from graph.intake.template import Problem, ProblemKind
from graph.model.language import Message

CARE = pd.DataFrame(
    [
        ("daelzicht", "Daelzicht", "care"),
        ("abrona", "Abrona", "care"),
        ("philadelphia", "Stichting Philadelphia", "care"),
        ("maeykehiem", "Maeykehiem", "care"),
        ("dichterbij", "Dichterbij", "care"),
        ("ijsselheem", "IJsselheem", "care"),
        ("venlo", "Bibliotheek Venlo", "library"),
    ],
    columns=["id", "name", "kind"],
)


@pytest.mark.parametrize(
    ("typed", "meant"),
    [
        ("Daelzigt", "daelzicht"),  # ch and g sound the same
        ("Daelzicht Venlo", "daelzicht"),  # a place added
        ("Daalzicht", "daelzicht"),  # ae and aa
        ("daelzicht", "daelzicht"),
        ("Stichting Daelzicht", "daelzicht"),
        ("Philadelphia Zorg", "philadelphia"),
        ("Filadelfia", "philadelphia"),  # ph and f
        ("Abrona Houten", "abrona"),
        ("Maeikehiem", "maeykehiem"),  # ey and ei
        ("Ysselheem", "ijsselheem"),  # ij and y
        ("Dichterby", "dichterbij"),
    ],
)
def test_dutch_spelling_variants_are_found_as_the_same_organisation(typed: str, meant: str) -> None:
    found = similar_organisations(typed, CARE, "care")
    assert list(found.id)[:1] == [meant]


@pytest.mark.parametrize("typed", ["Zorggroep Noorderbreedte", "Amarant", "Venlo Zorg", "Cordaan"])
def test_other_organisations_are_not_taken_for_duplicates(typed: str) -> None:
    assert similar_organisations(typed, CARE, "care").empty


def test_lijkt_op_puts_the_closest_match_of_a_long_name_first_where_many_tie() -> None:
    # Every name whose words all occur in a long name ties with it on the token-set ratio; the "Lijkt op" warning
    # shows three, so the same name, written alike, must come before the names that only share its words.
    long_name = "Zorggroep Welzijn en Dagbesteding Noord-Limburg Regio Venlo-Blerick"
    care = pd.DataFrame(
        [
            ("a", "Welzijn Venlo", "care"),
            ("b", "Dagbesteding Blerick", "care"),
            ("c", "Noord-Limburg Welzijn", "care"),
            ("d", "Regio Venlo", "care"),
            ("same", "Zorggroep Welzijn & Dagbesteding Noord Limburg, regio Venlo Blerick", "care"),
        ],
        columns=["id", "name", "kind"],
    )
    found = similar_organisations(long_name, care, "care")
    assert set(found.similarity) == {1.0}
    assert list(found.id)[:1] == ["same"]


def test_duplicates_are_looked_for_among_the_same_kind_only() -> None:
    assert similar_organisations("Bibliotheek Venlo", CARE, "care").empty


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("1-5-2023", "2023-05-01"),
        ("01-05-2023", "2023-05-01"),
        ("1/5/2023", "2023-05-01"),
        ("15.11.2024", "2024-11-15"),
        ("5-2023", "2023-05"),
        ("2023", "2023"),
        ("2023-05-01", "2023-05-01"),
        ("gisteren", "gisteren"),  # left for the date check to refuse
    ],
)
def test_dates_are_read_as_people_write_them(typed: str, stored: str) -> None:
    assert forgiving_date(typed) == stored


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("www.voorbeeld.nl", "https://www.voorbeeld.nl"),
        ("voorbeeld.nl/verhaal", "https://voorbeeld.nl/verhaal"),
        ("https://www.voorbeeld.nl", "https://www.voorbeeld.nl"),
        ("http://voorbeeld.nl", "http://voorbeeld.nl"),
        ("javascript:alert(1)", "javascript:alert(1)"),  # left for the address check to refuse
        ("geen adres", "geen adres"),
        ("", ""),
    ],
)
def test_web_addresses_without_https_get_it(typed: str, stored: str) -> None:
    assert forgiving_web_address(typed) == stored


TODAY = date(2026, 11, 26)


@pytest.mark.parametrize(
    ("status", "start", "refused"),
    [
        ("active", "2027-01", True),
        ("active", "2026-11-27", True),
        ("active", "2026-11-26", False),
        ("active", "2023-05", False),
        ("ended", "2027", True),
        ("exploring", "2027-03", False),  # a planned start
        ("exploring", "2028-01", True),  # more than a year ahead
        ("active", "", False),
    ],
)
def test_a_start_in_the_future_only_for_a_collaboration_being_explored(status: str, start: str, refused: bool) -> None:
    problem = start_date_problem(status, start, TODAY)
    assert (problem is not None) == refused
    if problem is not None:
        assert problem.field == "start_date"


def test_partner_messages_name_form_fields_and_no_internal_ids() -> None:
    """Regression: a new care site without a point was reported as care_site_id: onbekende locatie 'pw-…-care-site'."""
    problems = [
        Problem("care", 1, "lat", Message("verplicht veld is leeg", "required value is missing"), ProblemKind.REQUIRED),
        Problem(
            "collaboration", 1, "care_site_id", Message("onbekende locatie 'pw-lzblutl8-care-site'", "unknown site")
        ),
        Problem("collaboration", 1, "start_date", Message("'gisteren' is geen datum", "'gisteren' is not a date")),
        Problem("submitter", 1, "email", Message("vul een geldig e-mailadres in", "enter a valid e-mail address")),
        Problem("library", 1, "site", Message("kies een locatie", "choose a site")),
        Problem(
            "collaboration",
            1,
            "library_site_id",
            Message("verplicht veld is leeg", "required value is missing"),
            ProblemKind.REQUIRED,
        ),
    ]
    found = partner_problems(problems, {"pw-lzblutl8"}, {"care"})
    assert [(problem.field, problem.message_nl) for problem in found] == [
        ("care_lat", "Vul dit veld in."),
        ("start_date", "'gisteren' is geen datum."),
        ("submitter_email", "Vul een geldig e-mailadres in."),
        ("library_site", "Kies een locatie, of voeg een nieuwe organisatie toe."),
    ]


def test_review_times_read_as_dutch_clock_times() -> None:
    from graph.views.dates import moment

    assert moment("2026-11-25T16:12:00.123456+00:00", "nl") == "25 nov 2026, 17:12"  # Amsterdam is UTC+1 in winter
    assert moment("2026-06-02T08:05:00+00:00", "en") == "2 Jun 2026, 10:05"
    assert moment("geen tijd", "nl") == "geen tijd"


def test_the_review_summary_is_one_sentence_in_either_language() -> None:
    from graph.views.review_words import summary_sentence

    args = ("Bibliotheek Venlo", "Daelzicht", "2023-05", ["Boeken repareren", "Koffiecorner"], "1")
    assert summary_sentence(*args, "Actief", "nl") == (
        "Bibliotheek Venlo werkt samen met Daelzicht sinds mei 2023 aan boeken repareren en koffiecorner, "
        "met 1 deelnemer (actief)."
    )
    english = ("Bibliotheek Venlo", "Daelzicht", "2023-05", ["Book repair", "Coffee corner"], "6", "Active", "en")
    assert summary_sentence(*english) == (
        "Bibliotheek Venlo works with Daelzicht since May 2023 on book repair and coffee corner, with 6 participants "
        "(active)."
    )


def test_the_form_decides_on_the_kind_of_problem_not_on_its_english_words() -> None:
    """Regression: the form recognised an empty field and a wrong date by the English text of the row rule's
    message; a reworded message would have shown the import's wording ("JJJJ-MM-DD") to a partner."""
    problems = [
        Problem("care", 1, "lat", Message("leeg", "empty"), ProblemKind.REQUIRED),
        Problem("collaboration", 1, "start_date", Message("fout", "wrong"), ProblemKind.NOT_A_DATE, "'31-2-2024'"),
    ]
    found = partner_problems(problems, set(), {"care"})
    assert [(problem.field, problem.message_nl) for problem in found] == [
        ("care_lat", "Vul dit veld in."),
        ("start_date", "Deze datum bestaat niet. Schrijf dag-maand-jaar (1-5-2023), maand-jaar (5-2023) of een jaar."),
    ]
