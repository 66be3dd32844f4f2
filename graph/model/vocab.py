"""The vocabulary of the atlas: standard namespaces plus the few project terms none of them has.

Every namespace is a closed ``DefinedNamespace`` (``_fail = True``) so that a misspelt term raises
instead of silently minting a new IRI.
"""

from __future__ import annotations

from functools import lru_cache
from urllib.parse import quote

from rdflib import Graph, URIRef
from rdflib.namespace import (
    DCAT,
    DCTERMS,
    ORG,
    OWL,
    PROV,
    RDF,
    RDFS,
    SH,
    SKOS,
    TIME,
    XSD,
    DefinedNamespace,
    Namespace,
)

BASE = "https://w3id.org/passendwerk/"


class PW(DefinedNamespace):
    """Project terms, only for what W3C ORG, schema.org, SKOS, PROV-O, vCard and GeoSPARQL lack."""

    _fail = True
    _NS = Namespace(BASE + "def#")

    Municipality: URIRef  # a Dutch gemeente, keyed by its CBS code
    Province: URIRef  # a Dutch provincie, keyed by its CBS code
    Suggestion: URIRef  # a brokered library–care pair and what a coordinator did with it
    Submission: URIRef  # a partner's form submission awaiting review
    librarySite: URIRef  # the library site of a collaboration
    careSite: URIRef  # the care site of a collaboration
    participants: URIRef  # number of people with a disability taking part
    population: URIRef  # inhabitants of a municipality or province
    consentToPublish: URIRef  # the contact person agreed to be shown publicly
    endReason: URIRef  # why a collaboration ended
    followUpState: URIRef  # introduced / in_conversation / declined
    libraryOrganisation: URIRef
    careOrganisation: URIRef
    note: URIRef
    reviewState: URIRef  # pending / approved / rejected / reverted
    reviewReason: URIRef
    submitterEmail: URIRef
    referenceCode: URIRef
    payload: URIRef  # the submitted record as Turtle, kept verbatim for review
    generation: URIRef
    erasedHash: URIRef  # "salt|kind:sha256" of an erased person's e-mail, phone or name (erasure register)


class SDO(DefinedNamespace):
    """The schema.org terms the atlas uses."""

    _fail = True
    _NS = Namespace("https://schema.org/")

    name: URIRef
    url: URIRef
    description: URIRef
    containedInPlace: URIRef
    AdministrativeArea: URIRef
    Place: URIRef
    Library: URIRef


class WGS84(DefinedNamespace):
    """W3C Basic Geo (WGS84 lat/long)."""

    _fail = True
    _NS = Namespace("http://www.w3.org/2003/01/geo/wgs84_pos#")

    lat: URIRef
    long: URIRef


class GSP(DefinedNamespace):
    """OGC GeoSPARQL."""

    _fail = True
    _NS = Namespace("http://www.opengis.net/ont/geosparql#")

    Feature: URIRef
    Geometry: URIRef
    hasGeometry: URIRef
    asWKT: URIRef
    wktLiteral: URIRef


class VCARD(DefinedNamespace):
    """W3C vCard ontology."""

    _fail = True
    _NS = Namespace("http://www.w3.org/2006/vcard/ns#")

    Individual: URIRef
    Address: URIRef
    fn: URIRef
    role: URIRef
    hasEmail: URIRef
    hasTelephone: URIRef
    locality: URIRef
    _extras = ["street-address", "postal-code"]


class ADMS(DefinedNamespace):
    """W3C Asset Description Metadata Schema (for the status of a collaboration)."""

    _fail = True
    _NS = Namespace("http://www.w3.org/ns/adms#")

    status: URIRef


#: The one prefix map: used to bind namespaces in every exported graph and as the default prefixes of every query.
PREFIXES: dict[str, str] = {
    "pw": str(PW._NS),
    "org": str(ORG._NS),
    "schema": str(SDO._NS),
    "skos": str(SKOS._NS),
    "prov": str(PROV._NS),
    "dcterms": str(DCTERMS._NS),
    "geo": str(WGS84._NS),
    "geosparql": str(GSP._NS),
    "vcard": str(VCARD._NS),
    "adms": str(ADMS._NS),
    "time": str(TIME._NS),
    "dcat": str(DCAT._NS),
    "rdf": str(RDF._NS),
    "rdfs": str(RDFS._NS),
    "xsd": str(XSD._NS),
    "owl": str(OWL._NS),
    "sh": str(SH._NS),
    "id": BASE + "id/",
    "activity": BASE + "id/activity/",
    "kind": BASE + "id/kind/",
    "status": BASE + "id/status/",
}

ID = Namespace(BASE + "id/")
GRAPH_BASE = BASE + "graph/"
PUBLIC_GRAPH_BASE = GRAPH_BASE + "public/"
PRIVATE_GRAPH_BASE = GRAPH_BASE + "private/"


def bind_prefixes(graph: Graph) -> None:
    """Bind the project's prefix map on an rdflib graph so exports read naturally."""
    for prefix, namespace in PREFIXES.items():
        graph.bind(prefix, namespace, override=True)


# An import mints each record's IRI several times (its own triples, then every record that refers to it), and
# quoting is most of the cost: remembered, an import of 5,800 sites spends 0.4 s less on it.
@lru_cache(maxsize=1 << 16)
def _mint(kind: str, local_id: str) -> URIRef:
    return URIRef(f"{ID}{kind}/{quote(local_id, safe='')}")


def organisation_iri(local_id: str) -> URIRef:
    return _mint("organisation", local_id)


def site_iri(local_id: str) -> URIRef:
    return _mint("site", local_id)


def collaboration_iri(local_id: str) -> URIRef:
    return _mint("collaboration", local_id)


def municipality_iri(code: str) -> URIRef:
    return _mint("gemeente", code)


def province_iri(code: str) -> URIRef:
    return _mint("provincie", code)


def activity_iri(code: str) -> URIRef:
    return URIRef(PREFIXES["activity"] + code)


def public_graph(name: str) -> URIRef:
    return URIRef(PUBLIC_GRAPH_BASE + name)


def private_graph(name: str) -> URIRef:
    return URIRef(PRIVATE_GRAPH_BASE + name)


def local_id(iri: str) -> str:
    """The import id an IRI was minted from (the inverse of the ``*_iri`` functions)."""
    from urllib.parse import unquote

    return unquote(iri.rsplit("/", 1)[-1])
