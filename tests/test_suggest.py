"""Suggested pairs: the right pairs, ranked and explained, and coordinators' follow-up remembered."""

from __future__ import annotations

import csv
import io

import pandas as pd
import pytest

from graph.analysis.followup import FollowUpError, record_state
from graph.analysis.suggest import SuggestionError, SuggestionInput, load_input, suggest
from graph.model.viewer import ANONYMOUS, COMMAND_LINE, Viewer
from graph.store.atlas import Atlas

from .conftest import FEATURE_BACKENDS, run_cli

pytestmark = pytest.mark.backends(*FEATURE_BACKENDS)


def pairs(table) -> list[tuple[str, str]]:  # type: ignore[no-untyped-def]
    return list(zip(table.library_org_id, table.care_org_id, strict=True))


def test_tiny_graph_suggests_exactly_the_obvious_pairs(tiny_atlas: Atlas) -> None:
    table = suggest(load_input(tiny_atlas, COMMAND_LINE), 5.0)
    assert pairs(table) == [("lib-a", "care-w"), ("lib-d", "care-x")]
    first = table.iloc[0]
    assert (first.library_site_id, first.care_site_id, first.municipality_code) == ("a-utrecht", "w-utrecht", "GM0344")
    assert first.distance_km == pytest.approx(1.314, abs=0.001)
    assert first.reasons.split("; ") == [
        "1,3 km van elkaar",
        "nog geen samenwerking in Utrecht",
        "Bibliotheek Alfa werkt al met 2 zorgorganisaties",
    ]
    second = table.iloc[1]
    assert "Zorg X werkt al met 2 andere bibliotheken" in second.reasons
    assert 0 <= second.score <= first.score <= 1


def test_connected_pairs_are_never_suggested_whatever_the_status(tiny_atlas: Atlas) -> None:
    table = suggest(load_input(tiny_atlas, COMMAND_LINE), 300.0)
    found = set(pairs(table))
    # c1 active, c2 ended, c3 exploring, c4 active: all connect their pair
    assert not found & {("lib-a", "care-x"), ("lib-b", "care-x"), ("lib-c", "care-z"), ("lib-a", "care-y")}
    assert ("lib-b", "care-w") in found
    assert not any(org == "net-n" for pair in found for org in pair)


def test_seed_data_does_not_suggest_partners_that_already_work_together(seed_atlas: Atlas) -> None:
    table = suggest(load_input(seed_atlas, COMMAND_LINE), 10.0)
    found = set(pairs(table))
    assert ("bibliotheek-tegelen", "werkleercentrum-psw") not in found
    assert ("bibliotheek-venlo", "daelzicht") not in found
    assert ("bibliotheek-venlo", "werkleercentrum-psw") in found
    assert ("bibliotheek-tegelen", "daelzicht") in found


def test_reasons_in_english(tiny_atlas: Atlas) -> None:
    table = suggest(load_input(tiny_atlas, COMMAND_LINE), 5.0, lang="en")
    assert table.iloc[0].reasons.split("; ")[:2] == ["1.3 km apart", "no collaboration in Utrecht yet"]


def test_filters_and_sorting(tiny_atlas: Atlas) -> None:
    data = load_input(tiny_atlas, COMMAND_LINE)
    in_venlo = suggest(data, 50.0, municipality="GM0983")
    assert ("lib-d", "care-x") in set(pairs(in_venlo)) and set(in_venlo.municipality_code) == {"GM0983"}
    assert set(pairs(suggest(data, 5.0, province="PV26"))) == {("lib-a", "care-w")}
    assert set(pairs(suggest(data, 5.0, organisation="care-x"))) == {("lib-d", "care-x")}
    by_distance = suggest(data, 300.0, sort="distance")
    assert list(by_distance.distance_km) == sorted(by_distance.distance_km)
    assert len(suggest(data, 300.0, limit=2)) == 2


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        ({"radius_km": -1.0}, "straal"),
        ({"radius_km": 5000.0}, "te groot"),
        ({"radius_km": 5.0, "municipality": "GM9999"}, "onbekende gemeente"),
        ({"radius_km": 5.0, "province": "PV99"}, "onbekende provincie"),
        ({"radius_km": 5.0, "organisation": "nobody"}, "onbekende organisatie"),
    ],
)
def test_bad_input_is_refused_clearly(tiny_atlas: Atlas, arguments: dict[str, object], message: str) -> None:
    data = load_input(tiny_atlas, COMMAND_LINE)
    arguments = dict(arguments)  # the same dict serves every backend's run of this test
    radius = arguments.pop("radius_km")
    with pytest.raises(SuggestionError, match=f"(?i){message}") as caught:
        suggest(data, radius, **arguments)  # type: ignore[arg-type]
    # Regression: the page showed both languages in one message; each reader now gets their own.
    assert message in caught.value.message.text("nl").lower()
    assert message not in caught.value.message.text("en").lower()


def test_follow_up_changes_suggestions_and_survives_a_restart(tiny_atlas: Atlas) -> None:
    store = tiny_atlas.store.location
    declined = run_cli(
        "suggestion-status", "--library", "lib-d", "--care", "care-x", "--state", "declined", "--by", "Coördinator",
        "--note", "Geen begeleiding beschikbaar", store=store,
    )  # fmt: skip
    assert declined.returncode == 0, declined.stderr
    introduced = run_cli(
        "suggestion-status", "--library", "lib-a", "--care", "care-w", "--state", "introduced", "--by", "Coördinator",
        store=store,
    )  # fmt: skip
    assert introduced.returncode == 0
    result = run_cli("suggest", "--radius-km", "5", "--format", "csv", store=store)
    assert result.returncode == 0, result.stderr
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert [(r["library_org_id"], r["care_org_id"], r["follow_up"]) for r in rows] == [
        ("lib-a", "care-w", "introduced")
    ]
    # follow-up notes are for coordinators: not on the public path
    assert b"Geen begeleiding" not in tiny_atlas.store.dump()


