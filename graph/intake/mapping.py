"""Records to RDF: the one place that decides how an organisation, site or collaboration is written.

The way back (RDF to the import template) is the ``export-*`` queries in ``queries/internal``.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Protocol
from urllib.parse import quote

from rdflib import Graph, Literal, URIRef, namespace
from rdflib.term import Node

from graph.model import vocab
from graph.model.enums import CollaborationStatus, OrganisationKind
from graph.model.records import CollaborationRecord, OrganisationRecord, Partners, RecordSet, SiteRecord
from graph.model.vocab import (
    ID,
    activity_iri,
    bind_prefixes,
    collaboration_iri,
    municipality_iri,
    organisation_iri,
    private_graph,
    public_graph,
    site_iri,
)
from graph.store.interface import Change


class _Terms:
    """A namespace whose terms are made once. rdflib makes a new term at every attribute access, slowly (a
    national import asks for rdf:type half a million times)."""

    def __init__(self, names: object) -> None:
        self._names = names

    def __getattr__(self, name: str) -> URIRef:
        term = URIRef(getattr(self._names, name))
        setattr(self, name, term)
        return term

    def __getitem__(self, name: str) -> URIRef:
        return URIRef(self._names[name])  # type: ignore[index]


DCAT, DCTERMS, ORG, PROV = (
    _Terms(namespace.DCAT),
    _Terms(namespace.DCTERMS),
    _Terms(namespace.ORG),
    _Terms(namespace.PROV),
)
RDF, RDFS, TIME, XSD = _Terms(namespace.RDF), _Terms(namespace.RDFS), _Terms(namespace.TIME), _Terms(namespace.XSD)
ADMS, GSP, PW, SDO = _Terms(vocab.ADMS), _Terms(vocab.GSP), _Terms(vocab.PW), _Terms(vocab.SDO)
VCARD, WGS84 = _Terms(vocab.VCARD), _Terms(vocab.WGS84)

CONTACTS_GRAPH = private_graph("contacts")
#: Every imported or approved record, whatever brought it: one graph, so that the set of named graphs stays the
#: same however many imports there are (a server names every graph in every request). Which import or
#: approval wrote a record is its ``prov:wasGeneratedBy``.
RECORDS_GRAPH = public_graph("records")

Triple = tuple[Node, Node, Node]


class TripleSink(Protocol):
    """Where the mapping writes triples: an rdflib graph, or a plain list when they are only checked."""

    def add(self, triple: Triple, /) -> object: ...


class TripleList(list[Triple]):
    """Triples in the order written; far cheaper to fill than an rdflib graph (the shapes check reads them once)."""

    def add(self, triple: Triple, /) -> None:
        self.append(triple)


PERIOD_PARTS = ("/period", "/period/start", "/period/end")


def part_of(record: URIRef, part: str) -> URIRef:
    """The node of a record's part ("…/site/x/address"). ``URIRef(record + part)`` made and checked a URIRef
    twice, and an import of demo scale 1 makes 100,000 of these."""
    return URIRef(str(record) + part)


def owned_nodes(record: URIRef) -> list[URIRef]:
    """The record and the nodes that exist only as its parts (replaced and erased together with it)."""
    parts = ("/address", "/geometry", "/contact", *PERIOD_PARTS)
    return [record, *(part_of(record, part) for part in parts)]


def date_literal(value: str) -> Literal:
    datatype = {4: XSD.gYear, 7: XSD.gYearMonth}.get(len(value), XSD.date)
    return Literal(value, datatype=datatype)


#: The OWL-Time property that holds a date of each precision the import template allows.
INSTANT_PROPERTY = {XSD.gYear: TIME.inXSDgYear, XSD.gYearMonth: TIME.inXSDgYearMonth, XSD.date: TIME.inXSDDate}


def _instant(graph: TripleSink, period: URIRef, link: URIRef, node: URIRef, value: str) -> None:
    literal = date_literal(value)
    assert literal.datatype is not None
    graph.add((period, link, node))
    graph.add((node, RDF.type, TIME.Instant))
    graph.add((node, INSTANT_PROPERTY[literal.datatype], literal))


def period_triples(graph: TripleSink, record: URIRef, start: str, end: str) -> None:
    """The span of a collaboration as an OWL-Time interval whose instants keep the precision given."""
    if not (start or end):
        return
    period = part_of(record, "/period")
    graph.add((record, TIME.hasTime, period))
    graph.add((period, RDF.type, TIME.ProperInterval))
    if start:
        _instant(graph, period, TIME.hasBeginning, part_of(record, "/period/start"), start)
    if end:
        _instant(graph, period, TIME.hasEnd, part_of(record, "/period/end"), end)


def collaboration_labels(library: str, care: str) -> tuple[Literal, Literal]:
    """The Dutch and English label of a collaboration, made from its partners' names."""
    return (
        Literal(f"Samenwerking {library} en {care}", lang="nl"),
        Literal(f"Collaboration of {library} and {care}", lang="en"),
    )


