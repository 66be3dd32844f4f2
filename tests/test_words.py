"""One way to speak two languages: the message type, the reader's language, Dutch number formats, and the closed
lists (statuses, kinds, follow-up and review states) whose labels are the vocabulary's."""

from __future__ import annotations

import pandas as pd
import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import SKOS

from graph.cli.main import build_parser
from graph.cli.output import output_language
from graph.intake.cells import spreadsheet_csv_bytes
from graph.intake.template import Problem
from graph.model.enums import (
    ENUMS,
    VOCABULARY_FILE,
    CollaborationStatus,
    FollowUpState,
    OrganisationKind,
    SubmissionState,
)
from graph.model.formats import (
    FILE_STEM_CHARACTERS,
    MOST_FILE_STEM_CHARACTERS,
    file_slug,
    file_stem,
    km,
    number,
    percent,
    rate,
)
from graph.model.language import BilingualError, Lang, Message, language, message_language
from graph.store.sparql_policy import ConsoleError, check_query


def test_a_message_speaks_one_language_or_both() -> None:
    message = Message("geef een reden", "a reason is required")
    assert message.text("nl") == "geef een reden"
    assert message.text(Lang.EN) == "a reason is required"
    assert message.text("both") == message.both() == str(message) == "geef een reden (a reason is required)"
    assert Message("Status", "Status").both() == "Status"
    assert Message("{n} rijen", "{n} rows").format(n=3).text("en") == "3 rows"
    assert (Message("deel ", "part ") + message).nl == "deel geef een reden"


@pytest.mark.parametrize(
    ("given", "expected"),
    [("en", Lang.EN), ("EN", Lang.EN), (" en ", Lang.EN), (Lang.EN, Lang.EN), ("nl", Lang.NL), ("fr", Lang.NL),
     ("", Lang.NL), (None, Lang.NL), ("both", Lang.NL)],
)  # fmt: skip
def test_any_spelling_of_a_language_means_the_same_and_anything_else_is_dutch(given: object, expected: Lang) -> None:
    assert language(given) is expected


def test_both_is_kept_only_for_messages() -> None:
    assert message_language("both") == "both"
    assert message_language("BOTH") == "both"
    assert message_language("en") is Lang.EN


def test_problems_and_console_errors_carry_one_message() -> None:
    problem = Problem("sites.csv", 3, "lat", Message("geen getal", "not a number"))
    assert problem.render("nl") == "sites.csv:3: lat: geen getal"
    assert problem.render("en") == "sites.csv:3: lat: not a number"
    assert problem.render() == "sites.csv:3: lat: geen getal (not a number)"
    with pytest.raises(ConsoleError) as refused:
        check_query("DELETE WHERE { ?s ?p ?o }")
    assert isinstance(refused.value, BilingualError)
    assert refused.value.message.text("en").startswith("Read-only")
    assert refused.value.message.text("nl").startswith("Alleen lezen")


@pytest.mark.parametrize(
    ("value", "lang", "expected"),
    [(1234, "nl", "1.234"), (1234, "en", "1,234"), (1234567, "nl", "1.234.567"), (12, "nl", "12"),
     (None, "nl", "–"), (float("nan"), "en", "–")],
)  # fmt: skip
def test_numbers_in_dutch_and_english(value: float | None, lang: str, expected: str) -> None:
    assert number(value, lang) == expected


def test_distances_and_percentages_in_dutch_and_english() -> None:
    assert km(3.6, "nl") == "3,6 km"
    assert km(3.6, "en") == "3.6 km"
    assert km(1234.5, "nl") == "1.234,5 km"
    assert percent(1.27, "nl") == "1,27 %"
    assert percent(1.27, "en") == "1.27%"
    assert number(0.7349, "nl", 2) == "0,73"


def test_a_small_rate_per_100000_keeps_two_significant_digits() -> None:
    """Regression: the area profile compared with the whole country as "7 (0,0)": 7 per 17.9 million."""
    assert [rate(value, "nl") for value in (12.345, 1.0, 0.55, 0.039, 0.00551, 0.0, None)] == [
        "12,3",
        "1,0",
        "0,55",
        "0,039",
        "0,0055",
        "0,0",
        "–",
    ]
    assert rate(0.039, "en") == "0.039"


