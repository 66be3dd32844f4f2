"""What a coordinator sees of a pending submission (*Beoordelen*): one card, and one way to approve it.

The card says in one sentence who works with whom, since when, on what and with how many; then the story, the
contact person, any new site on a map, and what the submission adds to or changes in the atlas, each field
labelled in the reader's language. Raw rows (column names, ``a;b`` lists, internal ids) are never shown.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from itertools import product

import pandas as pd

from graph.analysis.mapdata import sites
from graph.analysis.similar import similar_organisations
from graph.intake.exporter import template_tables
from graph.intake.field_rules import YES
from graph.intake.submissions import approve, submissions, submitted_tables
from graph.intake.template import InputTables, Problem, Row
from graph.model.formats import number
from graph.model.viewer import Viewer
from graph.store.atlas import Atlas
from graph.store.labels import Labels, load_labels
from graph.views.dates import moment, since
from graph.views.organisation_names import main_places, pair_heading, read_alike, told_apart
from graph.views.review_corrections import for_editor, from_editor, sites_follow_their_organisation
from graph.views.review_pairs import (
    may_be,
    organisations_by_name_and_town,
    pair_sides,
    pair_towns,
    partner_names,
    summary_names,
)
from graph.views.review_words import RECORD_TITLES, field_label, summary_sentence, word

# Shown elsewhere on the card (the summary, the contact) or meaningful only inside the atlas.
NOT_LISTED = {"id", "organisation_id", "library_site_id", "care_site_id", "contact_public"}
CONTACT_FIELDS = ("contact_name", "contact_role", "contact_email", "contact_phone")
TABLES = ("organisations", "sites", "collaborations")


@dataclass(frozen=True)
class FieldValue:
    label: str
    value: str
    before: str | None = None  # what the atlas holds now, for a changed field


@dataclass(frozen=True)
class RecordChange:
    title: str
    fields: tuple[FieldValue, ...]


@dataclass(frozen=True)
class NewSite:
    name: str
    kind: str
    lat: float
    lon: float


@dataclass(frozen=True)
class ReviewCard:
    code: str
    title: str
    submitted: str
    submitter_email: str
    summary: str
    story: str
    contact: str
    contact_public: bool  # whether the contact person agreed to be shown on the public pages
    new_sites: tuple[NewSite, ...]
    changes: tuple[RecordChange, ...]
    duplicates: tuple[str, ...]
    tables: dict[str, pd.DataFrame] = field(default_factory=dict)  # the rows as the correction editor takes them
    partners: tuple[str, str] = ("", "")  # the library's and the care organisation's name, as in the title
    same_pair: tuple[str, ...] = ()  # the codes of other pending submissions for the same two organisations
    places: tuple[str, str] = ("", "")  # the library's and the care site, "Buren 10 (Buren)": which of their sites
    already_partners: bool = False  # the atlas has a collaboration of these two organisations already
    # A new side reads as an organisation of the atlas (its name, a site in its town) that works with the other
    # side already: most likely this collaboration was sent twice and the other one has been approved.
    alike_partners: bool = False
    towns: tuple[str, str] = ("", "")  # the towns of the two sites chosen, or "" where the name says its place
    named: tuple[str, str] = ("", "")  # the partners as every page names them ("Stichting Tweeling (Roermond)")
    sides: tuple[str, str] = ("", "")  # which organisation each side is: its id, or a new one's name and town

    @property
    def heading(self) -> str:
        """The card's title with the town of each side: "Bibliotheek X (Woerden) × Stichting Y (Doorn)"."""
        library, care = self.partners
        if not library or not care:
            return self.title
        return pair_heading(self.named if all(self.named) else self.partners, self.towns)


