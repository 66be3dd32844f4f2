"""Two organisations of the same name are told apart wherever someone chooses one: by the place where each works."""

from __future__ import annotations

import contextlib
import csv
import html
import io
from dataclasses import replace
from pathlib import Path

import networkx as nx
import pandas as pd
import pytest

from graph.cli.main import main as cli
from graph.intake.importer import import_path
from graph.intake.submissions import NewOrganisation, SubmissionForm, submit
from graph.model.viewer import ANONYMOUS, Viewer
from graph.store.atlas import Atlas
from graph.store.labels import load_labels
from graph.views.examples_view import gallery
from graph.views.factsheet import FactsheetSource
from graph.views.network_drawing import drawing_data
from graph.views.network_view import NetworkFocus, network_page
from graph.views.organisation_names import CHOOSER_CHARACTERS, chooser_labels, distinct_names, for_chooser, told_apart
from graph.views.organisation_page import organisation_view
from graph.views.review_card import review_cards

from .test_app import open_page, seeded_atlas_with_coordinator, texts
from .test_app_forms import plain

TWINS = {
    "organisations": [
        {"id": "twin-venlo", "name": "Stichting Tweeling", "kind": "care"},
        {"id": "twin-woerden", "name": "Stichting Tweeling", "kind": "care"},
        {"id": "lib-twin", "name": "Bibliotheek Tweeling", "kind": "library"},
    ],
    "sites": [
        {"id": "twin-venlo-s", "organisation_id": "twin-venlo", "name": "Tweeling Venlo", "town": "Venlo",
         "lat": "51.37", "lon": "6.168", "municipality_code": "GM0983"},
        {"id": "twin-woerden-s", "organisation_id": "twin-woerden", "name": "Tweeling Woerden", "town": "Woerden",
         "lat": "52.085", "lon": "4.883", "municipality_code": "GM0632"},
        {"id": "lib-twin-s", "organisation_id": "lib-twin", "name": "Bibliotheek Tweeling", "town": "Woerden",
         "lat": "52.086", "lon": "4.884", "municipality_code": "GM0632"},
    ],
    "collaborations": [
        {"id": "twin-1", "library_site_id": "lib-twin-s", "care_site_id": "twin-venlo-s", "status": "active",
         "description": "Samen lezen in Venlo."},
        {"id": "twin-2", "library_site_id": "lib-twin-s", "care_site_id": "twin-woerden-s", "status": "active",
         "description": "Samen lezen in Woerden."},
    ],
}  # fmt: skip