def test_every_member_of_every_list_has_a_dutch_and_english_label_in_the_vocabulary_and_vice_versa() -> None:
    vocabulary = Graph().parse(VOCABULARY_FILE, format="turtle")
    for enum in ENUMS:
        namespace = enum.namespace()
        scheme = URIRef(namespace + "scheme")
        in_vocabulary = {
            str(vocabulary.value(concept, SKOS.notation)) for concept in vocabulary.subjects(SKOS.inScheme, scheme)
        }
        assert in_vocabulary == set(enum.values()), enum.__name__
        for member in enum:
            labels = {label.language: str(label) for label in vocabulary.objects(member.iri, SKOS.prefLabel)}
            assert isinstance(next(iter(vocabulary.objects(member.iri, SKOS.prefLabel))), Literal)
            assert labels.keys() >= {"nl", "en"} and all(labels.values()), member
            assert member.label == Message(labels["nl"], labels["en"])


def test_labels_come_from_the_vocabulary() -> None:
    assert CollaborationStatus.ACTIVE.label.text("nl") == "Actief"
    assert OrganisationKind.CARE.label.text("en") == "Care organisation"
    assert FollowUpState.IN_CONVERSATION.label.text("nl") == "In gesprek"
    assert SubmissionState.REJECTED.label.text("en") == "Rejected"
    assert CollaborationStatus.label_of("nog-niet", "nl") == "nog-niet"
    assert FollowUpState.label_of(float("nan"), "nl") == ""


def test_lang_means_the_same_before_and_after_the_command() -> None:
    parser = build_parser()
    for argv in (["--lang", "en", "suggest", "--radius-km", "5"], ["suggest", "--radius-km", "5", "--lang", "en"]):
        assert output_language(parser.parse_args(argv)) is Lang.EN
    for argv in (["suggest", "--radius-km", "5"], ["suggest", "--radius-km", "5", "--lang", "both"]):
        arguments = parser.parse_args(argv)
        assert arguments.lang == "both" and output_language(arguments) is Lang.NL
    assert parser.parse_args(["factsheet", "GM0983", "--lang", "both"]).lang == "both"


def test_a_spreadsheet_csv_starts_with_a_byte_order_mark_and_dutch_excel_gets_semicolons() -> None:
    frame = pd.DataFrame({"Gemeente": ["Súdwest-Fryslân", "=cmd"], "Afstand (km)": [3.6, -1.5]})
    plain = spreadsheet_csv_bytes(frame)
    assert plain.startswith(b"\xef\xbb\xbf")
    assert plain.decode("utf-8-sig").splitlines() == ["Gemeente,Afstand (km)", "Súdwest-Fryslân,3.6", "'=cmd,-1.5"]
    dutch = spreadsheet_csv_bytes(frame, semicolon=True).decode("utf-8-sig").splitlines()
    assert dutch == ["Gemeente;Afstand (km)", "Súdwest-Fryslân;3,6", "'=cmd;-1,5"]


def test_a_province_in_a_download_name_is_its_name_without_accents_not_its_code() -> None:
    """Regression: the coverage downloads of Limburg were called dekking-per-gemeente-PV31.xlsx."""
    assert [file_slug(name) for name in ("Limburg", "Fryslân", "Noord-Holland", "'s-Hertogenbosch")] == [
        "limburg",
        "fryslan",
        "noord-holland",
        "s-hertogenbosch",
    ]


def test_a_download_is_named_after_its_filters_and_never_too_long() -> None:
    """Regression: the suggestions download was suggesties.csv whatever was chosen, and a question's download was
    named with its whole title and filters: 158 characters."""
    assert file_stem("Suggesties", "Limburg", "", "Venlo", "15 km") == "suggesties-limburg-venlo-15-km"
    title = "Witte vlekken per activiteit: gemeenten met een bibliotheek maar zonder samenwerking voor die activiteit"
    long = file_stem(title, "Koffiecorner", "Súdwest-Fryslân")
    assert len(long) <= FILE_STEM_CHARACTERS and long.startswith("witte-vlekken-per-activiteit")
    assert long.endswith("-koffiecorner-sudwest-fryslan")  # the filters whole, the title cut between words
    assert long.removesuffix("-koffiecorner-sudwest-fryslan").split("-")[-1] in file_slug(title).split("-")
    assert file_stem("", "…") == "atlas"
    # Regression: an organisation's name among the filters was cut ("…-utrecht-bibliotheek-utrechtse"), so the
    # downloads for "e.o.", "e.o. 2" and "e.o. 3" had one name; filters stay whole up to 100 characters
    chosen = file_stem("Alle samenwerkingen", "Actief", "Utrecht", "Bibliotheek Utrechtse Heuvelrug e.o. 2 (demo)")
    assert chosen == "alle-samenwerkingen-actief-utrecht-bibliotheek-utrechtse-heuvelrug-e-o-2-demo"
    assert len(file_stem(title, "x" * 200)) <= MOST_FILE_STEM_CHARACTERS
