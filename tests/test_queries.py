"""Every named question: documented, runnable, and exactly right on the tiny hand-made graph."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from graph.settings import REPO_ROOT
from graph.store.atlas import Atlas
from graph.store.catalogue import QueryCatalogue, QueryError, parameter_problems

from .conftest import EVERYTHING

pytestmark = pytest.mark.backends

LIBRARY = QueryCatalogue(REPO_ROOT / "queries")
ALL = LIBRARY.names(include_internal=True)


def rows(frame: pd.DataFrame, *columns: str) -> list[tuple[object, ...]]:
    return [tuple(record) for record in frame[list(columns)].itertuples(index=False)]


@pytest.mark.parametrize("name", ALL)
def test_every_query_file_is_documented_and_its_parameters_are_columns(name: str) -> None:
    query = LIBRARY.get(name)
    assert parameter_problems(query) == []
    statements = [line for line in query.body.splitlines() if not line.startswith(("#", "PREFIX "))]
    assert statements[0].upper().startswith(("SELECT", "CONSTRUCT", "ASK"))
    # what the Vragen page shows says which dataset it expects and declares its prefixes
    assert query.body.startswith("# default-graph: ") and "\nPREFIX " in query.body


@pytest.mark.parametrize("name", ALL)
def test_every_query_runs_on_tiny_data(name: str, tiny_atlas: Atlas) -> None:
    assert isinstance(LIBRARY.run(tiny_atlas.store, name), pd.DataFrame)


def test_every_query_runs_on_an_empty_store(empty_atlas: Atlas) -> None:
    # One store for all of them: on a server, emptying it and filling it again per question cost more than the
    # questions themselves.
    answers = {name: LIBRARY.run(empty_atlas.store, name) for name in ALL}
    assert all(isinstance(answer, pd.DataFrame) for answer in answers.values())
    assert empty_atlas.store.count(private=EVERYTHING) == 0  # a question wrote nothing


def test_coverage_has_every_reference_municipality_and_exact_counts(tiny_atlas: Atlas) -> None:
    frame = LIBRARY.run(tiny_atlas.store, "coverage")
    assert len(frame) == 342
    assert list(frame.columns) == [
        "municipality_code", "municipality", "province_code", "library_sites", "care_sites",
        "active_collaborations", "covered", "population",
    ]  # fmt: skip
    used = frame[(frame.library_sites > 0) | (frame.care_sites > 0)]
    assert rows(used, "municipality_code", "library_sites", "care_sites", "active_collaborations", "covered") == [
        ("GM0344", 1, 2, 0, False),
        ("GM0363", 1, 1, 0, False),
        ("GM0632", 1, 1, 2, True),
        ("GM0983", 2, 1, 0, False),
    ]
    woerden = frame.set_index("municipality_code").loc["GM0632"]
    assert (
        woerden["municipality"] == "Woerden" and woerden["province_code"] == "PV26" and woerden["population"] == 53724
    )


def test_coverage_filtered_by_province(tiny_atlas: Atlas) -> None:
    frame = LIBRARY.run(tiny_atlas.store, "coverage", {"province_code": "PV26"})
    assert len(frame) == 26 and set(frame.province_code) == {"PV26"}


def test_gaps_are_ordered_by_population(tiny_atlas: Atlas) -> None:
    frame = LIBRARY.run(tiny_atlas.store, "gaps")
    assert rows(frame, "municipality", "library_sites", "care_sites", "population") == [
        ("Amsterdam", 1, 1, 931298),
        ("Utrecht", 1, 2, 374238),
        ("Venlo", 2, 1, 103789),
    ]
    assert list(LIBRARY.run(tiny_atlas.store, "gaps", {"province_code": "PV31"}).municipality) == ["Venlo"]


def test_coverage_by_province(tiny_atlas: Atlas) -> None:
    frame = LIBRARY.run(tiny_atlas.store, "coverage-by-province").set_index("province_code")
    assert len(frame) == 12
    utrecht = frame.loc["PV26"]
    assert (utrecht.municipalities, utrecht.with_both, utrecht.covered) == (26, 2, 1)
    assert utrecht.population_covered == 53724
    assert utrecht.population_covered_share == pytest.approx(round(53724 / utrecht.population, 4))
    limburg = frame.loc["PV31"]
    assert (limburg.municipalities, limburg.with_both, limburg.covered, limburg.population_covered) == (31, 1, 0, 0)


def test_partners_lists(tiny_atlas: Atlas) -> None:
    libraries = LIBRARY.run(tiny_atlas.store, "libraries-without-care-partner")
    assert rows(libraries, "organisation_id", "sites", "municipalities", "ended_collaborations") == [
        ("lib-b", 1, "Venlo", 1),
        ("lib-d", 1, "Venlo", 0),
    ]
    care = LIBRARY.run(tiny_atlas.store, "care-without-library-partner")
    assert rows(care, "organisation_id", "municipalities") == [("care-w", "Utrecht")]


def test_collaborations_per_activity_counts_narrower_activities_under_broader(tiny_atlas: Atlas) -> None:
    frame = LIBRARY.run(tiny_atlas.store, "collaborations-per-activity").set_index("activity_code")
    assert len(frame) == 12
    assert (frame.loc["ontmoeting"].collaborations, frame.loc["ontmoeting"].active_collaborations) == (3, 1)
    assert (frame.loc["werk"].collaborations, frame.loc["werk"].active_collaborations) == (1, 1)
    assert frame.loc["voorlezen"].collaborations == 1 and frame.loc["balie"].collaborations == 0
    assert frame.loc["koffiecorner"].activity_en == "Coffee corner"


def test_collaborations_per_year(tiny_atlas: Atlas) -> None:
    frame = LIBRARY.run(tiny_atlas.store, "collaborations-per-year")
    assert rows(frame, "year", "started", "active", "exploring", "ended") == [
        (2019, 1, 0, 0, 1),
        (2023, 1, 1, 0, 0),
        (2024, 2, 1, 1, 0),
    ]
    by_province = LIBRARY.run(tiny_atlas.store, "collaborations-per-year-by-province", {"province_code": "PV26"})
    assert rows(by_province, "year", "started") == [(2023, 1), (2024, 1)]


def test_organisations_by_partners(tiny_atlas: Atlas) -> None:
    frame = LIBRARY.run(tiny_atlas.store, "organisations-by-partners")
    assert rows(frame, "organisation_id", "partners", "collaborations", "active_collaborations")[:2] == [
        ("lib-a", 2, 2, 2),
        ("care-x", 2, 2, 1),
    ]
    care = LIBRARY.run(tiny_atlas.store, "organisations-by-partners", {"kind": "care"})
    assert list(care.organisation_id) == ["care-x", "care-y", "care-z"]


def test_ended_collaborations_and_why(tiny_atlas: Atlas) -> None:
    frame = LIBRARY.run(tiny_atlas.store, "ended-collaborations")
    assert rows(frame, "collaboration_id", "municipality", "start_date", "end_date", "reason") == [
        ("c2", "Venlo", "2019", "2022", "Subsidie gestopt")
    ]


def test_gaps_by_activity(tiny_atlas: Atlas) -> None:
    work = LIBRARY.run(tiny_atlas.store, "gaps-by-activity", {"activity_code": "werk"})
    assert list(work.municipality) == ["Amsterdam", "Utrecht", "Venlo"]
    meeting = LIBRARY.run(tiny_atlas.store, "gaps-by-activity", {"activity_code": "ontmoeting"})
    assert list(meeting.municipality) == ["Amsterdam", "Utrecht", "Venlo"]
    coffee = LIBRARY.run(tiny_atlas.store, "gaps-by-activity", {"activity_code": "balie"})
    assert list(coffee.municipality) == ["Amsterdam", "Utrecht", "Venlo", "Woerden"]


def test_collaboration_overview_filters(tiny_atlas: Atlas) -> None:
    assert len(LIBRARY.run(tiny_atlas.store, "collaboration-overview")) == 4
    assert list(LIBRARY.run(tiny_atlas.store, "collaboration-overview", {"status": "ended"}).collaboration_id) == ["c2"]
    # a code in other capitals is the code it spells
    assert list(LIBRARY.run(tiny_atlas.store, "collaboration-overview", {"status": "ENDED"}).collaboration_id) == ["c2"]
    assert LIBRARY.run(tiny_atlas.store, "coverage", {"province_code": "pv26"}).equals(
        LIBRARY.run(tiny_atlas.store, "coverage", {"province_code": "PV26"})
    )
    by_care = LIBRARY.run(tiny_atlas.store, "collaboration-overview", {"care_org_id": "care-x"})
    assert sorted(by_care.collaboration_id) == ["c1", "c2"]


INJECTIONS = ['PV26" } ; DROP ALL ; #', "PV26' || true || '", "PV26\n} UNION { ?s ?p ?o }", "# }", "}}}}", '"""']


