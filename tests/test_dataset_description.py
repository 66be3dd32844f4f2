"""Every RDF export describes the atlas as a dataset (DCAT and VoID), as a data catalogue reads it."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest
from rdflib import BNode, Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCTERMS, FOAF, ORG, PROV, RDF, VOID

from graph.intake.exporter import export
from graph.intake.importer import import_path
from graph.intake.setup import prepare
from graph.settings import CC_BY_4, Publication, settings_from_environment
from graph.store.atlas import Atlas

from .conftest import run_cli

DCAT = Namespace("http://www.w3.org/ns/dcat#")  # rdflib's closed DCAT namespace trips pytest's collection
PARSERS = {"ttl": "turtle", "jsonld": "json-ld", "nt": "nt"}


def exported(atlas: Atlas, rdf_format: str, publication: Publication | None = None) -> Graph:
    content = export(atlas, rdf_format, None, publication=publication)
    assert content is not None
    return Graph().parse(data=content, format=PARSERS[rdf_format])


def the_dataset(graph: Graph) -> URIRef:
    datasets = set(graph.subjects(RDF.type, DCAT.Dataset))
    assert len(datasets) == 1 and set(graph.subjects(RDF.type, VOID.Dataset)) == datasets
    dataset = datasets.pop()
    assert isinstance(dataset, URIRef)
    return dataset


def description_of(graph: Graph, dataset: URIRef) -> set[tuple[object, object, object]]:
    """The dataset's own triples and everything they lead to that exists only for the description."""
    own = {dataset, *graph.objects(dataset, DCTERMS.publisher), *graph.objects(dataset, DCAT.distribution)}
    own |= set(graph.subjects(DCAT.servesDataset, dataset))
    triples: set[tuple[object, object, object]] = set()
    todo = list(own)
    while todo:
        node = todo.pop()
        for triple in graph.triples((node, None, None)):
            triples.add(triple)
            if isinstance(triple[2], BNode):
                todo.append(triple[2])
    return triples


@pytest.mark.parametrize("rdf_format", ["ttl", "jsonld", "nt"])
def test_every_rdf_export_describes_the_dataset_for_a_catalogue(seed_atlas: Atlas, rdf_format: str) -> None:
    publication = Publication(publisher_name="Bibliotheeknetwerk Utrecht", publisher_url="https://example.org/bnu")
    graph = exported(seed_atlas, rdf_format, publication)
    dataset = the_dataset(graph)
    for predicate in (DCTERMS.title, DCTERMS.description):
        assert {literal.language for literal in graph.objects(dataset, predicate)} == {"nl", "en"}
    assert set(graph.objects(dataset, DCTERMS.license)) == {URIRef(CC_BY_4)}
    publisher = graph.value(dataset, DCTERMS.publisher)
    assert publisher == URIRef("https://example.org/bnu")
    assert graph.value(publisher, FOAF.name) == Literal("Bibliotheeknetwerk Utrecht")
    # Modified: when the last import was written, not when the file was made.
    modified = graph.value(dataset, DCTERMS.modified)
    assert isinstance(modified, Literal)
    activities = set(graph.subjects(RDF.type, PROV.Activity))
    started = [datetime.fromisoformat(str(time)) for a in activities for time in graph.objects(a, PROV.startedAtTime)]
    assert datetime.fromisoformat(str(modified)) == max(started)
    # Counts: the data, without the description itself.
    data_triples = len(graph) - len(description_of(graph, dataset))
    assert graph.value(dataset, VOID.triples).toPython() == data_triples
    described = {subject for subject, _, _ in description_of(graph, dataset)}
    entities = {subject for subject in graph.subjects() if isinstance(subject, URIRef)} - described
    assert graph.value(dataset, VOID.entities).toPython() == len(entities)
    partitions = {
        graph.value(partition, VOID["class"]): graph.value(partition, VOID.entities).toPython()
        for partition in graph.objects(dataset, VOID.classPartition)
    }
    assert partitions[ORG.OrganizationalCollaboration] == 7
    assert partitions[ORG.Site] == 14
    assert URIRef(str(ORG)) in set(graph.objects(dataset, VOID.vocabulary))
    # No endpoint unless one is configured.
    assert graph.value(dataset, VOID.sparqlEndpoint) is None and graph.value(dataset, DCAT.distribution) is None


def test_the_public_sparql_endpoint_is_named_when_configured(seed_atlas: Atlas) -> None:
    endpoint = URIRef("https://data.example.org/passendwerk/sparql")
    graph = exported(seed_atlas, "ttl", Publication(sparql_endpoint=str(endpoint)))
    dataset = the_dataset(graph)
    assert graph.value(dataset, VOID.sparqlEndpoint) == endpoint
    service = graph.value(None, DCAT.servesDataset, dataset)
    assert graph.value(service, DCAT.endpointURL) == endpoint
    distribution = graph.value(dataset, DCAT.distribution)
    assert graph.value(distribution, DCAT.accessURL) == endpoint
    assert graph.value(distribution, DCAT.accessService) == service
    # Without a publisher of its own, the atlas still names one (a catalogue needs it).
    assert graph.value(graph.value(dataset, DCTERMS.publisher), FOAF.name) == Literal("Passend Werk Atlas")


def test_an_export_with_its_description_imports_again(seed_atlas: Atlas, tmp_path: Path) -> None:
    path = tmp_path / "atlas.ttl"
    export(seed_atlas, "ttl", path)
    fresh = Atlas.open(seed_atlas.settings.with_(store=str(tmp_path / "fresh")))
    prepare(fresh)
    report = import_path(fresh, path)
    assert report.ok, [problem.render() for problem in report.problems]
    assert len(report.records.collaborations) == 7


def test_publisher_and_endpoint_come_from_the_environment(tmp_path: Path) -> None:
    settings = settings_from_environment(
        environ={
            "PASSENDWERK_PUBLISHER": "Bibliotheeknetwerk Utrecht",
            "PASSENDWERK_PUBLISHER_URL": "https://example.org/bnu",
            "PASSENDWERK_SPARQL_ENDPOINT": "https://data.example.org/sparql",
        }
    )
    assert settings.publication == Publication(
        publisher_name="Bibliotheeknetwerk Utrecht",
        publisher_url="https://example.org/bnu",
        sparql_endpoint="https://data.example.org/sparql",
    )
    with pytest.raises(ValueError, match="PASSENDWERK_SPARQL_ENDPOINT moet een http"):
        settings_from_environment(environ={"PASSENDWERK_SPARQL_ENDPOINT": "javascript:alert(1)"})
    # The real command line passes them down to the export.
    store = tmp_path / "store"
    assert run_cli("init", store=store).returncode == 0
    environment = {"PASSENDWERK_PUBLISHER": "Gemeente Woerden", "PASSENDWERK_SPARQL_ENDPOINT": "https://x.example/q"}
    result = run_cli("export", "--format", "nt", store=store, env=environment)
    assert result.returncode == 0
    assert '<http://xmlns.com/foaf/0.1/name> "Gemeente Woerden" .' in result.stdout
    assert "<http://rdfs.org/ns/void#sparqlEndpoint> <https://x.example/q> ." in result.stdout
    refused = run_cli("export", "--format", "nt", store=store, env={"PASSENDWERK_PUBLISHER_URL": "ftp://x"})
    assert refused.returncode == 2 and "PASSENDWERK_PUBLISHER_URL" in refused.stderr
    assert "Traceback" not in refused.stderr
