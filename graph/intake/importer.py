"""Import: read the template, check every row against the store, validate with SHACL, write all or nothing."""

from __future__ import annotations

import gc
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import partial
from itertools import chain
from pathlib import Path

import pyoxigraph as ox
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, ORG, RDF, RDFS

from graph.analysis.areas import municipality_areas
from graph.intake.gazetteer import PLACES_FILE, town_as_written
from graph.intake.mapping import (
    RECORDS_GRAPH,
    Provenance,
    Triple,
    TripleList,
    partner_triples,
    provenance_triples,
    records_triples,
    replacement,
)
from graph.intake.reference import MUNICIPALITY_STUB_GRAPH
from graph.intake.shacl import shacl_problems
from graph.intake.tables import read_input
from graph.intake.template import RDF_SUFFIXES, InputTables, Problem
from graph.intake.validate import ValidationContext, validate_tables
from graph.model.enums import OrganisationKind
from graph.model.geo import MunicipalityLocator
from graph.model.language import Message
from graph.model.records import Partners, RecordSet
from graph.model.vocab import (
    PW,
    bind_prefixes,
    collaboration_iri,
    municipality_iri,
    organisation_iri,
    public_graph,
    site_iri,
)
from graph.store.atlas import Atlas
from graph.store.erasure_register import load_register, redact_rows
from graph.store.interface import AtlasStore, Change
from graph.store.oxigraph_reader import MemoryStore

VOCABULARY_GRAPH = public_graph("vocabulary")


@dataclass
class ImportReport:
    records: RecordSet = field(default_factory=RecordSet)
    problems: list[Problem] = field(default_factory=list)
    written: bool = False
    activity: str = ""
    """The import's ``prov:Activity``, which every record it wrote ``prov:wasGeneratedBy``."""
    erased: int = 0
    """Values of people in the erasure register that were left out of the rows before anything was checked."""

    @property
    def ok(self) -> bool:
        return not self.problems


def vocabulary_graph(data_dir: Path) -> Graph:
    graph = Graph()
    bind_prefixes(graph)
    graph.parse(data_dir / "vocabulary.ttl", format="turtle")
    return graph


def vocabulary_change(store: AtlasStore, data_dir: Path) -> Change:
    """The change that writes the activity, kind and status schemes; empty when the store holds this version."""
    vocabulary = vocabulary_graph(data_dir)
    if len(store.quads(graph=VOCABULARY_GRAPH)) == len(vocabulary):
        return Change()
    change = Change(remove_graphs={VOCABULARY_GRAPH})
    change.add_graph(vocabulary, VOCABULARY_GRAPH)
    return change


def ensure_vocabulary(store: AtlasStore, data_dir: Path) -> bool:
    """Write the activity, kind and status schemes when the store does not hold this version yet."""
    change = vocabulary_change(store, data_dir)
    if change.is_empty():
        return False
    store.apply(change)
    return True


def municipality_stubs(records: RecordSet, known: dict[str, str]) -> Graph:
    """Municipalities named by sites but absent from the reference data (or all, when none is loaded).

    They get a node of their own so that coverage can still list them; their triples live in one graph so
    that importing them again adds nothing.
    """
    graph = Graph()
    for code in {site.municipality_code for site in records.sites if site.municipality_code} - set(known):
        graph.add((municipality_iri(code), RDF.type, PW.Municipality))
        graph.add((municipality_iri(code), DCTERMS.identifier, Literal(code)))
    return graph


