"""The answers behind every factsheet, read once per version of the data and shared by the whole process.

A profile needs its province's figures, collaborations, sites, trend, boundaries and open chances. Each of
those named questions costs about as much for the whole country as for one province (the figures are added
up nationally either way), so they are read for the whole country once and split per area in memory: the
first profile of every further province then costs only its open chances. The answers are kept per store and
per *generation* of its data (a token that changes with every committed write, in any process), so a page,
its report buttons and a batch of reports share them, and a write makes the next profile read afresh.

Privacy: everything here is public, except the follow-up state of the chances, which is read (and kept apart)
only for a viewer who may see it. Follow-up notes and private contacts are never read.
"""

from __future__ import annotations

import contextlib
import threading
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import replace
from typing import Any, TypeVar

import pandas as pd

from graph.analysis.followup import current_states
from graph.analysis.suggest import SuggestionError, SuggestionInput, suggest
from graph.model.viewer import ANONYMOUS, Viewer
from graph.store.atlas import Atlas
from graph.views.organisation_names import named_suggestion_input, partners_told_apart

#: Open chances are library–care pairs at most this far apart (the organisation page uses the same radius).
CHANCE_RADIUS_KM = 15.0
CHANCE_COLUMNS = [
    "library_site_id",
    "library_organisation",
    "care_organisation",
    "municipality",
    "municipality_code",
    "care_municipality_code",
    "distance_km",
    "score",
    "reasons",
    "reasons_en",
    "follow_up",
]
#: A page that links to the profiles starts reading their answers this long after it was asked to, so that the
#: reading does not slow the drawing of that page itself.
PREPARE_AFTER_S = 1.0
#: Versions of the data kept at once: the current one, and the one a running batch may still be reading.
KEPT_VERSIONS = 2

T = TypeVar("T")


