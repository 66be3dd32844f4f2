"""Import, validate and export as a coordinator uses them: real files, a real store."""

from __future__ import annotations

import csv
import gc
import shutil
from pathlib import Path

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import ORG, RDF, RDFS

from graph.analysis.mapdata import sites
from graph.intake.exporter import export, template_tables
from graph.intake.importer import import_path, validate_path
from graph.intake.setup import initialise
from graph.intake.shacl import shacl_problems
from graph.intake.template import InputError
from graph.model.viewer import COMMAND_LINE
from graph.model.vocab import PREFIXES, SDO, collaboration_iri, local_id, organisation_iri
from graph.store.atlas import Atlas

from .conftest import EVERYTHING, FEATURE_BACKENDS, SEED, TINY

pytestmark = [pytest.mark.backends(*FEATURE_BACKENDS), pytest.mark.slow]


def _copy(source: Path, target: Path) -> Path:
    shutil.copytree(source, target)
    return target


def _edit(folder: Path, table: str, row_id: str, **changes: str) -> None:
    path = folder / f"{table}.csv"
    with open(path, encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
        fields = list(rows[0].keys())
    for row in rows:
        if row["id"] == row_id:
            row.update(changes)
    with open(path, "w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=fields)
        writer.writeheader()
        writer.writerows(rows)


def _append(folder: Path, table: str, **values: str) -> None:
    path = folder / f"{table}.csv"
    with open(path, encoding="utf-8", newline="") as handle:
        fields = next(csv.reader(handle))
    with open(path, "a", encoding="utf-8", newline="") as handle:
        csv.DictWriter(handle, fieldnames=fields).writerow(values)


def _counts(atlas: Atlas) -> dict[str, int]:
    return {name: len(frame) for name, frame in template_tables(atlas).items()}


def test_seed_data_imports_and_counts_match_the_files(seed_atlas: Atlas) -> None:
    assert _counts(seed_atlas) == {"organisations": 16, "sites": 14, "collaborations": 7}


def test_seed_collaborations_claim_only_what_their_sources_say(seed_atlas: Atlas) -> None:
    rows = seed_atlas.answer("collaboration-overview").set_index("collaboration_id")
    dordrecht = rows.loc["rtvdordrecht-2019-philadelphia-dordrecht"]
    assert (dordrecht["status"], dordrecht["start_date"], dordrecht["municipality_code"]) == (
        "unknown",
        "2019-03-20",
        "GM0505",
    )
    sint_nicolaasga = rows.loc["maeykehiem-mar-en-fean-sint-nicolaasga"]
    assert (sint_nicolaasga["status"], sint_nicolaasga["start_date"]) == ("active", "")  # the year is not stated
    labels = seed_atlas.store.select(
        "SELECT ?label WHERE { ?s skos:notation 'unknown' ; skos:inScheme status:scheme ; skos:prefLabel ?label }",
        prefixes=PREFIXES,
    )
    assert set(labels["label"]) == {"Onbekend", "Unknown"}
    coverage = seed_atlas.answer("coverage").set_index("municipality_code")
    assert not coverage.loc["GM0505", "covered"] and coverage.loc["GM1940", "covered"]


def test_round_trip_csv_import_export_import_is_exact(tiny_atlas: Atlas, tmp_path: Path) -> None:
    first = tmp_path / "first"
    export(tiny_atlas, "csv", first, include_private=True, viewer=COMMAND_LINE)
    fresh = Atlas.open(tiny_atlas.settings.with_(store=str(tmp_path / "second-store")))
    initialise(fresh, seed=first)
    second = tmp_path / "second"
    export(fresh, "csv", second, include_private=True, viewer=COMMAND_LINE)
    for name in ("organisations", "sites", "collaborations"):
        assert (first / f"{name}.csv").read_text() == (second / f"{name}.csv").read_text(), name
    # and the export is the same data as the hand-made input
    with open(first / "collaborations.csv", encoding="utf-8") as handle:
        rows = {row["id"]: row for row in csv.DictReader(handle)}
    assert rows["c1"]["activities"] == "koffiecorner;werk"
    assert rows["c1"]["contact_phone"] == "030 123 4567"
    assert rows["c2"]["end_reason"] == "Subsidie gestopt"
    assert rows["c4"]["start_date"] == "2024-09"


@pytest.mark.parametrize("rdf_format", ["ttl", "jsonld"])
def test_round_trip_through_turtle_and_json_ld(tiny_atlas: Atlas, tmp_path: Path, rdf_format: str) -> None:
    path = tmp_path / f"export.{rdf_format}"
    export(tiny_atlas, rdf_format, path, include_private=True, viewer=COMMAND_LINE)
    fresh = Atlas.open(tiny_atlas.settings.with_(store=str(tmp_path / "other")))
    initialise(fresh, seed=path)
    before = template_tables(tiny_atlas, include_private=True, viewer=COMMAND_LINE)
    after = template_tables(fresh, include_private=True, viewer=COMMAND_LINE)
    for name in before:
        assert before[name].equals(after[name]), name


def test_xlsx_round_trip(tiny_atlas: Atlas, tmp_path: Path) -> None:
    path = tmp_path / "atlas.xlsx"
    export(tiny_atlas, "xlsx", path, include_private=True, viewer=COMMAND_LINE)
    fresh = Atlas.open(tiny_atlas.settings.with_(store=str(tmp_path / "other")))
    initialise(fresh, seed=path)
    assert _counts(fresh) == _counts(tiny_atlas)


def test_reimport_updates_and_never_duplicates(tiny_atlas: Atlas, tmp_path: Path) -> None:
    before = tiny_atlas.store.count()
    assert import_path(tiny_atlas, TINY).ok
    # only the new import activity is added (type, time, agent, agent type, and the file it used: link, type,
    # name); no record doubles
    assert tiny_atlas.store.count() == before + 7
    folder = _copy(TINY, tmp_path / "changed")
    _edit(folder, "organisations", "lib-a", name="Bibliotheek Alfa Nieuw")
    assert import_path(tiny_atlas, folder).ok
    names = {row.id: row.name for row in tiny_atlas.answer("internal/organisation-kinds").itertuples()}
    assert names["lib-a"] == "Bibliotheek Alfa Nieuw"
    assert _counts(tiny_atlas) == {"organisations": 9, "sites": 10, "collaborations": 4}


def test_a_town_typed_in_another_case_is_stored_as_the_place_is_written(tiny_atlas: Atlas, tmp_path: Path) -> None:
    """Regression: a file's "woerden" was stored as typed and read "(woerden)" beside a name, where the form
    stores the place as it is written. A town the reference data does not know stays as typed."""
    folder = _copy(TINY, tmp_path / "towns")
    _edit(folder, "sites", "a-woerden", town="woerden")
    _edit(folder, "sites", "a-utrecht", town="Kerkdorp  aan Zee")
    assert import_path(tiny_atlas, folder).ok
    towns = {str(row.site_id): str(row.town) for row in sites(tiny_atlas).itertuples()}
    assert towns["a-woerden"] == "Woerden" and towns["a-utrecht"] == "Kerkdorp aan Zee"


def test_reimporting_an_organisation_alone_keeps_its_sites_and_memberships(tiny_atlas: Atlas, tmp_path: Path) -> None:
    folder = tmp_path / "orgs-only"
    folder.mkdir()
    shutil.copy(TINY / "organisations.csv", folder)
    assert import_path(tiny_atlas, folder).ok
    tables = template_tables(tiny_atlas)
    assert len(tables["sites"]) == 10
    members = dict(zip(tables["organisations"]["id"], tables["organisations"]["member_of"], strict=True))
    assert members["care-x"] == "net-n"
    assert tiny_atlas.store.quads(predicate=ORG.hasSite, obj=URIRef("https://w3id.org/passendwerk/id/site/a-woerden"))
    # the collaborations keep their partners as members (only a network's membership is the row's to replace)
    assert _members(tiny_atlas, "c1") == {"lib-a", "care-x"}


def _members(atlas: Atlas, collaboration_id: str) -> set[str]:
    node = collaboration_iri(collaboration_id)
    return {local_id(str(obj)) for _, _, obj, _ in atlas.store.quads(subject=node, predicate=ORG.hasMember)}


def test_a_collaboration_moved_to_another_care_site_has_only_its_new_partners_as_members(
    tiny_atlas: Atlas, tmp_path: Path
) -> None:
    folder = _copy(TINY, tmp_path / "moved")
    _edit(folder, "collaborations", "c1", care_site_id="y-utrecht")
    assert import_path(tiny_atlas, folder).ok
    assert _members(tiny_atlas, "c1") == {"lib-a", "care-y"}
    labels = {
        str(label) for _, _, label, _ in tiny_atlas.store.quads(subject=collaboration_iri("c1"), predicate=RDFS.label)
    }
    assert labels == {"Samenwerking Bibliotheek Alfa en Zorg Y", "Collaboration of Bibliotheek Alfa and Zorg Y"}


def _labels(atlas: Atlas, collaboration_id: str) -> set[str]:
    node = collaboration_iri(collaboration_id)
    return {str(label) for _, _, label, _ in atlas.store.quads(subject=node, predicate=RDFS.label)}


def test_renaming_a_partner_or_moving_a_site_updates_the_collaborations_labels_and_members(
    tiny_atlas: Atlas, tmp_path: Path
) -> None:
    renamed = tmp_path / "renamed"
    renamed.mkdir()
    shutil.copy(TINY / "organisations.csv", renamed)
    _edit(renamed, "organisations", "lib-a", name="Bibliotheek Alfa Nieuw")
    assert import_path(tiny_atlas, renamed).ok
    for collaboration in ("c1", "c4"):
        assert "Samenwerking Bibliotheek Alfa Nieuw en " in " ".join(_labels(tiny_atlas, collaboration))
    assert _labels(tiny_atlas, "c2") == {
        "Samenwerking Bibliotheek Beta en Zorg X",
        "Collaboration of Bibliotheek Beta and Zorg X",
    }
    moved = tmp_path / "moved"
    moved.mkdir()
    shutil.copy(TINY / "sites.csv", moved)
    _edit(moved, "sites", "a-woerden", organisation_id="lib-b")
    assert import_path(tiny_atlas, moved).ok
    assert _members(tiny_atlas, "c1") == {"lib-b", "care-x"}
    assert _labels(tiny_atlas, "c1") == {
        "Samenwerking Bibliotheek Beta en Zorg X",
        "Collaboration of Bibliotheek Beta and Zorg X",
    }


def test_leaving_a_network_removes_only_that_membership(tiny_atlas: Atlas, tmp_path: Path) -> None:
    folder = _copy(TINY, tmp_path / "left")
    _edit(folder, "organisations", "care-x", member_of="")
    assert import_path(tiny_atlas, folder).ok
    network = organisation_iri("net-n")
    assert not tiny_atlas.store.quads(subject=network, predicate=ORG.hasMember)
    assert _members(tiny_atlas, "c1") == {"lib-a", "care-x"}


BAD_CASES = [
    ("missing required field", "sites", "a-woerden", {"name": ""}, "sites.csv:2: name:"),
    ("unknown reference", "sites", "a-woerden", {"organisation_id": "nobody"}, "sites.csv:2: organisation_id:"),
    ("bad date", "collaborations", "c1", {"start_date": "2023-13-01"}, "collaborations.csv:2: start_date:"),
    ("end before start", "collaborations", "c2", {"end_date": "2018"}, "collaborations.csv:3: end_date:"),
    ("point outside NL", "sites", "b-venlo", {"lat": "48.85", "lon": "2.35"}, "sites.csv:4: lat:"),
    (
        "wrong kind at library end",
        "collaborations",
        "c1",
        {"library_site_id": "x-venlo"},
        "collaborations.csv:2: library_site_id:",
    ),
    (
        "wrong kind at care end",
        "collaborations",
        "c1",
        {"care_site_id": "b-venlo"},
        "collaborations.csv:2: care_site_id:",
    ),
    ("unknown activity", "collaborations", "c1", {"activities": "werk;jongleren"}, "collaborations.csv:2: activities:"),
    (
        "bad email",
        "collaborations",
        "c1",
        {"contact_email": "anna(at)example.org"},
        "collaborations.csv:2: contact_email:",
    ),
    (
        "municipality disagrees with point",
        "sites",
        "a-woerden",
        {"municipality_code": "GM0344"},
        "sites.csv:2: municipality_code:",
    ),
    ("unknown municipality", "sites", "a-woerden", {"municipality_code": "GM9999"}, "sites.csv:2: municipality_code:"),
    ("bad kind", "organisations", "lib-a", {"kind": "school"}, "organisations.csv:2: kind:"),
    ("not a number", "sites", "a-woerden", {"lon": "vier"}, "sites.csv:2: lon:"),
]


@pytest.mark.parametrize(("case", "table", "row_id", "changes", "expected"), BAD_CASES, ids=[c[0] for c in BAD_CASES])
def test_bad_input_is_reported_by_file_row_and_column_and_nothing_is_written(
    reference_atlas: Atlas, tmp_path: Path, case: str, table: str, row_id: str, changes: dict[str, str], expected: str
) -> None:
    folder = _copy(TINY, tmp_path / "bad")
    _edit(folder, table, row_id, **changes)
    before = reference_atlas.store.dump(private=EVERYTHING)
    report = import_path(reference_atlas, folder)
    assert not report.ok and not report.written
    rendered = [problem.render() for problem in report.problems]
    assert any(line.startswith(expected) for line in rendered), rendered
    assert reference_atlas.store.dump(private=EVERYTHING) == before


def test_duplicate_id_is_reported(reference_atlas: Atlas, tmp_path: Path) -> None:
    folder = _copy(TINY, tmp_path / "dup")
    _append(folder, "organisations", id="lib-a", name="Nog een Alfa", kind="library")
    report = import_path(reference_atlas, folder)
    assert any("organisations.csv:11: id: id 'lib-a' komt dubbel voor" in p.render() for p in report.problems)
    assert reference_atlas.answer("internal/organisation-kinds").empty


def test_every_problem_is_reported_not_just_the_first(reference_atlas: Atlas, tmp_path: Path) -> None:
    folder = _copy(TINY, tmp_path / "many")
    _edit(folder, "sites", "a-woerden", lat="")
    _edit(folder, "collaborations", "c3", status="paused", participants="-2")
    report = import_path(reference_atlas, folder)
    columns = {(p.file, p.row, p.column) for p in report.problems}
    assert {
        ("sites.csv", 2, "lat"),
        ("collaborations.csv", 4, "status"),
        ("collaborations.csv", 4, "participants"),
    } <= columns


def test_unknown_column_and_missing_required_column(reference_atlas: Atlas, tmp_path: Path) -> None:
    folder = tmp_path / "cols"
    folder.mkdir()
    (folder / "organisations.csv").write_text("id,naam,kind\nx,Iets,library\n", encoding="utf-8")
    rendered = [p.render() for p in import_path(reference_atlas, folder).problems]
    assert "organisations.csv:1: naam: onbekende kolom" in rendered[0]
    assert any(line.startswith("organisations.csv:1: name: verplichte kolom ontbreekt") for line in rendered)


def test_validate_writes_nothing_even_when_valid(reference_atlas: Atlas) -> None:
    before = reference_atlas.store.dump(private=EVERYTHING)
    report = validate_path(reference_atlas, TINY)
    assert report.ok and len(report.records) == 23
    assert reference_atlas.store.dump(private=EVERYTHING) == before


def test_missing_input_is_a_clear_error(reference_atlas: Atlas, tmp_path: Path) -> None:
    with pytest.raises(InputError, match="bestaat niet"):
        import_path(reference_atlas, tmp_path / "nowhere")


def test_an_import_pauses_the_cycle_collector_and_turns_it_on_again_whatever_happens(
    reference_atlas: Atlas, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The collector walked an import's growing objects again and again (0.9 s of demo scale 1's 3.7 s): it is
    paused while the rows are checked and written, and on again afterwards, after a refusal or an error too."""
    from graph.intake import importer

    seen: list[bool] = []
    real_check = importer.shacl_problems

    def noting_check(*args: object, **kwargs: object) -> object:
        seen.append(gc.isenabled())
        return real_check(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(importer, "shacl_problems", noting_check)
    assert gc.isenabled()
    assert import_path(reference_atlas, TINY).written
    assert validate_path(reference_atlas, TINY).ok
    assert seen == [False, False] and gc.isenabled()
    bad = _copy(TINY, tmp_path / "bad")
    _edit(bad, "sites", "a-woerden", lat="")
    assert not import_path(reference_atlas, bad).ok and gc.isenabled()
    with pytest.raises(InputError):
        import_path(reference_atlas, tmp_path / "nowhere")
    assert gc.isenabled()


def test_shacl_rejects_a_record_that_breaks_the_model() -> None:
    data = Graph()
    site = URIRef("https://w3id.org/passendwerk/id/site/s1")
    data.add((site, RDF.type, ORG.Site))
    data.add((site, SDO.name, Literal("Zonder coördinaten")))
    problems = shacl_problems([data], origin={str(site): ("sites.csv", 7)})
    columns = {(p.file, p.row, p.column) for p in problems}
    assert ("sites.csv", 7, "lat") in columns and ("sites.csv", 7, "organisation_id") in columns


def test_private_contacts_are_left_out_of_exports_unless_asked(tiny_atlas: Atlas, tmp_path: Path) -> None:
    public = export(tiny_atlas, "ttl", None)
    assert public is not None
    assert b"Anna Publiek" in public and b"Piet Prive" not in public and b"piet@example.org" not in public
    private = export(tiny_atlas, "ttl", None, include_private=True, viewer=COMMAND_LINE)
    assert private is not None and b"Piet Prive" in private
    folder = tmp_path / "csv"
    export(tiny_atlas, "csv", folder)
    assert "Piet" not in (folder / "collaborations.csv").read_text()


def test_geojson_has_one_feature_per_site(tiny_atlas: Atlas) -> None:
    import json

    content = export(tiny_atlas, "geojson", None)
    assert content is not None
    collection = json.loads(content)
    assert len(collection["features"]) == 10
    woerden = next(f for f in collection["features"] if f["id"] == "site/a-woerden")
    assert woerden["geometry"]["coordinates"] == [4.88333, 52.085]
    assert woerden["properties"]["municipality_code"] == "GM0632"


def test_without_reference_data_points_are_checked_against_the_extent(empty_atlas: Atlas) -> None:
    initialise(empty_atlas, seed=SEED)
    sites = template_tables(empty_atlas)["sites"]
    assert set(sites["municipality_code"]) == {"GM0983", "GM0632", "GM0197", "GM0363", "GM0505", "GM1940"}
