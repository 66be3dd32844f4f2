"""Interface texts in Dutch (default) and English, each read as one :class:`~graph.model.language.Message`.

Labels of data (activities, provinces) come from the graph; statuses, kinds and states from the vocabulary
(:mod:`graph.model.enums`).
"""

from __future__ import annotations

from graph.model.language import Message
from ui.i18n_answers import ANSWER_HEADINGS
from ui.i18n_questions import QUESTION_TEXTS
from ui.i18n_take_part import TAKE_PART_TEXTS

_GENERAL: dict[str, tuple[str, str]] = {
    # navigation
    "app_title": ("Passend Werk Atlas", "Passend Werk Atlas"),
    "page_overview": ("Overzicht", "Overview"),
    "page_map": ("Kaart", "Map"),
    "page_network": ("Netwerk", "Network"),
    "page_organisation": ("Organisatie", "Organisation"),
    "page_suggestions": ("Suggesties", "Suggestions"),
    "page_coverage": ("Dekking", "Coverage"),
    # Names of downloaded files, in the reader's language (the area's code follows where there is one).
    "file_coverage_by_province": ("dekking-per-provincie", "coverage-by-province"),
    "file_coverage": ("dekking-per-gemeente", "coverage-by-municipality"),
    "file_gaps": ("witte-vlekken", "gaps"),
    "file_started_per_year": ("gestart-per-jaar", "started-per-year"),
    "file_per_activity": ("per-activiteit", "per-activity"),
    "file_suggestions": ("suggesties", "suggestions"),
    "page_questions": ("Vragen", "Questions"),
    "page_examples": ("Praktijkvoorbeelden", "Practice examples"),
    "page_factsheet": ("Gebiedsprofiel", "Area profile"),
    "section_explore": ("Verkennen", "Explore"),
    "section_analyse": ("Analyseren", "Analyse"),
    "language": ("Taal", "Language"),
    "tagline": (
        "Samenwerkingen tussen bibliotheken en zorgorganisaties: passend werk en ontmoeting in de bibliotheek.",
        "Collaborations between public libraries and disability-care organisations: suitable work and meeting "
        "in the library.",
    ),
    # figures
    "organisations": ("Organisaties", "Organisations"),
    "libraries": ("Bibliotheken", "Libraries"),
    "care_organisations": ("Zorgorganisaties", "Care organisations"),
    "sites": ("Locaties", "Sites"),
    "active_collaborations": ("Actieve samenwerkingen", "Active collaborations"),
    # Short enough for a fifth of the page (the metric cuts a longer label off); the help says it in full.
    "covered_municipalities": ("Gedekte gemeenten", "Municipalities covered"),
    "covered_municipalities_help": (
        "Gemeenten met minstens één actieve samenwerking tussen een bibliotheek en een zorgorganisatie, "
        "van de {total} gemeenten.",
        "Municipalities with at least one active collaboration of a library and a care organisation, "
        "of {total} municipalities.",
    ),
    "population_covered": ("Inwoners in die gemeenten", "Population covered"),
    "population_unknown_help": (
        "Onbekend: zonder referentiegegevens (CBS) kent de atlas de inwoners van de gemeenten niet.",
        "Unknown: without reference data (CBS) the atlas does not know the municipalities' populations.",
    ),
    "population_covered_help": (
        "Het deel van de inwoners van Nederland dat in een gedekte gemeente woont.",
        "The share of the Netherlands' inhabitants who live in a covered municipality.",
    ),
    "of_total": ("van de {total}", "of {total}"),
    "no_reference": (
        "Er zijn geen CBS-referentiegegevens geladen: de dekking gaat alleen over gemeenten die in de gegevens "
        "voorkomen.",
        "No CBS reference data is loaded: coverage only covers the municipalities named in the data.",
    ),
    "newest_examples": ("Nieuwste praktijkvoorbeelden", "Newest practice examples"),
    "empty_store": (
        "Er staan nog geen gegevens in de atlas. Laad ze met `python -m graph init`.",
        "The atlas holds no data yet. Load it with `python -m graph init`.",
    ),
    "store_failed": (
        "De gegevensopslag gaf een fout: ze is niet bereikbaar of kon deze pagina niet lezen. Wat u opsloeg is "
        "heel of helemaal niet bewaard, nooit half. Probeer het zo opnieuw, en meld het aan de beheerder als het "
        "blijft gebeuren; die vindt de melding van de opslag in het logboek van de app.",
        "The data store reported an error: it cannot be reached or could not read this page. What you stored was "
        "kept whole or not at all, never half. Try again shortly, and tell the administrator if it keeps happening; "
        "they find what the store said in the app's log.",
    ),
    "no_examples": ("Nog geen praktijkvoorbeelden met een verhaal.", "No practice examples with a story yet."),
    "source": ("Bron", "Source"),
    "started": ("Gestart", "Started"),
    "participants": ("Deelnemers", "Participants"),
    "activities": ("Activiteiten", "Activities"),
    "activities_national": (
        "Deze cijfers gelden voor heel Nederland, niet alleen voor de gekozen provincie.",
        "These figures are for the whole country, not only for the chosen province.",
    ),
    "activities_national_municipality": (
        "Deze cijfers gelden voor heel Nederland, niet alleen voor de gekozen gemeente.",
        "These figures are for the whole country, not only for the chosen municipality.",
    ),
    "trend_of_area": (
        "Per jaar voor {area}, ter vergelijking; het verloop van de gekozen gemeente staat op haar profiel.",
        "Per year for {area}, for comparison; the chosen municipality's own years are on its profile.",
    ),
    "whole_country": ("heel Nederland", "the whole country"),
    "status": ("Status", "Status"),
    "all": ("Alle", "All"),
    "switch_off": ("uit", "off"),
    "choose_options": ("Kies een of meer", "Choose options"),
    "choose_an_option": ("Kies er een", "Choose an option"),
    "no_rows": ("Geen rijen.", "No rows."),
    "download_csv_semicolon": ("CSV voor Excel downloaden (puntkomma)", "Download CSV for Dutch Excel (semicolon)"),
    "yes": ("Ja", "Yes"),
    "no": ("Nee", "No"),
    "url_ignored": (
        "Het adres bevat een waarde die hier niet past: {name} = «{value}». De pagina toont daarom: {fallback}.",
        "The address holds a value that does not fit here: {name} = “{value}”. The page shows this instead: "
        "{fallback}.",
    ),
    "page_failed": (
        "Deze pagina kon niet worden getoond door een fout in de atlas; er is niets opgeslagen of veranderd. Probeer "
        "het opnieuw of kies een andere pagina, en meld het aan de beheerder als het blijft gebeuren.",
        "This page could not be shown because of an error in the atlas; nothing was stored or changed. Try again or "
        "choose another page, and tell the administrator if it keeps happening.",
    ),
    # filters
    "province": ("Provincie", "Province"),
    "municipality": ("Gemeente", "Municipality"),
    "activity": ("Activiteit", "Activity"),
    "radius_km": ("Straal (km)", "Radius (km)"),
    "kind": ("Soort", "Kind"),
    "filters": ("Filters", "Filters"),
    # map
    "map_intro": (
        "Bibliotheken (blauw) en zorglocaties (rood); lijnen zijn samenwerkingen. Klik op een locatie om de "
        "organisatie te openen.",
        "Libraries (blue) and care sites (red); lines are collaborations. Click a site to open its organisation.",
    ),
    "legend": ("Legenda", "Legend"),
    # Streamlit's own typing hints, word for word in English (see ui/input_hints.py); short in Dutch, as they
    # sit inside the field, over what is typed in a narrow one (the sign-in box).
    "hint_apply": ("Enter om toe te passen", "Press Enter to apply"),
    "hint_apply_multiline": ("Ctrl+Enter (Mac: ⌘+Enter) om toe te passen", "Press Ctrl+Enter to apply"),
    "hint_submit_form": ("Enter om te versturen", "Press Enter to submit form"),
    "legend_library": ("● bibliotheeklocatie", "● library site"),
    "legend_care": ("● zorglocatie", "● care site"),
    "legend_line": ("Samenwerkingen, naar status:", "Collaborations, by status:"),
    "legend_covered": ("gemeente met actieve samenwerking", "municipality with an active collaboration"),
    "legend_gap": ("bibliotheek én zorg, nog geen samenwerking", "library and care, no collaboration yet"),
    "legend_incomplete": ("alleen bibliotheek of alleen zorg", "only a library or only care"),
    "legend_none": ("nog geen bibliotheek of zorg in de atlas", "no library or care in the atlas yet"),
    "show_municipalities": ("Gemeenten kleuren naar dekking", "Colour municipalities by coverage"),
    "legend_borders": (
        ":gray[━] gemeentegrens; kleur de gemeenten naar dekking met de schakelaar in de zijbalk",
        ":gray[━] municipal border; colour the municipalities by coverage with the switch in the sidebar",
    ),
    "open_organisation": ("Open organisatie", "Open organisation"),
    "selected_site": ("Gekozen locatie", "Selected site"),
    "map_changed_since_click": (
        "De kaart is bijgewerkt sinds u klikte: klik de locatie opnieuw aan.",
        "The map was updated since you clicked: click the site again.",
    ),
    "sites_shown": ("{sites} en {collaborations} getoond.", "{sites} and {collaborations} shown."),
    "partners_elsewhere": (
        "Ook getoond: {sites} buiten het gebied, waar een samenwerking van hier naartoe loopt.",
        "Also shown: {sites} outside the area that a collaboration from here reaches.",
    ),
    "count_sites": ("{n} locaties", "{n} sites"),
    "count_sites_one": ("1 locatie", "1 site"),
    "count_collaborations": ("{n} samenwerkingen", "{n} collaborations"),
    "count_collaborations_one": ("1 samenwerking", "1 collaboration"),
    # network
    "network_intro": (
        "Organisaties die samenwerken, verbonden door hun samenwerkingen. Blauwe vierkanten zijn bibliotheken, "
        "rode bolletjes zorgorganisaties; hoe groter, hoe meer partners.",
        "Organisations that work together, linked by their collaborations. Blue squares are libraries, red dots "
        "care organisations; the bigger, the more partners.",
    ),
    "components": ("Groepen", "Groups"),
    "largest_component": ("Grootste groep", "Largest group"),
    "most_partners": ("Meeste partners", "Most partners"),
    "brokers": ("Verbinders", "Brokers"),
    "brokers_intro": (
        "Organisaties zonder wie hun groep uiteenvalt: ze verbinden groepen die elkaar anders niet raken.",
        "Organisations without which their group falls apart: they connect groups that otherwise do not touch.",
    ),
    "no_brokers": (
        "Geen verbinders: elke groep blijft heel zonder welke organisatie ook.",
        "No brokers: every group stays whole without any single organisation.",
    ),
    "broker_words": (
        "verbindt {groups} groepen die elkaar anders niet raken; zonder haar raken {n} organisaties los",
        "connects {groups} groups that otherwise do not touch; without it {n} organisations lose touch",
    ),
    "broker_words_one": (
        "verbindt {groups} groepen die elkaar anders niet raken; zonder haar raakt 1 organisatie los",
        "connects {groups} groups that otherwise do not touch; without it 1 organisation loses touch",
    ),
    "network_limited": (
        "Hier horen {total} organisaties bij; de {shown} best verbonden worden getekend. Zet *{widen}* hoger om "
        "meer te zien.",
        "{total} organisations belong here; the {shown} best connected are drawn. Raise *{widen}* to see more.",
    ),
    "network_start": (
        "Het netwerk begint bij één provincie. Kies *Alle* voor heel Nederland, of kies een organisatie om haar "
        "omgeving te zien.",
        "The network starts with one province. Choose *All* for the whole country, or choose an organisation to "
        "see its neighbourhood.",
    ),
    "network_around": ("Rond organisatie", "Around organisation"),
    "network_no_organisation": ("— geen —", "— none —"),
    "network_depth": ("Stappen vanaf de organisatie", "Steps from the organisation"),
    "network_size": ("Ten hoogste getekend", "Drawn at most"),
    "network_province_ignored": (
        "Rond een organisatie telt het hele land mee; de provincie geldt dan niet.",
        "Around an organisation the whole country counts; the province does not apply then.",
    ),
    "no_network": ("Geen samenwerkingen bij deze filters.", "No collaborations for these filters."),
    "network_drawing": (
        "Netwerktekening van bibliotheken en zorgorganisaties",
        "Network drawing of libraries and care organisations",
    ),
    # organisation
    "choose_organisation": ("Kies een organisatie", "Choose an organisation"),
    "unknown_organisation": ("Deze organisatie staat niet in de atlas.", "This organisation is not in the atlas."),
    "website": ("Website", "Website"),
    "member_of": ("Lid van", "Member of"),
    "partners": ("Partners", "Partners"),
    "collaborations": ("Samenwerkingen", "Collaborations"),
    "no_collaborations": ("Nog geen samenwerkingen.", "No collaborations yet."),
    "contact": ("Contact", "Contact"),
    "contact_hidden": (
        "Contactgegevens zijn alleen zichtbaar met toestemming van de persoon.",
        "Contact details are only shown with the person's consent.",
    ),
    "top_suggestions": ("Kansrijke nieuwe partners in de buurt", "Promising new partners nearby"),
    "no_suggestions": ("Geen suggesties binnen deze straal.", "No suggestions within this radius."),
    # suggestions
    "suggestions_intro": (
        "Bibliotheken en zorgorganisaties dicht bij elkaar die nog niet samenwerken, met de redenen. De score "
        "(0–1) weegt afstand, witte vlek, ervaring en passende activiteiten.",
        "Libraries and care organisations close to each other that do not work together yet, with the reasons. "
        "The score (0–1) weighs distance, gap, experience and fitting activities.",
    ),
    "suggestion_count": ("{n} suggesties", "{n} suggestions"),
    "suggestion_count_one": ("1 suggestie", "1 suggestion"),
    "suggestion": ("Suggestie", "Suggestion"),
    "why_suggested": ("Waarom deze suggestie:", "Why this suggestion:"),
    "choose_row_for_reasons": (
        "Vink een rij aan: de redenen van die suggestie staan onder de tabel (en in de download).",
        "Tick a row: the reasons for that suggestion are shown below the table (and are in the download).",
    ),
    "score": ("Score", "Score"),
    "distance_km": ("Afstand (km)", "Distance (km)"),
    "reasons": ("Redenen", "Reasons"),
    "follow_up": ("Opvolging", "Follow-up"),
    "library": ("Bibliotheek", "Library"),
    "care_organisation": ("Zorgorganisatie", "Care organisation"),
    "sign_in_for_follow_up": (
        "Coördinatoren kunnen na aanmelden de opvolging vastleggen.",
        "Coordinators can record follow-up after signing in.",
    ),
    "download_csv": ("CSV downloaden", "Download CSV"),
    "download_xlsx": ("Excel downloaden", "Download Excel"),
    # coverage
    "coverage_intro": (
        "Waar werken bibliotheken en zorgorganisaties al samen, en waar nog niet? Een gemeente is gedekt als er "
        "een actieve samenwerking is met een bibliotheeklocatie in die gemeente.",
        "Where do libraries and care organisations already work together, and where not? A municipality is "
        "covered when an active collaboration has a library site in it.",
    ),
    "per_province": ("Per provincie", "Per province"),
    "national_figures": (
        "**Heel Nederland**: {municipalities} gemeenten, waarvan {with_both} met een bibliotheek én zorg en"
        " {covered} gedekt; {share} van de inwoners woont in een gedekte gemeente.",
        "**The whole Netherlands**: {municipalities} municipalities, {with_both} of them with a library and care and"
        " {covered} covered; {share} of the population lives in a covered municipality.",
    ),
    "per_municipality": ("Per gemeente", "Per municipality"),
    "gap_list": ("Witte vlekken", "Gaps"),
    "gap_intro": (
        "Gemeenten met een bibliotheek- én een zorglocatie maar zonder actieve samenwerking, grootste eerst.",
        "Municipalities with both a library and a care site but no active collaboration, largest first.",
    ),
    "trend": ("Gestart per jaar", "Started per year"),
    "choropleth": ("Kaart van de dekking", "Coverage map"),
    "trend_chart": (
        "Staafdiagram van de samenwerkingen die per jaar zijn gestart, per status. De tabel eronder geeft dezelfde "
        "cijfers.",
        "Bar chart of the collaborations started per year, by status. The table below gives the same figures.",
    ),
    "factsheet_trend_chart": (
        "Staafdiagram van de samenwerkingen die per jaar zijn gestart in {area}.",
        "Bar chart of the collaborations started per year in {area}.",
    ),
    # what a screen reader says of a chart's parts
    "chart_x_axis": ("Horizontale as: {title}", "Horizontal axis: {title}"),
    "chart_y_axis": ("Verticale as: {title}", "Vertical axis: {title}"),
    "chart_legend": ("Legenda: {series}", "Legend: {series}"),
    "chart_series": ("Reeks", "Series"),
    "chart_bar": ("staaf", "bar"),
    # questions
    "questions_intro": (
        "Vaste vragen aan de atlas. Kies een vraag, vul eventueel de parameters in en download het antwoord.",
        "Saved questions to the atlas. Pick one, fill in its parameters if you like, and download the answer.",
    ),
    # examples
    # column headings
    "col_site": ("Locatie", "Site"),
    "col_town": ("Plaats", "Town"),
    "col_municipality": ("Gemeente", "Municipality"),
    "col_municipality_code": ("CBS-code", "CBS code"),
    "col_province_code": ("Provincie", "Province"),
    "col_province": ("Provincie", "Province"),
    "col_collaborations": ("Samenwerkingen", "Collaborations"),
    "col_active_collaborations": ("Actieve samenwerkingen", "Active collaborations"),  # beside "Verkennende …"
    "col_library_sites": ("Bibliotheeklocaties", "Library sites"),
    "col_care_sites": ("Zorglocaties", "Care sites"),
    "col_covered": ("Gedekt", "Covered"),
    "col_population": ("Inwoners", "Population"),
    "col_organisation": ("Organisatie", "Organisation"),
    "col_kind": ("Soort", "Kind"),
    "col_partners": ("Partners", "Partners"),
    "col_betweenness": ("Tussenpositie", "Betweenness"),
    "col_connects": ("Wat ze verbindt", "What it connects"),
    "col_municipalities": ("Gemeenten", "Municipalities"),
    "col_with_both": ("Met bibliotheek én zorg", "With library and care"),
    "col_population_covered": ("Inwoners gedekt", "Population covered"),
    "col_year": ("Jaar", "Year"),
    "col_started": ("Gestart", "Started"),
    "col_active": ("Actief", "Active"),
    "col_exploring": ("Verkennend", "Exploring"),
    "col_ended": ("Beëindigd", "Ended"),
    "col_status_unknown": ("Status onbekend", "Status unknown"),
    "col_unknown": ("Onbekend", "Unknown"),
    "col_population_covered_share": ("Aandeel inwoners gedekt", "Share of population covered"),
    "col_library_organisation": ("Bibliotheek", "Library"),
    "col_care_organisation": ("Zorgorganisatie", "Care organisation"),
    "col_library_org_id": ("Id bibliotheek", "Library id"),
    "col_care_org_id": ("Id zorgorganisatie", "Care organisation id"),
    "col_library_site_id": ("Id bibliotheeklocatie", "Library site id"),
    "col_care_site_id": ("Id zorglocatie", "Care site id"),
    "col_distance_km": ("Afstand (km)", "Distance (km)"),
    "col_score": ("Score", "Score"),
    "col_reasons": ("Redenen", "Reasons"),
    "col_follow_up": ("Opvolging", "Follow-up"),
    "col_activity_code": ("Activiteit", "Activity"),  # on a page the code is said in words
    "col_activity_nl": ("Activiteit", "Activity (Dutch)"),
    "col_activity_en": ("Activiteit (Engels)", "Activity"),
    "col_broader_code": ("Valt onder", "Part of"),
    "page_number": ("Pagina (van {pages})", "Page (of {pages})"),
    "examples_count": ("{n} praktijkvoorbeelden", "{n} practice examples"),
    "examples_count_one": ("1 praktijkvoorbeeld", "1 practice example"),
    "examples_intro": (
        "Goede voorbeelden helpen anderen op weg: samenwerkingen met hun verhaal en bron.",
        "Good examples help others get started: collaborations with their story and source.",
    ),
    # area profiles (the report's own words are in graph/views/factsheet_text.py)
    "factsheet_intro": (
        "Eén pagina over uw eigen gemeente of provincie: kerncijfers naast provincie en land, de samenwerkingen, "
        "open kansen en de trend. Ook als rapport van één A4.",
        "One page about your own municipality or province: key figures beside the province and the country, the "
        "collaborations, open chances and the trend. Also as a one-page report.",
    ),
    "factsheet_search": ("Zoek een gemeente of provincie", "Find a municipality or province"),
    "factsheet_unknown": (
        "De atlas kent geen gemeente of provincie «{value}». Kies er een in de zoeklijst.",
        "The atlas knows no municipality or province “{value}”. Choose one in the search list.",
    ),
    "factsheet_level_municipality": ("gemeente", "municipality"),
    "factsheet_level_province": ("provincie", "province"),
    "factsheet_download": ("Rapport downloaden", "Download the report"),
    "factsheet_pdf": ("PDF (één A4)", "PDF (one A4)"),
    "factsheet_html": ("HTML (print op één A4)", "HTML (prints on one A4)"),
    "factsheet_md": ("Markdown", "Markdown"),
    "factsheet_report_public": (
        "Het rapport bevat alleen openbare gegevens.",
        "The report holds public data only.",
    ),
    "open_profile": ("Profiel van {name}", "Profile of {name}"),
    "col_profile": ("Profiel", "Profile"),
}

#: Every interface text by its key: the general texts here, the partners' and coordinators' pages, and the
#: headings of the named questions' answers (no key may be in two of them: tests/unit/test_interface_texts.py).
TEXTS: dict[str, tuple[str, str]] = {**_GENERAL, **TAKE_PART_TEXTS, **QUESTION_TEXTS, **ANSWER_HEADINGS}


def message(key: str) -> Message:
    """The one way to read an interface text: as a message in both languages."""
    dutch, english = TEXTS[key]
    return Message(dutch, english)


def text(key: str, lang: object) -> str:
    return message(key).text(lang)


def has_text(key: str) -> bool:
    return key in TEXTS
