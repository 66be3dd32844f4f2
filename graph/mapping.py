"""Records to RDF: the one place that decides how an organisation, site or collaboration is written.

The way back (RDF to the import template) is the ``export-*`` queries in ``queries/internal``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from urllib.parse import quote

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, ORG, PROV, RDF, XSD

from .records import CollaborationRecord, OrganisationRecord, RecordSet, SiteRecord
from .store import Change
from .vocab import (
    ADMS,
    GSP,
    ID,
    KINDS,
    PW,
    SDO,
    VCARD,
    WGS84,
    activity_iri,
    bind_prefixes,
    collaboration_iri,
    municipality_iri,
    organisation_iri,
    private_graph,
    public_graph,
    site_iri,
    status_iri,
)

CONTACTS_GRAPH = private_graph("contacts")


def owned_nodes(record: URIRef) -> list[URIRef]:
    """The record and the nodes that exist only as its parts (replaced and erased together with it)."""
    return [record, URIRef(record + "/address"), URIRef(record + "/geometry"), URIRef(record + "/contact")]


def date_literal(value: str) -> Literal:
    datatype = {4: XSD.gYear, 7: XSD.gYearMonth}.get(len(value), XSD.date)
    return Literal(value, datatype=datatype)


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

    def describe(self, graph: Graph) -> None:
        graph.add((self.activity, RDF.type, PROV.Activity))
        graph.add((self.activity, PROV.startedAtTime, Literal(self.started.isoformat(), datatype=XSD.dateTime)))
        agent = URIRef(f"{ID}agent/{quote(self.agent, safe='')}")
        graph.add((self.activity, PROV.wasAssociatedWith, agent))
        graph.add((agent, RDF.type, PROV.Agent))
        if self.source:
            graph.add((self.activity, DCTERMS.source, Literal(self.source)))


def organisation_triples(graph: Graph, record: OrganisationRecord) -> None:
    node = organisation_iri(record.id)
    graph.add((node, RDF.type, ORG.Organization))
    graph.add((node, DCTERMS.identifier, Literal(record.id)))
    graph.add((node, SDO.name, Literal(record.name)))
    graph.add((node, ORG.classification, KINDS[record.kind]))
    if record.website:
        graph.add((node, SDO.url, URIRef(record.website)))
    for network_id in record.member_of:
        graph.add((organisation_iri(network_id), ORG.hasMember, node))


def site_triples(graph: Graph, record: SiteRecord) -> None:
    node = site_iri(record.id)
    organisation = organisation_iri(record.organisation_id)
    graph.add((node, RDF.type, ORG.Site))
    graph.add((node, DCTERMS.identifier, Literal(record.id)))
    graph.add((node, SDO.name, Literal(record.name)))
    graph.add((node, ORG.siteOf, organisation))
    graph.add((organisation, ORG.hasSite, node))
    address = URIRef(node + "/address")
    graph.add((node, ORG.siteAddress, address))
    graph.add((address, RDF.type, VCARD.Address))
    graph.add((address, VCARD.locality, Literal(record.town)))
    if record.address:
        graph.add((address, VCARD["street-address"], Literal(record.address)))
    if record.postcode:
        graph.add((address, VCARD["postal-code"], Literal(record.postcode)))
    graph.add((node, WGS84.lat, Literal(record.lat, datatype=XSD.double)))
    graph.add((node, WGS84.long, Literal(record.lon, datatype=XSD.double)))
    geometry = URIRef(node + "/geometry")
    graph.add((node, GSP.hasGeometry, geometry))
    graph.add((geometry, RDF.type, GSP.Geometry))
    graph.add((geometry, GSP.asWKT, wkt_point(record.lat, record.lon)))
    if record.municipality_code:
        graph.add((node, SDO.containedInPlace, municipality_iri(record.municipality_code)))


def collaboration_triples(public: Graph, private: Graph, record: CollaborationRecord) -> None:
    node = collaboration_iri(record.id)
    public.add((node, RDF.type, ORG.OrganizationalCollaboration))
    public.add((node, DCTERMS.identifier, Literal(record.id)))
    public.add((node, PW.librarySite, site_iri(record.library_site_id)))
    public.add((node, PW.careSite, site_iri(record.care_site_id)))
    public.add((node, ADMS.status, status_iri(record.status)))
    for code in record.activities:
        public.add((node, DCTERMS.subject, activity_iri(code)))
    if record.start_date:
        public.add((node, SDO.startDate, date_literal(record.start_date)))
    if record.end_date:
        public.add((node, SDO.endDate, date_literal(record.end_date)))
    if record.participants is not None:
        public.add((node, PW.participants, Literal(record.participants, datatype=XSD.nonNegativeInteger)))
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
    person = URIRef(node + "/contact")
    target.add((node, SDO.contactPoint, person))
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
    for organisation in records.organisations:
        organisation_triples(public, organisation)
    for site in records.sites:
        site_triples(public, site)
    for collaboration in records.collaborations:
        collaboration_triples(public, private, collaboration)
    if provenance is not None:
        provenance.describe(public)
        for record in record_iris(records):
            public.add((record, PROV.wasGeneratedBy, provenance.activity))
    return public, private


def record_iris(records: RecordSet) -> list[URIRef]:
    return (
        [organisation_iri(r.id) for r in records.organisations]
        + [site_iri(r.id) for r in records.sites]
        + [collaboration_iri(r.id) for r in records.collaborations]
    )


def replacement(records: RecordSet, public: Graph, private: Graph, graph_iri: URIRef) -> Change:
    """The change that replaces every record of the set (in whatever graph it was) by its new triples."""
    # org:hasSite and org:hasMember are written by the site and the member; replacing an organisation keeps them.
    change = Change(preserve_predicates={ORG.hasSite, ORG.hasMember})
    for record in record_iris(records):
        change.remove_subjects.update(owned_nodes(record))
    for organisation in records.organisations:
        change.remove_incoming.add((ORG.hasMember, organisation_iri(organisation.id)))
    for site in records.sites:
        change.remove_incoming.add((ORG.hasSite, site_iri(site.id)))
    change.add_graph(public, graph_iri)
    change.add_graph(private, CONTACTS_GRAPH)
    return change


def import_graph_iri(provenance: Provenance) -> URIRef:
    return public_graph("import/" + provenance.activity.rsplit("/", 1)[-1])
