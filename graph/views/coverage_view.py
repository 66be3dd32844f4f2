"""What the coverage page shows: coverage per province and per municipality, the gap list, the coverage map,
collaborations started per year and per activity, for the whole country or one province; a municipality chosen
in it narrows the map's view and the rows per municipality to that one (:func:`in_municipality`)."""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

import pandas as pd

from graph.intake.reference import has_reference
from graph.model.language import Message
from graph.model.viewer import Viewer
from graph.store.atlas import Atlas
from graph.store.labels import Labels
from graph.views.area_names import sort_key
from graph.views.map_fit import NETHERLANDS, MapView, bounds_of_features, fit_view
from graph.views.map_view import area_view, coverage_features


@dataclass(frozen=True)
class NationalFigures:
    """The provinces added up: what a policy officer reads first, before the row of their own province."""

    municipalities: int
    with_both: int
    covered: int
    population_covered_share: float | None


@dataclass(frozen=True)
class CoveragePage:
    has_reference: bool
    by_province: pd.DataFrame
    gaps: pd.DataFrame
    per_municipality: pd.DataFrame
    features: dict[str, Any] | None
    view: MapView
    per_year: pd.DataFrame
    per_activity: pd.DataFrame
    national: NationalFigures | None
    municipality: str | None = None  # the one chosen in the province (or the country), once narrowed

    @property
    def municipalities(self) -> dict[str, str]:
        """The municipalities a reader may choose, by code, named and in order as the rows per municipality."""
        rows = self.per_municipality
        if rows.empty:
            return {}
        pairs = zip(rows.municipality_code, rows.municipality, strict=True)
        return {str(code): str(name or code) for code, name in pairs}


def coverage_page(atlas: Atlas, viewer: Viewer, province: str | None, labels: Labels) -> CoveragePage:
    values = {"province_code": province} if province else {}
    reference = has_reference(atlas.store)
    by_province = _known_populations(atlas.answer("coverage-by-province"), reference)
    unknown = NO_PROVINCE.text(labels.lang)
    by_province = by_province.assign(
        province=[labels.province(code) if code else unknown for code in by_province.province_code]
    )
    features = coverage_features(atlas, province, labels.lang) if reference else None
    view = NETHERLANDS
    if province and features is not None:
        bounds = bounds_of_features(features["features"])
        view = fit_view(bounds) if bounds else NETHERLANDS
    return CoveragePage(
        has_reference=reference,
        by_province=by_province,
        gaps=atlas.answer("gaps", values),
        # By name, as a reader looks a municipality up (the question lists them by CBS code: GM0014 Groningen first).
        per_municipality=by_name(atlas.answer("coverage", values)),
        features=features,
        view=view,
        per_year=started_per_year(atlas, province),
        per_activity=atlas.answer("collaborations-per-activity"),
        national=national_figures(by_province),
    )


# Municipalities the atlas knows only from its records (no reference data): no province is known for them.
NO_PROVINCE = Message("provincie onbekend", "province unknown")
POPULATION_COLUMNS = ("population", "population_covered", "population_covered_share")


def _known_populations(by_province: pd.DataFrame, reference: bool) -> pd.DataFrame:
    """Without reference data no population is known: the answer's 0 inhabitants and 0 % covered would read as
    facts, so they are left empty (a reader sees no figure, the national line "–")."""
    if reference:
        return by_province
    unknown = {column: pd.array([pd.NA] * len(by_province), dtype="Int64") for column in POPULATION_COLUMNS}
    return by_province.assign(**{column: values for column, values in unknown.items() if column in by_province})


def in_municipality(page: CoveragePage, municipality: str | None) -> CoveragePage:
    """The page with one municipality of its area chosen: the map zooms to it (the page outlines it among its
    neighbours) and the rows per municipality and the gap list hold that one; the provinces, the years and the
    activities stay the area's, for comparison. A municipality outside the area chooses nothing."""
    if not municipality or municipality not in page.municipalities:
        return page
    view = page.view
    if page.features is not None:
        view = area_view(pd.DataFrame({"lat": [], "lon": []}), page.features, None, municipality)
    return replace(
        page,
        municipality=municipality,
        view=view,
        per_municipality=page.per_municipality[page.per_municipality.municipality_code == municipality],
        gaps=page.gaps[page.gaps.municipality_code == municipality] if not page.gaps.empty else page.gaps,
    )


def national_figures(by_province: pd.DataFrame) -> NationalFigures | None:
    if by_province.empty:
        return None
    population = int(by_province.population.sum())
    share = float(by_province.population_covered.sum()) / population if population else None
    return NationalFigures(
        int(by_province.municipalities.sum()), int(by_province.with_both.sum()), int(by_province.covered.sum()), share
    )


def by_name(municipalities: pd.DataFrame) -> pd.DataFrame:
    if municipalities.empty:
        return municipalities
    return municipalities.sort_values("municipality", key=lambda names: names.map(sort_key), kind="stable").reset_index(
        drop=True
    )


def started_per_year(atlas: Atlas, province: str | None) -> pd.DataFrame:
    """Collaborations started per year, in the chosen province or in the whole country, and how many of them are
    now active, exploring or ended, or of a status the source does not give (``status_unknown``: what the named
    question leaves out, so that the statuses add up to the started ones in the table and the chart)."""
    if not province:
        per_year = atlas.answer("collaborations-per-year")
    else:
        per_year = atlas.answer("collaborations-per-year-by-province", {"province_code": province}).drop(
            columns="province_code"
        )
    known = per_year[["active", "exploring", "ended"]].sum(axis="columns")
    return per_year.assign(status_unknown=(per_year["started"] - known).astype("int64"))
