"""Factsheets: one municipality or province on one page, for the people who decide.

The read model only: its figures beside those of its province and the Netherlands, its collaborations with
story and source (or the nearest practice examples when it has none), the best open chances, the trend and
what its map shows. Every figure comes from a named question in ``queries/``; rendering lives in
``factsheet_report.py``. The answers are read for the whole country once per version of the data and shared
(``factsheet_answers.py``), so every profile and report after the first costs only its own open chances.

Privacy: a factsheet holds public data only. The follow-up state of a chance is kept only when the factsheet
is made for a signed-in coordinator, and follow-up notes and private contacts are never read.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date

import numpy as np
import pandas as pd

from graph.model.geo import haversine_km_array
from graph.model.viewer import ANONYMOUS, Viewer
from graph.store.atlas import Atlas
from graph.views.factsheet_answers import CHANCE_RADIUS_KM as CHANCE_RADIUS_KM  # named here for the renderers
from graph.views.factsheet_answers import area_answers

MAX_CHANCES = 5
MAX_EXAMPLES = 3
#: Stands for the Netherlands where a comparison names an area (the renderer says it in the reader's language).
NETHERLANDS = "NL"
FIGURE_COLUMNS = (
    "population",
    "library_sites",
    "care_sites",
    "active_collaborations",
    "exploring_collaborations",
    "ended_collaborations",
    "library_sites_working",
)
PUBLIC_CHANCE_COLUMNS = [
    "library_organisation",
    "care_organisation",
    "municipality",
    "distance_km",
    "score",
    "reasons",
    "reasons_en",
    "in_area",
]


class FactsheetError(ValueError):
    """An unknown area code; the message says so in Dutch and English."""


@dataclass(frozen=True)
class Area:
    code: str
    level: str  # "municipality" or "province"
    name: str
    province_code: str
    population: int
    lat: float | None = None
    lon: float | None = None

    @property
    def is_province(self) -> bool:
        return self.level == "province"


@dataclass(frozen=True)
class Figures:
    """The headline figures of an area, as the named questions give them."""

    population: int = 0
    library_sites: int = 0
    care_sites: int = 0
    active_collaborations: int = 0
    exploring_collaborations: int = 0
    ended_collaborations: int = 0
    library_sites_working: int = 0
    municipalities: int = 0
    covered_municipalities: int = 0

    @classmethod
    def of(cls, row: pd.Series | None) -> Figures:
        if row is None:
            return cls()
        names = [*FIGURE_COLUMNS, "municipalities", "covered_municipalities"]
        return cls(**{name: int(row[name]) for name in names if name in row.index and pd.notna(row[name])})

    def per_100k(self, value: int) -> float | None:
        """A count per 100,000 inhabitants (``None`` without a population); rounded as it is shown (``rate``)."""
        return value * 100_000 / self.population if self.population else None


@dataclass
class Factsheet:
    area: Area
    figures: Figures
    comparison: list[tuple[str, Figures]]  # (name, figures): the province and the Netherlands beside the area
    collaborations: pd.DataFrame  # the area's own, by the municipality of the library site
    examples: pd.DataFrame  # the nearest practice examples elsewhere, when the area has no collaboration
    chances: pd.DataFrame  # best open chances in or near the area
    trend: pd.DataFrame  # year, area, comparison: collaborations started per year
    trend_comparison: str  # the name of what the trend is compared with
    sites: pd.DataFrame  # library and care sites of the area (the map's points)
    boundaries: pd.DataFrame  # code, level, wkt, coverage: what the map outlines
    for_coordinator: bool = False
    made_on: date = field(default_factory=date.today)
    # A province's Dutch name → its English one: an English reader reads "Friesland" and "North Holland", as on
    # every other English page.
    province_names_en: dict[str, str] = field(default_factory=dict)

    @property
    def nearest_chance(self) -> pd.Series | None:
        return None if self.chances.empty else self.chances.iloc[0]

    def said_in(self, lang: str) -> Factsheet:
        """The factsheet as a reader of ``lang`` reads it: the chances' reasons in that language (the ranking writes
        them in Dutch and English) and, in English, the provinces by their English names."""
        sheet = self
        if "reasons_en" in self.chances:
            reasons = self.chances.reasons_en if lang == "en" else self.chances.reasons
            sheet = replace(sheet, chances=self.chances.assign(reasons=reasons).drop(columns="reasons_en"))
        if lang != "en" or not self.province_names_en:
            return sheet
        english = self.province_names_en
        return replace(
            sheet,
            area=replace(self.area, name=english.get(self.area.name, self.area.name))
            if self.area.is_province
            else self.area,
            comparison=[(english.get(name, name), figures) for name, figures in self.comparison],
            trend_comparison=english.get(self.trend_comparison, self.trend_comparison),
            province_names_en={},  # said once: an English name is not looked up again
        )

    def public(self) -> Factsheet:
        """The same factsheet as anyone may see it: without the follow-up state of the chances."""
        return replace(self, chances=self.chances.drop(columns="follow_up", errors="ignore"), for_coordinator=False)


def coverage_class(library_sites: int, care_sites: int, active: int) -> str:
    """The class the coverage map colours a municipality by (the same classes as the atlas's map)."""
    if active > 0:
        return "covered"
    if library_sites > 0 and care_sites > 0:
        return "gap"
    return "incomplete" if library_sites > 0 or care_sites > 0 else "none"


class FactsheetSource:
    """The factsheets of one version of the data, for one viewer.

    The answers of the named questions are read for the whole country once per version of the data and
    shared by every source in the process (:mod:`graph.views.factsheet_answers`); a source splits them per
    area. Making one is cheap: a page makes one per view, a batch one for all its reports.
    """

    def __init__(self, atlas: Atlas, *, viewer: Viewer = ANONYMOUS) -> None:
        self.atlas = atlas
        self.viewer = viewer
        self.for_coordinator = viewer.sees_private
        self.answers = area_answers(atlas)

    def areas(self) -> pd.DataFrame:
        return self.answers.areas()

    def area(self, code: str) -> Area:
        code = str(code).strip().upper()
        found = self.areas()[self.areas().code == code]
        if found.empty:
            raise FactsheetError(
                f"onbekende gemeente of provincie {code!r} (unknown municipality or province); "
                "gebruik een CBS-code zoals GM0983 of PV31 (use a CBS code like GM0983 or PV31)"
            )
        row = found.iloc[0]
        return Area(
            code=code,
            level=str(row.level),
            name=str(row["name"]),
            province_code=str(row.province_code),
            population=int(row.population),
            lat=float(row.lat) if pd.notna(row.lat) else None,
            lon=float(row.lon) if pd.notna(row.lon) else None,
        )

    def municipalities_of(self, province_code: str) -> list[Area]:
        frame = self.areas()
        codes = frame[(frame.level == "municipality") & (frame.province_code == province_code)].code
        return [self.area(code) for code in sorted(codes)]

    def _province(self, province_code: str) -> dict[str, pd.DataFrame]:
        return self.answers.province(province_code)

    def national(self) -> Figures:
        frame = self.answers.national_figures()
        return Figures.of(frame.iloc[0] if not frame.empty else None)

    def _national_started(self) -> pd.DataFrame:
        return self.answers.started()

    def _all_collaborations(self) -> pd.DataFrame:
        return self.answers.collaborations()

    def _chances_in(self, province_code: str) -> pd.DataFrame:
        return self.answers.chances(province_code, self.viewer)

    def factsheet(self, code: str) -> Factsheet:
        area = self.area(code)
        return self._province_sheet(area) if area.is_province else self._municipality_sheet(area)

    def _municipality_sheet(self, area: Area) -> Factsheet:
        scope = self._province(area.province_code)
        mine = scope["municipalities"][scope["municipalities"].municipality_code == area.code]
        province_row = scope["province"].iloc[0] if not scope["province"].empty else None
        province_name = str(province_row["province"]) if province_row is not None else area.province_code
        # Without reference data no municipality is in a province yet: it is compared with the country alone.
        comparison = [(NETHERLANDS, self.national())]
        if area.province_code:
            comparison.insert(0, (province_name, Figures.of(province_row)))
        collaborations = scope["collaborations"][scope["collaborations"].municipality_code == area.code]
        started = scope["started"]
        chances = self._chances_in(area.province_code)
        in_area = (chances.municipality_code == area.code) | (chances.care_municipality_code == area.code)
        boundaries = scope["boundaries"][scope["boundaries"].code == area.code]
        return self._finish(
            area,
            Figures.of(mine.iloc[0] if not mine.empty else None),
            comparison,
            collaborations,
            _trend(started[started.municipality_code == area.code], started),
            province_name if area.province_code else NETHERLANDS,
            self._chosen_chances(chances, in_area, area),
            scope["sites"][scope["sites"].municipality_code == area.code],
            boundaries.assign(coverage="area"),
        )

    def _province_sheet(self, area: Area) -> Factsheet:
        scope = self._province(area.code)
        province_row = scope["province"].iloc[0] if not scope["province"].empty else None
        chances = self._chances_in(area.code)
        coverage = {
            str(row.municipality_code): coverage_class(
                int(str(row.library_sites)), int(str(row.care_sites)), int(str(row.active_collaborations))
            )
            for row in scope["municipalities"].itertuples()
        }
        boundaries = scope["boundaries"]
        boundaries = boundaries.assign(coverage=boundaries.code.map(coverage).fillna("area"))
        return self._finish(
            area,
            Figures.of(province_row),
            [(NETHERLANDS, self.national())],
            scope["collaborations"],
            _trend(scope["started"], self._national_started()),
            NETHERLANDS,
            self._chosen_chances(chances, pd.Series(True, index=chances.index), area),
            scope["sites"],
            boundaries,
        )

    def _chosen_chances(self, chances: pd.DataFrame, in_area: pd.Series, area: Area) -> pd.DataFrame:
        """The best-scored chances in the area; without any there, the nearest ones around it."""
        chosen = chances[in_area].head(MAX_CHANCES).assign(in_area=True)
        if chosen.empty and not chances.empty and area.lat is not None and area.lon is not None:
            sites = self.answers.suggestion_input().sites.set_index("site_id")
            lat = chances.library_site_id.map(sites.lat).astype(float).to_numpy()
            lon = chances.library_site_id.map(sites.lon).astype(float).to_numpy()
            away = haversine_km_array(np.full(len(lat), area.lat), np.full(len(lon), area.lon), lat, lon)
            chosen = chances.assign(away=away).sort_values(["away", "score"], ascending=[True, False], kind="stable")
            chosen = chosen.head(MAX_CHANCES).drop(columns="away").assign(in_area=False)
        columns = [*PUBLIC_CHANCE_COLUMNS, "follow_up"] if self.for_coordinator else PUBLIC_CHANCE_COLUMNS
        return chosen[columns].reset_index(drop=True)

    def _nearest_examples(self, area: Area, exclude: set[str]) -> pd.DataFrame:
        """Practice examples (collaborations with a story) nearest to the area, outside it."""
        every = self._all_collaborations()
        stories = every[(every.description.str.strip() != "") & ~every.municipality_code.isin(exclude)]
        point = (area.lat, area.lon)
        if point[0] is None or point[1] is None:
            sites = self._province(area.code)["sites"]
            point = (float(sites.lat.mean()), float(sites.lon.mean())) if not sites.empty else (None, None)
        if stories.empty or point[0] is None or point[1] is None:
            return stories.head(0).assign(distance_km=pd.Series(dtype=float))
        away = haversine_km_array(
            np.full(len(stories), point[0]),
            np.full(len(stories), point[1]),
            stories.library_lat.astype(float).to_numpy(),
            stories.library_lon.astype(float).to_numpy(),
        )
        nearest = stories.assign(distance_km=np.round(away, 1)).sort_values(["distance_km", "collaboration_id"])
        return nearest.head(MAX_EXAMPLES).reset_index(drop=True)

    def _finish(
        self,
        area: Area,
        figures: Figures,
        comparison: list[tuple[str, Figures]],
        collaborations: pd.DataFrame,
        trend: pd.DataFrame,
        trend_comparison: str,
        chances: pd.DataFrame,
        sites: pd.DataFrame,
        boundaries: pd.DataFrame,
    ) -> Factsheet:
        inside = {area.code}
        if area.is_province:
            inside = set(self._province(area.code)["municipalities"].municipality_code)
        own = collaborations.sort_values(["start_date", "collaboration_id"], ascending=[False, True], kind="stable")
        own = own.reset_index(drop=True)
        examples = self._nearest_examples(area, inside) if own.empty else own.head(0).assign(distance_km=0.0)
        return Factsheet(
            area=area,
            figures=figures,
            comparison=comparison,
            collaborations=own,
            examples=examples,
            chances=chances,
            trend=trend,
            trend_comparison=trend_comparison,
            sites=sites.reset_index(drop=True),
            boundaries=boundaries.reset_index(drop=True),
            for_coordinator=self.for_coordinator,
            province_names_en=self.answers.province_names_en(),
        )


def _trend(area_rows: pd.DataFrame, comparison_rows: pd.DataFrame) -> pd.DataFrame:
    """Collaborations started per year in the area and in what it is compared with, every year in between."""
    area = area_rows.groupby("year")["started"].sum()
    other = comparison_rows.groupby("year")["started"].sum()
    years = sorted(set(area.index) | set(other.index))
    if not years:
        return pd.DataFrame({"year": pd.Series(dtype=int), "area": pd.Series(dtype=int), "comparison": []})
    every = range(int(min(years)), int(max(years)) + 1)
    return pd.DataFrame(
        {
            "year": list(every),
            "area": [int(area.get(year, 0)) for year in every],
            "comparison": [int(other.get(year, 0)) for year in every],
        }
    )
