"""The network drawing: a page of our own around vis-network, in a frame that cannot reach the app.

Names in the network come from partners and imports, so they are hostile input. Three walls keep them text:

1. The page is generated here from a template this module controls (pyvis's own page switches every popup to
   ``innerHTML`` as soon as one title contains "href", and links Bootstrap from a CDN). Node data travels as
   JSON inside a ``<script type="application/json">`` block with ``<``, ``>`` and ``&`` escaped, and every
   tooltip is built with ``textContent``: no string from data is ever parsed as HTML.
2. The drawing runs in ``<iframe sandbox="allow-scripts">`` without ``allow-same-origin``: an opaque origin
   that can read neither the app's page, its cookies nor its storage, and may not open dialogs, pop-ups or
   navigate the app.
3. Its Content-Security-Policy allows no request at all (``default-src 'none'``; scripts and styles only
   inline): the drawing asks nothing of any host, not even of the app.

vis-network itself (9.1.2) is read from the pyvis package, which ships it.
"""

from __future__ import annotations

import html
import json
import math
from functools import cache
from importlib.resources import files

import networkx as nx

from graph.views.network_layout import packed_layout
from graph.views.organisation_names import says_place

COLOURS = {"library": "#1f6feb", "care": "#d1242f"}
LAYOUT_SCALE = 600.0
# A network of a few organisations takes a smaller part of that: its layout spread over the same 1,200 units was
# fitted at a quarter of its size, and its names were drawn too small to read.
FULL_LAYOUT_NODES = 40
# Labels people can read: only the best-connected organisations are labelled at every zoom; the others show their
# name on hover, and their label once the reader zooms in (vis-network draws a label only while its size on
# screen reaches the threshold). Sizes are in layout units: the layout is fitted in view at about half its size
# (1,200 units in a drawing 640 pixels high), so a main label reads at about 15 pixels and another at 9, below
# the threshold until one zooms in. Once fitted, the threshold is set between the two on screen, so the main
# labels are drawn at first sight in a drawing of any size (with a main label of 22 units, a small network's
# were not) and the others once the reader zooms in about 1.4 times.
MAIN_LABELS = 10
MAIN_FONT, OTHER_FONT, LABEL_THRESHOLD, LABEL_MAX_ON_SCREEN = 28, 16, 13, 22
CONTENT_POLICY = "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; img-src data:"
_SCRIPT_SAFE = str.maketrans({"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028", "\u2029": "\\u2029"})

_PAGE = """<!DOCTYPE html>
<html lang="{lang}"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="{policy}">
<title>{title}</title>
<style>
html, body {{ margin: 0; padding: 0; background: #ffffff; font-family: sans-serif; }}
#network {{ width: 100%; height: {height}px; }}
div.vis-tooltip {{ position: absolute; visibility: hidden; padding: 5px 8px; white-space: pre-wrap; max-width: 420px;
  font-size: 14px; color: #000000; background: #f5f4ed; border: 1px solid #808074; border-radius: 3px;
  box-shadow: 3px 3px 10px rgba(0, 0, 0, 0.2); pointer-events: none; z-index: 5; }}
</style>
<script>{vis}</script>
</head><body>
<div id="network" role="img" aria-label="{title}"></div>
<script type="application/json" id="network-data">{data}</script>
<script>
"use strict";
const data = JSON.parse(document.getElementById("network-data").textContent);
// A tooltip is an element whose text is set as text: vis-network shows an element as it is.
function tooltip(text) {{
  const element = document.createElement("div");
  element.textContent = text;
  return element;
}}
const nodes = new vis.DataSet(data.nodes.map((node) => Object.assign({{}}, node, {{ title: tooltip(node.tooltip) }})));
const edges = new vis.DataSet(data.edges);
window.atlasNetwork = new vis.Network(document.getElementById("network"), {{ nodes: nodes, edges: edges }}, {{
  nodes: {{
    // A white edge round each letter keeps a name readable where it crosses a link or another organisation.
    font: {{ size: {other_font}, strokeWidth: 3, strokeColor: "#ffffff" }},
    scaling: {{ label: {{ drawThreshold: {threshold}, maxVisible: {max_visible} }} }},
  }},
  interaction: {{ hover: true, tooltipDelay: 150 }},
  physics: {{ enabled: false }},
}});
// Without physics vis-network keeps the layout's scale; fit it so every organisation is in view, and draw the
// main labels at that scale while the others wait for the reader to zoom in.
window.atlasNetwork.once("afterDrawing", () => {{
  window.atlasNetwork.fit({{ animation: false }});
  // vis-network draws a label of at least the threshold less one pixel (fading in below the threshold)
  const threshold = ({main_font} + {other_font}) / 2 * window.atlasNetwork.getScale();
  window.atlasNetwork.setOptions({{ nodes: {{ scaling: {{ label: {{ drawThreshold: threshold }} }} }} }});
}});
</script>
</body></html>
"""


@cache
def _vis_network_js() -> str:
    return (files("pyvis") / "lib" / "vis-9.1.2" / "vis-network.min.js").read_text(encoding="utf-8")


def script_json(value: object) -> str:
    """JSON that can stand inside a ``<script>`` block: no text in it can close the block or open a tag."""
    return json.dumps(value, ensure_ascii=False).translate(_SCRIPT_SAFE)


FOCUS_RING = "#24292f"  # the chosen organisation's outline: the near-black of the app's text
FOCUS_GROWTH = 6  # layout units added to the chosen organisation's size


def _in(place: object, name: object) -> str:
    """ " (Rotterdam)": where an organisation works, unless its name says so ("Bibliotheek Venlo")."""
    return f" ({place})" if place and not says_place(str(name), str(place)) else ""


