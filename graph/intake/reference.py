"""Reference data: CBS municipalities and provinces (code, name, province, population, point, boundary).

Read from a folder with ``gemeente_JJJJ.geojson`` (boundaries, CBS/PDOK) and ``gemeenten_JJJJ.csv`` (names,
provinces, population, a point inside each municipality), and ``provincie_JJJJ*.geojson`` for province
boundaries when present (see ``reference_files``). The repository carries the 2025 files in ``data/reference``.
Boundaries are made valid on the way in (simplified boundaries can cross themselves), so every stored polygon
is usable for spatial operations. The whole reference graph is replaced in one transaction, together with the
municipality of every site whose municipality no longer exists.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, RDF, SKOS, XSD

from graph.intake.mapping import Provenance
from graph.intake.reference_files import ReferenceError, boundaries, locator, reference_files
from graph.model.viewer import COMMAND_LINE, PrivateRead, private_read
from graph.model.vocab import GSP, PW, SDO, WGS84, bind_prefixes, municipality_iri, province_iri, public_graph
from graph.store.interface import AtlasStore, Change


def _every_graph() -> PrivateRead:
    """Maintenance of the store itself reads every graph, as whoever holds the store does (the command line).
    Made where it is used, never kept in a module global where any other code could pick it up."""
    return private_read(COMMAND_LINE)


REFERENCE_GRAPH = public_graph("reference")
#: Where an import puts a node for each municipality its sites name that the reference data does not describe
#: (yet), so that coverage can still list it.
MUNICIPALITY_STUB_GRAPH = public_graph("municipalities-without-reference")
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


def reference_graph(folder: Path) -> Graph:
    files = reference_files(folder)
    shapes = {code: wkt for code, (_, wkt) in boundaries(files.boundaries).items()}
    graph = Graph()
    bind_prefixes(graph)
    provinces: dict[str, tuple[str, int]] = {}
    with open(files.table, encoding="utf-8-sig", newline="") as handle:
        for number, row in enumerate(csv.DictReader(handle), start=2):
            try:
                code, name = row["gemeentecode"], row["gemeentenaam"]
                province_code = row["provinciecode"]
                population = int(float(row["bevolking"])) if row.get("bevolking") else None
                lat, lon = float(row["inside_lat"]), float(row["inside_lon"])
            except (KeyError, ValueError) as error:
                raise ReferenceError(f"{files.table.name}:{number}: {error}") from error
            node = municipality_iri(code)
            graph.add((node, RDF.type, PW.Municipality))
            graph.add((node, DCTERMS.identifier, Literal(code)))
            graph.add((node, SDO.name, Literal(name)))
            graph.add((node, SDO.containedInPlace, province_iri(province_code)))
            graph.add((node, WGS84.lat, Literal(lat, datatype=XSD.double)))
            graph.add((node, WGS84.long, Literal(lon, datatype=XSD.double)))
            if population is not None:
                graph.add((node, PW.population, Literal(population, datatype=XSD.integer)))
            if code in shapes:
                _geometry(graph, node, shapes[code])
            name_nl, total = provinces.get(province_code, (row["provincienaam"], 0))
            provinces[province_code] = (name_nl, total + (population or 0))
    province_shapes = {code: wkt for code, (_, wkt) in boundaries(files.provinces).items()} if files.provinces else {}
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


@dataclass
class ReferenceLoad:
    """What loading reference data did: the year, the municipalities, and the sites it moved."""

    year: str
    municipalities: int
    moved: list[tuple[str, str, str]] = field(default_factory=list)
    """(site IRI, old municipality code, new code) for sites whose municipality no longer exists."""
    unplaced: list[tuple[str, str]] = field(default_factory=list)
    """(site IRI, old code): the old municipality is gone and the site's point lies in none of the new ones."""


def load_reference(store: AtlasStore, folder: Path, agent: str = "cli") -> int:
    """Replace the reference graph by the data in ``folder``; returns the number of municipalities."""
    return load_reference_report(store, folder, agent).municipalities


def load_reference_report(store: AtlasStore, folder: Path, agent: str = "cli") -> ReferenceLoad:
    """Replace the reference graph by the data in ``folder``, and in the same transaction move every site
    whose municipality no longer exists (merged on 1 January) to the municipality its point lies in."""
    year = reference_files(folder).year
    graph = reference_graph(folder)
    attribution = ATTRIBUTION.replace("2025", year)
    provenance = Provenance.new("reference", agent, attribution)
    provenance.describe(graph)
    # The credit CBS asks for is text, so it is a citation; dcterms:source is kept for IRIs.
    graph.add((REFERENCE_GRAPH, DCTERMS.bibliographicCitation, Literal(attribution)))
    change = Change(remove_graphs={REFERENCE_GRAPH})
    change.add_graph(graph, REFERENCE_GRAPH)
    codes = {str(code) for code in graph.objects(None, DCTERMS.identifier) if str(code).startswith("GM")}
    # An import's stand-in for a municipality goes once the reference describes it: the same triples in two
    # graphs counted every site of it twice (a question reads the union of the graphs, which keeps both).
    for code in sorted(codes):
        node = municipality_iri(code)
        change.remove_quads.append((node, RDF.type, PW.Municipality, MUNICIPALITY_STUB_GRAPH))
        change.remove_quads.append((node, DCTERMS.identifier, Literal(code), MUNICIPALITY_STUB_GRAPH))
    report = ReferenceLoad(year, len(set(graph.subjects(RDF.type, PW.Municipality))))
    _move_sites(store, folder, codes, change, report)
    store.apply(change)
    return report


def _move_sites(store: AtlasStore, folder: Path, codes: set[str], change: Change, report: ReferenceLoad) -> None:
    """Sites keep their municipality where it still exists (also near a border, where the simplified
    boundaries are approximate); a site whose municipality is gone goes where its point lies."""
    base = str(municipality_iri(""))
    gone = [
        quad
        for quad in store.quads(predicate=SDO.containedInPlace, private=_every_graph())
        if quad[3] != REFERENCE_GRAPH and str(quad[2]).startswith(base) and str(quad[2])[len(base) :] not in codes
    ]
    if not gone:
        return
    lats = {(s, g): float(str(o)) for s, _, o, g in store.quads(predicate=WGS84.lat, private=_every_graph())}
    lons = {(s, g): float(str(o)) for s, _, o, g in store.quads(predicate=WGS84.long, private=_every_graph())}
    find = locator(folder)
    for site, predicate, old, graph_iri in gone:
        old_code = str(old)[len(base) :]
        point = (lats.get((site, graph_iri)), lons.get((site, graph_iri)))
        found = find.locate(point[0], point[1]) if point[0] is not None and point[1] is not None else None
        if found is None:
            report.unplaced.append((str(site), old_code))
            continue
        change.remove_quads.append((site, predicate, old, graph_iri))
        change.add.append((site, predicate, municipality_iri(found.code), graph_iri))
        report.moved.append((str(site), old_code, found.code))


def has_reference(store: AtlasStore) -> bool:
    return bool(store.quads(predicate=RDF.type, obj=PW.Province))
