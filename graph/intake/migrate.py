"""Bring a store written with the earlier model up to date, in place and in one change.

The earlier model dated collaborations with ``schema:startDate``/``schema:endDate``, linked contacts with
``schema:contactPoint``, had no members or labels on collaborations, typed sites only as ``org:Site`` and put
file names under ``dcterms:source``, gave every import and every submission a named graph of its own, and
named the reviewer of an approval in its public provenance.
Records move into the one records graph and submissions into the one submissions graph (each record keeps its
``prov:wasGeneratedBy``); running it again changes nothing.
"""

from __future__ import annotations

from collections import defaultdict
from urllib.parse import quote

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCAT, DCTERMS, ORG, PROV, RDF

from graph.intake.importer import ensure_vocabulary
from graph.intake.mapping import RECORDS_GRAPH, partner_triples, period_triples
from graph.intake.submissions import PUBLIC_REVIEWER, SUBMISSIONS_GRAPH
from graph.model.records import Partners
from graph.model.viewer import COMMAND_LINE, PrivateRead, private_read
from graph.model.vocab import GSP, ID, PRIVATE_GRAPH_BASE, PUBLIC_GRAPH_BASE, SDO, local_id, public_graph
from graph.store.atlas import Atlas
from graph.store.interface import Change, Quad


def _every_graph() -> PrivateRead:
    """Maintenance of the store itself reads every graph, as whoever holds the store does (the command line).
    Made where it is used, never kept in a module global where any other code could pick it up."""
    return private_read(COMMAND_LINE)


SCHEMA = "https://schema.org/"
LEGACY_START, LEGACY_END = URIRef(SCHEMA + "startDate"), URIRef(SCHEMA + "endDate")
LEGACY_CONTACT = URIRef(SCHEMA + "contactPoint")
REFERENCE_GRAPH = public_graph("reference")
APPROVAL_ACTIVITY = f"{ID}activity-log/approval-"
#: The graphs of one import or submission each, by the start of their names, and the graph each moves into.
PER_BATCH_GRAPHS = {
    PUBLIC_GRAPH_BASE + "import/": RECORDS_GRAPH,
    PUBLIC_GRAPH_BASE + "submission/": RECORDS_GRAPH,
    PRIVATE_GRAPH_BASE + "submission/": SUBMISSIONS_GRAPH,
}


def target_graph(graph_iri: URIRef) -> URIRef:
    """Where a triple of ``graph_iri`` belongs now: one of the bounded graphs, or where it is."""
    for start, target in PER_BATCH_GRAPHS.items():
        if str(graph_iri).startswith(start):
            return target
    return graph_iri


def migration(atlas: Atlas) -> Change:
    """The change that rewrites every triple of the earlier model into the current one."""
    change = Change()
    additions: dict[URIRef, Graph] = defaultdict(Graph)

    def replace(old: Quad, *new: tuple[URIRef, URIRef, URIRef | Literal]) -> None:
        change.remove_quads.append(old)
        for triple in new:
            additions[target_graph(old[3])].add(triple)

    for quad in atlas.store.quads(predicate=LEGACY_START, private=_every_graph()) + atlas.store.quads(
        predicate=LEGACY_END, private=_every_graph()
    ):
        subject, predicate, value, graph_iri = quad
        change.remove_quads.append(quad)
        start, end = (str(value), "") if predicate == LEGACY_START else ("", str(value))
        period_triples(additions[target_graph(graph_iri)], URIRef(str(subject)), start, end)
    for quad in atlas.store.quads(predicate=LEGACY_CONTACT, private=_every_graph()):
        replace(quad, (URIRef(str(quad[0])), DCAT.contactPoint, URIRef(str(quad[2]))))
    activities = {quad[0] for quad in atlas.store.quads(predicate=RDF.type, obj=PROV.Activity, private=_every_graph())}
    for quad in atlas.store.quads(predicate=DCTERMS.source, private=_every_graph()):
        subject, _, value, _ = quad
        if not isinstance(value, Literal):
            continue
        if subject in activities:
            used = URIRef(str(subject) + "/input")
            replace(
                quad,
                (URIRef(str(subject)), PROV.used, used),
                (used, RDF.type, PROV.Entity),
                (used, DCTERMS.title, value),
            )
        elif subject == REFERENCE_GRAPH:
            replace(quad, (URIRef(str(subject)), DCTERMS.bibliographicCitation, value))
        else:  # a submission said "formulier": every submission comes from the form
            change.remove_quads.append(quad)
    places = {quad[0] for quad in atlas.store.quads(predicate=RDF.type, obj=SDO.Place, private=_every_graph())}
    for site, _, _, graph_iri in atlas.store.quads(predicate=RDF.type, obj=ORG.Site, private=_every_graph()):
        if site in places:
            continue
        additions[target_graph(graph_iri)].add((URIRef(str(site)), RDF.type, SDO.Place))
        additions[target_graph(graph_iri)].add((URIRef(str(site)), RDF.type, GSP.Feature))
    _partners(atlas, additions)
    _approvers(atlas, change)
    for target, triples in additions.items():
        change.add_graph(triples, target)
    _bounded_graphs(atlas, change)
    return change


