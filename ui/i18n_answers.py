"""Headings of the named questions' answers on *Vragen*, by column name (Dutch, English). Read through
:func:`ui.i18n.message`."""

from __future__ import annotations

ANSWER_HEADINGS: dict[str, tuple[str, str]] = {
    # headings of the named questions' answers on Vragen
    "col_activities": ("Activiteiten", "Activities"),
    "col_care_lat": ("Breedtegraad zorglocatie", "Care site latitude"),
    "col_care_lon": ("Lengtegraad zorglocatie", "Care site longitude"),
    "col_care_site": ("Zorglocatie", "Care site"),
    "col_code": ("Code", "Code"),
    "col_collaboration": ("Samenwerking", "Collaboration"),
    "col_collaboration_id": ("Code samenwerking", "Collaboration code"),
    "col_covered_municipalities": ("Gedekte gemeenten", "Covered municipalities"),
    "col_description": ("Verhaal", "Story"),
    "col_start_date": ("Startdatum", "Start date"),
    "col_end_date": ("Einddatum", "End date"),
    "col_ended_collaborations": ("Beëindigde samenwerkingen", "Ended collaborations"),
    "col_exploring_collaborations": ("Verkennende samenwerkingen", "Exploring collaborations"),
    "col_lat": ("Breedtegraad", "Latitude"),
    "col_lon": ("Lengtegraad", "Longitude"),
    "col_level": ("Niveau", "Level"),
    "col_library": ("Bibliotheek", "Library"),
    "col_library_lat": ("Breedtegraad bibliotheek", "Library latitude"),
    "col_library_lon": ("Lengtegraad bibliotheek", "Library longitude"),
    "col_library_site": ("Bibliotheeklocatie", "Library site"),
    "col_library_sites_working": ("Bibliotheeklocaties met samenwerking", "Library sites with a collaboration"),
    "col_measure": ("Maat", "Measure"),
    "col_name": ("Naam", "Name"),
    "col_organisation_id": ("Code organisatie", "Organisation code"),
    "col_participants": ("Deelnemers", "Participants"),
    "col_reason": ("Reden", "Reason"),
    "col_site_id": ("Code locatie", "Site code"),
    "col_sites": ("Locaties", "Sites"),
    "col_source_url": ("Bron", "Source"),
    "col_status": ("Status", "Status"),
    "col_value": ("Waarde", "Value"),
}
