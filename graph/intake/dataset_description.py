"""The atlas as a dataset: a DCAT and VoID description added to every RDF export, so a data catalogue can list it.

The counts describe the exported data itself (every triple except this description): triples, entities
(subjects with an IRI), classes and properties, and one class partition per class. The modified date is the
latest provenance time in the data, i.e. when the last import, reference load or approval was written.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import UTC, datetime

import pyoxigraph as ox
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import DCAT, DCTERMS, FOAF, PROV, RDF, VOID, XSD

from graph.model.terms import to_ox
from graph.model.vocab import BASE, PREFIXES
from graph.settings import Publication

DATASET = URIRef(BASE + "id/dataset/atlas")
DESCRIPTION_PREFIXES = {"dcat": str(DCAT), "void": str(VOID), "foaf": str(FOAF)}
TITLE = {"nl": "Passend Werk Atlas", "en": "Passend Werk Atlas (inclusive work in the library)"}
DESCRIPTION = {
    "nl": "Samenwerkingen tussen openbare bibliotheken en organisaties in de gehandicaptenzorg in Nederland: "
    "de organisaties, hun locaties, en per samenwerking de activiteiten, status, periode en bron. Met de "
    "gemeenten en provincies van CBS / PDOK (Bron: CBS / PDOK, CC BY 4.0). Gegenereerde demogegevens zijn "
    "herkenbaar aan '(demo)' in elke naam.",
    "en": "Collaborations between Dutch public libraries and disability-care organisations: the organisations, "
    "their sites, and per collaboration its activities, status, period and source. With the municipalities "
    "and provinces of CBS / PDOK (source: CBS / PDOK, CC BY 4.0). Generated demo data is marked '(demo)' in "
    "every name.",
}
KEYWORDS = {
    "nl": ("bibliotheek", "gehandicaptenzorg", "passend werk", "dagbesteding", "inclusie"),
    "en": ("public library", "disability care", "inclusive work", "day activities", "inclusion"),
}
LANGUAGES = ("NLD", "ENG")  # EU language authority table, as DCAT-AP asks
NETHERLANDS = URIRef("https://sws.geonames.org/2750405/")
_PROVENANCE_TIMES = (PROV.startedAtTime, PROV.endedAtTime, PROV.atTime, PROV.generatedAtTime)
# Namespaces of the atlas's own identifiers: not vocabularies.
_NOT_VOCABULARIES = {PREFIXES[name] for name in ("id", "activity", "kind", "status")}


def describe(data: ox.Store, publication: Publication) -> Graph:
    """The DCAT + VoID description of ``data`` (the merged export), as configured by ``publication``."""
    graph = Graph()
    dataset = DATASET
    graph.add((dataset, RDF.type, DCAT.Dataset))
    graph.add((dataset, RDF.type, VOID.Dataset))
    for lang in ("nl", "en"):
        graph.add((dataset, DCTERMS.title, Literal(TITLE[lang], lang=lang)))
        graph.add((dataset, DCTERMS.description, Literal(DESCRIPTION[lang], lang=lang)))
        for keyword in KEYWORDS[lang]:
            graph.add((dataset, DCAT.keyword, Literal(keyword, lang=lang)))
    for code in LANGUAGES:
        language = URIRef(f"http://publications.europa.eu/resource/authority/language/{code}")
        graph.add((dataset, DCTERMS.language, language))
    graph.add((dataset, DCTERMS.spatial, NETHERLANDS))
    graph.add((dataset, DCTERMS.license, URIRef(publication.licence)))
    publisher = URIRef(publication.publisher_url) if publication.publisher_url else URIRef(dataset + "/publisher")
    graph.add((dataset, DCTERMS.publisher, publisher))
    graph.add((publisher, RDF.type, FOAF.Agent))
    graph.add((publisher, FOAF.name, Literal(publication.publisher_name)))
    if publication.publisher_url:
        graph.add((publisher, FOAF.homepage, URIRef(publication.publisher_url)))
    if publication.landing_page:
        graph.add((dataset, DCAT.landingPage, URIRef(publication.landing_page)))
    graph.add((dataset, DCTERMS.modified, Literal(last_modified(data).isoformat(), datatype=XSD.dateTime)))
    graph.add((dataset, VOID.uriSpace, Literal(PREFIXES["id"])))
    _counts(graph, dataset, data)
    if publication.sparql_endpoint:
        _endpoint(graph, dataset, URIRef(publication.sparql_endpoint))
    return graph


def add_description(data: ox.Store, publication: Publication) -> None:
    """Describe ``data`` in itself (its default graph); the counts are taken before the description is added."""
    description = describe(data, publication)
    data.extend(ox.Quad(to_ox(s), to_ox(p), to_ox(o), ox.DefaultGraph()) for s, p, o in description)


def last_modified(data: ox.Store) -> datetime:
    """The latest time of a ``prov:Activity`` (an import, a reference load, an approval) in the data; now when
    there is none. Only activities count: the same properties may also date what the data describes."""
    activities = {
        quad.subject
        for quad in data.quads_for_pattern(None, ox.NamedNode(str(RDF.type)), ox.NamedNode(str(PROV.Activity)))
    }
    times = []
    for predicate in _PROVENANCE_TIMES:
        for quad in data.quads_for_pattern(None, ox.NamedNode(str(predicate)), None, None):
            if quad.subject not in activities or not isinstance(quad.object, ox.Literal):
                continue
            try:
                moment = datetime.fromisoformat(quad.object.value)
            except ValueError:
                continue
            times.append(moment if moment.tzinfo else moment.replace(tzinfo=UTC))
    return max(times) if times else datetime.now(UTC).replace(microsecond=0)


def _counts(graph: Graph, dataset: URIRef, data: ox.Store) -> None:
    entities: set[str] = set()
    properties: set[str] = set()
    members: dict[str, set[str]] = defaultdict(set)
    triples = 0
    for quad in data.quads_for_pattern(None, None, None, None):
        triples += 1
        properties.add(quad.predicate.value)
        if isinstance(quad.subject, ox.NamedNode):
            entities.add(quad.subject.value)
        if quad.predicate.value == str(RDF.type) and isinstance(quad.object, ox.NamedNode):
            members[quad.object.value].add(str(quad.subject))
    graph.add((dataset, VOID.triples, Literal(triples, datatype=XSD.integer)))
    graph.add((dataset, VOID.entities, Literal(len(entities), datatype=XSD.integer)))
    graph.add((dataset, VOID.classes, Literal(len(members), datatype=XSD.integer)))
    graph.add((dataset, VOID.properties, Literal(len(properties), datatype=XSD.integer)))
    for class_iri, subjects in sorted(members.items()):
        partition = BNode()
        graph.add((dataset, VOID.classPartition, partition))
        graph.add((partition, VOID["class"], URIRef(class_iri)))
        graph.add((partition, VOID.entities, Literal(len(subjects), datatype=XSD.integer)))
    used = properties | set(members)
    for namespace in sorted(set(PREFIXES.values()) - _NOT_VOCABULARIES):
        if any(term.startswith(namespace) for term in used):
            graph.add((dataset, VOID.vocabulary, URIRef(namespace)))


def _endpoint(graph: Graph, dataset: URIRef, endpoint: URIRef) -> None:
    """The public SPARQL endpoint, as VoID names it and as a DCAT data service with a distribution."""
    graph.add((dataset, VOID.sparqlEndpoint, endpoint))
    service = URIRef(dataset + "/sparql")
    graph.add((service, RDF.type, DCAT.DataService))
    graph.add((service, DCAT.endpointURL, endpoint))
    graph.add((service, DCAT.servesDataset, dataset))
    graph.add((service, DCTERMS.conformsTo, URIRef("https://www.w3.org/TR/sparql11-protocol/")))
    for lang, title in (
        ("nl", "SPARQL-endpoint van de Passend Werk Atlas"),
        ("en", "Passend Werk Atlas SPARQL endpoint"),
    ):
        graph.add((service, DCTERMS.title, Literal(title, lang=lang)))
    distribution = URIRef(dataset + "/distribution/sparql")
    graph.add((dataset, DCAT.distribution, distribution))
    graph.add((distribution, RDF.type, DCAT.Distribution))
    graph.add((distribution, DCAT.accessURL, endpoint))
    graph.add((distribution, DCAT.accessService, service))
