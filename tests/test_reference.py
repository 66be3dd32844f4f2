"""Reference data: CBS municipalities and provinces."""

from __future__ import annotations

import csv
import json
import shutil
from pathlib import Path

import pytest

from graph.intake.reference import ReferenceError, load_reference
from graph.model.vocab import PREFIXES
from graph.store.atlas import Atlas

pytestmark = pytest.mark.backends


def test_all_municipalities_and_provinces_are_loaded(reference_atlas: Atlas) -> None:
    areas = reference_atlas.answer("internal/municipality-areas")
    assert len(areas) == 342
    woerden = areas.set_index("code").loc["GM0632"]
    assert woerden["name"] == "Woerden" and woerden["province_code"] == "PV26"
    assert str(woerden["wkt"]).startswith(("POLYGON", "MULTIPOLYGON"))
    provinces = reference_atlas.store.select(
        "SELECT ?code ?en WHERE { ?p a pw:Province ; dcterms:identifier ?code ; skos:prefLabel ?en "
        "FILTER(LANG(?en) = 'en') }",
        prefixes=PREFIXES,
    )
    assert len(provinces) == 12
    assert dict(zip(provinces["code"], provinces["en"], strict=True))["PV27"] == "North Holland"


def test_population_is_known(reference_atlas: Atlas) -> None:
    frame = reference_atlas.store.select(
        "SELECT ?population WHERE { ?m dcterms:identifier 'GM0632' ; pw:population ?population }",
        prefixes=PREFIXES,
    )
    assert list(frame["population"]) == [53724]


def test_reloading_replaces_rather_than_duplicates(reference_atlas: Atlas, tmp_path: Path) -> None:
    before = reference_atlas.store.count()
    assert reference_atlas.settings.reference is not None
    load_reference(reference_atlas.store, reference_atlas.settings.reference)
    assert reference_atlas.store.count() == before


def test_a_reference_folder_without_its_files_is_refused(reference_atlas: Atlas, tmp_path: Path) -> None:
    with pytest.raises(ReferenceError, match="gemeente_JJJJ.geojson en gemeenten_JJJJ.csv ontbreken"):
        load_reference(reference_atlas.store, tmp_path)
    (tmp_path / "gemeenten_2026.csv").write_text("gemeentecode\n")  # without its boundaries
    with pytest.raises(ReferenceError, match="missing"):
        load_reference(reference_atlas.store, tmp_path)


def test_the_first_load_into_an_empty_store_keeps_everything(empty_atlas: Atlas) -> None:
    """Regression: on a server, a reference graph new to the store was written ahead of its change and then
    dropped by that change's own replacement of the graph, which left the atlas without municipalities."""
    from .conftest import reference_dir

    assert load_reference(empty_atlas.store, reference_dir()) == 342
    areas = empty_atlas.answer("internal/municipality-areas")
    assert len(areas) == 342


def test_the_repository_carries_the_reference_data_and_the_environment_overrides_it(tmp_path: Path) -> None:
    from graph.settings import REPO_ROOT, settings_from_environment

    carried = settings_from_environment(environ={}).reference
    assert carried == REPO_ROOT / "data" / "reference"
    assert carried is not None and (carried / "SOURCES.md").read_text().count("CC BY 4.0") >= 2
    assert settings_from_environment(environ={"PASSENDWERK_REFERENCE": str(tmp_path)}).reference == tmp_path
    assert settings_from_environment(reference="elders", environ={"PASSENDWERK_REFERENCE": "x"}).reference == Path(
        "elders"
    )


def test_westervoort_and_schouwen_duiveland_boundaries_are_valid(reference_atlas: Atlas) -> None:
    """Regression: the simplified CBS boundaries of GM0293 and GM1676 cross themselves, so a point-in-polygon
    or union with them failed or answered wrongly."""
    from shapely import wkt

    areas = reference_atlas.answer("internal/municipality-areas").set_index("code")
    shapes = {code: wkt.loads(text) for code, text in areas["wkt"].items()}
    assert len(shapes) == 342 and all(shape.is_valid for shape in shapes.values())
    assert shapes["GM0293"].geom_type == "MultiPolygon" and shapes["GM1676"].geom_type == "Polygon"
    assert round(shapes["GM1676"].area, 6) == 0.029865  # the repair keeps the area