@pytest.mark.parametrize("value", INJECTIONS)
def test_injection_attempts_through_parameters_change_nothing(tiny_atlas: Atlas, value: str) -> None:
    before = tiny_atlas.store.dump(private=EVERYTHING)
    for name in ("coverage", "gaps"):  # a province code: refused before it is bound, as no province has it
        with pytest.raises(QueryError, match="geen geldige waarde van type province"):
            LIBRARY.run(tiny_atlas.store, name, {"province_code": value})
    # A string parameter takes any text, bound as one literal.
    assert LIBRARY.run(tiny_atlas.store, "internal/organisation-profile", {"organisation_id": value}).empty
    assert tiny_atlas.store.dump(private=EVERYTHING) == before


def test_unknown_parameter_and_bad_values_are_clear_errors(tiny_atlas: Atlas) -> None:
    with pytest.raises(QueryError, match="onbekende parameter provincie"):
        LIBRARY.run(tiny_atlas.store, "coverage", {"provincie": "PV26"})
    with pytest.raises(QueryError, match="onbekende vraag"):
        LIBRARY.get("dekking")


def test_a_mistyped_status_or_kind_is_refused_not_answered_with_nothing(tiny_atlas: Atlas) -> None:
    """Regression: ``--param status=actve`` matched the pattern of a status (lower-case letters) and quietly
    answered no rows; the closed lists come from their enums now, and the message offers their values."""
    with pytest.raises(QueryError, match="kies uit / choose from: exploring, active, ended, unknown"):
        LIBRARY.run(tiny_atlas.store, "collaboration-overview", {"status": "actve"})
    with pytest.raises(QueryError, match="geen geldige waarde van type kind"):
        LIBRARY.run(tiny_atlas.store, "site-overview", {"kind": "bibliotheek"})
    assert list(LIBRARY.run(tiny_atlas.store, "collaboration-overview", {"status": "ended"}).collaboration_id) == ["c2"]