def wkt_point(lat: float, lon: float) -> Literal:
    return Literal(f"POINT({lon!r} {lat!r})", datatype=GSP.wktLiteral)


@dataclass
class Provenance:
    """Who or what wrote a batch of records, and when."""

    activity: URIRef
    agent: str
    source: str
    started: datetime

    @classmethod
    def new(cls, kind: str, agent: str, source: str) -> Provenance:
        started = datetime.now(UTC).replace(microsecond=0)
        stamp = started.strftime("%Y%m%dT%H%M%S") + f"-{datetime.now(UTC).microsecond:06d}"
        return cls(URIRef(f"{ID}activity-log/{kind}-{stamp}"), agent, source, started)

    def describe(self, graph: TripleSink) -> None:
        graph.add((self.activity, RDF.type, PROV.Activity))
        graph.add((self.activity, PROV.startedAtTime, Literal(self.started.isoformat(), datatype=XSD.dateTime)))
        agent = URIRef(f"{ID}agent/{quote(self.agent, safe='')}")
        graph.add((self.activity, PROV.wasAssociatedWith, agent))
        graph.add((agent, RDF.type, PROV.Agent))
        if self.source:
            # What was read (a file name, a form) is named, not linked: dcterms:source is kept for IRIs.
            used = part_of(self.activity, "/input")
            graph.add((self.activity, PROV.used, used))
            graph.add((used, RDF.type, PROV.Entity))
            graph.add((used, DCTERMS.title, Literal(self.source)))


def organisation_triples(graph: TripleSink, record: OrganisationRecord) -> None:
    node = organisation_iri(record.id)
    graph.add((node, RDF.type, ORG.Organization))
    graph.add((node, DCTERMS.identifier, Literal(record.id)))
    graph.add((node, SDO.name, Literal(record.name)))
    graph.add((node, ORG.classification, OrganisationKind(record.kind).iri))
    if record.website:
        graph.add((node, SDO.url, URIRef(record.website)))
    for network_id in record.member_of:
        graph.add((organisation_iri(network_id), ORG.hasMember, node))


def site_triples(graph: TripleSink, record: SiteRecord) -> None:
    node = site_iri(record.id)
    organisation = organisation_iri(record.organisation_id)
    graph.add((node, RDF.type, ORG.Site))
    graph.add((node, RDF.type, SDO.Place))
    graph.add((node, RDF.type, GSP.Feature))
    graph.add((node, DCTERMS.identifier, Literal(record.id)))
    graph.add((node, SDO.name, Literal(record.name)))
    graph.add((node, ORG.siteOf, organisation))
    graph.add((organisation, ORG.hasSite, node))
    address = part_of(node, "/address")
    graph.add((node, ORG.siteAddress, address))
    graph.add((address, RDF.type, VCARD.Address))
    graph.add((address, VCARD.locality, Literal(record.town)))
    if record.address:
        graph.add((address, VCARD["street-address"], Literal(record.address)))
    if record.postcode:
        graph.add((address, VCARD["postal-code"], Literal(record.postcode)))
    graph.add((node, WGS84.lat, Literal(record.lat, datatype=XSD.double)))
    graph.add((node, WGS84.long, Literal(record.lon, datatype=XSD.double)))
    geometry = part_of(node, "/geometry")
    graph.add((node, GSP.hasGeometry, geometry))
    graph.add((geometry, RDF.type, GSP.Geometry))
    graph.add((geometry, GSP.asWKT, wkt_point(record.lat, record.lon)))
    if record.municipality_code:
        graph.add((node, SDO.containedInPlace, municipality_iri(record.municipality_code)))


def partner_triples(graph: TripleSink, collaboration_id: str, partners: Partners) -> None:
    """In W3C ORG the partners of a collaboration are its members; its labels are made from their names."""
    node = collaboration_iri(collaboration_id)
    graph.add((node, ORG.hasMember, organisation_iri(partners.library_id)))
    graph.add((node, ORG.hasMember, organisation_iri(partners.care_id)))
    for label in collaboration_labels(partners.library_name, partners.care_name):
        graph.add((node, RDFS.label, label))


