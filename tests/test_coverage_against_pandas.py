"""`coverage` and `gaps` agree with an independent pandas computation over the import CSVs of random demo data."""

from __future__ import annotations

import csv
from pathlib import Path

import pandas as pd
import pytest

from devtools.demo import write_demo
from graph.intake.importer import import_path
from graph.store.atlas import Atlas

from .conftest import FEATURE_BACKENDS

pytestmark = pytest.mark.backends(*FEATURE_BACKENDS)


def expected_coverage(folder: Path, reference: Path) -> pd.DataFrame:
    organisations = pd.read_csv(folder / "organisations.csv", dtype=str).fillna("")
    sites = pd.read_csv(folder / "sites.csv", dtype=str).fillna("")
    collaborations = pd.read_csv(folder / "collaborations.csv", dtype=str).fillna("")
    municipalities = pd.read_csv(reference / "gemeenten_2025.csv", dtype={"gemeentecode": str})
    kind = dict(zip(organisations.id, organisations.kind, strict=True))
    sites["kind"] = sites.organisation_id.map(kind)
    site_place = dict(zip(sites.id, sites.municipality_code, strict=True))
    active = collaborations[collaborations.status.replace("", "active") == "active"]
    table = pd.DataFrame({"municipality_code": municipalities.gemeentecode, "population": municipalities.bevolking})
    table["library_sites"] = table.municipality_code.map(
        sites[sites.kind == "library"].municipality_code.value_counts()
    )
    table["care_sites"] = table.municipality_code.map(sites[sites.kind == "care"].municipality_code.value_counts())
    table["active_collaborations"] = table.municipality_code.map(active.library_site_id.map(site_place).value_counts())
    table = table.fillna(0)
    for column in ("library_sites", "care_sites", "active_collaborations"):
        table[column] = table[column].astype(int)
    table["covered"] = table.active_collaborations >= 1
    return table.sort_values("municipality_code").reset_index(drop=True)


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_coverage_and_gaps_match_pandas_on_random_demo_data(reference_atlas: Atlas, tmp_path: Path, seed: int) -> None:
    reference = reference_atlas.settings.reference
    assert reference is not None
    folder = tmp_path / "demo"
    write_demo(folder, scale=0.03, seed=seed, reference=reference)
    with open(folder / "sites.csv", encoding="utf-8") as handle:
        assert all(row["municipality_code"] for row in csv.DictReader(handle))
    report = import_path(reference_atlas, folder)
    assert report.ok, [p.render() for p in report.problems[:5]]
    expected = expected_coverage(folder, reference)
    actual = reference_atlas.answer("coverage")
    columns = ["municipality_code", "library_sites", "care_sites", "active_collaborations", "covered", "population"]
    pd.testing.assert_frame_equal(actual[columns].reset_index(drop=True), expected[columns], check_dtype=False)
    gaps = expected[(expected.library_sites > 0) & (expected.care_sites > 0) & ~expected.covered]
    gaps = gaps.sort_values(["population", "municipality_code"], ascending=[False, True])
    actual_gaps = reference_atlas.answer("gaps")
    assert list(actual_gaps.municipality_code) == list(gaps.municipality_code)
    assert len(actual_gaps) > 0
