"""The exports as other linked-data tools read them: the atlas's own shapes (pySHACL), W3C ORG as intended,
JSON-LD through pyld, and every RDF export imported again.

The data is the tiny hand-made graph (every kind of date, contact and membership) plus a small generated demo
sample (``python -m devtools demo`` at scale 0.03: the same generator as scale 1, about 90 collaborations)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import rdflib.namespace as ns
from pyld import jsonld
from pyshacl import validate
from rdflib import Graph, Literal, URIRef
from rdflib.compare import isomorphic
from rdflib.namespace import DCTERMS, ORG, PROV, RDF, RDFS

from devtools.demo import NETWORKS, write_demo
from graph.intake.exporter import export, template_tables
from graph.intake.importer import import_path
from graph.intake.shacl import shapes_graph
from graph.model.vocab import GSP, PREFIXES, PW, SDO, VCARD, collaboration_iri, organisation_iri, site_iri
from graph.settings import Settings
from graph.store.atlas import Atlas

from .conftest import TINY, _copy_store, reference_dir

RDF_FORMATS = {"ttl": "turtle", "jsonld": "json-ld", "nt": "nt"}


@pytest.fixture(scope="module")
def exported(tmp_path_factory: pytest.TempPathFactory, _reference_store: Path) -> tuple[Atlas, dict[str, Path]]:
    """An atlas holding the tiny data and a demo sample, and its public export in every RDF format."""
    folder = tmp_path_factory.mktemp("linked")
    _copy_store(_reference_store, folder / "store")
    atlas = Atlas.open(Settings(store=str(folder / "store"), reference=reference_dir()))
    assert import_path(atlas, TINY, agent="test").ok
    write_demo(folder / "demo", 0.03, 7, reference_dir())
    report = import_path(atlas, folder / "demo", agent="demo")
    assert report.ok, [problem.render() for problem in report.problems[:5]]
    files = {}
    for name in RDF_FORMATS:
        files[name] = folder / f"atlas.{name}"
        export(atlas, name, files[name])
    return atlas, files


def _graph(files: dict[str, Path], name: str) -> Graph:
    return Graph().parse(files[name], format=RDF_FORMATS[name])


@pytest.mark.parametrize("name", RDF_FORMATS)
def test_every_rdf_export_passes_the_atlas_shapes(exported: tuple[Atlas, dict[str, Path]], name: str) -> None:
    """Regression: participants came back from the store as xsd:integer where the shapes asked for
    xsd:nonNegativeInteger (Oxigraph and Virtuoso store every integer type as xsd:integer)."""
    conforms, report, text = validate(_graph(exported[1], name), shacl_graph=shapes_graph(), inference="none")
    violations = len(set(report.subjects(RDF.type, URIRef("http://www.w3.org/ns/shacl#ValidationResult"))))
    assert conforms, f"{violations} violations:\n{text[:3000]}"


@pytest.mark.parametrize("name", RDF_FORMATS)
def test_every_rdf_export_imports_again_to_the_same_tables(
    exported: tuple[Atlas, dict[str, Path]], name: str, reference_atlas: Atlas
) -> None:
    atlas, files = exported
    report = import_path(reference_atlas, files[name], agent="test")
    assert report.ok, [problem.render() for problem in report.problems[:5]]
    again = template_tables(reference_atlas)
    for table, frame in template_tables(atlas).items():
        assert again[table].equals(frame), table


def test_json_ld_expanded_and_compacted_by_pyld_gives_the_turtle_triples(
    exported: tuple[Atlas, dict[str, Path]],
) -> None:
    document = json.loads(exported[1]["jsonld"].read_text(encoding="utf-8"))
    compacted = jsonld.compact(jsonld.expand(document), {"@context": PREFIXES})
    assert "@context" in compacted and "@graph" in compacted
    nquads = jsonld.to_rdf(compacted, {"format": "application/n-quads"})
    assert isinstance(nquads, str)
    through_pyld = Graph().parse(data=nquads, format="nt")
    turtle = _graph(exported[1], "ttl")
    assert len(through_pyld) == len(turtle) > 0
    assert isomorphic(through_pyld, turtle)


def _turtle(exported: tuple[Atlas, dict[str, Path]]) -> Graph:
    return _graph(exported[1], "ttl")


def test_every_collaboration_has_its_two_partners_as_org_members(exported: tuple[Atlas, dict[str, Path]]) -> None:
    graph = _turtle(exported)
    collaborations = set(graph.subjects(RDF.type, ORG.OrganizationalCollaboration))
    assert len(collaborations) > 80
    for collaboration in collaborations:
        partners = {graph.value(graph.value(collaboration, side), ORG.siteOf) for side in (PW.librarySite, PW.careSite)}
        assert set(graph.objects(collaboration, ORG.hasMember)) == partners
    assert set(graph.objects(collaboration_iri("c1"), ORG.hasMember)) == {
        organisation_iri("lib-a"),
        organisation_iri("care-x"),
    }


def test_library_and_care_site_do_not_make_the_sites_the_collaborations(
    exported: tuple[Atlas, dict[str, Path]],
) -> None:
    """Regression: as sub-properties of org:hasSite (the inverse of org:siteOf) a reasoner concluded that the
    sites belong to the collaboration."""
    graph = _turtle(exported)
    for side in (PW.librarySite, PW.careSite):
        assert (side, RDFS.subPropertyOf, ORG.hasSite) not in graph
        assert not list(graph.objects(side, RDFS.subPropertyOf))
    assert not list(graph.subjects(ORG.hasSite, None)) or all(
        (organisation, RDF.type, ORG.Organization) in graph for organisation in graph.subjects(ORG.hasSite, None)
    )


def test_network_organisations_have_their_members_from_member_of(exported: tuple[Atlas, dict[str, Path]]) -> None:
    """Regression: no org:hasMember of a network organisation existed in the demo data."""
    graph = _turtle(exported)
    assert set(graph.objects(organisation_iri("net-n"), ORG.hasMember)) == {organisation_iri("care-x")}
    for network_id, _ in NETWORKS.values():
        members = set(graph.objects(organisation_iri(network_id), ORG.hasMember))
        assert members and all((member, RDF.type, ORG.Organization) in graph for member in members)


def _date(graph: Graph, collaboration: str, end: URIRef) -> Literal | None:
    period = graph.value(collaboration_iri(collaboration), ns.TIME.hasTime)
    instant = graph.value(period, end) if period is not None else None
    if instant is None:
        return None
    assert (instant, RDF.type, ns.TIME.Instant) in graph
    values = [value for _, value in graph.predicate_objects(instant) if isinstance(value, Literal)]
    assert len(values) == 1
    return values[0]


def test_a_collaborations_span_is_an_owl_time_interval_keeping_the_dates_precision(
    exported: tuple[Atlas, dict[str, Path]],
) -> None:
    graph = _turtle(exported)
    assert _date(graph, "c1", ns.TIME.hasBeginning) == Literal("2023-03-01", datatype=ns.XSD.date)
    assert _date(graph, "c4", ns.TIME.hasBeginning) == Literal("2024-09", datatype=ns.XSD.gYearMonth)
    assert _date(graph, "c2", ns.TIME.hasBeginning) == Literal("2019", datatype=ns.XSD.gYear)
    assert _date(graph, "c2", ns.TIME.hasEnd) == Literal("2022", datatype=ns.XSD.gYear)
    assert _date(graph, "c1", ns.TIME.hasEnd) is None
    assert not list(graph.subjects(URIRef("https://schema.org/startDate"), None))


def test_contacts_are_vcard_linked_by_dcat_contact_point(exported: tuple[Atlas, dict[str, Path]]) -> None:
    graph = _turtle(exported)
    contact = graph.value(collaboration_iri("c1"), ns.DCAT.contactPoint)
    assert (contact, RDF.type, VCARD.Individual) in graph
    assert graph.value(contact, VCARD.fn) == Literal("Anna Publiek")
    assert not list(graph.subjects(URIRef("https://schema.org/contactPoint"), None))


def test_sites_are_places_and_features(exported: tuple[Atlas, dict[str, Path]]) -> None:
    graph = _turtle(exported)
    sites = set(graph.subjects(RDF.type, ORG.Site))
    assert site_iri("a-woerden") in sites
    for site in sites:
        assert (site, RDF.type, SDO.Place) in graph and (site, RDF.type, GSP.Feature) in graph


def test_every_collaboration_has_a_dutch_and_an_english_label_from_its_partners(
    exported: tuple[Atlas, dict[str, Path]],
) -> None:
    graph = _turtle(exported)
    assert set(graph.objects(collaboration_iri("c1"), RDFS.label)) == {
        Literal("Samenwerking Bibliotheek Alfa en Zorg X", lang="nl"),
        Literal("Collaboration of Bibliotheek Alfa and Zorg X", lang="en"),
    }
    for collaboration in graph.subjects(RDF.type, ORG.OrganizationalCollaboration):
        assert {label.language for label in graph.objects(collaboration, RDFS.label)} == {"nl", "en"}


def test_dcterms_source_is_always_an_iri_and_an_imports_file_is_a_title(
    exported: tuple[Atlas, dict[str, Path]],
) -> None:
    graph = _turtle(exported)
    sources = list(graph.objects(None, DCTERMS.source))
    assert sources and all(isinstance(source, URIRef) for source in sources)
    titles = {
        str(graph.value(used, DCTERMS.title))
        for activity in graph.subjects(RDF.type, PROV.Activity)
        for used in graph.objects(activity, PROV.used)
    }
    assert {"tiny", "demo"} <= titles