def review_cards(atlas: Atlas, viewer: Viewer, lang: str) -> list[ReviewCard]:
    """A card per pending submission, oldest first (coordinators only: the viewer is checked on reading)."""
    pending = submissions(atlas, "pending", viewer=viewer)
    if not pending:
        return []
    names = load_labels(atlas, lang)
    existing = template_tables(atlas)
    known_sites = sites(atlas)
    everyone = main_places(atlas)
    shown = told_apart(everyone)
    everyone = everyone.assign(shown=everyone.id.astype(str).map(shown))
    known_names = {read_alike(str(name)) for name in everyone.name}
    places = {str(row.site_id): _place(row.site, row.town) for row in known_sites.itertuples()}
    alike = organisations_by_name_and_town(known_sites)
    towns = {str(row.site_id): str(row.town or "") for row in known_sites.itertuples()}
    owner = dict(zip(existing["sites"].id, existing["sites"].organisation_id, strict=True))
    known_pairs = {
        (owner.get(library), owner.get(care))
        for library, care in zip(
            existing["collaborations"].library_site_id, existing["collaborations"].care_site_id, strict=True
        )
    }
    cards = []
    for item in pending:
        tables = submitted_tables(item)
        partners = partner_names(tables, known_sites)
        chosen_towns = pair_towns(tables, towns)
        named, shown_towns, sides = pair_sides(tables, partners, chosen_towns, owner, shown)
        summarised = summary_names(named, chosen_towns, sides, known_names)
        card = _card(item, tables, existing, (partners, summarised), everyone, names, lang)
        collaboration = tables.collaborations[0] if tables.collaborations else Row("collaboration", 1, {})
        ends = (collaboration.get("library_site_id"), collaboration.get("care_site_id"))
        new_places = {row.get("id"): _place(row.get("name"), row.get("town")) for row in tables.sites}
        chosen = (
            new_places.get(ends[0]) or places.get(ends[0], ""),
            new_places.get(ends[1]) or places.get(ends[1], ""),
        )
        already = (
            None not in (owner.get(ends[0]), owner.get(ends[1])) and (owner[ends[0]], owner[ends[1]]) in known_pairs
        )
        alike_partners = not already and any(
            pair in known_pairs for pair in product(may_be(sides[0], alike), may_be(sides[1], alike))
        )
        cards.append(
            replace(
                card,
                places=chosen,
                already_partners=already,
                alike_partners=alike_partners,
                towns=shown_towns,
                named=named,
                sides=sides,
            )
        )
    # A partner who sends the same collaboration twice (again after "nog een samenwerking toevoegen") leaves two
    # cards that read alike: each names the other, so the second is declined rather than published twice.
    by_pair: dict[tuple[str, ...], list[str]] = {}
    for card in cards:
        by_pair.setdefault(_pair_key(card), []).append(card.code)
    return [
        replace(card, same_pair=tuple(code for code in by_pair[_pair_key(card)] if code != card.code)) for card in cards
    ]


def _place(site: object, town: object) -> str:
    """A site as a reviewer tells it from the organisation's others: "Buren 10 (Buren)"."""
    site, town = str(site or "").strip(), str(town or "").strip()
    return f"{site} ({town})" if town and town not in site else site


def _pair_key(card: ReviewCard) -> tuple[str, ...]:
    """Two cards for the same pair: the same two organisations (a new one of a name the atlas knows is not the
    known one; two new ones of one name in one town are taken for one)."""
    return card.sides


def _card(
    item: dict[str, str],
    tables: InputTables,
    existing: dict[str, pd.DataFrame],
    partners: tuple[tuple[str, str], tuple[str, str]],
    everyone: pd.DataFrame,
    names: Labels,
    lang: str,
) -> ReviewCard:
    """``partners``: the two organisations' names as the submission and the atlas give them, and as every page
    names them (two of one name told apart), which the summary says."""
    collaboration = tables.collaborations[0] if tables.collaborations else Row("collaboration", 1, {})
    (library, care), named = partners
    summary = summary_sentence(
        *named,
        collaboration.get("start_date"),
        [names.activity(code) for code in collaboration.get("activities").split(";") if code],
        collaboration.get("participants"),
        names.status(collaboration.get("status") or "active"),
        lang,
    )
    contact = ", ".join(value for value in (collaboration.get(column) for column in CONTACT_FIELDS) if value)
    new_sites = tuple(
        NewSite(row.get("name"), _kind_of(row, tables), float(row.get("lat")), float(row.get("lon")))
        for row in tables.sites
        if row.get("id") not in set(existing["sites"].id) and _is_number(row.get("lat")) and _is_number(row.get("lon"))
    )
    duplicates = tuple(
        str(other)
        for row in tables.organisations
        if row.get("id") not in set(existing["organisations"].id)
        for other in similar_organisations(row.get("name"), everyone, row.get("kind")).shown.head(3)
    )
    return ReviewCard(
        code=item["code"],
        title=f"{library} × {care}",
        partners=(library, care),
        submitted=moment(item["submitted"], lang),
        submitter_email=item["submitter_email"],
        summary=summary,
        story=collaboration.get("description"),
        contact=contact,
        contact_public=collaboration.get("contact_public").strip().lower() in YES,
        new_sites=new_sites,
        changes=tuple(_changes(tables, existing, names, lang)),
        duplicates=duplicates,
        tables={
            name: for_editor(pd.DataFrame([row.values for row in tables.table(name)]), lang)
            for name in TABLES
            if tables.table(name)
        },
    )


