"""Reference data: CBS municipalities and provinces (code, name, province, population, point, boundary).

Read from a folder in the format of ``gemeente_2025.geojson`` (boundaries, CBS/PDOK) and ``gemeenten_2025.csv``
(names, provinces, population, a point inside each municipality); ``provincie_2025_derived.geojson`` adds
province boundaries when present. The whole reference graph is replaced in one transaction.
"""

from __future__ import annotations

import csv
import json
from pathlib import Path

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, RDF, SKOS, XSD
from shapely.geometry import shape

from .mapping import Provenance
from .store import AtlasStore, Change
from .vocab import GSP, PW, SDO, WGS84, bind_prefixes, municipality_iri, province_iri, public_graph

REFERENCE_GRAPH = public_graph("reference")
MUNICIPALITY_FILE = "gemeente_2025.geojson"
TABLE_FILE = "gemeenten_2025.csv"
PROVINCE_FILE = "provincie_2025_derived.geojson"
ATTRIBUTION = "Bron: CBS / PDOK (gemeentegrenzen 2025, via cartomap/nl)"
# English exonyms of the provinces; Dutch names come from the data itself.
PROVINCE_NAMES_EN = {
    "PV20": "Groningen",
    "PV21": "Friesland",
    "PV22": "Drenthe",
    "PV23": "Overijssel",
    "PV24": "Flevoland",
    "PV25": "Gelderland",
    "PV26": "Utrecht",
    "PV27": "North Holland",
    "PV28": "South Holland",
    "PV29": "Zeeland",
    "PV30": "North Brabant",
    "PV31": "Limburg",
}


class ReferenceError(ValueError):
    """The reference folder lacks a file or a column; the message says which."""


def reference_graph(folder: Path) -> Graph:
    folder = Path(folder)
    for name in (MUNICIPALITY_FILE, TABLE_FILE):
        if not (folder / name).exists():
            raise ReferenceError(f"{folder / name}: ontbreekt (missing)")
    boundaries = {}
    with open(folder / MUNICIPALITY_FILE, encoding="utf-8") as handle:
        for feature in json.load(handle)["features"]:
            boundaries[feature["properties"]["statcode"]] = shape(feature["geometry"]).wkt
    graph = Graph()
    bind_prefixes(graph)
    provinces: dict[str, tuple[str, int]] = {}
    with open(folder / TABLE_FILE, encoding="utf-8-sig", newline="") as handle:
        for number, row in enumerate(csv.DictReader(handle), start=2):
            try:
                code, name = row["gemeentecode"], row["gemeentenaam"]
                province_code = row["provinciecode"]
                population = int(float(row["bevolking"])) if row.get("bevolking") else None
                lat, lon = float(row["inside_lat"]), float(row["inside_lon"])
            except (KeyError, ValueError) as error:
                raise ReferenceError(f"{TABLE_FILE}:{number}: {error}") from error
            node = municipality_iri(code)
            graph.add((node, RDF.type, PW.Municipality))
            graph.add((node, DCTERMS.identifier, Literal(code)))
            graph.add((node, SDO.name, Literal(name)))
            graph.add((node, SDO.containedInPlace, province_iri(province_code)))
            graph.add((node, WGS84.lat, Literal(lat, datatype=XSD.double)))
            graph.add((node, WGS84.long, Literal(lon, datatype=XSD.double)))
            if population is not None:
                graph.add((node, PW.population, Literal(population, datatype=XSD.integer)))
            if code in boundaries:
                _geometry(graph, node, boundaries[code])
            name_nl, total = provinces.get(province_code, (row["provincienaam"], 0))
            provinces[province_code] = (name_nl, total + (population or 0))
    province_shapes = {}
    if (folder / PROVINCE_FILE).exists():
        with open(folder / PROVINCE_FILE, encoding="utf-8") as handle:
            for feature in json.load(handle)["features"]:
                province_shapes[feature["properties"]["statcode"]] = shape(feature["geometry"]).wkt
    for code, (name_nl, population_total) in provinces.items():
        node = province_iri(code)
        graph.add((node, RDF.type, PW.Province))
        graph.add((node, DCTERMS.identifier, Literal(code)))
        graph.add((node, SDO.name, Literal(name_nl)))
        graph.add((node, SKOS.prefLabel, Literal(name_nl, lang="nl")))
        graph.add((node, SKOS.prefLabel, Literal(PROVINCE_NAMES_EN.get(code, name_nl), lang="en")))
        graph.add((node, PW.population, Literal(population_total, datatype=XSD.integer)))
        if code in province_shapes:
            _geometry(graph, node, province_shapes[code])
    return graph


def _geometry(graph: Graph, node: URIRef, wkt: str) -> None:
    geometry = URIRef(node + "/geometry")
    graph.add((node, GSP.hasGeometry, geometry))
    graph.add((geometry, RDF.type, GSP.Geometry))
    graph.add((geometry, GSP.asWKT, Literal(wkt, datatype=GSP.wktLiteral)))


def load_reference(store: AtlasStore, folder: Path, agent: str = "cli") -> int:
    """Replace the reference graph by the data in ``folder``; returns the number of municipalities."""
    graph = reference_graph(folder)
    provenance = Provenance.new("reference", agent, ATTRIBUTION)
    provenance.describe(graph)
    # The credit CBS asks for is text, so it is a citation; dcterms:source is kept for IRIs.
    graph.add((REFERENCE_GRAPH, DCTERMS.bibliographicCitation, Literal(ATTRIBUTION)))
    change = Change(remove_graphs={REFERENCE_GRAPH})
    change.add_graph(graph, REFERENCE_GRAPH)
    store.apply(change)
    return len(set(graph.subjects(RDF.type, PW.Municipality)))


def has_reference(store: AtlasStore) -> bool:
    return bool(store.quads(predicate=RDF.type, obj=PW.Province))