def validation_context(atlas: Atlas) -> ValidationContext:
    # Rows, not tables: an import reads a few columns, and loading pandas for them cost every import 0.2 s.
    context = ValidationContext()
    labels = atlas.rows("internal/activity-labels").records()
    if not labels:  # a store that was never initialised: check against the bundled vocabulary
        vocabulary = MemoryStore()
        vocabulary.store.load(path=str(atlas.settings.data_dir / "vocabulary.ttl"), format=ox.RdfFormat.TURTLE)
        labels = atlas.questions.rows(vocabulary, "internal/activity-labels").records()
    for label in labels:
        for key in (label["code"], label["label"], label["concept"]):
            context.activities[str(key).lower()] = str(label["code"])
    for row in atlas.rows("internal/organisation-kinds").records():
        context.organisations[str(row["id"])] = str(row["kind"])
        context.names[str(row["id"])] = str(row["name"])
    for row in atlas.rows("internal/site-organisations").records():
        context.sites[str(row["site_id"])] = str(row["organisation_id"])
    areas = municipality_areas(atlas)
    context.municipalities = {area.code: area.name for area in areas if area.wkt}
    context.locator = MunicipalityLocator(areas) if context.municipalities else None
    reference = atlas.settings.reference
    if reference is not None and (Path(reference) / PLACES_FILE).is_file():
        context.town_spelling = partial(town_as_written, folder=Path(reference))
    return context


def _stored_context(context: ValidationContext, records: RecordSet) -> TripleList:
    """What the shapes need to know about records already stored: which organisation a site belongs to, and its
    kind. Records being written replace what is stored (a site may move to another organisation)."""
    triples = TripleList()
    replaced_sites = {record.id for record in records.sites}
    replaced_organisations = {record.id for record in records.organisations}
    for site_id, organisation_id in context.sites.items():
        if site_id not in replaced_sites:
            triples.add((site_iri(site_id), ORG.siteOf, organisation_iri(organisation_id)))
    for organisation_id, kind in context.organisations.items():
        if kind in OrganisationKind.values() and organisation_id not in replaced_organisations:
            triples.add((organisation_iri(organisation_id), ORG.classification, OrganisationKind(kind).iri))
    return triples


@dataclass
class CheckResult:
    records: RecordSet
    problems: list[Problem]
    context: ValidationContext
    public: TripleList = field(default_factory=TripleList)
    """The records' public and private triples as checked (without provenance); empty when there are problems."""
    private: TripleList = field(default_factory=TripleList)


def network_ids(checked: CheckResult) -> set[str]:
    """The network organisations, stored or being written, that an organisation may have left."""
    stored = {organisation for organisation, kind in checked.context.organisations.items() if kind == "network"}
    return stored | {record.id for record in checked.records.organisations if record.kind == "network"}


def check_tables(atlas: Atlas, tables: InputTables) -> CheckResult:
    """Every problem with the input, checked against what the store holds; nothing is written."""
    context = validation_context(atlas)
    records, problems = validate_tables(tables, context)
    if not (tables.organisations or tables.sites or tables.collaborations):
        problems.append(_no_rows(tables))
    if problems:
        return CheckResult(records, problems, context)
    public, private = records_triples(records)
    problems = shacl_problems(shape_inputs(atlas, records, context, (public, private)), records.origin)
    return CheckResult(records, problems, context, public, private)


def shape_inputs(
    atlas: Atlas, records: RecordSet, context: ValidationContext, triples: tuple[TripleList, TripleList] | None = None
) -> list[Iterable[Triple]]:
    """What the shapes are checked on: the records (the focus nodes, public and private triples), and the nodes
    their shapes reach beyond them: the vocabulary and the stored records they refer to."""
    public, private = triples or records_triples(records)
    return [public, private, vocabulary_graph(atlas.settings.data_dir), _stored_context(context, records)]


def partner_updates(atlas: Atlas, checked: CheckResult, graph_iri: URIRef) -> Change:
    """Stored collaborations whose partner was renamed, or whose site changed organisation, by this import:
    their members and labels made again (the collaborations being imported are made whole anyway)."""
    records = checked.records
    names = dict(checked.context.names) | {record.id: record.name for record in records.organisations}
    owners = dict(checked.context.sites) | {record.id: record.organisation_id for record in records.sites}
    renamed = {r.id for r in records.organisations if checked.context.names.get(r.id, r.name) != r.name}
    moved = {r.id for r in records.sites if checked.context.sites.get(r.id, r.organisation_id) != r.organisation_id}
    change = Change()
    if not (renamed or moved):
        return change
    imported = {record.id for record in records.collaborations}
    graph = Graph()
    for row in atlas.rows("internal/collaboration-sites").records():
        collaboration, sites = str(row["collaboration_id"]), (str(row["library_site_id"]), str(row["care_site_id"]))
        touched = bool(moved & set(sites)) or bool(renamed & {owners.get(site) for site in sites})
        if collaboration in imported or not touched or not all(site in owners for site in sites):
            continue
        library_id, care_id = owners[sites[0]], owners[sites[1]]
        partners = Partners(library_id, names.get(library_id, library_id), care_id, names.get(care_id, care_id))
        partner_triples(graph, collaboration, partners)
        change.remove_matching.add((collaboration_iri(collaboration), ORG.hasMember, None))
        change.remove_matching.add((collaboration_iri(collaboration), RDFS.label, None))
    change.add_graph(graph, graph_iri)
    return change


