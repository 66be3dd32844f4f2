"""The review card's correction editor: a submission's rows as a coordinator corrects them, in words.

The rows hold codes and internal ids (``pw-…-care``, ``active``, ``GM0983``, ``werk;koffiecorner``). In the
editor each code column is a choice shown by name, a list of activities is a multiple choice, and the ids are
kept out of sight: they tie the rows together and are not the reviewer's to change. What the editor gives back
is turned into rows again (lists joined with ``;``), so approving a corrected submission checks the same rows.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from graph.intake.form_check import forgiving_date
from graph.model.enums import CollaborationStatus, OrganisationKind
from graph.model.formats import coordinate, read_coordinate
from graph.store.atlas import Atlas
from graph.store.labels import load_labels
from graph.views.organisation_names import pair_heading
from graph.views.review_words import field_label

#: Ids that link the rows to each other and to the atlas: kept in the rows, never shown or edited.
HIDDEN = frozenset({"id", "organisation_id", "library_site_id", "care_site_id", "member_of"})
#: Columns that hold a list of codes joined with ";".
LISTS = frozenset({"activities"})
#: Columns that hold a latitude or longitude: shown as the reader writes them (51,37 in Dutch), read back with
#: either decimal sign by the row checks.
COORDINATES = frozenset({"lat", "lon"})
DATES = frozenset({"start_date", "end_date"})  # written d-m-jjjj in the editor, as the form asks for them
YES_NO = {"yes": ("Ja", "Yes"), "no": ("Nee", "No")}
TABLE_TITLES = {
    "organisations": ("Organisaties", "Organisations"),
    "sites": ("Locaties", "Sites"),
    "collaborations": ("Samenwerking", "Collaboration"),
}


def table_title(table: str, lang: str) -> str:
    """The heading above one table of the editor."""
    pair = TABLE_TITLES.get(table, (table, table))
    return pair[1] if lang == "en" else pair[0]


@dataclass(frozen=True)
class EditorColumn:
    """How one column of a submission's rows is shown in the correction editor."""

    name: str
    label: str
    hidden: bool = False
    choices: dict[str, str] = field(default_factory=dict)  # code → words; empty for free text
    many: bool = False  # a list of choices (activities), not one


def editor_columns(atlas: Atlas, columns: list[str], lang: str) -> list[EditorColumn]:
    """Each column's label in the reader's language, its choices shown by name, and whether it is hidden."""
    names = load_labels(atlas, lang)
    en = lang == "en"
    choices: dict[str, dict[str, str]] = {
        "kind": {member.value: member.label.text(lang) for member in OrganisationKind},
        "status": {member.value: member.label.text(lang) for member in CollaborationStatus},
        "activities": dict(sorted(names.activities.items(), key=lambda item: item[1].lower())),
        "contact_public": {code: pair[1] if en else pair[0] for code, pair in YES_NO.items()},
    }
    if "municipality_code" in columns:
        areas = atlas.answer("areas", {"level": "municipality"})
        choices["municipality_code"] = dict(
            sorted(
                ((str(code), str(name)) for code, name in zip(areas.code, areas.name, strict=True) if name),
                key=lambda item: item[1].lower(),
            )
        )
    return [
        EditorColumn(
            column,
            field_label(column, lang),
            hidden=column in HIDDEN,
            choices=choices.get(column, {}),
            many=column in LISTS,
        )
        for column in columns
    ]


def for_editor(rows: pd.DataFrame, lang: str) -> pd.DataFrame:
    """The rows as the editor takes them: text, each list of codes as a list, and coordinates and dates written as
    the reader writes them (51,37 and 1-5-2023)."""
    frame = rows.fillna("").astype(str)
    for column in LISTS & set(frame.columns):
        frame[column] = [[part for part in value.split(";") if part] for value in frame[column]]
    for column in COORDINATES & set(frame.columns):
        frame[column] = [_coordinate(value, lang) for value in frame[column]]
    for column in DATES & set(frame.columns):
        frame[column] = [_written_date(value) for value in frame[column]]
    return frame


def _written_date(value: str) -> str:
    """2023-05-01 → 1-5-2023 and 2023-05 → 5-2023, as the form asks for them; anything else as it is."""
    parts = value.split("-")
    if len(parts) in (2, 3) and all(part.isdigit() for part in parts) and len(parts[0]) == 4:
        return "-".join(str(int(part)) for part in reversed(parts[1:])) + f"-{parts[0]}"
    return value


def _coordinate(value: str, lang: str) -> str:
    read = read_coordinate(value)
    return value if read is None else coordinate(read, lang)


def renamed_organisations(original: pd.DataFrame, corrected: dict[str, pd.DataFrame]) -> dict[str, tuple[str, str]]:
    """The new organisations the reviewer renamed in the editor: id → (name as sent, name as corrected)."""
    if "organisations" not in corrected or original.empty:
        return {}
    before = dict(zip(original.id, original.name, strict=True))
    after = dict(zip(corrected["organisations"].id, corrected["organisations"].name, strict=True))
    return {
        identifier: (str(before[identifier]), _text(name).strip())
        for identifier, name in after.items()
        if before.get(identifier) and _text(name).strip() and _text(name).strip() != before[identifier]
    }


def sites_follow_their_organisation(original: pd.DataFrame, corrected: dict[str, pd.DataFrame]) -> None:
    """A new site is named after its new organisation by the form; when the reviewer renames that organisation
    and leaves the site's name alone, the site takes the new name as well (in place)."""
    if "sites" not in corrected:
        return
    renamed = renamed_organisations(original, corrected)
    sites = corrected["sites"]
    for index, site in sites.iterrows():
        old, new = renamed.get(site.organisation_id, ("", ""))
        if old and site["name"] == old:
            sites.at[index, "name"] = new


def title_as_approved(
    partners: tuple[str, str],
    original: pd.DataFrame,
    corrected: dict[str, pd.DataFrame],
    towns: tuple[str, str] = ("", ""),
) -> str:
    """ "Library × care (town)" with the names as the reviewer corrected them, for the confirmation of what was
    published."""
    new_names = dict(renamed_organisations(original, corrected).values())
    library, care = (new_names.get(name, name) for name in partners)
    return pair_heading((library, care), towns)


def from_editor(frame: pd.DataFrame) -> list[dict[str, str]]:
    """The edited rows as the intake reads them: every value text, lists joined with ";", dates as the atlas
    stores them (1-5-2023 → 2023-05-01; the intake reads the decimal comma of a coordinate itself)."""
    rows = []
    for record in frame.to_dict("records"):
        row = {
            str(column): ";".join(str(part) for part in value) if isinstance(value, list) else _text(value)
            for column, value in record.items()
        }
        rows.append({column: forgiving_date(value) if column in DATES else value for column, value in row.items()})
    return rows


def _text(value: object) -> str:
    return "" if value is None or (isinstance(value, float) and pd.isna(value)) else str(value)
