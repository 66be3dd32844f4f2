"""Where each organisation of a network drawing stands: every group of organisations that work together (a
connected part of the network) laid out on its own: the largest on the left, the others in rows beside and below it.

One spring layout of the whole network pushed the groups apart without bound: a pair that works with no one else
flew to the drawing's edge, and once the drawing was fitted in view the main group was a small knot of overlapping
names in the middle of an empty canvas. Packed, each group takes room by its size, and the drawing fills its frame.
"""

from __future__ import annotations

import math

import networkx as nx

#: The drawing is about half as wide again as it is high; the rows of groups are laid out to fill that shape.
ASPECT = 1.5
#: Room between two groups, as a share of a group's side.
GAP = 0.25


def packed_layout(graph: nx.Graph, seed: int = 7) -> dict[str, tuple[float, float]]:
    """Each node's position, within -1..1 across the drawing's wider side."""
    if not len(graph):
        return {}
    groups = sorted(nx.connected_components(graph), key=lambda group: (-len(group), min(map(str, group))))
    shapes = [_group_layout(_in_order(graph, group), seed) for group in groups]
    sides = [math.sqrt(len(group)) for group in groups]  # a group's room grows with its number of organisations
    # The largest group on the left; the others in rows beside it, and below it once they reach its foot.
    width = max(sides[0] * ASPECT, math.sqrt(sum(side * side for side in sides) * ASPECT))
    beside = sides[0] * (1 + GAP)
    placed = _placed(shapes[0], 0.0, 0.0, sides[0])
    x, y, row_height = beside, 0.0, 0.0
    for shape, side in zip(shapes[1:], sides[1:], strict=True):
        left = beside if y < sides[0] else 0.0
        if x > left and x + side > width:
            y += row_height * (1 + GAP)
            x, row_height = (beside if y < sides[0] else 0.0), 0.0
        placed |= _placed(shape, x, y, side)
        x += side * (1 + GAP)
        row_height = max(row_height, side)
    return _centred(placed)


def _in_order(graph: nx.Graph, group: set[object]) -> nx.Graph:
    """The group as a graph of its own, its organisations in the network's order. (A view made with ``subgraph``
    lists them in the order of a Python set, which changes with every process, and so did the layout.)"""
    part = nx.Graph()
    part.add_nodes_from((node, graph.nodes[node]) for node in graph if node in group)
    part.add_edges_from(graph.edges(part.nodes, data=True))
    return part


def _placed(shape: dict[str, tuple[float, float]], x: float, y: float, side: float) -> dict[str, tuple[float, float]]:
    """A group's layout moved into its square, whose top left corner is (x, y)."""
    return {node: (x + (gx + 1) / 2 * side, y + (gy + 1) / 2 * side) for node, (gx, gy) in shape.items()}


def _group_layout(group: nx.Graph, seed: int) -> dict[str, tuple[float, float]]:
    """One group's layout within -1..1 on both axes."""
    if len(group) == 1:
        return {str(node): (0.0, 0.0) for node in group}
    found = nx.spring_layout(group, seed=seed, iterations=60)
    xs = [float(point[0]) for point in found.values()]
    ys = [float(point[1]) for point in found.values()]
    # Each axis stretched to the group's square: a spring layout of a long chain of partners was a narrow column
    # whose names were written over one another, beside empty room.
    width, height = (max(xs) - min(xs)) or 1.0, (max(ys) - min(ys)) or 1.0
    middle = ((max(xs) + min(xs)) / 2, (max(ys) + min(ys)) / 2)
    return {
        str(node): (2 * (float(point[0]) - middle[0]) / width, 2 * (float(point[1]) - middle[1]) / height)
        for node, point in found.items()
    }


def _centred(placed: dict[str, tuple[float, float]]) -> dict[str, tuple[float, float]]:
    """The drawing around the origin, its wider side from -1 to 1."""
    xs = [point[0] for point in placed.values()]
    ys = [point[1] for point in placed.values()]
    span = max(max(xs) - min(xs), max(ys) - min(ys)) or 1.0
    middle = ((max(xs) + min(xs)) / 2, (max(ys) + min(ys)) / 2)
    return {node: (2 * (x - middle[0]) / span, 2 * (y - middle[1]) / span) for node, (x, y) in placed.items()}
