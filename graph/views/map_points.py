"""Sites of one kind on exactly the same point, fanned out on the map so that each can be seen, hovered and
clicked.

A site whose point was filled in from its town (the partner form does that when no address is known) lies on
the town's centre, often on top of another site of the same kind there: only one of them could be reached on
the map. A library and a care site on one point need no fanning out; they are drawn as a dot in a ring.
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd

# About 250 m: a dot's width apart when a municipality fills the map, and nothing to see on the national map.
FAN_RADIUS_DEG = 0.00225


def fanned_out(sites: pd.DataFrame) -> tuple[np.ndarray, np.ndarray]:
    """The latitude and longitude to draw each site at: its own, or, where sites of one ``kind`` share a point,
    evenly on a small circle around it (in the order of ``sites``, so the same data always draws the same)."""
    lat = sites.lat.astype(float).to_numpy()
    lon = sites.lon.astype(float).to_numpy()
    if len(sites) < 2:
        return lat, lon
    point = pd.DataFrame({"kind": sites.kind.astype(str).to_numpy(), "lat": lat.round(6), "lon": lon.round(6)})
    groups = point.groupby(["kind", "lat", "lon"], sort=False)
    size = groups["lat"].transform("size").to_numpy()
    place = groups.cumcount().to_numpy()
    shared = size > 1
    angle = 2 * math.pi * place[shared] / size[shared]
    # A degree of longitude is shorter than one of latitude: the circle stays round on the map.
    stretch = 1 / np.cos(np.radians(lat[shared]))
    lat, lon = lat.copy(), lon.copy()
    lat[shared] += FAN_RADIUS_DEG * np.cos(angle)
    lon[shared] += FAN_RADIUS_DEG * np.sin(angle) * stretch
    return lat, lon
