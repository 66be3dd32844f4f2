"""Labels of data in the reader's language, all from the graph's @nl/@en labels."""

from __future__ import annotations

from dataclasses import dataclass, field

from graph.store.atlas import Atlas

STATUS_LABELS = {
    "exploring": {"nl": "Verkennend", "en": "Exploring"},
    "active": {"nl": "Actief", "en": "Active"},
    "ended": {"nl": "Beëindigd", "en": "Ended"},
    "unknown": {"nl": "Onbekend", "en": "Unknown"},
}
KIND_LABELS = {
    "library": {"nl": "Bibliotheek", "en": "Library"},
    "care": {"nl": "Zorgorganisatie", "en": "Care organisation"},
    "network": {"nl": "Netwerkorganisatie", "en": "Network organisation"},
}


@dataclass
class Labels:
    """Activities (with their broader activity), provinces, statuses and kinds, in one language."""

    lang: str
    activities: dict[str, str] = field(default_factory=dict)
    broader: dict[str, str] = field(default_factory=dict)
    provinces: dict[str, str] = field(default_factory=dict)

    def activity(self, code: str) -> str:
        return self.activities.get(code, code)

    def activity_list(self, codes: str) -> str:
        return ", ".join(self.activity(code) for code in str(codes or "").split(";") if code)

    def province(self, code: str) -> str:
        return self.provinces.get(code, code)

    def status(self, code: str) -> str:
        return STATUS_LABELS.get(code, {}).get(self.lang, code)

    def kind(self, code: str) -> str:
        return KIND_LABELS.get(code, {}).get(self.lang, code)

    def includes(self, activities: str, wanted: str) -> bool:
        """Whether a ``;``-separated list of activity codes contains ``wanted`` or one narrower than it."""
        for code in str(activities or "").split(";"):
            while code:
                if code == wanted:
                    return True
                code = self.broader.get(code, "")
        return False


def load_labels(atlas: Atlas, lang: str) -> Labels:
    lang = "en" if lang == "en" else "nl"
    labels = Labels(lang)
    for row in atlas.answer("internal/activity-labels").itertuples():
        if row.preferred and row.lang == lang:
            labels.activities[str(row.code)] = str(row.label)
        if isinstance(row.broader, str) and row.broader:
            labels.broader[str(row.code)] = row.broader
    for row in atlas.answer("internal/provinces").itertuples():
        labels.provinces[str(row.code)] = str(row.name_en if lang == "en" else row.name_nl)
    return labels
