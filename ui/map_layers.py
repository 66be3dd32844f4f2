"""Map layers and the one deck every map is drawn with: sites, collaborations, municipalities and outlines.

Every map of the app comes from :func:`deck`, which draws from the app alone (no background map from another
host), and carries each layer's own tooltip text, shown as text.
"""

from __future__ import annotations

import json
from typing import Any

import pandas as pd
import pydeck as pdk
from pydeck.bindings.json_tools import default_serialize

from graph.model.enums import CollaborationStatus
from graph.views.map_borders import border_segments
from graph.views.map_fit import NETHERLANDS, MapView
from graph.views.map_points import fanned_out
from graph.views.map_view import MapPage
from graph.views.status_colours import STATUS_COLOURS

LIBRARY_COLOUR = [31, 111, 235]
CARE_COLOUR = [209, 36, 47]
LINE_COLOURS = {status.value: list(colour) for status, colour in STATUS_COLOURS.items()}
# Ended and unknown under exploring, active on top: where lines cross, the ones that are going on show.
DRAWING_ORDER = (
    CollaborationStatus.ENDED,
    CollaborationStatus.UNKNOWN,
    CollaborationStatus.EXPLORING,
    CollaborationStatus.ACTIVE,
)
# Streamlit's named text colours nearest to the lines, for the legends beside the maps.
LEGEND_COLOURS = {
    CollaborationStatus.ACTIVE: "green",
    CollaborationStatus.EXPLORING: "orange",
    CollaborationStatus.ENDED: "gray",
    CollaborationStatus.UNKNOWN: "violet",
}
COVERAGE_COLOURS = {
    "covered": [26, 127, 55, 110],
    "gap": [219, 109, 40, 110],
    "incomplete": [130, 80, 223, 60],
    "none": [208, 215, 222, 40],
}
BORDER_COLOUR = [110, 119, 129, 120]
OUTLINE_COLOUR = [36, 41, 47, 230]  # the chosen municipality

# A library and a care site on the same point stay both visible: care sites are drawn first and larger, library
# sites on top and smaller, so a shared point reads as a blue dot in a red ring, and at national scale the red
# dots cannot hide the blue ones.
CARE_RADIUS_PX = (7, 16)
LIBRARY_RADIUS_PX = (5, 10)  # at least 5 pixels: at 3, zoomed to a town, a library was a speck among the red
# Tooltips are text (never parsed as HTML) and wrap at a readable width. They sit in the map's top-left
# corner, as an information panel: deck.gl places a tooltip at the pointer, which put it past the map's edge
# for a point near one, and only a fixed place stays inside the map wherever the pointer is. In that corner
# lies the North Sea on the national map; over a point there, the pointer still shows what it names.
TOOLTIP_STYLE = {
    # White on near-black: deck.gl's own light grey on dark grey was hard to read.
    "backgroundColor": "#24292f",
    "color": "#ffffff",
    "maxWidth": "260px",
    "whiteSpace": "pre-line",
    "fontSize": "13px",
    "transform": "none",  # replaces the pointer's position, which deck.gl sets just before this style
    "top": "8px",
    "left": "8px",
}


def site_layers(sites: pd.DataFrame, zoom: float = NETHERLANDS.zoom) -> list[pdk.Layer]:
    """Care sites under library sites, each kind its own layer (``care-sites``, ``library-sites``).

    A dot's size in metres shrinks as the map is drawn closer (``zoom``), so that the 34 sites of one town are 34
    dots, not one blot; its size in pixels stays within the kind's bounds at every zoom.

    Each site carries its tooltip text; sites from a read model bring their own (``tooltip``), others get
    "site — organisation". Only what the browser draws travels to it (position, tooltip) and the site's
    ``row`` in ``sites``, which a selection on the map names: the rest stays on the server.
    """
    tooltip = site_tooltips(sites)
    lat, lon = fanned_out(sites)  # sites of one kind on one point side by side, each reachable
    closer = min(1.0, 2 ** (NETHERLANDS.zoom - zoom))
    frame = pd.DataFrame({"lon": lon, "lat": lat, "tooltip": tooltip.to_numpy(), "row": range(len(sites))})
    layers = []
    for kind, colour, (smallest, largest) in (
        ("care", CARE_COLOUR, CARE_RADIUS_PX),
        ("library", LIBRARY_COLOUR, LIBRARY_RADIUS_PX),
    ):
        layers.append(
            pdk.Layer(
                "ScatterplotLayer",
                data=frame[(sites.kind == kind).to_numpy()],
                id=f"{kind}-sites",
                get_position=["lon", "lat"],
                get_fill_color=colour,
                get_radius=(600 if kind == "care" else 300) * closer,
                radius_min_pixels=smallest,
                radius_max_pixels=largest,
                pickable=True,
                # The hovered dot lights up: its tooltip stands in the map's corner, not beside it.
                auto_highlight=True,
                stroked=True,
                get_line_color=[255, 255, 255],
                line_width_min_pixels=1,
            )
        )
    return layers


