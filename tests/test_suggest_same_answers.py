"""The array ranking gives exactly the suggestions of the previous one: rows, order, scores and reasons."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from bench.common import demo_suggestion_input
from graph.analysis import suggest as suggest_module
from graph.analysis.suggest import SuggestionInput, load_input, round3, suggest
from graph.model.viewer import COMMAND_LINE
from graph.store.atlas import Atlas

from .previous_suggest import previous_suggest


@pytest.fixture(scope="module")
def demo() -> SuggestionInput:
    """Demo scale 1, with follow-up states on some pairs and activity labels in both languages."""
    data = demo_suggestion_input(1)
    found = previous_suggest(data, 15.0)
    steps = ["declined", "introduced", "in_conversation"]
    data.states = {
        (str(row.library_org_id), str(row.care_org_id)): {"state": steps[number % 3]}
        for number, row in enumerate(found.iloc[::7].itertuples())
    }
    data.states[("demo-library-00001", "no-such-care")] = {"state": "declined"}
    data.activity_labels = {"werk": {"nl": "Werk", "en": "Work"}, "voorlezen": {"nl": "Voorlezen", "en": "Reading"}}
    return data


def assert_same(found: pd.DataFrame, expected: pd.DataFrame) -> None:
    assert len(found) == len(expected)
    pd.testing.assert_frame_equal(found, expected, check_exact=True)


@pytest.mark.parametrize("radius", [0.0, 1.0, 2.5, 5.0, 15.0, 30.0, 50.0])
def test_demo_suggestions_equal_the_previous_ranking_at_every_radius(demo: SuggestionInput, radius: float) -> None:
    found = suggest(demo, radius)
    assert_same(found, previous_suggest(demo, radius))
    if radius >= 5:
        assert len(found) > 100 and set(found.follow_up) >= {"", "introduced", "in_conversation"}


@pytest.mark.parametrize(
    "options",
    [
        {"sort": "distance"},
        {"lang": "en"},
        {"limit": 25},
        {"limit": 0},
        {"sort": "distance", "limit": 40, "lang": "en"},
        {"province": "PV26"},
        {"municipality": "GM0363"},
        {"organisation": "demo-library-00012"},
        {"organisation": "demo-care-00040"},
    ],
)
def test_demo_filters_sorting_and_limits_equal_the_previous_ranking(
    demo: SuggestionInput, options: dict[str, object]
) -> None:
    assert_same(suggest(demo, 20.0, **options), previous_suggest(demo, 20.0, **options))  # type: ignore[arg-type]


def test_tiny_and_seed_suggestions_equal_the_previous_ranking(tiny_atlas: Atlas, seed_atlas: Atlas) -> None:
    for atlas in (tiny_atlas, seed_atlas):
        data = load_input(atlas, COMMAND_LINE)
        for radius in (0.0, 5.0, 10.0, 50.0, 300.0):
            assert_same(suggest(data, radius), previous_suggest(data, radius))


def test_no_sites_at_all_gives_the_same_empty_table(demo: SuggestionInput) -> None:
    empty = SuggestionInput(demo.sites.iloc[:0], demo.pairs.iloc[:0], set())
    assert_same(suggest(empty, 10.0), previous_suggest(empty, 10.0))


@pytest.mark.parametrize("value", [0.0005, 0.0015, 1.0005, 2.675, 0.1235, 12.3445, 299.9995, 0.6225, 1 / 3])
def test_rounding_equals_python_round_also_on_halves(value: float) -> None:
    values = pd.Series([value, math.nextafter(value, 0), math.nextafter(value, 10)]).to_numpy()
    assert round3(values).tolist() == [round(v, 3) for v in values.tolist()]


@pytest.mark.parametrize(
    ("sort", "limit"), [("score", 1), ("score", 30), ("distance", 30), ("score", 0), ("score", 5000)]
)
def test_the_best_rows_scored_part_by_part_equal_the_previous_ranking(
    demo: SuggestionInput, sort: str, limit: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    """With a limit, pairs are scored in parts and only each part's best are kept: the same rows must win."""
    monkeypatch.setattr(suggest_module, "STREAM_ROWS", 97)
    found = suggest(demo, 25.0, sort=sort, limit=limit)
    assert_same(found, previous_suggest(demo, 25.0, sort=sort, limit=limit))
