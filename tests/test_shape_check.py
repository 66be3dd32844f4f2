"""The compiled shapes check gives the verdicts of pySHACL validating everything: on valid records, on a broken
file per constraint of shapes.ttl, and when an import refers to records already stored."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import ORG

from graph.intake.importer import check_tables, import_path, shape_inputs, validation_context
from graph.intake.mapping import records_triples
from graph.intake.shacl import compiled_report, pyshacl_report, shacl_problems, shapes_graph
from graph.intake.tables import read_input
from graph.intake.validate import validate_tables
from graph.model.vocab import PW, collaboration_iri, site_iri
from graph.store.atlas import Atlas
from tests.conftest import EVERYTHING, TINY
from tests.shape_breakers import broken_cases, constraint_count


def _valid_union(atlas: Atlas, folder: Path) -> Graph:
    context = validation_context(atlas)
    records, problems = validate_tables(read_input(folder), context)
    assert not problems
    union = Graph()
    for part in shape_inputs(atlas, records, context):
        for triple in part:
            union.add(triple)
    return union


def test_valid_records_pass_both_checks(reference_atlas: Atlas) -> None:
    union = _valid_union(reference_atlas, TINY)
    assert compiled_report([union]) == pyshacl_report([union]) == set()


def _with_every_date_precision(folder: Path) -> Path:
    """The tiny records plus collaborations that end in a month and on a day (tiny's end only in a year)."""
    shutil.copytree(TINY, folder)
    with (folder / "collaborations.csv").open("a", encoding="utf-8") as handle:
        handle.write("c-month,a-woerden,x-venlo,,ended,2021-05,2022-06,,,,,,,,,\n")
        handle.write("c-day,a-woerden,x-venlo,,ended,2021,2022-06-15,,,,,,,,,\n")
    return folder


@pytest.mark.slow
def test_every_broken_constraint_gets_the_verdict_of_pyshacl(reference_atlas: Atlas, tmp_path: Path) -> None:
    shapes = shapes_graph()
    valid = _valid_union(reference_atlas, _with_every_date_precision(tmp_path / "records"))
    cases = list(broken_cases(shapes, valid))
    assert len(cases) == constraint_count(shapes) >= 40
    for number, case in enumerate(cases):
        broken_file = tmp_path / f"{number:02d}-{case.name}.ttl"
        case.graph.serialize(broken_file, format="turtle")
        data = Graph().parse(broken_file, format="turtle")
        expected = pyshacl_report([data])
        assert case.expected in {(shape, component) for _, shape, component, _ in expected}, case.name
        assert compiled_report([data]) == expected, case.name


def _new_collaborations(folder: Path, library_site: str) -> Path:
    """Two collaborations between sites that are already stored; the first with the given library side."""
    folder.mkdir()
    header = (TINY / "collaborations.csv").read_text(encoding="utf-8").splitlines()[0]
    rows = [f"n1,{library_site},x-woerden,werk,active,2024,,,,,,,,,,", "n2,b-venlo,x-venlo,,exploring,,,,,,,,,,,"]
    (folder / "collaborations.csv").write_text("\n".join([header, *rows]) + "\n", encoding="utf-8")
    return folder


def _everything(atlas: Atlas, new: list[tuple[URIRef, URIRef, object]]) -> Graph:
    graph = Graph()
    for s, p, o, _ in atlas.store.quads(private=EVERYTHING):
        graph.add((s, p, o))
    for triple in new:
        graph.add(triple)  # type: ignore[arg-type]
    return graph


def test_checking_what_an_import_refers_to_agrees_with_validating_the_whole_store(
    tiny_atlas: Atlas, tmp_path: Path
) -> None:
    checked = check_tables(tiny_atlas, read_input(_new_collaborations(tmp_path / "ok", "a-woerden")))
    assert not checked.problems
    inputs = shape_inputs(tiny_atlas, checked.records, checked.context)
    public, private = records_triples(checked.records)
    everything = _everything(tiny_atlas, [*public, *private])
    assert compiled_report(inputs) == pyshacl_report([everything]) == set()
    # The library side names a care site (the row checks would refuse it): the stored site and its
    # organisation's kind are what the shapes reach, and both checks find the same violations.
    wrong = site_iri("x-venlo")
    broken = [t for t in public if t[:2] != (collaboration_iri("n1"), PW.librarySite)]
    broken.append((collaboration_iri("n1"), PW.librarySite, wrong))
    found = compiled_report([broken, private, *inputs[2:]])
    assert found and found == pyshacl_report([_everything(tiny_atlas, [*broken, *private])])


def test_a_shape_violation_is_reported_at_its_row_in_both_languages() -> None:
    site = URIRef("https://w3id.org/passendwerk/id/site/s1")
    data = Graph()
    data.add((site, ORG.siteOf, Literal("geen IRI")))
    problems = shacl_problems([data], origin={str(site): ("sites.csv", 4)})
    assert problems == []  # no rdf:type: not a focus node of any shape
    data.add((site, URIRef("http://www.w3.org/1999/02/22-rdf-syntax-ns#type"), ORG.Site))
    rendered = [p.render() for p in shacl_problems([data], origin={str(site): ("sites.csv", 4)})]
    assert any(
        line.startswith("sites.csv:4: organisation_id: voldoet niet aan het gegevensmodel: siteOf:")
        and "violates the model" in line
        for line in rendered
    ), rendered


def test_import_of_valid_records_still_writes_them(reference_atlas: Atlas) -> None:
    report = import_path(reference_atlas, TINY, agent="test")
    assert report.ok and report.written