def site_tooltips(sites: pd.DataFrame) -> pd.Series:
    """Each site's tooltip text: its own (``tooltip``, from a read model), or "site — organisation"."""
    if "tooltip" in sites.columns:
        return sites.tooltip
    return sites.site.astype(str) + " — " + sites.organisation.astype(str)


def _clicked_row(event: Any, sites: pd.DataFrame) -> tuple[int | None, bool]:
    """The row of ``sites`` a click on a map of :func:`site_layers` names, and whether the clicked dot still shows
    that row's site (a map drawn before a write names a row of the data before it: another site may stand there)."""
    objects = (event.selection.get("objects") or {}) if event and event.selection else {}
    picked = objects.get("library-sites") or objects.get("care-sites")
    # The selection comes from the browser: anything but a row number of this map is no selection.
    clicked = picked[0] if picked and isinstance(picked[0], dict) else {}
    row = clicked.get("row")
    if not isinstance(row, int) or isinstance(row, bool) or not 0 <= row < len(sites):
        return None, False
    return row, clicked.get("tooltip") == site_tooltips(sites).iloc[row]


def selected_site(event: Any, sites: pd.DataFrame) -> pd.Series | None:
    """The site a visitor clicked on a map of :func:`site_layers` (its row in ``sites``), or None."""
    row, still_there = _clicked_row(event, sites)
    return sites.iloc[row] if row is not None and still_there else None


def clicked_before_a_write(event: Any, sites: pd.DataFrame) -> bool:
    """Whether the click was on a site of a map drawn before the data changed (it selects nothing)."""
    row, still_there = _clicked_row(event, sites)
    return row is not None and not still_there


def line_layers(lines: pd.DataFrame) -> list[pdk.Layer]:
    """Collaborations as lines in the colour of their status, wide enough to see at national scale: a layer per
    status (``collaborations-active``, …), active ones drawn last, over the others.

    Each layer has one colour, not a colour per line: then every line layer of a map (borders, outlines,
    collaborations) has the same inputs, and the browser prepares its drawing once. A colour per line made a
    second preparation, about 0.15 s of the map's first render in a browser without a graphics card."""
    statuses = lines.status.astype(str)
    known = statuses.where(statuses.isin(CollaborationStatus.values()), CollaborationStatus.UNKNOWN.value)
    layers = []
    for status in DRAWING_ORDER:
        ends = lines.loc[(known == status.value).to_numpy(), ["library_lon", "library_lat", "care_lon", "care_lat"]]
        if ends.empty:
            continue
        layers.append(
            pdk.Layer(
                "LineLayer",
                data=ends,
                id=f"collaborations-{status.value}",
                get_source_position=["library_lon", "library_lat"],
                get_target_position=["care_lon", "care_lat"],
                get_color=LINE_COLOURS[status.value],
                get_width=3,
                width_min_pixels=2,
            )
        )
    return layers


def area_outline(features: dict[str, Any], code: str) -> pdk.Layer:
    """The outline of the chosen municipality (``chosen-area``), dark and wide over its neighbours' grey borders:
    the map zooms to it, and this says which of the areas in view it is."""
    chosen = [feature for feature in features["features"] if feature["properties"]["code"] == code]
    return pdk.Layer(
        "LineLayer",  # the program of the borders and collaborations: nothing new to prepare in the browser
        data=border_segments(chosen),
        id="chosen-area",
        get_source_position="from",
        get_target_position="to",
        get_color=OUTLINE_COLOUR,
        get_width=3,
        width_min_pixels=3,
    )


