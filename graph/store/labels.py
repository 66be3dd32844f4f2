"""Labels of data in the reader's language: activities and provinces from the graph's @nl/@en labels; statuses,
kinds and states from the vocabulary (:mod:`graph.model.enums`)."""

from __future__ import annotations

from dataclasses import dataclass, field

from graph.model.enums import CollaborationStatus, FollowUpState, OrganisationKind, SubmissionState
from graph.model.language import Lang, language
from graph.store.atlas import Atlas


@dataclass
class Labels:
    """Activities (with their broader activity), provinces, statuses, kinds and states, in one language."""

    lang: Lang
    activities: dict[str, str] = field(default_factory=dict)
    broader: dict[str, str] = field(default_factory=dict)
    provinces: dict[str, str] = field(default_factory=dict)

    def activity(self, code: str) -> str:
        return self.activities.get(code, code)

    def activity_list(self, codes: str) -> str:
        """``werk;koffiecorner`` as "Koffiecorner, Werk": sorted, because the engine joins them in no fixed order."""
        named = (self.activity(code) for code in str(codes or "").split(";") if code)
        return ", ".join(sorted(named, key=str.casefold))

    def province(self, code: str) -> str:
        return self.provinces.get(code, code)

    def status(self, code: str) -> str:
        return CollaborationStatus.label_of(code, self.lang)

    def kind(self, code: str) -> str:
        return OrganisationKind.label_of(code, self.lang)

    def follow_up(self, code: object) -> str:
        """A suggestion's follow-up state; empty when nobody followed it up yet."""
        return FollowUpState.label_of(code, self.lang)

    def review_state(self, code: str) -> str:
        return SubmissionState.label_of(code, self.lang)

    def includes(self, activities: str, wanted: str) -> bool:
        """Whether a ``;``-separated list of activity codes contains ``wanted`` or one narrower than it."""
        for code in str(activities or "").split(";"):
            while code:
                if code == wanted:
                    return True
                code = self.broader.get(code, "")
        return False


def load_labels(atlas: Atlas, lang: object) -> Labels:
    lang = language(lang)
    labels = Labels(lang)
    for row in atlas.answer("internal/activity-labels").itertuples():
        if row.preferred and row.lang == lang:
            labels.activities[str(row.code)] = str(row.label)
        if isinstance(row.broader, str) and row.broader:
            labels.broader[str(row.code)] = row.broader
    for row in atlas.answer("internal/provinces").itertuples():
        labels.provinces[str(row.code)] = str(row.name_en if lang == "en" else row.name_nl)
    return labels