def test_query_library_reads_headers(tmp_path: Path) -> None:
    (tmp_path / "q.rq").write_text(
        "# title-nl: Test\n# title-en: Test EN\n# description-nl: d\n# description-en: d\n"
        "# param: ?n integer 5\nSELECT ?n WHERE { BIND(1 AS ?x) ?s ?p ?n }\n"
    )
    query = QueryCatalogue(tmp_path).get("q")
    assert query.title("en") == "Test EN" and query.parameters[0].default == "5"
    assert str(query.bindings({})["n"]) == "5"
    with pytest.raises(QueryError, match="geen geldige waarde"):
        query.bindings({"n": "vijf"})


def test_organisations_with_the_same_name_come_in_the_order_of_their_ids(
    reference_atlas: Atlas, tmp_path: Path
) -> None:
    """Regression: listings ordered by name left two organisations of the same name in whatever order the
    engine gave, so a download could differ between engines and between runs."""
    from graph.intake.importer import import_path

    folder = tmp_path / "twins"
    folder.mkdir()
    (folder / "organisations.csv").write_text(
        "id,name,kind\ntwin-2,Bibliotheek Tweeling,library\ntwin-1,Bibliotheek Tweeling,library\n"
        "care-2,Zorg Tweeling,care\ncare-1,Zorg Tweeling,care\n",
        encoding="utf-8",
    )
    (folder / "sites.csv").write_text(
        "id,organisation_id,name,town,lat,lon,municipality_code\n"
        "twin-2-site,twin-2,Tweeling,Woerden,52.085,4.88333,GM0632\n"
        "twin-1-site,twin-1,Tweeling,Woerden,52.086,4.88333,GM0632\n"
        "care-2-site,care-2,Tweeling,Woerden,52.087,4.88333,GM0632\n"
        "care-1-site,care-1,Tweeling,Woerden,52.088,4.88333,GM0632\n",
        encoding="utf-8",
    )
    assert import_path(reference_atlas, folder, agent="test").ok
    sites = reference_atlas.answer("site-overview")
    assert list(sites[sites.organisation == "Bibliotheek Tweeling"].site_id) == ["twin-1-site", "twin-2-site"]
    for question, twins in (
        ("libraries-without-care-partner", ["twin-1", "twin-2"]),
        ("care-without-library-partner", ["care-1", "care-2"]),
    ):
        answer = reference_atlas.answer(question)
        assert [row for row in answer.organisation_id if row in twins] == twins, question


@pytest.mark.parametrize("name", ["started-per-year-by-municipality", "area-sites"])
def test_answers_per_municipality_name_it_beside_its_code(name: str, tiny_atlas: Atlas) -> None:
    """Regression: these two answers gave only the CBS code (GM0014), so a reader of Vragen or its download had to
    look the municipality up elsewhere."""
    answer = tiny_atlas.answer(name)
    assert len(answer) and "municipality" in answer.columns
    named = answer[answer.municipality_code != ""]
    assert len(named) and (named.municipality != "").all()
    assert {"Venlo", "Utrecht"} & set(named.municipality)
