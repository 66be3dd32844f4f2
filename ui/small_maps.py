"""Small maps of one point: the partner form's preview and a new site on the review card."""

from __future__ import annotations

import pandas as pd
import pydeck as pdk
import streamlit as st

from .components import site_layers

POINT_ZOOM = 11  # a town and its surroundings: enough to see that the point is in the right place


def point_map(lat: float, lon: float, kind: str, label: str, height: int = 220) -> None:
    """One site on a map centred on it (a national view would leave Venlo at its edge, or outside it)."""
    point = pd.DataFrame([{"lat": float(lat), "lon": float(lon), "kind": kind, "site": label, "organisation": label}])
    st.pydeck_chart(
        pdk.Deck(
            layers=site_layers(point),
            initial_view_state=pdk.ViewState(latitude=float(lat), longitude=float(lon), zoom=POINT_ZOOM),
            map_style=None,
            tooltip={"text": "{label}"},
        ),
        height=height,
    )
