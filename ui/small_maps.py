"""Small maps of one point: the partner form's preview and a new site on the review card."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from graph.views.map_fit import MapView
from graph.views.site_surroundings import site_surroundings

from .context import read, safe, t
from .map_layers import BORDER_COLOUR, deck, shape_layers, site_layers

POINT_ZOOM = 11  # a town and its surroundings: enough to see that the point is in the right place
# The municipality the point lies in stands out a little from its neighbours; both stay light under the dot.
HERE_FILL = [31, 111, 235, 45]
AROUND_FILL = [208, 215, 222, 40]


def point_map(lat: float, lon: float, kind: str, label: str, height: int = 220) -> None:
    """One site on a map centred on it (a national view would leave Venlo at its edge, or outside it), among the
    municipalities around it, named in their tooltips, with the one it lies in said underneath.

    Drawn like every other map (:func:`ui.map_layers.deck`): from the app alone, with no background map, whose
    style and tiles would come from another host."""
    around = read(site_surroundings, float(lat), float(lon))
    shapes = [
        {
            **feature,
            "properties": {
                **feature["properties"],
                "fill": HERE_FILL if feature["properties"]["here"] else AROUND_FILL,
            },
        }
        for feature in around.features
    ]
    point = pd.DataFrame(
        [{"lat": float(lat), "lon": float(lon), "kind": kind, "site": label, "organisation": label, "tooltip": label}]
    )
    layers = [*shape_layers(shapes, "surroundings", BORDER_COLOUR, pickable=True), *site_layers(point)]
    st.pydeck_chart(deck(layers, MapView(float(lat), float(lon), POINT_ZOOM)), height=height)
    where = around.municipality
    st.caption(t("point_in_municipality", name=safe(where)) if where else t("point_in_no_municipality"))
