"""What the *Organisatie* page shows of one organisation, for one viewer."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from graph.analysis.mapdata import sites
from graph.analysis.overview import organisation_collaborations
from graph.analysis.suggest import suggest
from graph.model.viewer import Viewer
from graph.privacy import personal_data as privacy
from graph.store.atlas import Atlas
from graph.views.organisation_names import named_suggestion_input, partners_told_apart

# The default radius of *Suggesties* too: a distance people with a disability can travel to their work.
NEARBY_KM = 15.0
NEARBY_SHOWN = 5


@dataclass(frozen=True)
class OrganisationView:
    profile: dict[str, str]
    sites: pd.DataFrame
    collaborations: pd.DataFrame
    partners: list[str]  # organisation ids, sorted
    contacts: dict[str, str]  # collaboration id → "name, role · e-mail · phone", as far as the viewer may see
    nearby: pd.DataFrame | None  # promising new partners; None for a network organisation


def organisation_view(atlas: Atlas, organisation_id: str, viewer: Viewer, lang: str) -> OrganisationView:
    """The organisation's profile, sites, collaborations with the contacts the viewer may see, and suggestions.

    Coordinators see every contact person; anyone else only those who consented to publication (the viewer
    decides, in :func:`graph.privacy.personal_data.contacts`).
    """
    profile = atlas.answer("internal/organisation-profile", {"organisation_id": organisation_id}).iloc[0]
    own_sites = sites(atlas)
    work = partners_told_apart(atlas, organisation_collaborations(atlas, organisation_id))
    partners = sorted((set(work.library_org_id) | set(work.care_org_id)) - {organisation_id})
    people = privacy.contacts(atlas, viewer)
    contacts = {
        str(row.collaboration_id): ", ".join(part for part in (_text(row.name), _text(row.role)) if part)
        + "".join(f" · {value}" for value in (_text(row.email), _text(row.phone)) if value)
        for row in people[people.collaboration_id.isin(set(work.collaboration_id))].itertuples()
    }
    nearby = None
    if profile["kind"] in ("library", "care"):
        nearby = suggest(
            named_suggestion_input(atlas, viewer),
            NEARBY_KM,
            organisation=organisation_id,
            limit=NEARBY_SHOWN,
            lang=lang,
        )
    return OrganisationView(
        profile={str(key): _text(value) for key, value in profile.items()},
        sites=own_sites[own_sites.organisation_id == organisation_id],
        collaborations=work,
        partners=partners,
        contacts=contacts,
        nearby=nearby,
    )


def _text(value: object) -> str:
    return "" if value is None or (isinstance(value, float) and pd.isna(value)) else str(value)