def collaboration_triples(public: TripleSink, private: TripleSink, record: CollaborationRecord) -> None:
    node = collaboration_iri(record.id)
    public.add((node, RDF.type, ORG.OrganizationalCollaboration))
    public.add((node, DCTERMS.identifier, Literal(record.id)))
    if record.partners is not None:
        partner_triples(public, record.id, record.partners)
    public.add((node, PW.librarySite, site_iri(record.library_site_id)))
    public.add((node, PW.careSite, site_iri(record.care_site_id)))
    public.add((node, ADMS.status, CollaborationStatus(record.status).iri))
    for code in record.activities:
        public.add((node, DCTERMS.subject, activity_iri(code)))
    period_triples(public, node, record.start_date, record.end_date)
    if record.participants is not None:
        # xsd:integer, not xsd:nonNegativeInteger: Oxigraph and Virtuoso store every integer type as xsd:integer,
        # so the shapes ask for an integer of at least 0.
        public.add((node, PW.participants, Literal(record.participants, datatype=XSD.integer)))
    if record.description:
        public.add((node, SDO.description, Literal(record.description, lang="nl")))
    if record.source_url:
        public.add((node, DCTERMS.source, URIRef(record.source_url)))
    if record.end_reason:
        public.add((node, PW.endReason, Literal(record.end_reason, lang="nl")))
    contact = record.contact
    if contact.is_empty():
        return
    target = public if contact.public else private
    person = part_of(node, "/contact")
    target.add((node, DCAT.contactPoint, person))
    target.add((person, RDF.type, VCARD.Individual))
    target.add((person, PW.consentToPublish, Literal(contact.public)))
    if contact.name:
        target.add((person, VCARD.fn, Literal(contact.name)))
    if contact.role:
        target.add((person, VCARD.role, Literal(contact.role)))
    if contact.email:
        target.add((person, VCARD.hasEmail, URIRef("mailto:" + contact.email)))
    if contact.phone:
        target.add((person, VCARD.hasTelephone, Literal(contact.phone)))


def records_graphs(records: RecordSet, provenance: Provenance | None) -> tuple[Graph, Graph]:
    """The public and the private triples of a record set."""
    public, private = Graph(), Graph()
    bind_prefixes(public)
    bind_prefixes(private)
    write_records(records, provenance, public, private)
    return public, private


def records_triples(records: RecordSet) -> tuple[TripleList, TripleList]:
    """The public and the private triples of a record set as plain lists, without provenance: what is checked,
    and then written as it is."""
    public, private = TripleList(), TripleList()
    write_records(records, None, public, private)
    return public, private


def provenance_triples(records: RecordSet, provenance: Provenance) -> TripleList:
    """Which activity generated the records, and the activity itself."""
    triples = TripleList()
    provenance.describe(triples)
    for record in record_iris(records):
        triples.add((record, PROV.wasGeneratedBy, provenance.activity))
    return triples


def write_records(records: RecordSet, provenance: Provenance | None, public: TripleSink, private: TripleSink) -> None:
    for organisation in records.organisations:
        organisation_triples(public, organisation)
    for site in records.sites:
        site_triples(public, site)
    for collaboration in records.collaborations:
        collaboration_triples(public, private, collaboration)
    if provenance is not None:
        for triple in provenance_triples(records, provenance):
            public.add(triple)


def record_iris(records: RecordSet) -> list[URIRef]:
    return (
        [organisation_iri(r.id) for r in records.organisations]
        + [site_iri(r.id) for r in records.sites]
        + [collaboration_iri(r.id) for r in records.collaborations]
    )


def replacement(
    records: RecordSet,
    public: Iterable[Triple],
    private: Iterable[Triple],
    graph_iri: URIRef,
    networks: Iterable[str] = (),
) -> Change:
    """The change that replaces every record of the set (in whatever graph it was) by its new triples.

    ``networks`` are the ids of the network organisations (stored or in the set): an organisation's old
    memberships are removed from them, while its memberships of collaborations stay."""
    # org:hasSite and a network's org:hasMember are written by the site and the member: replacing an
    # organisation keeps them. A collaboration's own org:hasMember goes with the collaboration.
    change = Change(preserve_predicates={ORG.hasSite, ORG.hasMember})
    for record in record_iris(records):
        change.remove_subjects.update(owned_nodes(record))
    network_iris = [organisation_iri(network) for network in sorted(set(networks))]
    for organisation in records.organisations:
        member = organisation_iri(organisation.id)
        change.remove_matching.update((network, ORG.hasMember, member) for network in network_iris)
    for collaboration in records.collaborations:
        change.remove_matching.add((collaboration_iri(collaboration.id), ORG.hasMember, None))
    for site in records.sites:
        change.remove_incoming.add((ORG.hasSite, site_iri(site.id)))
    # Plain triples or a graph: an import's triples are never copied into an rdflib graph (slow at scale).
    change.add.extend((s, p, o, graph_iri) for s, p, o in public)
    change.add.extend((s, p, o, CONTACTS_GRAPH) for s, p, o in private)
    return change