class AreaAnswers:
    """The national answers of the factsheet questions for one version of one store, each read on first use."""

    def __init__(self, atlas: Atlas) -> None:
        self.atlas = atlas
        self._parts: dict[object, Any] = {}
        # One lock: a page that needs a part the warm-up is reading waits for it instead of reading it twice.
        self._lock = threading.RLock()
        self._warming: threading.Thread | None = None

    def _part(self, key: object, read: Callable[[], T]) -> T:
        with self._lock:
            if key not in self._parts:
                self._parts[key] = read()
            return self._parts[key]

    def _answer(self, name: str) -> pd.DataFrame:
        return self._part(name, lambda: self.atlas.answer(name))

    def areas(self) -> pd.DataFrame:
        return self._answer("areas")

    def province_names_en(self) -> dict[str, str]:
        """Each province's Dutch name → its English one, as the vocabulary labels them (Fryslân → Friesland)."""
        provinces = self._answer("internal/provinces")
        return dict(zip(provinces.name_nl.astype(str), provinces.name_en.astype(str), strict=True))

    def municipality_figures(self) -> pd.DataFrame:
        return self._answer("municipality-figures")

    def province_figures(self) -> pd.DataFrame:
        return self._answer("province-figures")

    def national_figures(self) -> pd.DataFrame:
        return self._answer("national-figures")

    def collaborations(self) -> pd.DataFrame:
        # Two organisations of one name read apart, as on every page ("Stichting Tweeling (Venlo)").
        return self._part(
            "area-collaborations",
            lambda: partners_told_apart(self.atlas, self.atlas.answer("area-collaborations")),
        )

    def started(self) -> pd.DataFrame:
        return self._answer("started-per-year-by-municipality")

    def sites(self) -> pd.DataFrame:
        return self._answer("area-sites")

    def boundaries(self) -> pd.DataFrame:
        return self._answer("internal/area-boundaries")

    def province(self, province_code: str) -> dict[str, pd.DataFrame]:
        """Every answer about one province: the rows of its code in the national answers (split once)."""

        def split() -> dict[str, pd.DataFrame]:
            answers = {
                "municipalities": self.municipality_figures(),
                "province": self.province_figures(),
                "collaborations": self.collaborations(),
                "started": self.started(),
                "sites": self.sites(),
                "boundaries": self.boundaries(),
            }
            return {name: frame[frame.province_code == province_code] for name, frame in answers.items()}

        return self._part(("province", province_code), split)

    def suggestion_input(self, viewer: Viewer = ANONYMOUS) -> SuggestionInput:
        """The ranking's input: the public part read once; a coordinator's follow-up states beside it."""
        public = self._part("suggestion-input", lambda: named_suggestion_input(self.atlas, ANONYMOUS))
        if not viewer.sees_private:
            return public
        return self._part(
            "suggestion-states",
            lambda: replace(public, states=current_states(self.atlas, viewer), shows_follow_up=True),
        )

    def chances(self, province_code: str, viewer: Viewer = ANONYMOUS) -> pd.DataFrame:
        """Ranked open chances whose library site lies in the province (care sites may lie across its border)."""
        return self._part(("chances", province_code, viewer.sees_private), lambda: self._rank(province_code, viewer))

    def _rank(self, province_code: str, viewer: Viewer) -> pd.DataFrame:
        data = self.suggestion_input(viewer)
        try:
            # A profile is read in Dutch or English from the same answers: the reasons come in both.
            table = suggest(data, CHANCE_RADIUS_KM, province=province_code or None, reasons_also_in=("en",))
        except SuggestionError:  # no sites in the province yet
            return pd.DataFrame(columns=CHANCE_COLUMNS)
        place_of = dict(zip(data.sites.site_id, data.sites.municipality_code, strict=True))
        table = table.assign(care_municipality_code=table.care_site_id.map(place_of).fillna(""))
        if "follow_up" not in table:
            table = table.assign(follow_up="")
        return table

    def warm(self) -> None:
        """Read every national answer now, in the order a first profile needs them."""
        for read in (
            self.areas,
            self.municipality_figures,
            self.province_figures,
            self.national_figures,
            self.started,
            self.boundaries,
            self.suggestion_input,
            self.sites,
            self.collaborations,
        ):
            read()

    def warm_in_background(self) -> None:
        """Start reading the answers on a thread of their own (once), so a profile opened soon after is quick."""
        with self._lock:
            if self._warming is not None:
                return
            self._warming = threading.Timer(PREPARE_AFTER_S, self._warm_quietly)
            self._warming.name, self._warming.daemon = "factsheet-answers", True
            self._warming.start()

    def wait_until_warm(self, timeout_s: float) -> None:
        warming = self._warming  # read without the lock, which the warm-up holds while it reads
        if warming is not None:
            warming.join(timeout_s)

    def _warm_quietly(self) -> None:
        # A failed warm-up only costs time: the page reads the part again and says what went wrong.
        with contextlib.suppress(Exception):
            self.warm()


_SHARED: OrderedDict[tuple[str, str], AreaAnswers] = OrderedDict()
_SHARED_LOCK = threading.Lock()


def area_answers(atlas: Atlas) -> AreaAnswers:
    """The answers of the current version of the atlas's data, shared by every page, report and batch."""
    key = (atlas.store.location, atlas.store.generation())
    with _SHARED_LOCK:
        answers = _SHARED.get(key)
        if answers is None:
            answers = _SHARED[key] = AreaAnswers(atlas)
            while len(_SHARED) > KEPT_VERSIONS:
                _SHARED.popitem(last=False)
        _SHARED.move_to_end(key)
        return answers


def prepare(atlas: Atlas) -> None:
    """Read the factsheet answers in the background (for the pages that link to the profiles)."""
    area_answers(atlas).warm_in_background()


def forget() -> None:
    """Drop every kept answer (the next profile reads afresh): for measuring a first render."""
    with _SHARED_LOCK:
        _SHARED.clear()


def wait_until_prepared(atlas: Atlas, timeout_s: float = 120.0) -> None:
    """Wait for a background reading of the current answers, if one was started."""
    area_answers(atlas).wait_until_warm(timeout_s)
