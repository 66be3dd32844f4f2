"""A network drawing's layout: every group of partners on its own, packed to fill the drawing."""

from __future__ import annotations

import networkx as nx

from graph.views.network_layout import packed_layout


def _network() -> nx.Graph:
    """One group of 40 organisations in a ring with spokes, and three pairs that work with no one else."""
    graph = nx.Graph()
    for index in range(40):
        graph.add_edge(f"lib{index % 10}", f"care{index}")
        graph.add_edge(f"care{index}", f"lib{(index + 1) % 10}")
    for index in range(3):
        graph.add_edge(f"lonely-lib{index}", f"lonely-care{index}")
    return graph


def test_every_organisation_has_a_place_within_the_drawing() -> None:
    placed = packed_layout(_network())
    assert set(placed) == {str(node) for node in _network()}
    xs, ys = [x for x, _ in placed.values()], [y for _, y in placed.values()]
    assert min(xs) >= -1 - 1e-9 and max(xs) <= 1 + 1e-9 and min(ys) >= -1 - 1e-9 and max(ys) <= 1 + 1e-9
    assert max(max(xs) - min(xs), max(ys) - min(ys)) > 1.99  # the wider side spans the drawing


def test_the_main_group_fills_the_drawing_and_lonely_pairs_do_not_shrink_it() -> None:
    """Regression: one spring layout of the whole network flew the pairs that work with no one else to the edge,
    and fitted in view the main group was a knot in the middle of an empty canvas (about a quarter of its width)."""
    placed = packed_layout(_network())
    main = [point for node, point in placed.items() if not node.startswith("lonely")]
    width = max(x for x, _ in main) - min(x for x, _ in main)
    height = max(y for _, y in main) - min(y for _, y in main)
    assert width > 1.0 and height > 1.0  # of the drawing's 2
    lonely = [point for node, point in placed.items() if node.startswith("lonely")]
    assert min(x for x, _ in lonely) > max(x for x, _ in main)  # beside the main group, not over it


def test_the_layout_is_the_same_every_time() -> None:
    assert packed_layout(_network()) == packed_layout(_network())
    assert packed_layout(nx.Graph()) == {}
    single = nx.Graph()
    single.add_node("alone")
    assert packed_layout(single) == {"alone": (0.0, 0.0)}


def test_the_layout_is_the_same_in_every_process() -> None:
    """Regression: each group was laid out from a view that listed its organisations in the order of a Python set,
    which changes with every process (hash randomisation), so the drawing, and which names could be written
    without overlap, differed from run to run."""
    import os
    import subprocess
    import sys

    script = (
        "import json, networkx as nx\n"
        "from graph.views.network_layout import packed_layout\n"
        "g = nx.Graph()\n"
        "for i in range(60):\n"
        "    g.add_edge(f'lib{i % 12}', f'care{i}')\n"
        "print(json.dumps(sorted(packed_layout(g).items())))\n"
    )
    drawn = {
        subprocess.run(
            [sys.executable, "-c", script], capture_output=True, text=True, check=True,
            env={**os.environ, "PYTHONHASHSEED": seed},
        ).stdout
        for seed in ("1", "2", "3")
    }  # fmt: skip
    assert len(drawn) == 1
