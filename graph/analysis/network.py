"""The library–care network: figures from networkx, and the part of it a drawing can show.

Beyond ``max_nodes`` only the largest connected groups are drawn, and the note says so. The drawing itself is
in :mod:`graph.views.network_drawing`.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import networkx as nx
import pandas as pd

DEFAULT_MAX_NODES = 60  # a drawing people can read; the page offers to widen it
WIDEST = 400


@dataclass
class NetworkFigures:
    organisations: int
    collaborations: int
    components: int
    largest_component: int
    degree: pd.DataFrame = field(repr=False)  # organisation_id, organisation, kind, partners
    brokers: pd.DataFrame = field(repr=False)  # organisation_id, organisation, kind, groups, cut_off


def build_graph(collaborations: pd.DataFrame) -> nx.Graph:
    """Organisations as nodes, a link per pair that works (or worked) together, weighted by collaborations."""
    graph = nx.Graph()
    for row in collaborations.itertuples():
        # Where an organisation works with its partners (the municipality of the library site, first seen): it
        # tells apart organisations of the same name.
        place = str(getattr(row, "municipality", "") or "")
        for node, name, kind in (
            (row.library_org_id, row.library, "library"),
            (row.care_org_id, row.care_organisation, "care"),
        ):
            if node not in graph:
                graph.add_node(node, name=name, kind=kind, place=place)
        if graph.has_edge(row.library_org_id, row.care_org_id):
            graph[row.library_org_id][row.care_org_id]["weight"] += 1
        else:
            graph.add_edge(row.library_org_id, row.care_org_id, weight=1)
    return graph


def figures(graph: nx.Graph, top: int = 10) -> NetworkFigures:
    components = list(nx.connected_components(graph))
    rows = [
        {
            "organisation_id": node,
            "organisation": data["name"],
            "kind": data["kind"],
            "municipality": data.get("place", ""),
            "partners": graph.degree(node),
        }
        for node, data in graph.nodes(data=True)
    ]
    degree = pd.DataFrame(rows, columns=["organisation_id", "organisation", "kind", "municipality", "partners"])
    degree = degree.sort_values(["partners", "organisation"], ascending=[False, True]).head(top)
    return NetworkFigures(
        organisations=graph.number_of_nodes(),
        collaborations=int(sum(weight for _, _, weight in graph.edges(data="weight"))),
        components=len(components),
        largest_component=max((len(c) for c in components), default=0),
        degree=degree.reset_index(drop=True),
        brokers=brokers(graph, top),
    )


def brokers(graph: nx.Graph, top: int = 10) -> pd.DataFrame:
    """Organisations without which their group falls apart: how many groups each one connects, and how many
    organisations would be cut off from the largest remaining group without it.

    These are the articulation points of the network; the numbers say in words what a betweenness value does
    not ("connects 3 groups that otherwise do not touch").
    """
    rows = []
    for node in nx.articulation_points(graph):
        component = nx.node_connected_component(graph, node) - {node}
        parts = sorted((len(part) for part in nx.connected_components(graph.subgraph(component))), reverse=True)
        data = graph.nodes[node]
        rows.append(
            {
                "organisation_id": node,
                "organisation": data["name"],
                "kind": data["kind"],
                "groups": len(parts),
                "cut_off": sum(parts[1:]),
            }
        )
    frame = pd.DataFrame(rows, columns=["organisation_id", "organisation", "kind", "groups", "cut_off"])
    frame = frame.sort_values(["groups", "cut_off", "organisation"], ascending=[False, False, True]).head(top)
    return frame.reset_index(drop=True)


def neighbourhood(graph: nx.Graph, organisation: str, depth: int) -> nx.Graph:
    """The organisation and every organisation at most ``depth`` collaborations away from it."""
    if organisation not in graph:
        return nx.Graph()
    near = nx.single_source_shortest_path_length(graph, organisation, cutoff=depth)
    return graph.subgraph(near).copy()


def limit_graph(graph: nx.Graph, max_nodes: int) -> tuple[nx.Graph, bool]:
    """The largest connected groups that together fit in ``max_nodes``; whether anything was left out."""
    if graph.number_of_nodes() <= max_nodes:
        return graph, False
    kept: set[str] = set()
    for component in sorted(nx.connected_components(graph), key=len, reverse=True):
        if len(kept) + len(component) > max_nodes:
            if not kept:  # one group larger than the limit: keep its best-connected members
                ranked = sorted(component, key=lambda node: (-graph.degree(node), node))
                kept.update(ranked[:max_nodes])
            break
        kept.update(component)
    return graph.subgraph(kept).copy(), True