def with_twins(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Atlas:
    atlas = seeded_atlas_with_coordinator(monkeypatch, tmp_path)
    folder = tmp_path / "twins"
    folder.mkdir()
    for name, rows in TWINS.items():
        with open(folder / f"{name}.csv", "w", encoding="utf-8", newline="") as handle:
            writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
            writer.writeheader()
            writer.writerows(rows)
    assert import_path(atlas, folder).ok
    return atlas


def test_same_named_organisations_are_told_apart_by_their_place_in_every_picker(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """Regression: the organisation page offered "Stichting Philadelphia (Zorgorganisatie)" twice, and the
    network's chooser "Stichting Philadelphia" twice, for the one in Dordrecht and the one in Doorn."""
    atlas = with_twins(monkeypatch, tmp_path)
    page = open_page(monkeypatch, atlas.settings.store, "organisation")
    shown = page.selectbox(key="organisation_picker").options  # as the chooser writes them
    twins = [label for label in shown if "Tweeling" in label and "Bibliotheek" not in label]
    assert sorted(twins) == [
        "Stichting Tweeling (Venlo) · Zorgorganisatie",
        "Stichting Tweeling (Woerden) · Zorgorganisatie",
    ]
    chosen = open_page(monkeypatch, atlas.settings.store, "organisation", org="twin-venlo")
    assert [title.value for title in chosen.title] == ["Stichting Tweeling \\(Venlo\\)"]  # its title says which
    network = open_page(monkeypatch, atlas.settings.store, "network")
    # On the page, where a name with its place is not cut as in the narrow sidebar.
    [chooser] = [box for box in network.main.selectbox if "Tweeling" in " ".join(map(str, box.options))]
    assert {"Stichting Tweeling (Venlo)", "Stichting Tweeling (Woerden)", "Bibliotheek Tweeling"} <= set(
        chooser.options
    )


def test_same_named_organisations_are_told_apart_in_the_network_drawing_and_the_examples(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """Regression: the network drew two organisations labelled "Stichting Tweeling", and the practice examples
    and their links named both so, where the choosers already said which was which."""
    atlas = with_twins(monkeypatch, tmp_path)
    names = load_labels(atlas, "nl")
    network = network_page(atlas, ANONYMOUS, NetworkFocus(organisation="lib-twin"), names, "Netwerk")
    twins = {"Stichting Tweeling (Venlo)", "Stichting Tweeling (Woerden)"}
    assert twins <= set(network.figures.degree.organisation)
    drawn = html.unescape(network.drawing)
    assert all(f'"label": "{twin}"' in drawn for twin in twins)
    # Regression: the hover said two places, "Stichting Tweeling (Venlo) (Woerden)", and the table's municipality
    # was the library's (Woerden): where an organisation works is said one way, its own.
    assert '"tooltip": "Stichting Tweeling (Venlo) — Zorgorganisatie, 1"' in drawn
    assert '"tooltip": "Bibliotheek Tweeling (Woerden) — Bibliotheek, 2"' in drawn  # one name: its place on hover
    where = dict(zip(network.figures.degree.organisation, network.figures.degree.municipality, strict=True))
    assert where["Stichting Tweeling (Venlo)"] == "Venlo"
    examples = gallery(atlas, ANONYMOUS, names, None, None)
    assert twins == set(examples[examples.library == "Bibliotheek Tweeling"].care_organisation)
    around = open_page(monkeypatch, atlas.settings.store, "organisation", org="lib-twin")
    assert twins <= {plain(link.label) for link in around.get("page_link")}


def test_a_new_organisation_of_a_known_name_in_another_town_is_not_called_the_same_pair(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """Regression: a card for the Woerden twin said that another submission waited "for the same two
    organisations", a new "Stichting Tweeling" in Tegelen; and its warning "Lijkt op: Stichting Tweeling,
    Stichting Tweeling" did not say which. The suggestions named both twins alike too."""
    atlas = with_twins(monkeypatch, tmp_path)
    known = SubmissionForm(
        library_site_id="lib-twin-s", care_site_id="twin-woerden-s", status="active", start_date="2024",
        description="Samen lezen.", submitter_email="partner@example.org",
    )  # fmt: skip
    new = replace(known, care_site_id="", new_care=NewOrganisation("Stichting Tweeling", "Tegelen", 51.345, 6.14))
    assert submit(atlas, known).ok and submit(atlas, new).ok
    cards = review_cards(atlas, Viewer.coordinator("Anna"), "nl")
    assert [card.same_pair for card in cards] == [(), ()]
    # Neither twin is in Tegelen: the new one is not taken for a twin that works with the library already.
    assert [card.alike_partners for card in cards] == [False, False]
    again = replace(new, new_care=NewOrganisation("stichting  Tweeling", "venlo", 51.37, 6.168))
    assert submit(atlas, again).ok
    [alike] = [card for card in review_cards(atlas, Viewer.coordinator("Anna"), "nl") if card.alike_partners]
    assert alike.partners[1] == "stichting  Tweeling" and not alike.already_partners
    [warned] = [card for card in cards if card.duplicates]
    assert set(warned.duplicates) == {"Stichting Tweeling (Venlo)", "Stichting Tweeling (Woerden)"}
    suggested = open_page(monkeypatch, atlas.settings.store, "suggestions", radius="50")
    names = set(suggested.dataframe[0].value.care_organisation)
    assert "Stichting Tweeling" not in names and "Stichting Tweeling (Venlo)" in names


def test_a_suggestions_reasons_name_an_organisation_of_a_known_name_by_its_place(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """Regression: a reason said "Stichting Tweeling werkt al met 1 andere bibliotheek" beside a row that named
    "Stichting Tweeling (Venlo)", on the suggestions page, the organisation page and the command line."""
    atlas = with_twins(monkeypatch, tmp_path)
    # The reasons stand in full for the chosen row below the table: Venlo within 1 km holds only the twin's pair.
    suggested = open_page(monkeypatch, atlas.settings.store, "suggestions", radius="1", municipality="GM0983")
    assert list(suggested.dataframe[0].value.care_organisation) == ["Stichting Tweeling (Venlo)"]
    reasons = plain(texts(suggested))
    assert "Stichting Tweeling (Venlo) werkt al met 1 andere bibliotheek" in reasons
    assert "Stichting Tweeling werkt" not in reasons
    nearby = organisation_view(atlas, "twin-venlo", Viewer.coordinator("Anna"), "en").nearby
    assert nearby is not None and not nearby.empty
    assert all("Stichting Tweeling (Venlo) already works with" in reason for reason in nearby.reasons)
    assert set(nearby.care_organisation) == {"Stichting Tweeling (Venlo)"}
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        assert cli(["--store", atlas.settings.store, "suggest", "--radius-km", "50", "--format", "csv"]) == 0
    assert "Stichting Tweeling werkt" not in out.getvalue()
    assert "Stichting Tweeling (Venlo) werkt al met" in out.getvalue()


def test_an_area_profile_names_organisations_of_one_name_by_their_place(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """Regression: Woerden's profile listed "Bibliotheek Tweeling × Stichting Tweeling" twice, for the twin in
    Venlo and the one in Woerden; its chances named them alike too."""
    atlas = with_twins(monkeypatch, tmp_path)
    sheet = FactsheetSource(atlas).factsheet("GM0632")
    twins = sheet.collaborations[sheet.collaborations.library == "Bibliotheek Tweeling"]
    assert set(twins.care_organisation) == {"Stichting Tweeling (Venlo)", "Stichting Tweeling (Woerden)"}
    assert not {"Stichting Tweeling"} & set(sheet.chances.care_organisation)


def test_a_review_cards_summary_names_an_organisation_of_a_known_name_by_its_place(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """Regression: the card's summary said "Bibliotheek Tweeling werkt samen met Stichting Tweeling" under a
    title that said which of the two it was."""
    atlas = with_twins(monkeypatch, tmp_path)
    form = SubmissionForm(
        library_site_id="lib-twin-s", care_site_id="twin-venlo-s", status="active", start_date="2024",
        description="Samen lezen.", submitter_email="partner@example.org",
    )  # fmt: skip
    assert submit(atlas, form).ok
    [card] = review_cards(atlas, Viewer.coordinator("Anna"), "nl")
    assert "Stichting Tweeling (Venlo)" in card.summary
    assert "Bibliotheek Tweeling" in card.summary and "(Woerden)" not in card.summary  # a name of its own as it is


def test_a_review_cards_summary_says_where_a_new_organisation_of_a_known_name_is(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """Regression: a new "Stichting Tweeling" in Tegelen was titled "… × Stichting Tweeling (Tegelen)", and its
    summary said "Bibliotheek Tweeling werkt samen met Stichting Tweeling", as if it were one of the two known."""
    atlas = with_twins(monkeypatch, tmp_path)
    form = SubmissionForm(
        library_site_id="lib-twin-s", care_site_id="", status="active", start_date="2024",
        description="Samen lezen.", submitter_email="partner@example.org",
        new_care=NewOrganisation("Stichting  Tweeling", "Tegelen", 51.345, 6.14),
    )  # fmt: skip
    assert submit(atlas, form).ok
    [card] = review_cards(atlas, Viewer.coordinator("Anna"), "en")
    said = " ".join(card.summary.split())  # the card says the name as it was sent, two spaces and all
    assert "works with Stichting Tweeling (Tegelen)" in said


def test_a_name_typed_with_double_spaces_is_stored_as_read_and_told_apart(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """Regression: "Zorggroep  Dubbel" (two spaces) was stored as typed and never told apart: the chooser offered
    it bare beside "Zorggroep Dubbel (Venlo)", which then fitted two organisations."""
    names = pd.DataFrame(
        {
            "id": ["typed", "venlo", "tegelen"],
            "name": ["Zorggroep  Dubbel", "Zorggroep Dubbel", "zorggroep dubbel"],
            "place": ["Venlo", "Venlo", "Venlo"],
            "town": ["Venlo", "Venlo", "Tegelen"],
        }
    )
    shown = told_apart(names)
    assert shown["tegelen"] == "zorggroep dubbel (Tegelen)"
    assert (
        shown["venlo"] == "Zorggroep Dubbel (Venlo) · venlo" and shown["typed"] == "Zorggroep  Dubbel (Venlo) · typed"
    )
    atlas = with_twins(monkeypatch, tmp_path)
    folder = tmp_path / "spaced"
    folder.mkdir()
    (folder / "organisations.csv").write_text('id,name,kind\nspaced,"Stichting   Tweeling ",care\n', encoding="utf-8")
    (folder / "sites.csv").write_text(
        "id,organisation_id,name,town,lat,lon,municipality_code\n"
        "spaced-s,spaced,Tweeling  Tegelen,Tegelen,51.345,6.14,GM0983\n",
        encoding="utf-8",
    )
    assert import_path(atlas, folder).ok
    shown = distinct_names(atlas)
    assert shown["spaced"] == "Stichting Tweeling (Tegelen)"  # stored with one space, told from the one in Venlo
    assert {shown["twin-venlo"], shown["twin-woerden"]} == {
        "Stichting Tweeling (Venlo)",
        "Stichting Tweeling (Woerden)",
    }


def test_names_are_told_apart_by_municipality_then_town_then_id() -> None:
    names = pd.DataFrame(
        {
            "id": ["a", "b", "c", "d", "e", "f", "g", "h", "i"],
            "name": ["Zorg", "Zorg", "Zorg", "Uniek", "Geen plek", "Al (Venlo)", "Al (Venlo)", "Zorg () Test", "Zorg"],
            "place": ["Venlo", "Doorn", "Doorn", "Venlo", None, "Venlo", "Woerden", "Venlo", "Venlo"],
            "town": ["Venlo", "Doorn", "Doorn", "Venlo", None, "Venlo", "Woerden", "Venlo", "Tegelen"],
        }
    )
    assert told_apart(names) == {
        "a": "Zorg (Venlo)",
        "b": "Zorg (Doorn) · b",  # the same name in the same town: only the id is left
        "c": "Zorg (Doorn) · c",
        "d": "Uniek",
        "e": "Geen plek",
        "f": "Al (Venlo)",  # regression: "Al (Venlo) (Venlo)", a place the name says already
        "g": "Al (Venlo) (Woerden)",
        "h": "Zorg () Test",  # regression: a name with "()" in it lost it
        "i": "Zorg (Tegelen)",  # two in Venlo: the town tells them apart
    }


def test_a_long_name_keeps_its_place_in_view_in_a_chooser() -> None:
    """Regression: two names of 200 characters were cut by the chooser before "(Venlo)" and "(Woerden)", so the
    two choices looked the same."""
    long = "Stichting " + "Zeer Lange Naam " * 12
    venlo, woerden = (for_chooser(f"{long}({place}) · Zorgorganisatie") for place in ("Venlo", "Woerden"))
    assert len(venlo) <= CHOOSER_CHARACTERS and venlo.startswith("Stichting Zeer Lange Naam") and "…" in venlo
    assert venlo.endswith("(Venlo) · Zorgorganisatie") and woerden.endswith("(Woerden) · Zorgorganisatie")
    assert for_chooser("Stichting Tweeling (Venlo)") == "Stichting Tweeling (Venlo)"  # a short name as it is


def test_a_long_name_is_cut_between_words_in_a_chooser() -> None:
    """Regression: a chooser showed "Stichting … 's-H…ertogenbosch": cut inside the place, which then could be
    neither read nor found by typing it."""
    long = "Stichting " + "Zeer Lange Naam " * 12
    shown = for_chooser(f"{long}('s-Hertogenbosch) · Zorgorganisatie")
    assert len(shown) <= CHOOSER_CHARACTERS and shown.endswith(" ('s-Hertogenbosch) · Zorgorganisatie")
    head, tail = shown.split(" … ")
    assert head.endswith(("Zeer", "Lange", "Naam")) and tail.startswith(("Zeer", "Lange", "Naam", "("))
    # One very long run of letters is still cut, so the place stays in view.
    assert for_chooser("Bibliotheek " + "Regioverbindingsstichting" * 5 + " (Venlo)").endswith(" (Venlo)")


def test_two_choices_never_read_alike_in_a_chooser() -> None:
    """Regression: the form listed "Zorggroep Dubbel — Locatie Venlo 0 (Venlo)" twice, and either choice stored
    the second site (a chooser hands back the last of two alike); two long names cut in their middle read alike."""
    start, end = "Stichting Gezamenlijke Voorzieningen voor Wonen en Werken in de Regio ", " voor Iedereen Overal"
    labels = {
        "dub-a-s": "Zorggroep Dubbel — Locatie Venlo 0 (Venlo)",
        "dub-b-s": "Zorggroep Dubbel — Locatie Venlo 0 (Venlo)",
        "noord": start + "Noord-Limburg" + "x" * 40 + end,
        "zuid": start + "Zuid-Limburg" + "x" * 41 + end,
        "kort": "Bibliotheek Venlo",
    }
    shown = chooser_labels(labels)
    assert len(set(shown.values())) == len(labels)
    assert shown["dub-a-s"] == "Zorggroep Dubbel — Locatie Venlo 0 (Venlo) · dub-a-s"
    assert shown["noord"] == labels["noord"] and shown["kort"] == "Bibliotheek Venlo"  # alike once cut: whole


def test_the_network_hover_says_a_place_a_name_says_already_once() -> None:
    """Regression: "Bibliotheek Venlo (Venlo) — Bibliotheek, 1"."""
    graph = nx.Graph()
    graph.add_node("lib", name="Bibliotheek Venlo", kind="library", place="Venlo")
    graph.add_node("care", name="Zorgcentrum De Linde", kind="care", place="Venlo")
    graph.add_edge("lib", "care", weight=1)
    kinds = {"library": "Bibliotheek", "care": "Zorgorganisatie"}
    tooltips = {node["id"]: node["tooltip"] for node in drawing_data(graph, kinds)["nodes"]}
    assert tooltips == {
        "lib": "Bibliotheek Venlo — Bibliotheek, 1",
        "care": "Zorgcentrum De Linde (Venlo) — Zorgorganisatie, 1",
    }


def test_two_submissions_for_one_known_organisation_are_the_same_pair_and_named_as_everywhere(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """Regression: the review named a pair by the names and towns of its sites, so two organisations of one name
    with sites in one town read as one pair (and were warned of as sent twice), and a known one was not named as
    every other page names it."""
    atlas = with_twins(monkeypatch, tmp_path)
    form = SubmissionForm(
        library_site_id="lib-twin-s", care_site_id="twin-woerden-s", status="active", start_date="2024",
        description="Samen lezen.", submitter_email="partner@example.org",
    )  # fmt: skip
    first, again = submit(atlas, form).code, submit(atlas, form).code
    cards = {card.code: card for card in review_cards(atlas, Viewer.coordinator("Anna"), "nl")}
    assert cards[first].same_pair == (again,) and cards[again].same_pair == (first,)
    assert cards[first].heading == "Bibliotheek Tweeling (Woerden) × Stichting Tweeling (Woerden)"