def test_an_invalid_boundary_in_a_new_file_is_repaired_on_loading(
    empty_atlas: Atlas, tmp_path: Path, other_reference_loaded: list[Atlas]
) -> None:
    from shapely import wkt

    other_reference_loaded.append(empty_atlas)
    from .conftest import reference_dir

    folder = _next_year(tmp_path, "2026", {})
    data = json.loads((folder / "gemeente_2026.geojson").read_text(encoding="utf-8"))
    woerden = next(f for f in data["features"] if f["properties"]["statcode"] == "GM0632")
    # A bow tie: the ring crosses itself in the middle of Woerden.
    woerden["geometry"] = {
        "type": "Polygon",
        "coordinates": [[[4.80, 52.07], [5.00, 52.15], [5.00, 52.07], [4.80, 52.15], [4.80, 52.07]]],
    }
    (folder / "gemeente_2026.geojson").write_text(json.dumps(data), encoding="utf-8")
    assert (reference_dir() / "gemeente_2025.geojson").exists()
    assert load_reference(empty_atlas.store, folder) == 342
    areas = empty_atlas.answer("internal/municipality-areas").set_index("code")
    repaired = wkt.loads(areas.loc["GM0632", "wkt"])
    assert repaired.is_valid and repaired.geom_type == "MultiPolygon" and len(repaired.geoms) == 2


