"""Interface texts of the pages where partners take part and coordinators review: the form, its checks, the
review cards and the sign-in (Dutch, English). Read through :func:`ui.i18n.message`."""

from __future__ import annotations

TAKE_PART_TEXTS: dict[str, tuple[str, str]] = {
    # submissions
    "page_submit": ("Samenwerking toevoegen", "Add a collaboration"),
    "page_review": ("Beoordelen", "Review"),
    "section_contribute": ("Meedoen", "Contribute"),
    "submit_intro": (
        "Deel jullie samenwerking: goede voorbeelden helpen anderen op weg. Een coördinator bekijkt de inzending "
        "voordat die zichtbaar wordt.",
        "Share your collaboration: good examples help others get started. A coordinator reviews it before it "
        "becomes visible.",
    ),
    "the_library": ("De bibliotheek", "The library"),
    "the_care": ("De zorgorganisatie", "The care organisation"),
    "search_name": ("Zoek op naam", "Search by name"),
    "choose_site": ("Kies de locatie", "Choose the site"),
    "new_organisation": ("+ Nieuwe organisatie toevoegen", "+ Add a new organisation"),
    "name": ("Naam", "Name"),
    "town": ("Plaats", "Town"),
    "address": ("Adres", "Address"),
    "postcode": ("Postcode", "Postcode"),
    "latitude": ("Breedtegraad", "Latitude"),
    "longitude": ("Lengtegraad", "Longitude"),
    "point_from_town": (
        "Punt ingevuld vanuit de plaats; pas het aan als de locatie ergens anders is.",
        "Point filled in from the town; correct it if the site is elsewhere.",
    ),
    "town_unknown": ("Plaats niet gevonden: vul de coördinaten zelf in.", "Town not found: enter the coordinates."),
    "maybe_duplicate": ("Bestaat deze al? Lijkt op: {names}", "Does this exist already? Looks like: {names}"),
    "review_places": ("Locaties: {library} en {care}.", "Sites: {library} and {care}."),
    "review_already_partners": (
        "Volgens de atlas werken deze twee organisaties al samen. Is dit een andere samenwerking van hen, of dezelfde "
        "nog een keer?",
        "According to the atlas these two organisations already work together. Is this another collaboration of "
        "theirs, or the same one again?",
    ),
    "review_alike_partners": (
        "Een organisatie met deze naam en plaats werkt volgens de atlas al samen met de andere partner: misschien is "
        "deze samenwerking al eerder verstuurd en goedgekeurd. Is dit dezelfde nog een keer?",
        "An organisation of this name and town already works with the other partner, according to the atlas: this "
        "collaboration may have been sent and approved before. Is this the same one again?",
    ),
    "same_pair_pending": (
        "Voor dezelfde twee organisaties wacht ook {codes}: misschien is deze samenwerking twee keer verstuurd.",
        "{codes} is also waiting for the same two organisations: this collaboration may have been sent twice.",
    ),
    "pair_known": (
        "Deze twee werken volgens de atlas al samen.",
        "According to the atlas these two already work together.",
    ),
    "pair_sent": (
        "U hebt deze samenwerking zojuist al verstuurd ({code}). Een coördinator bekijkt die; nog een keer "
        "versturen is niet nodig.",
        "You have just sent this collaboration ({code}). A coordinator is reviewing it; there is no need to send "
        "it again.",
    ),
    "the_collaboration": ("De samenwerking", "The collaboration"),
    "activity_other": ("Andere activiteiten (vrije tekst)", "Other activities (free text)"),
    "start_date": ("Startdatum", "Start date"),
    "date_placeholder": ("1-5-2023", "1-5-2023 (day-month-year)"),
    "website_placeholder": ("www.voorbeeld.nl", "www.example.org"),
    "start_date_help": (
        "Bijvoorbeeld 1-5-2023, 5-2023, 2023 of 2023-05-01.",
        "For example 1-5-2023, 5-2023, 2023 or 2023-05-01.",
    ),
    "status_dates_help": (
        "Actief of beëindigd: de startdatum ligt in het verleden. Verkennend: nog niet begonnen; vul dan gerust "
        "de geplande startdatum in, tot een jaar vooruit.",
        "Active or ended: the start date lies in the past. Exploring: not started yet; you may fill in the planned "
        "start date, up to a year ahead.",
    ),
    "story": ("Het verhaal", "The story"),
    "link": ("Link naar video of artikel", "Link to a video or article"),
    "contact_person": ("Contactpersoon", "Contact person"),
    "role": ("Rol", "Role"),
    "email": ("E-mail", "E-mail"),
    "phone": ("Telefoon", "Phone"),
    "consent": (
        "De contactpersoon geeft toestemming om naam en gegevens te publiceren",
        "The contact person agrees to name and details being published",
    ),
    "your_email": (
        "Uw e-mailadres (voor vragen over de inzending)",
        "Your e-mail (for questions about this submission)",
    ),
    "send": ("Versturen", "Send"),
    "sent": (
        "Dank u wel! Uw inzending is ontvangen met referentiecode **{code}**. Een coördinator bekijkt uw inzending "
        "voordat die in de atlas komt.",
        "Thank you! Your submission was received with reference code **{code}**. A coordinator will review it "
        "before it appears in the atlas.",
    ),
    "fix_fields": (
        "Niet verstuurd: verbeter de velden hierboven ({n} punten).",
        "Not sent: please correct the fields above ({n} problems).",
    ),
    "fix_fields_one": (
        "Niet verstuurd: verbeter het veld hierboven (1 punt).",
        "Not sent: please correct the field above (1 problem).",
    ),
    "submit_another": ("Nog een samenwerking toevoegen", "Add another collaboration"),
    "too_many": (
        "U heeft net al meerdere inzendingen gedaan; probeer het over een minuut opnieuw.",
        "You sent several submissions just now; please try again in a minute.",
    ),
    # coordinators
    "sign_in": ("Aanmelden coördinator", "Coordinator sign-in"),
    "username": ("Gebruikersnaam", "Username"),
    "password": ("Wachtwoord", "Password"),
    "sign_in_button": ("Aanmelden", "Sign in"),
    "sign_out": ("Afmelden", "Sign out"),
    "signed_in_as": ("Aangemeld als {name}", "Signed in as {name}"),
    "signed_in_until_reload": (
        "U blijft aangemeld tot u deze pagina herlaadt of sluit: zo blijft op een gedeelde computer niemand aangemeld.",
        "You stay signed in until you reload or close this page, so no one stays signed in on a shared computer.",
    ),
    "sign_in_throttled": (
        "Te veel mislukte aanmeldpogingen. Probeer het over {minutes} minuten opnieuw.",
        "Too many failed sign-in attempts. Try again in {minutes} minutes.",
    ),
    "wrong_password": ("Onbekende gebruiker of verkeerd wachtwoord.", "Unknown user or wrong password."),
    "coordinators_only": (
        "Deze pagina is alleen voor coördinatoren: meld u aan in de zijbalk.",
        "This page is for coordinators only: sign in in the sidebar.",
    ),
    "pending": ("Te beoordelen", "To review"),
    "no_pending": ("Er zijn geen inzendingen te beoordelen.", "There are no submissions to review."),
    "submitted_by": ("Ingezonden {when} door {email}", "Submitted {when} by {email}"),
    "approve": ("Goedkeuren", "Approve"),
    "approve_edited": ("Bewerkt goedkeuren", "Approve as edited"),
    "reject": ("Afwijzen", "Reject"),
    "reason": ("Reden", "Reason"),
    "revert": ("Terugdraaien", "Revert"),
    "decided": ("Besluiten", "Decisions"),
    "reference_code": ("Referentiecode", "Reference code"),
    "pair": ("Samenwerking", "Collaboration"),
    "decision": ("Besluit", "Decision"),
    "decided_when_by": ("Besloten", "Decided"),
    "submitted_when_by": ("Ingezonden", "Submitted"),
    "no_decisions": ("Nog geen besluiten.", "No decisions yet."),
    "contact_public_yes": (
        "Met toestemming: na goedkeuring ziet iedereen deze contactgegevens.",
        "With consent: once approved, everyone sees these contact details.",
    ),
    "contact_public_no": (
        "Zonder toestemming: deze contactgegevens blijven alleen zichtbaar voor coördinatoren.",
        "Without consent: these contact details stay visible to coordinators only.",
    ),
    "submission_approved": ("goedgekeurd", "approved"),
    "submission_rejected": ("afgewezen", "rejected"),
    "submission_reverted": ("teruggedraaid", "reverted"),
    # The code after a dot: the pair says its towns in brackets already, as in the review's chooser.
    "said_approved": ("Goedgekeurd en gepubliceerd: {title} · {code}.", "Approved and published: {title} · {code}."),
    "said_rejected": ("Afgewezen: {title} · {code}.", "Rejected: {title} · {code}."),
    "said_reverted": ("Teruggedraaid: {title} · {code}.", "Reverted: {title} · {code}."),
    "choose_what_to_revert": ("Kies eerst welke inzending u terugdraait.", "First choose the submission to revert."),
    "is_new": ("nieuw", "new"),
    "changes": ("wijzigt: {fields}", "changes: {fields}"),
    "record_follow_up": ("Opvolging vastleggen", "Record follow-up"),
    "note": ("Notitie", "Note"),
    "save": ("Opslaan", "Save"),
    "saved_follow_up": ("Opgeslagen: {pair}, {state}.", "Saved: {pair}, {state}."),
    "new_site_on_map": ("Nieuwe locatie op de kaart: {name}", "New site on the map: {name}"),
    "point_in_municipality": ("Dit punt ligt in de gemeente {name}.", "This point lies in the municipality of {name}."),
    "point_in_no_municipality": (
        "Dit punt ligt in geen Nederlandse gemeente: kijk de coördinaten na.",
        "This point lies in no Dutch municipality: please check the coordinates.",
    ),
    "was": ("was", "was"),
    "correct_before_approving": ("Gegevens corrigeren en dan goedkeuren", "Correct the data, then approve"),
}