def _approvers(atlas: Atlas, change: Change) -> None:
    """Approvals named their reviewer in the public provenance; now they name the role (the review log, which
    is private, keeps the person). An agent that no other activity names goes with it."""
    role = URIRef(f"{ID}agent/{quote(PUBLIC_REVIEWER, safe='')}")
    named = atlas.store.quads(predicate=PROV.wasAssociatedWith, private=_every_graph())
    kept_agents = set()
    for quad in named:
        activity, _, agent, graph_iri = quad
        is_public = str(graph_iri).startswith(PUBLIC_GRAPH_BASE)
        if is_public and str(activity).startswith(APPROVAL_ACTIVITY) and agent != role:
            change.remove_quads.append(quad)
            change.add.append((activity, PROV.wasAssociatedWith, role, graph_iri))
            change.add.append((role, RDF.type, PROV.Agent, graph_iri))
        else:
            kept_agents.add(agent)
    gone = {
        agent
        for activity, _, agent, _ in named
        if str(activity).startswith(APPROVAL_ACTIVITY) and agent not in kept_agents | {role}
    }
    for agent in gone:
        if isinstance(agent, URIRef):
            described = atlas.store.quads(subject=agent, private=_every_graph())
            change.remove_quads.extend(quad for quad in described if str(quad[3]).startswith(PUBLIC_GRAPH_BASE))


def _bounded_graphs(atlas: Atlas, change: Change) -> None:
    """Move what the graphs of single imports and submissions hold into the bounded graphs, and drop them."""
    rewritten = set(change.remove_quads)
    for graph_name in atlas.store.named_graphs(private=_every_graph()):
        graph_iri = URIRef(graph_name)
        target = target_graph(graph_iri)
        if target == graph_iri:
            continue
        change.remove_graphs.add(graph_iri)
        change.add.extend(
            (s, p, o, target)
            for s, p, o, g in atlas.store.quads(graph=graph_iri, private=_every_graph())
            if (s, p, o, g) not in rewritten
        )
    change.remove_quads = [quad for quad in change.remove_quads if target_graph(quad[3]) == quad[3]]


def _partners(atlas: Atlas, additions: dict[URIRef, Graph]) -> None:
    """Members and labels for the collaborations that have none yet, in the graph that holds each one."""
    with_members = {quad[0] for quad in atlas.store.quads(predicate=ORG.hasMember, private=_every_graph())}
    names = {str(row.id): str(row.name) for row in atlas.answer("internal/organisation-kinds").itertuples()}
    owners = {
        str(row.site_id): str(row.organisation_id) for row in atlas.answer("internal/site-organisations").itertuples()
    }
    graphs = {
        local_id(str(quad[0])): quad[3]
        for quad in atlas.store.quads(predicate=RDF.type, obj=ORG.OrganizationalCollaboration, private=_every_graph())
        if quad[0] not in with_members
    }
    for row in atlas.answer("internal/collaboration-sites").itertuples():
        collaboration = str(row.collaboration_id)
        library_id, care_id = owners.get(str(row.library_site_id)), owners.get(str(row.care_site_id))
        if collaboration not in graphs or library_id is None or care_id is None:
            continue
        partners = Partners(library_id, names.get(library_id, library_id), care_id, names.get(care_id, care_id))
        partner_triples(additions[target_graph(graphs[collaboration])], collaboration, partners)


def migrate(atlas: Atlas) -> int:
    """Refresh the vocabulary and rewrite the earlier model; returns the number of quads changed."""
    ensure_vocabulary(atlas.store, atlas.settings.data_dir)
    change = migration(atlas)
    if not change.is_empty():
        atlas.store.apply(change)
    return len(change.remove_quads) + len(change.add)
