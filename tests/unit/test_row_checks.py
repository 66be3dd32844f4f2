"""Row checks of the import template, as pure functions: every problem named by file, row and column."""

from __future__ import annotations

from graph.intake.template import InputTables, Row
from graph.intake.validate import ValidationContext, validate_tables


def _tables(organisations: list[dict[str, str]], sites: list[dict[str, str]], collaborations: list[dict[str, str]]):
    def rows(file: str, values: list[dict[str, str]]) -> list[Row]:
        return [Row(file, number, row) for number, row in enumerate(values, start=2)]

    return InputTables(
        rows("organisations.csv", organisations), rows("sites.csv", sites), rows("collaborations.csv", collaborations)
    )


LIBRARY = {"id": "lib-t", "name": "Bibliotheek Tegelen", "kind": "library"}
CARE = {"id": "care-p", "name": "Werkleercentrum PSW", "kind": "care"}
LIBRARY_SITE = {"id": "lib-t-1", "organisation_id": "lib-t", "name": "Tegelen", "town": "Tegelen", "lat": "51.344",
                "lon": "6.136", "postcode": "5931 AB"}  # fmt: skip
CARE_SITE = {"id": "care-p-1", "organisation_id": "care-p", "name": "PSW", "town": "Tegelen", "lat": "51.343",
             "lon": "6.140"}  # fmt: skip
COLLABORATION = {"id": "c-1", "library_site_id": "lib-t-1", "care_site_id": "care-p-1", "status": "active",
                 "start_date": "2021-09", "participants": "4"}  # fmt: skip


def _where(problems: list) -> set[tuple[str, int, str]]:
    return {(problem.file, problem.row, problem.column) for problem in problems}


def test_a_valid_pair_becomes_records_with_their_origin() -> None:
    records, problems = validate_tables(
        _tables([LIBRARY, CARE], [LIBRARY_SITE, CARE_SITE], [COLLABORATION]), ValidationContext()
    )
    assert problems == []
    (collaboration,) = records.collaborations
    assert collaboration.partners is not None
    assert (collaboration.partners.library_name, collaboration.partners.care_name) == (
        "Bibliotheek Tegelen",
        "Werkleercentrum PSW",
    )
    assert collaboration.participants == 4 and collaboration.start_date == "2021-09"
    assert records.sites[0].postcode == "5931 AB" and records.sites[0].lat == 51.344
    assert sorted(records.origin.values()) == [
        ("collaborations.csv", 2),
        ("organisations.csv", 2),
        ("organisations.csv", 3),
        ("sites.csv", 2),
        ("sites.csv", 3),
    ]


def test_every_bad_cell_is_reported_in_one_pass_at_its_file_row_and_column() -> None:
    bad_kind = {**CARE, "kind": "ziekenhuis"}
    bad_site = {**CARE_SITE, "lat": "noord", "postcode": "1234"}
    bad_collaboration = {**COLLABORATION, "participants": "-3", "library_site_id": "nergens"}
    _, problems = validate_tables(_tables([LIBRARY, bad_kind], [LIBRARY_SITE, bad_site], [bad_collaboration]),
                                  ValidationContext())  # fmt: skip
    where = _where(problems)
    assert ("organisations.csv", 3, "kind") in where
    assert ("sites.csv", 3, "lat") in where
    assert ("collaborations.csv", 2, "library_site_id") in where
    assert all(problem.render("nl") and problem.render("en") for problem in problems)


def test_a_row_may_refer_to_what_the_store_already_holds() -> None:
    context = ValidationContext(
        organisations={"lib-t": "library", "care-p": "care"},
        names={"lib-t": "Bibliotheek Tegelen", "care-p": "Werkleercentrum PSW"},
        sites={"lib-t-1": "lib-t", "care-p-1": "care-p"},
    )
    records, problems = validate_tables(_tables([], [], [COLLABORATION]), context)
    assert problems == [] and len(records.collaborations) == 1