def municipality_layers(features: dict[str, Any], pickable: bool = False) -> list[pdk.Layer]:
    """Municipalities coloured by coverage, and their borders; ``pickable`` shows each one's tooltip."""
    shapes = []
    for feature in features["features"]:
        properties = feature["properties"]
        shapes.append({**feature, "properties": {**properties, "fill": COVERAGE_COLOURS[properties["coverage"]]}})
    return shape_layers(shapes, "municipalities", BORDER_COLOUR, pickable)


def shape_layers(
    shapes: list[dict[str, Any]], layer_id: str, border_colour: list[int], pickable: bool = False
) -> list[pdk.Layer]:
    """GeoJSON features filled with their ``properties.fill``, and their borders as a line layer (``…-borders``),
    like the collaborations, not the GeoJSON layer's own stroke (see :mod:`graph.views.map_borders`)."""
    return [
        pdk.Layer(
            "GeoJsonLayer",
            data={"type": "FeatureCollection", "features": shapes},
            id=layer_id,
            get_fill_color="properties.fill",
            stroked=False,
            filled=True,
            pickable=pickable,
            auto_highlight=pickable,
        ),
        pdk.Layer(
            "LineLayer",
            data=border_segments(shapes),
            id=f"{layer_id}-borders",
            get_source_position="from",
            get_target_position="to",
            get_color=border_colour,
            get_width=1,
        ),
    ]


# "text" tooltips are inserted as text, never parsed as HTML.
TOOLTIP = {"text": "{tooltip}", "style": TOOLTIP_STYLE}


class CompactDeck(pdk.Deck):
    """A deck written as compact JSON. Streamlit sends a deck as ``to_json()`` gives it, and pydeck indents
    it: the national map was 5.4 MB, mostly spaces and line breaks, which the browser had to take in."""

    def to_json(self) -> str:
        return json.dumps(self, separators=(",", ":"), default=default_serialize)


class PreparedDeck(pdk.Deck):
    """A deck of :func:`deck` whose JSON was written before (``spec``, kept for every visitor of the same view):
    Streamlit sends what ``to_json()`` gives, with the tooltip's settings, which are the same for every deck."""

    def __init__(self, spec: str) -> None:
        super().__init__(layers=[], map_provider=None, tooltip=TOOLTIP)
        self._spec = spec

    def to_json(self) -> str:
        return self._spec


def deck(layers: list[pdk.Layer], view: MapView = NETHERLANDS) -> pdk.Deck:
    """A map drawn from the app alone, centred and zoomed on ``view``; every layer's data carries
    its own ``tooltip`` text."""
    return CompactDeck(
        layers=layers,
        initial_view_state=pdk.ViewState(latitude=view.latitude, longitude=view.longitude, zoom=view.zoom),
        # No background map: its style and tiles would come from another host (the page asks nothing of any
        # host but the app); municipalities give the map its shape. pydeck's default style, left as it is
        # with no provider, tells Streamlit to start no base map at all: a style of our own (even a blank one)
        # made the browser start a second map library and WebGL context under the deck.
        map_provider=None,
        tooltip=TOOLTIP,
    )


def map_deck(shown: MapPage, municipality: str | None, coloured: bool) -> pdk.Deck:
    """The deck of *Kaart*: the municipalities' borders (and their coverage colours when ``coloured``), the chosen
    municipality's outline, and the sites with the lines of their collaborations."""
    layers = []
    if shown.features is not None:
        fills, borders = municipality_layers(shown.features)
        layers.extend([fills, borders] if coloured else [borders])
    if municipality and shown.features is not None:
        layers.append(area_outline(shown.features, municipality))
    # The lines between the care sites and the libraries: over the care sites (most partners are close, and the
    # dots hid their lines), under the libraries, where a library's lines meet and covered its small blue dot.
    care_sites, library_sites = site_layers(shown.sites, shown.view.zoom)
    layers.extend([care_sites, *line_layers(shown.lines), library_sites])
    return deck(layers, shown.view)
