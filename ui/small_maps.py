"""Small maps of one point: the partner form's preview and a new site on the review card."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from graph.views.map_fit import MapView

from .components import deck, site_layers

POINT_ZOOM = 11  # a town and its surroundings: enough to see that the point is in the right place


def point_map(lat: float, lon: float, kind: str, label: str, height: int = 220) -> None:
    """One site on a map centred on it (a national view would leave Venlo at its edge, or outside it).

    Drawn like every other map (:func:`ui.components.deck`): from the app alone, with no background map, whose
    style and tiles would come from another host."""
    point = pd.DataFrame(
        [{"lat": float(lat), "lon": float(lon), "kind": kind, "site": label, "organisation": label, "tooltip": label}]
    )
    st.pydeck_chart(deck(site_layers(point), MapView(float(lat), float(lon), POINT_ZOOM)), height=height)
