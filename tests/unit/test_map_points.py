"""Sites of one kind on one point are fanned out on the map, each reachable; a library and a care site on one
point stay where they are (a dot in a ring)."""

from __future__ import annotations

import pandas as pd

from graph.model.geo import haversine_km_array
from graph.views.map_points import fanned_out

VENLO = (51.37, 6.168)


def test_two_care_sites_on_one_point_are_drawn_apart_and_the_library_there_stays() -> None:
    """Regression: a new care site filled in from its town lay on another care site there, and could not be
    hovered or clicked on the map."""
    sites = pd.DataFrame(
        {
            "kind": ["library", "care", "care", "care"],
            "lat": [VENLO[0], VENLO[0], VENLO[0], 51.5],
            "lon": [VENLO[1], VENLO[1], VENLO[1], 6.0],
        }
    )
    lat, lon = fanned_out(sites)
    assert (lat[0], lon[0]) == VENLO and (lat[3], lon[3]) == (51.5, 6.0)
    apart = haversine_km_array(lat[1:2], lon[1:2], lat[2:3], lon[2:3])[0]
    from_centre = haversine_km_array(lat[1:3], lon[1:3], lat[[0, 0]], lon[[0, 0]])
    assert 0.4 < apart < 0.6 and all(0.2 < km < 0.3 for km in from_centre)  # a round circle of about 250 m
    again = fanned_out(sites)
    assert lat.tolist() == again[0].tolist() and lon.tolist() == again[1].tolist()


def test_sites_on_points_of_their_own_are_drawn_where_they_are() -> None:
    sites = pd.DataFrame({"kind": ["care", "care"], "lat": [51.0, 52.0], "lon": [5.0, 5.0]})
    lat, lon = fanned_out(sites)
    assert lat.tolist() == [51.0, 52.0] and lon.tolist() == [5.0, 5.0]
    assert [len(values) for values in fanned_out(sites.iloc[:0])] == [0, 0]


def test_a_site_called_as_its_organisation_is_named_once_in_its_tooltip() -> None:
    """Regression: the form names a new organisation's site after it, so a long name filled a tooltip twice
    ("Stichting Zorgboerderij … — Stichting Zorgboerderij …") and covered a corner of the map."""
    from types import SimpleNamespace

    from graph.model.language import Lang
    from graph.store.labels import Labels
    from graph.views.map_tooltips import site_tooltip

    name = "Stichting Zorgboerderij 's-Hertogenbosch Cuijk en Boxtel"
    row = SimpleNamespace(site=name, organisation=name, kind="care", town="Vught", collaborations=1)
    said = site_tooltip(row, Labels(Lang.NL))
    assert said.count(name) == 1 and said.startswith(name + "\n")
    other = SimpleNamespace(site="Locatie Vught", organisation=name, kind="care", town="Vught", collaborations=1)
    assert site_tooltip(other, Labels(Lang.NL)).startswith(f"Locatie Vught — {name}\n")
