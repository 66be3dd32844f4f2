"""What the map page shows for one choice of filters: the sites, the collaboration lines, the municipalities
coloured by coverage, the municipalities a visitor can choose, and the view that fits the filter.

Everything here is public data; the viewer is taken so every page's read model has the same shape.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pandas as pd

from graph.analysis.mapdata import collaboration_lines, municipality_features, sites
from graph.analysis.overview import collaborations
from graph.intake.reference import has_reference
from graph.model.viewer import Viewer
from graph.store.atlas import Atlas
from graph.store.labels import Labels
from graph.views.map_fit import NETHERLANDS, MapView, bounds_of_features, bounds_of_points, fit_view
from graph.views.map_tooltips import municipality_tooltip, site_tooltip

SITE_COLUMNS = ["site", "organisation", "organisation_id", "kind", "municipality_code", "municipality", "lat", "lon"]
LINE_COLUMNS = ["library_lon", "library_lat", "care_lon", "care_lat", "status", "municipality_code"]


@dataclass(frozen=True)
class MapFilters:
    province: str | None = None
    municipality: str | None = None
    activity: str | None = None
    status: str | None = None


@dataclass(frozen=True)
class MapPage:
    sites: pd.DataFrame
    """One row per library or care site shown, with a ``tooltip``."""
    lines: pd.DataFrame
    """One row per collaboration shown, from library site to care site."""
    municipalities: dict[str, str]
    """The municipalities a visitor can choose (code → name; the code when the name is unknown)."""
    features: dict[str, Any] | None
    """Municipalities coloured by coverage (GeoJSON, with a ``tooltip`` per feature); None without reference."""
    view: MapView
    """Centre and zoom that fit what the filter chose."""
    partners_elsewhere: int = 0
    """How many of ``sites`` lie outside the chosen area, drawn because a collaboration's line reaches them."""


def province_map(atlas: Atlas, viewer: Viewer, province: str | None, labels: Labels) -> MapPage:
    """Everything the map can show for a province (or the country): what the page caches, once per province.

    Choosing a municipality, an activity or a status narrows this answer (:func:`narrowed`) without reading the
    store again.
    """
    # With a province, its sites are taken from the country's, which the partners across its border need anyway:
    # asking the store for both took 0.14 s more of the 0.55 s a province's first map took (demo scale 1).
    everywhere = sites(atlas)
    in_province = everywhere[everywhere.province_code == province] if province else everywhere
    in_province = in_province.reset_index(drop=True)
    in_province = in_province.assign(tooltip=[site_tooltip(row, labels) for row in in_province.itertuples()])
    # Only what the map draws, says or filters on travels on (to the cache and the browser): not the stories.
    lines = collaborations(atlas, province_code=province)[[*LINE_COLUMNS, "activities"]]
    features = coverage_features(atlas, province, labels.lang) if has_reference(atlas.store) else None
    shown = in_province[[*SITE_COLUMNS, "tooltip"]]
    view = area_view(shown, features, province, None)
    if province:
        # A collaboration of a library here with a care site across the border ended in empty space: the partner
        # is drawn too (the view still fits the province, and only its municipalities are offered).
        ends = _line_ends(lines)
        partners = everywhere[~everywhere.site_id.isin(in_province.site_id) & _at(everywhere, ends)]
        partners = partners.assign(tooltip=[site_tooltip(row, labels) for row in partners.itertuples()])
        shown = pd.concat([shown, partners[[*SITE_COLUMNS, "tooltip"]]], ignore_index=True)
    return MapPage(shown, lines, _municipalities(in_province), features, view, len(shown) - len(in_province))


def _at(frame: pd.DataFrame, points: set[tuple[float, float]]) -> pd.Series:
    """Which sites of ``frame`` lie on one of ``points``."""
    return pd.Series([point in points for point in zip(frame.lat, frame.lon, strict=True)], index=frame.index)


def _line_ends(lines: pd.DataFrame) -> set[tuple[float, float]]:
    return set(zip(lines.library_lat, lines.library_lon, strict=True)) | set(
        zip(lines.care_lat, lines.care_lon, strict=True)
    )


def narrowed(page: MapPage, labels: Labels, filters: MapFilters) -> MapPage:
    """The province's map narrowed to a municipality (zoomed to it), an activity and a status; with the partner
    sites elsewhere that the lines shown reach."""
    municipality = filters.municipality if filters.municipality in page.municipalities else None
    in_province = page.sites.iloc[: len(page.sites) - page.partners_elsewhere]  # the partners come last
    lines = collaboration_lines(page.lines, labels, filters.activity, filters.status)
    if municipality:
        lines = lines[lines.municipality_code == municipality]
        inside = in_province.municipality_code == municipality
        in_area, elsewhere = in_province[inside], pd.concat([in_province[~inside], page.sites.iloc[len(in_province) :]])
    else:
        in_area, elsewhere = in_province, page.sites.iloc[len(in_province) :]
    view = area_view(in_area, page.features, filters.province, municipality) if municipality else page.view
    reached = elsewhere[_at(elsewhere, _line_ends(lines))]
    return MapPage(
        pd.concat([in_area, reached]).reset_index(drop=True),
        lines[LINE_COLUMNS].reset_index(drop=True),
        page.municipalities,
        page.features,
        view,
        len(reached),
    )


def _municipalities(frame: pd.DataFrame) -> dict[str, str]:
    # Without reference data a site may have a code and no name (a demo-only store): the code names it then.
    return {
        str(code): (name if isinstance(name, str) and name else str(code))
        for code, name in zip(frame.municipality_code, frame.municipality, strict=False)
        if isinstance(code, str) and code
    }


def coverage_features(atlas: Atlas, province: str | None, lang: str) -> dict[str, Any]:
    """Municipalities with their coverage class and a tooltip (name, sites, collaborations, population)."""
    features = municipality_features(atlas, province)
    for feature in features["features"]:
        feature["tooltip"] = municipality_tooltip(feature["properties"], lang)
    return features


def area_view(
    shown: pd.DataFrame, features: dict[str, Any] | None, province: str | None, municipality: str | None
) -> MapView:
    """The whole country without a filter; otherwise the chosen area's boundary, or else the sites in it."""
    if not province and not municipality:
        return NETHERLANDS
    if features is not None:
        chosen = [
            feature
            for feature in features["features"]
            if not municipality or feature["properties"]["code"] == municipality
        ]
        bounds = bounds_of_features(chosen)
        if bounds:
            return fit_view(bounds)
    bounds = bounds_of_points(shown.lat, shown.lon)
    return fit_view(bounds) if bounds else NETHERLANDS