def test_a_visitors_suggestions_have_no_follow_up_column_at_all(tiny_atlas: Atlas) -> None:
    record_state(tiny_atlas, "lib-a", "care-w", "introduced", Viewer.coordinator("Coördinator"))
    for viewer in (ANONYMOUS, Viewer.partner()):
        visitor = suggest(load_input(tiny_atlas, viewer), 5.0)
        assert "follow_up" not in visitor.columns and pairs(visitor) == [("lib-a", "care-w"), ("lib-d", "care-x")]
        assert "follow_up" not in suggest(load_input(tiny_atlas, viewer), 0.001).columns  # an empty answer too
    coordinator = suggest(load_input(tiny_atlas, Viewer.coordinator("Coördinator")), 5.0)
    assert list(coordinator.follow_up) == ["introduced", ""]


def test_follow_up_refuses_unknown_organisations_and_states(tiny_atlas: Atlas) -> None:
    with pytest.raises(FollowUpError, match="geen bekende bibliotheek"):
        record_state(tiny_atlas, "care-x", "care-w", "introduced", Viewer.coordinator("C"))
    with pytest.raises(FollowUpError, match="status moet"):
        record_state(tiny_atlas, "lib-a", "care-w", "married", Viewer.coordinator("C"))


def test_cli_columns_and_exit_codes(tiny_atlas: Atlas) -> None:
    store = tiny_atlas.store.location
    result = run_cli("suggest", "--radius-km", "5", "--format", "csv", "--lang", "en", store=store)
    header = result.stdout.splitlines()[0].split(",")
    assert header[:8] == [
        "library_org_id", "library_site_id", "care_org_id", "care_site_id", "distance_km", "score",
        "municipality_code", "reasons",
    ]  # fmt: skip
    assert "1.3 km apart" in result.stdout
    for bad in (["--radius-km", "-3"], ["--radius-km", "100000"], ["--radius-km", "5", "--organisation", "x"]):
        refused = run_cli("suggest", *bad, store=store)
        assert refused.returncode == 2 and "Traceback" not in refused.stderr


def test_score_formula_by_hand() -> None:
    """One pair worked out on paper: every term of the README's formula, and the reasons that name them."""
    sites = pd.DataFrame(
        [
            # site_id, organisation_id, organisation, kind, lat, lon, municipality_code, municipality, province
            ("l1", "lib-1", "Bibliotheek Een", "library", 52.0, 5.0, "GM0001", "Alfa", "PV01"),
            ("l2", "lib-2", "Bibliotheek Twee", "library", 53.0, 6.0, "GM0002", "Beta", "PV01"),
            ("c1", "care-1", "Zorg Een", "care", 52.036, 5.0, "GM0001", "Alfa", "PV01"),
            ("c2", "care-2", "Zorg Twee", "care", 52.01, 5.0, "GM0001", "Alfa", "PV01"),
        ],
        columns=[
            "site_id", "organisation_id", "organisation", "kind", "lat", "lon", "municipality_code", "municipality",
            "province_code",
        ],
    )  # fmt: skip
    collaborations = pd.DataFrame(
        [("lib-2", "care-1", "werk;voorlezen"), ("lib-1", "care-2", "werk")],
        columns=["library_org_id", "care_org_id", "activities"],
    )
    labels = {"werk": {"nl": "Werk", "en": "Work"}, "voorlezen": {"nl": "Voorlezen", "en": "Reading"}}
    table = suggest(SuggestionInput(sites, collaborations, active_places={"GM0002"}, activity_labels=labels), 10.0)
    # lib-1 and care-2 already work together; lib-2 is 130 km away: one suggestion is left.
    assert pairs(table) == [("lib-1", "care-1")]
    (row,) = table.itertuples()
    # 0.036° along a meridian is 6371.0088 km × 0.036 × π / 180 = 4.00302 km
    assert row.distance_km == 4.003
    # 0.40 × (1 − 4.00302 / 10)   = 0.23988   closeness
    # + 0.25 × 1                  = 0.25      gap: no active collaboration in Alfa (GM0001)
    # + 0.10 × 1                  = 0.10      care-1 already works with a library (lib-2)
    # + 0.10 × 1                  = 0.10      lib-1 already works with a care organisation (care-2)
    # + 0.15 × 1/2                = 0.075     fit: {werk} shared of {werk, voorlezen}
    #                             = 0.76488 → 0.765
    assert row.score == 0.765
    assert row.reasons.split("; ") == [
        "4,0 km van elkaar",
        "nog geen samenwerking in Alfa",
        "Zorg Een werkt al met 1 andere bibliotheek",
        "Bibliotheek Een werkt al met 1 zorgorganisatie",
        "beide doen al: werk",
    ]


def test_suggestions_count_the_partners_of_libraries_that_already_collaborate() -> None:
    """Regression: the library column of the known pairs was read under a wrong name, so every suggestion failed."""
    from graph.analysis.suggest_experience import Experience

    pairs = pd.DataFrame(
        {"library_org_id": ["lib-a", "lib-a"], "care_org_id": ["care-x", "care-y"], "activities": ["werk", ""]}
    )
    experience = Experience(pairs)
    assert experience.partners["lib-a"] == 2 and experience.partners["care-x"] == 1
