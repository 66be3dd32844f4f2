"""What the overview and the practice-examples gallery show: key figures and collaborations with a story."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from graph.analysis.mapdata import collaboration_lines
from graph.analysis.overview import KeyFigures, collaborations, key_figures, practice_examples
from graph.intake.reference import has_reference
from graph.model.viewer import Viewer
from graph.store.atlas import Atlas
from graph.store.labels import Labels
from graph.views.organisation_names import partners_told_apart

NEWEST_SHOWN = 3


@dataclass(frozen=True)
class OverviewPage:
    figures: KeyFigures
    has_reference: bool
    newest: pd.DataFrame


def overview_page(atlas: Atlas, viewer: Viewer) -> OverviewPage:
    newest = partners_told_apart(atlas, practice_examples(collaborations(atlas), limit=NEWEST_SHOWN))
    return OverviewPage(key_figures(atlas), has_reference(atlas.store), newest)


def gallery(atlas: Atlas, viewer: Viewer, labels: Labels, activity: str | None, province: str | None) -> pd.DataFrame:
    """Every collaboration with a story for the filters, newest first."""
    rows = collaboration_lines(collaborations(atlas, province_code=province), labels, activity)
    return partners_told_apart(atlas, practice_examples(rows))