def test_two_library_sites_cannot_make_a_collaboration() -> None:
    other_library_site = {**LIBRARY_SITE, "id": "lib-t-2"}
    wrong = {**COLLABORATION, "care_site_id": "lib-t-2"}
    _, problems = validate_tables(_tables([LIBRARY, CARE], [LIBRARY_SITE, other_library_site, CARE_SITE], [wrong]),
                                  ValidationContext())  # fmt: skip
    assert ("collaborations.csv", 2, "care_site_id") in _where(problems)


def test_a_duplicate_id_is_reported_on_its_second_row() -> None:
    _, problems = validate_tables(_tables([LIBRARY, LIBRARY], [], []), ValidationContext())
    assert ("organisations.csv", 3, "id") in _where(problems)


def test_a_coordinate_in_exponent_notation_is_not_a_number() -> None:
    _, problems = validate_tables(
        _tables([LIBRARY, CARE], [LIBRARY_SITE, {**CARE_SITE, "lat": "1e2"}], [COLLABORATION]), ValidationContext()
    )
    assert ("sites.csv", 3, "lat", "'1e2' is geen getal") in [
        (problem.file, problem.row, problem.column, problem.message_nl) for problem in problems
    ]


def test_a_point_outside_the_netherlands_is_written_as_its_reader_writes_it() -> None:
    _, problems = validate_tables(
        _tables([LIBRARY, CARE], [LIBRARY_SITE, {**CARE_SITE, "lat": "-33.9", "lon": "151,2"}], [COLLABORATION]),
        ValidationContext(),
    )
    assert (
        "het punt (-33,9; 151,2) ligt niet in Nederland",
        "the point (-33.9, 151.2) is outside the Netherlands",
    ) in [(problem.message_nl, problem.message_en) for problem in problems]


def test_a_row_that_refers_to_a_refused_row_says_so_and_where() -> None:
    """Regression: a collaboration whose care site was refused (a point abroad) said "onbekende locatie", as if
    the site were missing from the file, and a site of a refused organisation "onbekende organisatie"."""
    bad_care = {**CARE, "kind": "ziekenhuis"}
    abroad = {**LIBRARY_SITE, "lat": "-33.9", "lon": "151.2"}
    _, problems = validate_tables(
        _tables([LIBRARY, bad_care], [abroad, CARE_SITE], [COLLABORATION, {**COLLABORATION, "id": "c-2",
                "library_site_id": "elders"}]),
        ValidationContext(),
    )  # fmt: skip
    said = {problem.render("nl") for problem in problems}
    assert "sites.csv:3: organisation_id: organisatie 'care-p' is zelf afgekeurd, zie organisations.csv:3" in said
    assert "collaborations.csv:2: library_site_id: locatie 'lib-t-1' is zelf afgekeurd, zie sites.csv:2" in said
    assert "collaborations.csv:2: care_site_id: locatie 'care-p-1' is zelf afgekeurd, zie sites.csv:3" in said
    assert "collaborations.csv:3: library_site_id: onbekende locatie 'elders'" in said
    english = {problem.render("en") for problem in problems}
    assert "collaborations.csv:2: care_site_id: site 'care-p-1' was refused itself, see sites.csv:3" in english


def test_a_phone_number_with_too_few_digits_is_refused_and_says_how_many() -> None:
    """Regression: "077-123" was taken as a phone number (the pattern allowed six characters)."""
    for phone, refused in (("077-123", True), ("06 1234", True), ("077 123 45 67", False), ("+31 77 123 45 67", False),
                           ("(030) 123 4567", False), ("0612345678901234", True)):  # fmt: skip
        contact = {"contact_name": "Petra Jansen", "contact_phone": phone, "contact_public": "no"}
        collaboration = {**COLLABORATION, **contact}
        _, problems = validate_tables(
            _tables([LIBRARY, CARE], [LIBRARY_SITE, CARE_SITE], [collaboration]), ValidationContext()
        )
        said = [problem.render("nl") for problem in problems if problem.column == "contact_phone"]
        assert bool(said) == refused, (phone, said)
        if refused:
            assert "8 tot 15 cijfers" in said[0], said