def _changes(tables: InputTables, existing: dict[str, pd.DataFrame], names: Labels, lang: str) -> list[RecordChange]:
    found = []
    for name in TABLES:
        before_rows = existing[name].set_index("id")
        for row in tables.table(name):
            is_new = row.get("id") not in before_rows.index
            before = None if is_new else before_rows.loc[row.get("id")]
            values = []
            for column, value in row.values.items():
                if (
                    column in NOT_LISTED
                    or column in CONTACT_FIELDS
                    or name == "collaborations"
                    and column == "description"
                ):
                    continue
                shown = _readable(column, value.strip(), names)
                if before is None:
                    if shown:
                        values.append(FieldValue(field_label(column, lang), shown))
                elif column in before and str(before[column]) != value:
                    values.append(
                        FieldValue(field_label(column, lang), shown, _readable(column, str(before[column]), names))
                    )
            if is_new or values:
                title = word(RECORD_TITLES[(name, is_new)], lang)
                label = row.get("name") if name != "collaborations" else ""
                found.append(RecordChange(f"{title}: {label}" if label else title, tuple(values)))
    return found


COORDINATES = ("lat", "lon")
DATES = ("start_date", "end_date")


def _readable(column: str, value: str, names: Labels) -> str:
    if column == "activities":
        return names.activity_list(value)
    if column == "status":
        return names.status(value)
    if column == "kind":
        return names.kind(value)
    if column == "member_of":
        return value.replace(";", ", ")
    if column in DATES:
        return since(value, names.lang)  # 15 maart 2023, at the precision the partner gave
    if column in COORDINATES and _is_number(value):
        # As precise as the partner gave it, written as a reader of the UI language writes it (52,3075 in Dutch).
        return number(float(value), names.lang, len(value.partition(".")[2]))
    return value


def _kind_of(site: Row, tables: InputTables) -> str:
    kinds = {row.get("id"): row.get("kind") for row in tables.organisations}
    return kinds.get(site.get("organisation_id"), "")


def _is_number(value: str) -> bool:
    try:
        float(value)
    except ValueError:
        return False
    return True


def approve_card(
    atlas: Atlas, card: ReviewCard, reviewer: Viewer, lang: str, corrected: dict[str, pd.DataFrame] | None = None
) -> list[str]:
    """Approve a submission as sent, or as the reviewer corrected its rows; the problems in the reader's words."""
    edited = None
    if corrected is not None:
        corrected = {name: frame.copy() for name, frame in corrected.items()}
        sites_follow_their_organisation(card.tables.get("organisations", pd.DataFrame()), corrected)
        edited = InputTables(source=f"formulier {card.code}")
        for name, frame in corrected.items():
            for record in from_editor(frame):
                edited.table(name).append(Row(name, 1, record))
    return [_problem_text(problem, lang) for problem in approve(atlas, card.code, reviewer, edited)]


def _problem_text(problem: Problem, lang: str) -> str:
    message = problem.message_en if lang == "en" else problem.message_nl
    return f"{field_label(problem.column, lang)}: {message}" if problem.column else message
