"""The review card's own words, in Dutch and English: field labels, dates and times as people read them."""

from __future__ import annotations

from graph.views.dates import since, still_to_come

FIELD_LABELS: dict[str, tuple[str, str]] = {
    "name": ("Naam", "Name"),
    "kind": ("Soort", "Kind"),
    "website": ("Website", "Website"),
    "member_of": ("Lid van", "Member of"),
    "town": ("Plaats", "Town"),
    "address": ("Adres", "Address"),
    "postcode": ("Postcode", "Postcode"),
    "lat": ("Breedtegraad", "Latitude"),
    "lon": ("Lengtegraad", "Longitude"),
    "municipality_code": ("Gemeente", "Municipality"),
    "library_site_id": ("Bibliotheeklocatie", "Library site"),
    "care_site_id": ("Zorglocatie", "Care site"),
    "activities": ("Activiteiten", "Activities"),
    "status": ("Status", "Status"),
    "start_date": ("Startdatum", "Start date"),
    "end_date": ("Einddatum", "End date"),
    "participants": ("Deelnemers", "Participants"),
    "description": ("Verhaal", "Story"),
    "contact_name": ("Contactpersoon", "Contact person"),
    "contact_role": ("Functie", "Role"),
    "contact_email": ("E-mail", "E-mail"),
    "contact_phone": ("Telefoon", "Phone"),
    "contact_public": ("Contact openbaar", "Contact public"),
    "source_url": ("Bron", "Source"),
    "end_reason": ("Reden van beëindigen", "Reason for ending"),
    "id": ("Code", "Code"),
    "organisation_id": ("Organisatie", "Organisation"),
}
RECORD_TITLES = {
    ("organisations", True): ("Nieuwe organisatie", "New organisation"),
    ("organisations", False): ("Gewijzigde organisatie", "Changed organisation"),
    ("sites", True): ("Nieuwe locatie", "New site"),
    ("sites", False): ("Gewijzigde locatie", "Changed site"),
    ("collaborations", True): ("Nieuwe samenwerking", "New collaboration"),
    ("collaborations", False): ("Gewijzigde samenwerking", "Changed collaboration"),
}


def word(pair: tuple[str, str], lang: str) -> str:
    return pair[1] if lang == "en" else pair[0]


def field_label(column: str, lang: str) -> str:
    return word(FIELD_LABELS[column], lang) if column in FIELD_LABELS else column


def listing(items: list[str], lang: str) -> str:
    """ "a, b en c" (or "a, b and c"), in lower case as inside a sentence."""
    words = [item.lower() for item in items if item]
    if len(words) < 2:
        return "".join(words)
    return f"{', '.join(words[:-1])} {'and' if lang == 'en' else 'en'} {words[-1]}"


def summary_sentence(
    library: str, care: str, start: str, activity_names: list[str], participants: str, status: str, lang: str
) -> str:
    """Who, with whom, since when, what and how many, in one sentence."""
    activities = listing(activity_names, lang)
    planned = still_to_come(start)  # an exploring collaboration may give its planned start
    if lang == "en":
        sentence = f"{library} {'will work' if planned else 'works'} with {care}"
        sentence += f" {'from' if planned else 'since'} {since(start, lang)}" if start else ""
        sentence += f" on {activities}" if activities else ""
        sentence += f", with {participants} participant{'' if participants == '1' else 's'}" if participants else ""
        return f"{sentence} ({status.lower()})."
    sentence = f"{library} {'gaat samenwerken' if planned else 'werkt samen'} met {care}"
    sentence += f" {'vanaf' if planned else 'sinds'} {since(start, lang)}" if start else ""
    sentence += f" aan {activities}" if activities else ""
    sentence += f", met {participants} deelnemer{'' if participants == '1' else 's'}" if participants else ""
    return f"{sentence} ({status.lower()})."