def node_size(degree: int) -> int:
    return 8 + 4 * min(degree, 10)


def label_box(name: str, x: float, y: float, size: float) -> tuple[float, float, float, float]:
    """Where vis-network writes a main label, in layout units: centred under the node. (A character of sans-serif
    text is about 0.55 of the font size wide; a line about 1.3 high.)"""
    width, height = 0.55 * MAIN_FONT * len(name), 1.3 * MAIN_FONT
    return (x - width / 2, y + size, x + width / 2, y + size + height)


def _overlap(one: tuple[float, float, float, float], other: tuple[float, float, float, float]) -> bool:
    return one[0] < other[2] and other[0] < one[2] and one[1] < other[3] and other[1] < one[3]


def main_nodes(
    graph: nx.Graph,
    focus: str | None = None,
    count: int = MAIN_LABELS,
    positions: dict[str, tuple[float, float]] | None = None,
) -> set[str]:
    """The organisations labelled at every zoom: the focus, then the best-connected ones (ties by name) whose
    label would not be written over one already chosen, up to ``count`` more. Without positions: the
    best-connected ones."""
    ranked = sorted(graph.nodes, key=lambda node: (-graph.degree(node), str(graph.nodes[node]["name"])))
    boxes: list[tuple[float, float, float, float]] = []

    def fits(node: str) -> bool:
        if positions is None:
            return True
        x, y = positions[str(node)]
        size = node_size(graph.degree(node)) + (FOCUS_GROWTH if node == focus else 0)  # as it is drawn
        box = label_box(str(graph.nodes[node]["name"]), x, y, size)
        if any(_overlap(box, other) for other in boxes):
            return False  # its name shows on hover, and once the reader zooms in
        boxes.append(box)
        return True

    chosen: list[str] = [focus] if focus is not None and focus in graph and fits(focus) else []
    for node in ranked:
        if len(chosen) >= count + (1 if focus in graph else 0):
            break
        if node != focus and fits(node):
            chosen.append(node)
    return set(chosen)


def drawing_data(
    graph: nx.Graph, labels: dict[str, str], focus: str | None = None
) -> dict[str, list[dict[str, object]]]:
    """Nodes (with their fixed layout) and links as plain data; names stay strings."""
    positions = packed_layout(graph)
    extent = LAYOUT_SCALE * min(1.0, math.sqrt(len(graph) / FULL_LAYOUT_NODES))
    placed = {str(node): (float(x) * extent, float(y) * extent) for node, (x, y) in positions.items()}
    main = main_nodes(graph, focus, positions=placed)
    nodes: list[dict[str, object]] = []
    for node, attributes in graph.nodes(data=True):
        x, y = placed[str(node)]
        degree = graph.degree(node)
        kind = attributes["kind"]
        colour = COLOURS.get(kind, "#6e7781")
        name = str(attributes["name"])
        where = "" if attributes.get("said_where") else _in(attributes.get("place"), name)  # said once
        drawn: dict[str, object] = {
            "id": str(node),
            "label": str(attributes["name"]),
            "tooltip": f"{name}{where} — {labels.get(kind, kind)}, {degree}",
            "color": colour,
            "shape": "dot" if kind == "care" else "square",
            "size": node_size(degree),
            "font": {"size": MAIN_FONT if node in main else OTHER_FONT},
            "x": x,
            "y": y,
        }
        if node == focus:  # the organisation the reader chose stands out: a dark ring, and a little larger
            drawn |= {
                "color": {"background": colour, "border": FOCUS_RING},
                "borderWidth": 5,
                "size": node_size(degree) + FOCUS_GROWTH,
            }
        nodes.append(drawn)
    edges: list[dict[str, object]] = [
        {"from": str(source), "to": str(target), "value": weight, "color": "#8c959f"}
        for source, target, weight in graph.edges(data="weight")
    ]
    return {"nodes": nodes, "edges": edges}


def network_page(
    graph: nx.Graph,
    labels: dict[str, str],
    title: str,
    lang: str = "nl",
    height_px: int = 620,
    focus: str | None = None,
) -> str:
    """The drawing's own page: vis-network inline, the data as JSON, no request to any host."""
    return _PAGE.format(
        main_font=MAIN_FONT,
        other_font=OTHER_FONT,
        threshold=LABEL_THRESHOLD,
        max_visible=LABEL_MAX_ON_SCREEN,
        lang=html.escape(lang),
        policy=CONTENT_POLICY,
        title=html.escape(title),
        height=int(height_px),
        vis=_vis_network_js(),
        data=script_json(drawing_data(graph, labels, focus)),
    )


def sandboxed_frame(page: str, title: str, height_px: int = 620) -> str:
    """A document holding ``page`` in a sandboxed frame with an opaque origin (scripts only, nothing else)."""
    return (
        '<!DOCTYPE html><html><head><meta charset="utf-8"><style>html, body { margin: 0; padding: 0; }</style>'
        f'</head><body><iframe sandbox="allow-scripts" title="{html.escape(title)}" '
        f'style="border: 0; width: 100%; height: {int(height_px)}px; display: block;" '
        f'srcdoc="{html.escape(page, quote=True)}"></iframe></body></html>'
    )


def network_html(
    graph: nx.Graph,
    labels: dict[str, str],
    title: str,
    lang: str = "nl",
    height_px: int = 620,
    focus: str | None = None,
) -> str:
    """The drawing, ready to embed: our own vis-network page inside a sandboxed frame."""
    return sandboxed_frame(network_page(graph, labels, title, lang, height_px, focus), title, height_px)
