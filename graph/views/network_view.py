"""What the network page shows: a focused part of the library–care network that people can read.

The page starts from one province (the one with the most collaborations) or from one organisation's
neighbourhood, draws at most ``max_nodes`` organisations (the reader can widen that), and names the
organisations that hold groups together in words, not as a betweenness value.
"""

from __future__ import annotations

from dataclasses import dataclass

import networkx as nx
import pandas as pd

from graph.analysis.mapdata import collaboration_lines
from graph.analysis.network import (
    DEFAULT_MAX_NODES,
    WIDEST,
    NetworkFigures,
    build_graph,
    figures,
    limit_graph,
    neighbourhood,
)
from graph.analysis.overview import collaborations
from graph.model.viewer import Viewer
from graph.store.atlas import Atlas
from graph.store.labels import Labels
from graph.views.network_drawing import network_html
from graph.views.organisation_names import distinct_names, main_places, told_apart

SIZES = [30, DEFAULT_MAX_NODES, 120, 250, WIDEST]
"""How many organisations the drawing may hold: readable at the start, wider on request."""


@dataclass(frozen=True)
class NetworkFocus:
    """Which part of the network: a province, an organisation's neighbourhood, or (neither) the country."""

    province: str | None = None
    organisation: str | None = None
    depth: int = 1
    activity: str | None = None
    max_nodes: int = DEFAULT_MAX_NODES


@dataclass(frozen=True)
class NetworkChoices:
    organisations: dict[str, str]
    """Organisations that have a collaboration (id → name), sorted by name: the focus picker."""
    busiest_province: str | None
    """Where the page starts: the province with the most collaborations."""


@dataclass(frozen=True)
class NetworkPage:
    figures: NetworkFigures
    """Figures of the part in focus (all of it, also what the drawing leaves out)."""
    drawing: str
    """The drawing, ready to embed (see :mod:`graph.views.network_drawing`); '' when there is nothing to draw."""
    total: int
    shown: int

    @property
    def limited(self) -> bool:
        return self.shown < self.total


def network_choices(atlas: Atlas, viewer: Viewer) -> NetworkChoices:
    rows = collaborations(atlas)
    shown = distinct_names(atlas)  # two organisations of one name: each with its place
    partners = pd.concat([rows.library_org_id, rows.care_org_id]).astype(str).drop_duplicates()
    named = sorted(((key, shown.get(key, key)) for key in partners), key=lambda pair: (pair[1].lower(), pair[0]))
    provinces = rows.province_code.dropna()
    provinces = provinces[provinces.astype(str) != ""]
    busiest = str(provinces.value_counts().sort_index().idxmax()) if len(provinces) else None
    return NetworkChoices(dict(named), busiest)


def network_page(atlas: Atlas, viewer: Viewer, focus: NetworkFocus, labels: Labels, title: str) -> NetworkPage:
    province = None if focus.organisation else focus.province
    rows = collaboration_lines(collaborations(atlas, province_code=province), labels, focus.activity)
    graph = build_graph(rows)
    _named_as_everywhere(atlas, graph)
    if focus.organisation:
        graph = neighbourhood(graph, focus.organisation, focus.depth)
        drawn = _nearest(graph, focus.organisation, focus.max_nodes)
    else:
        drawn, _ = limit_graph(graph, focus.max_nodes)
    kinds = {"library": labels.kind("library"), "care": labels.kind("care")}
    drawing = network_html(drawn, kinds, title, labels.lang, focus=focus.organisation) if len(drawn) else ""
    return NetworkPage(figures(graph), drawing, graph.number_of_nodes(), drawn.number_of_nodes())


def _named_as_everywhere(atlas: Atlas, graph: nx.Graph) -> None:
    """Labels, tooltips and the tables below say a name as the choosers do (with its place where two share it),
    and where an organisation works as the choosers do: the municipality of most of its sites."""
    places = main_places(atlas)
    shown = told_apart(places)
    place = dict(zip(places.id.astype(str), places.place.astype(str), strict=True))
    for node, attributes in graph.nodes(data=True):
        key = str(node)
        if key in shown:
            attributes["said_where"] = shown[key] != attributes["name"]  # the label says where already
            attributes["name"] = shown[key]
        attributes["place"] = place.get(key) or attributes.get("place", "")


def _nearest(graph: nx.Graph, organisation: str, max_nodes: int) -> nx.Graph:
    """The ``max_nodes`` organisations closest to ``organisation`` (ties: the best connected first)."""
    if graph.number_of_nodes() <= max_nodes:
        return graph
    distance = nx.single_source_shortest_path_length(graph, organisation)
    ranked = sorted(graph.nodes, key=lambda node: (distance.get(node, 99), -graph.degree(node), str(node)))
    return graph.subgraph(ranked[:max_nodes]).copy()