def _next_year(tmp_path: Path, year: str, merged: dict[str, tuple[str, str]]) -> Path:
    """A reference folder for ``year`` made from the 2025 one, where each code in ``merged`` is renamed
    to (new code, new name), as a merger on 1 January does."""
    from .conftest import reference_dir

    folder = tmp_path / f"reference-{year}"
    folder.mkdir()
    source = reference_dir()
    boundaries = json.loads((source / "gemeente_2025.geojson").read_text(encoding="utf-8"))
    for feature in boundaries["features"]:
        if feature["properties"]["statcode"] in merged:
            code, name = merged[feature["properties"]["statcode"]]
            feature["properties"].update(statcode=code, statnaam=name)
    (folder / f"gemeente_{year}.geojson").write_text(json.dumps(boundaries), encoding="utf-8")
    with open(source / "gemeenten_2025.csv", encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    for row in rows:
        if row["gemeentecode"] in merged:
            row["gemeentecode"], row["gemeentenaam"] = merged[row["gemeentecode"]]
    with open(folder / f"gemeenten_{year}.csv", "w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    shutil.copy(source / "provincie_2025_derived.geojson", folder / f"provincie_{year}_derived.geojson")
    return folder


def test_next_years_municipalities_move_the_sites_of_a_merged_municipality(
    seed_atlas: Atlas, tmp_path: Path, other_reference_loaded: list[Atlas]
) -> None:
    from graph.intake.reference import load_reference_report

    other_reference_loaded.append(seed_atlas)
    folder = _next_year(tmp_path, "2026", {"GM0632": ("GM9632", "Woerden-Montfoort")})
    # The 2025 files stay beside the new ones: the newest year is the one loaded.
    for name in ("gemeente_2025.geojson", "gemeenten_2025.csv"):
        shutil.copy(seed_atlas.settings.reference / name, folder / name)  # type: ignore[operator]
    report = load_reference_report(seed_atlas.store, folder)
    assert (report.year, report.municipalities, report.unplaced) == ("2026", 342, [])
    assert sorted((site.rsplit("/", 1)[1], old, new) for site, old, new in report.moved) == [
        ("abrona-woerden", "GM0632", "GM9632"),
        ("bibliotheek-woerden-woerden", "GM0632", "GM9632"),
    ]
    sites = seed_atlas.answer("site-overview").set_index("site_id")
    assert set(sites.loc[["abrona-woerden", "bibliotheek-woerden-woerden"], "municipality"]) == {"Woerden-Montfoort"}
    assert sites.loc["bibliotheek-venlo-stadsbibliotheek", "municipality_code"] == "GM0983"  # untouched
    coverage = seed_atlas.answer("coverage").set_index("municipality_code")
    assert "GM0632" not in coverage.index and coverage.loc["GM9632", "active_collaborations"] == 1
    # Loading the same year again has nothing left to move.
    assert load_reference_report(seed_atlas.store, folder).moved == []


def test_the_forms_town_search_reads_the_carried_geonames_places() -> None:
    from graph.intake.gazetteer import locate_town

    assert locate_town("Tegelen") == (51.34417, 6.13611)
    assert locate_town("den haag") == locate_town("The Hague") == (52.07667, 4.29861)  # another name
    assert locate_town("sint-nicolaasga") == (52.92293, 5.74242)  # case and dashes do not matter
    assert locate_town("Atlantis") is None
    assert locate_town("Venlo") is not None and locate_town("Sint Nicolaasga") is not None


def test_a_town_typed_in_small_letters_is_written_as_the_place_is() -> None:
    """Regression: a new organisation sent with the town "tegelen" read "Stichting Tweeling (tegelen)" on its
    card, in the decisions and in every chooser, beside "(Tegelen)" for the others there."""
    from graph.intake.gazetteer import town_as_written

    assert town_as_written("tegelen") == "Tegelen"
    assert town_as_written(" s  hertogenbosch ") == "'s-Hertogenbosch"  # apostrophe and dash as the place has them
    assert town_as_written("den haag") == "den haag"  # another name of a place: as the partner wrote it
    assert town_as_written("Nergens  hier") == "Nergens hier"  # no place of that name: as typed, single spaces


def test_the_reference_command_reports_the_sites_it_moved(tmp_path: Path) -> None:
    from .conftest import run_cli

    store = tmp_path / "store"
    assert run_cli("init", store=store).returncode == 0
    folder = _next_year(tmp_path, "2026", {"GM0632": ("GM9632", "Woerden-Montfoort")})
    result = run_cli("reference", str(folder), store=store)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == "referentiegegevens 2026 geladen: 342 gemeenten (reference data 2026 loaded: 342 municipalities)"
    assert sorted(lines[1:]) == [
        "verplaatst (moved): https://w3id.org/passendwerk/id/site/abrona-woerden: GM0632 -> GM9632",
        "verplaatst (moved): https://w3id.org/passendwerk/id/site/bibliotheek-woerden-woerden: GM0632 -> GM9632",
    ]
    empty = tmp_path / "empty"
    empty.mkdir()
    refused = run_cli("reference", str(empty), store=store)
    assert refused.returncode == 2 and "gemeente_JJJJ.geojson" in refused.stderr and "Traceback" not in refused.stderr


def test_reference_data_loaded_after_an_import_takes_the_place_of_its_stand_in_municipalities(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """Regression: a store filled by an import before it had reference data kept the import's stand-in for each
    municipality next to the reference's description, so every site there was read twice: the overview showed
    an example twice and the area profile of Venlo failed."""
    from graph.intake.importer import import_path
    from graph.settings import Settings

    from .conftest import TINY, reference_dir
    from .test_app import open_page

    store = tmp_path / "store"
    atlas = Atlas.open(Settings(store=str(store), reference=None))
    assert import_path(atlas, TINY).ok
    before = atlas.answer("internal/suggestion-sites")
    assert load_reference(atlas.store, reference_dir()) == 342
    after = atlas.answer("internal/suggestion-sites")
    assert len(after) == len(before) == 10 and not after.site_id.duplicated().any()
    assert set(after.municipality_code) == {"GM0632", "GM0344", "GM0983", "GM0363"}
    profile = open_page(monkeypatch, str(store), "factsheet", gemeente="GM0983")
    assert not profile.exception and [title.value for title in profile.title] == ["Venlo"]