def merge(change: Change, other: Change) -> None:
    change.remove_matching |= other.remove_matching
    change.add.extend(other.add)


def _no_rows(tables: InputTables) -> Problem:
    """An input without a single record: an import of it would only add an empty import graph."""
    source = Path(tables.source)
    hint_nl = hint_en = ""
    if source.suffix.lower() in RDF_SUFFIXES:
        hint_nl = " in het model van de atlas: org:Organization, org:Site, org:OrganizationalCollaboration"
        hint_en = " in the atlas's model: org:Organization, org:Site, org:OrganizationalCollaboration"
    return Problem(
        source.name or tables.source,
        0,
        "",
        Message(
            f"bevat geen enkele organisatie, locatie of samenwerking{hint_nl}; er is niets te importeren",
            f"holds no organisation, site or collaboration{hint_en}; there is nothing to import",
        ),
    )


@contextmanager
def cycle_collection_paused() -> Iterator[None]:
    """Python's cycle collector paused while one input is checked and written.

    An import makes hundreds of thousands of small objects (terms, triples, quads) that all live until it ends,
    and the collector walked them again each time their number grew: 0.9 s of demo scale 1's 3.7 s. They hold
    no cycles to free early, so the import's peak memory is the same; the collector runs again afterwards."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def validate_path(atlas: Atlas, path: Path) -> ImportReport:
    with cycle_collection_paused():
        checked = check_tables(atlas, read_input(path))
    return ImportReport(checked.records, checked.problems)


def import_path(atlas: Atlas, path: Path, agent: str = "cli") -> ImportReport:
    """Import a folder, workbook or RDF file; if any row is invalid nothing is written."""
    with cycle_collection_paused():
        tables = read_input(path)
        erased = redact_rows((row.values for row in tables.collaborations), load_register(atlas.store))
        report = import_tables(atlas, tables, agent, source=Path(path).name)
    report.erased = erased
    return report


def import_tables(
    atlas: Atlas,
    tables: InputTables,
    agent: str,
    source: str = "",
) -> ImportReport:
    checked = check_tables(atlas, tables)
    records = checked.records
    if checked.problems:
        return ImportReport(records, checked.problems)
    provenance = Provenance.new("import", agent, source or tables.source)
    change = publication(atlas, checked, provenance)
    # The vocabulary the rows were checked against goes in the same transaction: a refused import writes nothing.
    vocabulary = vocabulary_change(atlas.store, atlas.settings.data_dir)
    change.remove_graphs |= vocabulary.remove_graphs
    change.add.extend(vocabulary.add)
    atlas.store.apply(change)
    return ImportReport(records, [], True, str(provenance.activity))


def publication(atlas: Atlas, checked: CheckResult, provenance: Provenance) -> Change:
    """The one way checked records are published, by an import and by an approval alike: the records and the
    activity that generated them replace what they replace, partners' labels are made again, and the
    municipalities they name get a stub until the reference data arrives."""
    records = checked.records
    public = chain(checked.public, provenance_triples(records, provenance))
    change = replacement(records, public, checked.private, RECORDS_GRAPH, network_ids(checked))
    merge(change, partner_updates(atlas, checked, RECORDS_GRAPH))
    change.add_graph(municipality_stubs(records, checked.context.municipalities), MUNICIPALITY_STUB_GRAPH)
    return change
