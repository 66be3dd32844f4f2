"""Vragen's controls come from the typed ``# param:`` header: codes as named choices, numbers and dates as such."""

from __future__ import annotations

from pathlib import Path

import pytest

from graph.store.atlas import Atlas
from graph.store.catalogue import QueryCatalogue
from graph.views.question_form import QuestionProblem, controls, read_value

HEADER = "# title-nl: T\n# title-en: T\n# description-nl: d\n# description-en: d\n"


def test_each_parameter_type_gets_its_control(tiny_atlas: Atlas, tmp_path: Path) -> None:
    (tmp_path / "q.rq").write_text(
        HEADER + "# param: ?n integer 5\n# param: ?d date\n# param: ?province_code province\n# param: ?kind kind\n"
        "SELECT ?n ?d ?province_code ?kind WHERE { ?s ?p ?n }\n"
    )
    query = QueryCatalogue(tmp_path).get("q")
    number, day, province, kind = controls(tiny_atlas, query, "nl")
    assert (number.kind, number.default, number.whole, day.kind) == ("number", "5", True, "date")
    assert (province.kind, province.label, province.options["PV25"]) == ("choice", "Provincie", "Gelderland")
    assert (kind.kind, kind.label, kind.options["library"]) == ("choice", "Soort organisatie", "Bibliotheek")
    assert controls(tiny_atlas, query, "en")[2].label == "Province"


def test_a_name_is_read_as_its_code_and_anything_else_is_refused(tiny_atlas: Atlas, tmp_path: Path) -> None:
    (tmp_path / "q.rq").write_text(HEADER + "# param: ?province_code province\nSELECT ?province_code WHERE {}\n")
    [province] = controls(tiny_atlas, QueryCatalogue(tmp_path).get("q"), "nl")
    assert read_value(province, "gelderland", "nl") == "PV25"
    assert read_value(province, "PV25", "nl") == "PV25"
    with pytest.raises(QuestionProblem, match="'Atlantis' staat niet in de lijst"):
        read_value(province, "Atlantis", "nl")


def test_the_library_and_care_lists_offer_only_their_own_kind(tiny_atlas: Atlas) -> None:
    """Regression: "Alle samenwerkingen" offered care organisations as its library (and the other way round);
    choosing one silently gave 0 rows."""
    library, care = [
        control
        for control in controls(tiny_atlas, tiny_atlas.questions.get("collaboration-overview"), "nl")
        if control.name in ("library_org_id", "care_org_id")
    ]
    everyone = tiny_atlas.answer("internal/organisation-kinds")
    kinds = dict(zip(everyone.id, everyone.kind, strict=True))
    assert library.options and {kinds[code] for code in library.options} == {"library"}
    assert care.options and {kinds[code] for code in care.options} == {"care"}


def test_a_refused_value_is_said_by_the_parameter_the_error_names_not_by_its_words() -> None:
    """Regression: the page found the parameter by looking for "parameter province_code:" in the engine's message."""
    from graph.settings import REPO_ROOT
    from graph.store.catalogue import QueryError
    from graph.views.question_form import _engine_words

    coverage = QueryCatalogue(REPO_ROOT / "queries").get("coverage")
    said = _engine_words(coverage, QueryError("anders geformuleerd", parameter="province_code"), "nl")
    assert said.startswith("Provincie: vul "), said
    unknown = _engine_words(coverage, QueryError("parameter province_code: oud"), "nl")
    assert unknown.startswith("Deze vraag kon niet worden beantwoord."), unknown


def test_statuses_and_kinds_are_offered_in_their_own_order(tiny_atlas: Atlas) -> None:
    """Regression: Vragen offered the statuses by name (Actief, Beëindigd, Onbekend, Verkennend), and Kaart in the
    course a collaboration takes (Verkennend, Actief, Beëindigd, Onbekend): one order on every page."""
    from graph.model.enums import CollaborationStatus, OrganisationKind
    from graph.views.question_form import code_options

    assert tuple(code_options(tiny_atlas, "status", "nl")) == CollaborationStatus.values()
    assert list(code_options(tiny_atlas, "status", "nl").values())[:2] == ["Verkennend", "Actief"]
    assert tuple(code_options(tiny_atlas, "kind", "en")) == OrganisationKind.values()
