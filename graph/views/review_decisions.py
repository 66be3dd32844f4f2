"""The submissions a coordinator has decided on (*Beoordelen*, its table of decisions): which pair, its state,
why, when and by whom."""

from __future__ import annotations

from collections.abc import Callable

import pandas as pd

from graph.analysis.mapdata import sites
from graph.intake.submissions import submissions, submitted_tables
from graph.model.viewer import Viewer
from graph.store.atlas import Atlas
from graph.views.dates import moment
from graph.views.organisation_names import distinct_names, pair_heading
from graph.views.review_pairs import pair_sides, pair_towns, partner_names

DECISION_COLUMNS = ("code", "pair", "state", "reason", "decided", "decided_by", "submitted", "submitter_email")
#: The decisions as the page lists them: which pair, what was decided and why, when and by whom, then the code
#: and who sent it. Eight columns stood beyond the page's edge (who decided read "B"); five fit it, the last
#: two with a scroll.
SHOWN_COLUMNS = ("pair", "decision", "decided", "code", "submitted")


def decided_submissions(atlas: Atlas, viewer: Viewer, lang: str) -> pd.DataFrame:
    """The submissions decided on, newest decision first: which pair, its state, when it was sent and decided,
    by whom and why (coordinators only: the viewer is checked on reading). States are codes, for the page's
    labels; times read as people write them."""
    decided = [row for row in submissions(atlas, viewer=viewer) if row["state"] != "pending"]
    known_sites = sites(atlas)
    towns = {str(row.site_id): str(row.town or "") for row in known_sites.itertuples()}
    owner = {
        str(site): str(organisation)
        for site, organisation in zip(known_sites.site_id, known_sites.organisation_id, strict=True)
    }
    shown = distinct_names(atlas)
    rows = []
    for item in decided:
        tables = submitted_tables(item)
        partners = partner_names(tables, known_sites)
        named, said_towns, _ = pair_sides(tables, partners, pair_towns(tables, towns), owner, shown)
        rows.append(
            {
                "code": item["code"],
                "pair": pair_heading(named, said_towns),
                "state": item["state"],
                "submitted": moment(item["submitted"], lang),
                "decided": moment(item["decided"], lang) if item["decided"] else "",
                "decided_by": item["decided_by"],
                "reason": item["reason"],
                "submitter_email": item["submitter_email"],
                "order": item["decided"],
            }
        )
    frame = pd.DataFrame(rows, columns=[*DECISION_COLUMNS, "order"])
    return frame.sort_values("order", ascending=False, kind="stable").drop(columns="order").reset_index(drop=True)


def decisions_as_shown(decided: pd.DataFrame, state_word: Callable[[str], str]) -> pd.DataFrame:
    """The columns of :data:`SHOWN_COLUMNS`: the state in words with the reason after it ("Afgewezen — geen
    echte samenwerking"), the moment with the coordinator ("28 nov 2026, 11:29 · Anna de Vries"), and the moment
    it was sent with the sender's address."""

    def joined(first: object, second: object, between: str) -> str:
        return between.join(str(part) for part in (first, second) if part)

    return pd.DataFrame(
        {
            "pair": decided.pair,
            "decision": [
                joined(state_word(str(state)), reason, " — ")
                for state, reason in zip(decided.state, decided.reason, strict=True)
            ],
            "decided": [
                joined(when, who, " · ") for when, who in zip(decided.decided, decided.decided_by, strict=True)
            ],
            "code": decided.code,
            "submitted": [
                joined(when, who, " · ") for when, who in zip(decided.submitted, decided.submitter_email, strict=True)
            ],
        },
        columns=list(SHOWN_COLUMNS),
    )
