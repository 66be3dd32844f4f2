"""The partner form, the review card, Vragen and Suggesties as their users meet them (AppTest on real stores)."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
from streamlit.testing.v1 import AppTest

from graph.intake.submissions import approve, submissions
from graph.model.viewer import Viewer
from graph.settings import REPO_ROOT, Settings
from graph.store.atlas import Atlas

from .test_app import assert_shown, demo_store, open_page, seed_store, seeded_atlas_with_coordinator, texts

__all__ = ["demo_store", "seed_store"]  # fixtures, shared with the page tests

INTERNAL = re.compile(r"_id\b|pw-[a-z0-9]{8}|\blat\b|\blon\b|source_url|library:|care:")


@pytest.fixture(autouse=True)
def fresh_send_limit() -> None:
    """Each test is a new visitor: the form's limit of five sends a minute is kept per process by Streamlit."""
    import streamlit as st

    st.cache_resource.clear()


def plain(text: str) -> str:
    """Text as the reader sees it: without the backslashes that keep data from being read as Markdown, and without
    the invisible word joiners that keep an address from being made a link."""
    return re.sub(r"\\(.)", r"\1", text).replace("\u2060", "")


def as_shown(table: Any) -> Any:
    """A table's values under the headings the page gives its columns."""
    columns = json.loads(table.proto.columns)
    return table.value.rename(columns={key: value["label"] for key, value in columns.items() if value.get("label")})


def errors(app: AppTest) -> list[str]:
    return [plain(str(element.value)) for element in app.error]


def fill_new_care_site(form: AppTest) -> None:
    form.text_input(key="library_search").set_value("venlo").run()
    form.selectbox(key="library_site").set_value("bibliotheek-venlo-stadsbibliotheek").run()
    form.selectbox(key="care_site").set_value("__new__").run()
    form.text_input(key="care_name").set_value("Zorgcentrum De Linde").run()
    form.text_input(key="care_town").set_value("Venlo").run()


def choose_an_existing_pair(form: AppTest) -> None:
    """The Stadsbibliotheek Venlo and Daelzicht, both sites the atlas knows."""
    form.text_input(key="library_search").set_value("venlo").run()
    form.selectbox(key="library_site").set_value("bibliotheek-venlo-stadsbibliotheek").run()
    form.text_input(key="care_search").set_value("daelzicht").run()
    form.selectbox(key="care_site").set_value("daelzicht-venlo").run()


def send(form: AppTest, atlas: Atlas) -> str:
    """Send the form as partner@example.org; the code of the submission it made."""
    form.text_input(key="submitter_email").set_value("partner@example.org").run()
    form.button(key="send").click().run()
    return str(submissions(atlas, viewer=Viewer.coordinator("test"))[0]["code"])


def sign_in(app: AppTest) -> AppTest:
    app.sidebar.text_input(key="sign_in_username").set_value("anna")
    app.sidebar.text_input(key="sign_in_password").set_value("een lang wachtwoord")
    app.sidebar.button(key="sign_in_button").click().run()
    return app.run()


# --- the form ---------------------------------------------------------------------------------------------------


def test_every_problem_is_shown_at_once_next_to_its_field(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """Regression: a date written 1-5-2023 was only reported on the third send, one problem per send."""
    atlas = seeded_atlas_with_coordinator(monkeypatch, tmp_path)
    form = open_page(monkeypatch, atlas.settings.store, "submit")
    form.text_input(key="start_date").set_value("gisteren").run()
    form.text_input(key="link").set_value("geen adres").run()
    form.text_input(key="submitter_email").set_value("partner@").run()
    form.button(key="send").click().run()
    shown = errors(form)
    assert any("Kies een locatie" in message for message in shown)  # no library chosen
    assert sum("Kies een locatie" in message for message in shown) == 2  # nor a care site
    assert any("'gisteren' is geen datum" in message for message in shown)
    assert any("'geen adres'" in message for message in shown)
    assert any("geldig e-mailadres" in message for message in shown)
    assert any("Niet verstuurd" in message for message in shown)
    assert not [message for message in shown if INTERNAL.search(message)], shown
    assert not submissions(atlas, viewer=Viewer.coordinator("test"))


def test_a_problem_goes_from_its_field_once_the_field_is_changed(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """Regression: after a send, "Kies een locatie" stayed under the library's site once one was chosen, and the
    count of problems to fix with it, until the next send."""
    atlas = seeded_atlas_with_coordinator(monkeypatch, tmp_path)
    form = open_page(monkeypatch, atlas.settings.store, "submit")
    form.text_input(key="start_date").set_value("gisteren").run()
    form.button(key="send").click().run()
    assert sum("Kies een locatie" in message for message in errors(form)) == 2
    assert any("(4 punten)" in message for message in errors(form)), errors(form)
    form.text_input(key="library_search").set_value("venlo").run()
    form.selectbox(key="library_site").set_value("bibliotheek-venlo-stadsbibliotheek").run()
    shown = errors(form)
    assert sum("Kies een locatie" in message for message in shown) == 1  # the care site's, still unchosen
    assert any("'gisteren' is geen datum" in message for message in shown)
    assert any("(3 punten)" in message for message in shown), shown
    form.text_input(key="start_date").set_value("1-5-2023").run()
    assert not any("geen datum" in message for message in errors(form))
    form.button(key="send").click().run()  # sent again: what is still wrong is said again, and only that
    assert sum("Kies een locatie" in message for message in errors(form)) == 1
    assert not submissions(atlas, viewer=Viewer.coordinator("test"))


def test_a_new_site_without_a_point_is_said_without_internal_ids(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """Regression: partners saw care_site_id: onbekende locatie 'pw-lzblutl8-care-site'."""
    atlas = seeded_atlas_with_coordinator(monkeypatch, tmp_path)
    form = open_page(monkeypatch, atlas.settings.store, "submit")
    form.selectbox(key="library_site").set_value("bibliotheek-venlo-stadsbibliotheek").run()
    form.selectbox(key="care_site").set_value("__new__").run()
    form.text_input(key="care_name").set_value("Zorgcentrum De Linde").run()
    form.text_input(key="care_town").set_value("Nergenshuizen").run()
    form.text_input(key="submitter_email").set_value("partner@example.org").run()
    form.button(key="send").click().run()
    shown = errors(form)
    assert any("Vul dit veld in" in message for message in shown)  # the point, next to its field
    assert not [message for message in shown if INTERNAL.search(message)], shown


def test_dutch_dates_and_addresses_without_https_are_accepted(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    atlas = seeded_atlas_with_coordinator(monkeypatch, tmp_path)
    form = open_page(monkeypatch, atlas.settings.store, "submit")
    fill_new_care_site(form)
    form.text_input(key="start_date").set_value("1-5-2023").run()
    form.text_input(key="link").set_value("www.voorbeeld.nl").run()
    form.text_input(key="submitter_email").set_value("partner@example.org").run()
    form.button(key="send").click().run()
    assert not errors(form), errors(form)
    sent = submissions(atlas, viewer=Viewer.coordinator("test"))[0]
    rows = json.loads(sent["payload"])["collaborations"][0][1]
    assert (rows["start_date"], rows["source_url"]) == ("2023-05-01", "https://www.voorbeeld.nl")


def test_a_future_start_is_refused_for_active_and_allowed_as_planned_for_exploring(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    atlas = seeded_atlas_with_coordinator(monkeypatch, tmp_path)
    form = open_page(monkeypatch, atlas.settings.store, "submit")
    assert any("Verkennend" in caption.value and "vooruit" in caption.value for caption in form.caption)
    fill_new_care_site(form)
    form.text_input(key="start_date").set_value("1-1-2099").run()
    form.text_input(key="submitter_email").set_value("partner@example.org").run()
    form.button(key="send").click().run()
    assert any("in de toekomst" in message and "Verkennend" in message for message in errors(form))
    next_month = (
        f"{(__import__('datetime').date.today().replace(day=1) + __import__('datetime').timedelta(days=40)):%m-%Y}"
    )
    form.text_input(key="start_date").set_value(next_month).run()
    form.selectbox(key="status").set_value("exploring").run()
    form.button(key="send").click().run()
    assert not errors(form), errors(form)
    assert len(submissions(atlas, viewer=Viewer.coordinator("test"))) == 1


def test_after_sending_the_form_locks_and_offers_another(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """Regression: clicking Versturen again made a second submission (PW-HF5BH2UJ after PW-XVEMVDRP)."""
    atlas = seeded_atlas_with_coordinator(monkeypatch, tmp_path)
    form = open_page(monkeypatch, atlas.settings.store, "submit")
    fill_new_care_site(form)
    code = send(form, atlas)
    assert code in form.success[0].value
    assert not [button for button in form.button if button.key == "send"]  # locked: nothing to send again
    form.run()
    assert len(submissions(atlas, viewer=Viewer.coordinator("test"))) == 1
    form.button(key="submit_another").click().run()
    assert [button for button in form.button if button.key == "send"]
    # The sender stays the same: a partner adding a second collaboration does not type their address again.
    assert form.text_input(key="submitter_email").value == "partner@example.org"
    assert form.selectbox(key="care_site").value in ("", None) and not form.success


def test_the_same_pair_chosen_again_after_sending_is_said_on_the_form(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """Regression: after "Nog een samenwerking toevoegen" the form let a partner send the pair they had just sent
    without a word; only the coordinator's review card said so. A negative number of participants was emptied
    by the browser without a word, too."""
    atlas = seeded_atlas_with_coordinator(monkeypatch, tmp_path)
    form = open_page(monkeypatch, atlas.settings.store, "submit")
    choose_an_existing_pair(form)
    form.number_input(key="participants").set_value(-3).run()
    form.text_input(key="submitter_email").set_value("partner@example.org").run()
    form.button(key="send").click().run()
    assert any("-3" in message and "geen aantal" in message for message in errors(form)), errors(form)
    # right below the field, in its column, not under the row of three
    [column] = [
        column for column in form.columns if column.number_input and column.number_input[0].key == "participants"
    ]
    assert ["geen aantal" in error.value for error in column.error] == [True]
    form.number_input(key="participants").set_value(4).run()
    form.button(key="send").click().run()
    code = submissions(atlas, viewer=Viewer.coordinator("test"))[0]["code"]
    form.button(key="submit_another").click().run()
    choose_an_existing_pair(form)
    warnings = [plain(element.value) for element in form.warning]
    assert any(code in warning and "zojuist al verstuurd" in warning for warning in warnings), warnings


def sent_twice(monkeypatch: pytest.MonkeyPatch, atlas: Atlas) -> tuple[str, str]:
    """The same collaboration with a new care organisation, sent from the form twice; the two codes in order."""
    for _ in range(2):
        form = open_page(monkeypatch, atlas.settings.store, "submit")
        fill_new_care_site(form)
        form.text_input(key="submitter_email").set_value("partner@example.org").run()
        form.button(key="send").click().run()
    first, second = sorted(row["code"] for row in submissions(atlas, viewer=Viewer.coordinator("test")))
    return first, second


def test_the_same_collaboration_sent_twice_is_named_on_both_review_cards(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """Regression: sending the same collaboration again after "Nog een samenwerking toevoegen" gave two cards that
    read alike, and nothing said so to the coordinator."""
    atlas = seeded_atlas_with_coordinator(monkeypatch, tmp_path)
    first, second = sent_twice(monkeypatch, atlas)
    review = sign_in(open_page(monkeypatch, atlas.settings.store, "review"))
    warnings = [plain(element.value) for element in review.warning]
    assert any(first in warning and "twee keer verstuurd" in warning for warning in warnings), warnings
    assert any(second in warning and "twee keer verstuurd" in warning for warning in warnings), warnings


def test_the_same_collaboration_sent_twice_is_still_warned_of_after_the_first_is_approved(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """Regression: once one of two cards for the same new organisation was approved, the other read as any new
    collaboration (its new organisation is not the published one), and could be published a second time."""
    atlas = seeded_atlas_with_coordinator(monkeypatch, tmp_path)
    first, second = sent_twice(monkeypatch, atlas)
    assert approve(atlas, first, Viewer.coordinator("test")) == []
    review = sign_in(open_page(monkeypatch, atlas.settings.store, "review"))
    warnings = [plain(element.value) for element in review.warning]
    assert any("al eerder verstuurd en goedgekeurd" in warning for warning in warnings), warnings
    assert not any("twee keer verstuurd" in warning for warning in warnings), warnings


def test_a_review_card_names_its_sites_its_code_and_partners_who_work_together_already(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """Regression: four cards for the same pair had the same title, none said which sites were chosen (Buren 10 or
    Buren 24), and a pair the atlas knows already read as any new collaboration."""
    atlas = seeded_atlas_with_coordinator(monkeypatch, tmp_path)
    form = open_page(monkeypatch, atlas.settings.store, "submit")
    choose_an_existing_pair(form)
    code = send(form, atlas)
    review = sign_in(open_page(monkeypatch, atlas.settings.store, "review"))
    label = [plain(expander.label) for expander in review.expander][0]
    assert label.endswith(f" · {code}")
    # each side with its town, unless its name says it already (two organisations of one name read apart)
    assert re.fullmatch(r"[^×]+ × [^×]+ \(\w+\) · PW-\w+", label), label
    captions = [plain(caption.value) for caption in review.caption]
    assert any(caption.startswith("Locaties: ") and "(Venlo)" in caption for caption in captions), captions
    assert any("werken deze twee organisaties al samen" in plain(warning.value) for warning in review.warning)


def test_the_form_warns_of_a_likely_duplicate_in_other_spelling(
    monkeypatch: pytest.MonkeyPatch, seed_store: str
) -> None:
    """Regression: "Daelzigt" and "Daelzicht Venlo" were not recognised as Daelzicht."""
    form = open_page(monkeypatch, seed_store, "submit")
    form.selectbox(key="care_site").set_value("__new__").run()
    for typed in ("Daelzigt", "Daelzicht Venlo"):
        form.text_input(key="care_name").set_value(typed).run()
        assert any("Daelzicht" in warning.value for warning in form.warning), typed


def test_the_preview_map_centres_on_the_point(monkeypatch: pytest.MonkeyPatch, seed_store: str) -> None:
    """Regression: the preview showed the whole country and Venlo fell outside it."""
    form = open_page(monkeypatch, seed_store, "submit")
    form.selectbox(key="care_site").set_value("__new__").run()
    form.text_input(key="care_town").set_value("Venlo").run()
    charts = form.get("deck_gl_json_chart")
    assert charts
    view = json.loads(charts[-1].proto.json)["initialViewState"]
    assert abs(view["latitude"] - 51.37) < 0.1 and abs(view["longitude"] - 6.17) < 0.1 and view["zoom"] >= 10


def test_the_point_is_written_with_a_decimal_comma_and_read_with_either(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """Regression: the point fields showed "51.37000" (Streamlit's number input has no decimal comma), and a
    Dutch partner could not type 51,4."""
    atlas = seeded_atlas_with_coordinator(monkeypatch, tmp_path)
    form = open_page(monkeypatch, atlas.settings.store, "submit")
    fill_new_care_site(form)
    lat, lon = form.text_input(key="care_lat_Venlo"), form.text_input(key="care_lon_Venlo")
    assert (lat.value, lon.value) == ("51,37", "6,16806")
    assert (lat.label, lon.label) == ("Breedtegraad", "Lengtegraad")
    lat.set_value("51,4").run()
    view = json.loads(form.get("deck_gl_json_chart")[-1].proto.json)["initialViewState"]
    assert abs(view["latitude"] - 51.4) < 1e-9  # the preview follows the typed point
    form.text_input(key="care_lon_Venlo").set_value("zes").run()
    form.text_input(key="submitter_email").set_value("partner@example.org").run()
    form.button(key="send").click().run()
    assert any("'zes' is geen getal" in message for message in errors(form))
    assert not submissions(atlas, viewer=Viewer.coordinator("test"))
    form.text_input(key="care_lon_Venlo").set_value("6.2").run()  # a decimal point is read as well
    form.button(key="send").click().run()
    assert not errors(form)
    [sent] = submissions(atlas, viewer=Viewer.coordinator("test"))
    review = sign_in(open_page(monkeypatch, atlas.settings.store, "review"))
    assert "Breedtegraad: 51,4" in plain(texts(review)) and "Lengtegraad: 6,2" in plain(texts(review))


def test_the_preview_map_draws_the_municipality_the_point_lies_in_and_its_neighbours(
    monkeypatch: pytest.MonkeyPatch, seed_store: str
) -> None:
    """Regression: the point stood alone on an empty background, so a partner could not see that it lay in the
    wrong town."""
    form = open_page(monkeypatch, seed_store, "submit")
    form.selectbox(key="care_site").set_value("__new__").run()
    form.text_input(key="care_town").set_value("Venlo").run()
    spec = json.loads(form.get("deck_gl_json_chart")[-1].proto.json)
    [shapes] = [found for found in spec["layers"] if found["id"] == "surroundings"]
    named = {feature["properties"]["name"]: feature["properties"]["here"] for feature in shapes["data"]["features"]}
    assert named["Venlo"] is True and named["Horst aan de Maas"] is False and named["Beesel"] is False
    assert sum(named.values()) == 1 and "Amsterdam" not in named and len(named) < 20
    assert [found["id"] for found in spec["layers"]][-2:] == ["care-sites", "library-sites"]  # the dot on top
    assert "Dit punt ligt in de gemeente Venlo." in texts(form)


# --- review -----------------------------------------------------------------------------------------------------


def test_the_review_card_reads_as_a_sentence_with_labelled_fields(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    atlas = seeded_atlas_with_coordinator(monkeypatch, tmp_path)
    form = open_page(monkeypatch, atlas.settings.store, "submit")
    fill_new_care_site(form)
    form.multiselect(key="activities").set_value(["boeken-repareren", "koffiecorner"]).run()
    form.text_input(key="start_date").set_value("5-2023").run()
    form.number_input(key="participants").set_value(6).run()
    form.text_area(key="story").set_value("Bewoners repareren boeken.").run()
    form.text_input(key="contact_name").set_value("Petra Jansen").run()
    form.text_input(key="care_postcode").set_value("5912pk").run()
    form.text_input(key="submitter_email").set_value("partner@example.org").run()
    form.button(key="send").click().run()
    review = sign_in(open_page(monkeypatch, atlas.settings.store, "review"))
    assert not review.exception
    [card] = review.main.expander
    assert plain(card.label).startswith("Bibliotheek Venlo × Zorgcentrum De Linde (Venlo) · PW-")
    shown = plain(texts(review))
    assert (
        "Bibliotheek Venlo werkt samen met Zorgcentrum De Linde sinds mei 2023 aan boeken repareren en koffiecorner, "
        "met 6 deelnemers (actief)." in shown
    )
    assert "Bewoners repareren boeken." in shown
    assert "Petra Jansen" in shown
    # Regression: the card showed the contact but not whether it may be published.
    assert "Zonder toestemming: deze contactgegevens blijven alleen zichtbaar voor coördinatoren." in shown
    assert "Nog geen besluiten." in shown  # regression: an empty table said "Geen rijen."
    assert "Nieuwe organisatie: Zorgcentrum De Linde" in shown and "Plaats: Venlo" in shown
    assert "Postcode: 5912 PK" in shown  # regression: shown and kept as typed, "5912pk"
    assert "Dit punt ligt in de gemeente Venlo." in shown  # under the small map of the new site
    # Coordinates as a Dutch reader writes them (regression: "Breedtegraad: 51.37").
    assert re.search(r"Breedtegraad: 51,\d+", shown) and re.search(r"Lengtegraad: 6,\d+", shown), shown
    assert re.search(r"Ingezonden \d{1,2} (jan|feb|mrt|apr|mei|jun|jul|aug|sep|okt|nov|dec) \d{4}, \d\d:\d\d", shown)
    assert ";" not in "".join(element.value for element in review.markdown)
    assert not re.search(r"\b(care_site_id|library_site_id|activities|start_date)\b", shown)
    assert len(review.get("deck_gl_json_chart")) == 1  # the new site on a small map
    assert len(review.dataframe) <= 1  # at most the decisions (none yet is said in words); rows only in the editor
    review.button(key=[b.key for b in review.button if str(b.key).startswith("approve_PW-")][0]).click().run()
    assert not review.exception
    decisions = as_shown(review.dataframe[-1])
    assert list(decisions["Besluit"]) == ["Goedgekeurd"]
    # Regression: a decision was named by its code only, without the pair or when it was taken.
    # With the town of each side, as the card's title (a name that says its town is not followed by it again).
    assert list(decisions["Samenwerking"]) == ["Bibliotheek Venlo × Zorgcentrum De Linde (Venlo)"]
    assert re.fullmatch(r"\d{1,2} [a-z]{3} \d{4}, \d\d:\d\d · .+", decisions["Besloten"][0])
    # Regression: eight columns stood beyond the page's edge (who decided read "B"), and before that the reason:
    # why, with what, then when and by whom.
    assert list(decisions.columns[:3]) == ["Samenwerking", "Besluit", "Besloten"]
    # Regression: sized to their texts the five columns ran past the page's right edge (1,029 of the 1,020 pixels a
    # table has at 1,400): each has a width of its own, and wraps.
    columns = json.loads(review.dataframe[-1].proto.columns).values()
    widths = [setting.get("width") for setting in columns if setting.get("label")]  # not the hidden index
    assert len(widths) == 5 and all(isinstance(width, int) for width in widths) and sum(widths) <= 1_000, widths


def test_the_correction_editor_shows_words_not_ids_or_codes(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """Regression: "Corrigeren voor goedkeuren" showed the rows as sent: ids like ``pw-…-care``, ``active`` and
    ``boeken-repareren;koffiecorner``. Now codes are chosen by name and the ids are out of sight, and approving
    the rows as shown publishes the same collaboration."""
    atlas = seeded_atlas_with_coordinator(monkeypatch, tmp_path)
    form = open_page(monkeypatch, atlas.settings.store, "submit")
    fill_new_care_site(form)
    form.multiselect(key="activities").set_value(["boeken-repareren", "koffiecorner"]).run()
    form.text_input(key="start_date").set_value("1-5-2023").run()
    form.text_input(key="submitter_email").set_value("partner@example.org").run()
    form.button(key="send").click().run()
    review = sign_in(open_page(monkeypatch, atlas.settings.store, "review"))
    toggle = [each for each in review.toggle if str(each.key).startswith("correct_PW-")][0]
    toggle.set_value(True).run()
    editors = [element for element in review.dataframe if element.proto.editing_mode]
    assert len(editors) == 3
    # Regression: the editor showed "2023-05-01" where the form and the card say 1-5-2023 and "1 mei 2023".
    [dates] = [list(element.value.start_date) for element in editors if "start_date" in element.value.columns]
    assert dates == ["1-5-2023"]
    assert {"Organisaties", "Locaties", "Samenwerking"} <= {caption.value for caption in review.caption}
    shown: dict[str, dict[str, Any]] = {}
    for element in editors:
        shown.update(json.loads(element.proto.columns))
    for hidden in ("id", "organisation_id", "library_site_id", "care_site_id"):
        assert shown[hidden]["hidden"] is True
    status, activities = shown["status"], shown["activities"]
    assert status["label"] == "Status" and status["type_config"]["type"] == "selectbox"
    assert {"value": "active", "label": "Actief"} in status["type_config"]["options"]
    assert activities["label"] == "Activiteiten" and activities["type_config"]["type"] == "multiselect"
    assert {"value": "koffiecorner", "label": "Koffiecorner"} in activities["type_config"]["options"]
    assert shown["kind"]["label"] == "Soort" and shown["town"]["label"] == "Plaats"
    review.button(key=[b.key for b in review.button if str(b.key).startswith("approve_edited_PW-")][0]).click().run()
    assert not review.exception and not review.error
    assert [plain(element.value) for element in review.success][0].startswith("Goedgekeurd en gepubliceerd")
    published = atlas.answer("collaboration-overview", {})
    mine = published[published.care_organisation == "Zorgcentrum De Linde"]
    assert list(mine.activities.map(lambda codes: sorted(codes.split(";")))) == [["boeken-repareren", "koffiecorner"]]
    assert list(mine.start_date.astype(str)) == ["2023-05-01"]  # read back from 1-5-2023 as the atlas stores it


def test_a_pending_submission_is_titled_with_its_names_as_text(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """Regression: a care organisation named ``**Vet** [link](https://example.org)`` made the card's title bold
    with a live link in front of coordinators; names from partners are text, also in a panel's title."""
    atlas = seeded_atlas_with_coordinator(monkeypatch, tmp_path)
    form = open_page(monkeypatch, atlas.settings.store, "submit")
    fill_new_care_site(form)
    form.text_input(key="care_name").set_value("**Vet** [link](https://example.org)").run()
    form.text_input(key="submitter_email").set_value("partner@example.org").run()
    form.button(key="send").click().run()
    review = sign_in(open_page(monkeypatch, atlas.settings.store, "review"))
    [card] = review.main.expander
    assert "\\*\\*Vet\\*\\*" in card.label and "\\[link\\]" in card.label, card.label
    assert plain(card.label).startswith("Bibliotheek Venlo × **Vet** [link](https://example.org) (Venlo) · PW-")


def test_rows_corrected_in_the_editor_are_published_as_corrected(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """What the correction editor gives back (its rows, the ids kept out of sight, activities as lists) is what
    gets published: a renamed organisation and a changed list of activities."""
    from graph.views.review_card import approve_card, review_cards

    atlas = seeded_atlas_with_coordinator(monkeypatch, tmp_path)
    form = open_page(monkeypatch, atlas.settings.store, "submit")
    fill_new_care_site(form)
    form.multiselect(key="activities").set_value(["koffiecorner"]).run()
    form.text_input(key="submitter_email").set_value("partner@example.org").run()
    form.button(key="send").click().run()
    [card] = review_cards(atlas, Viewer.coordinator("anna"), "nl")
    # Regression: the editor showed the new site's point with decimal points ("51.37") on a Dutch page.
    assert re.fullmatch(r"51,\d+", card.tables["sites"].lat[0]) and re.fullmatch(r"6,\d+", card.tables["sites"].lon[0])
    corrected = {name: frame.copy() for name, frame in card.tables.items()}
    corrected["organisations"].loc[0, "name"] = "Zorgcentrum De Linde Venlo"
    corrected["collaborations"].at[0, "activities"] = ["koffiecorner", "werk"]
    assert approve_card(atlas, card, Viewer.coordinator("anna"), "nl", corrected) == []
    published = atlas.answer("collaboration-overview", {})
    mine = published[published.care_organisation == "Zorgcentrum De Linde Venlo"]
    assert list(mine.activities.map(lambda codes: sorted(codes.split(";")))) == [["koffiecorner", "werk"]]
    # Regression: the new site, named after its organisation by the form, kept the old name after a rename.
    assert list(mine.care_site) == ["Zorgcentrum De Linde Venlo"]
    assert list(mine.care_lat.round(2)) == [round(float(card.tables["sites"].lat[0].replace(",", ".")), 2)]
    # Regression: "Goedgekeurd en gepubliceerd: …" named the organisation as sent, not as published.
    from graph.views.review_corrections import title_as_approved

    assert card.title == "Bibliotheek Venlo × Zorgcentrum De Linde"
    said = title_as_approved(card.partners, card.tables["organisations"], corrected)
    assert said == "Bibliotheek Venlo × Zorgcentrum De Linde Venlo"


def test_a_decision_is_confirmed_and_nothing_is_reverted_by_default(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """Regression: after "Goedkeuren" the card just went away, and "Terugdraaien" had an approved submission
    chosen beforehand."""
    atlas = seeded_atlas_with_coordinator(monkeypatch, tmp_path)
    form = open_page(monkeypatch, atlas.settings.store, "submit")
    fill_new_care_site(form)
    form.text_input(key="submitter_email").set_value("partner@example.org").run()
    form.button(key="send").click().run()
    review = sign_in(open_page(monkeypatch, atlas.settings.store, "review"))
    review.button(key=[b.key for b in review.button if str(b.key).startswith("approve_PW-")][0]).click().run()
    [said] = [plain(element.value) for element in review.success]
    # As the decisions and the revert chooser name it: the town of each side, then the code.
    assert said.startswith("Goedgekeurd en gepubliceerd: Bibliotheek Venlo × Zorgcentrum De Linde (Venlo) · PW-")
    assert review.selectbox(key="revert_code").value is None
    review.button(key="revert_button").click().run()
    assert [element.value for element in review.error] == ["Kies eerst welke inzending u terugdraait."]
    assert list(as_shown(review.dataframe[-1])["Besluit"]) == ["Goedgekeurd"]
    code = as_shown(review.dataframe[-1])["Referentiecode"][0]
    assert review.selectbox(key="revert_code").options == [f"{code} · Bibliotheek Venlo × Zorgcentrum De Linde (Venlo)"]
    review.selectbox(key="revert_code").set_value(code).run()
    review.text_input(key="revert_reason").set_value("dubbel").run()
    review.button(key="revert_button").click().run()
    said = [plain(element.value) for element in review.success]
    assert said == [f"Teruggedraaid: Bibliotheek Venlo × Zorgcentrum De Linde (Venlo) · {code}."]
    assert list(as_shown(review.dataframe[-1])["Besluit"]) == ["Teruggedraaid — dubbel"]  # the reason after what


@pytest.mark.parametrize(("lang", "said"), [("nl", "Geef een reden op."), ("en", "Please give a reason.")])
def test_a_rejection_without_a_reason_is_refused_in_the_page_language_only(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, lang: str, said: str
) -> None:
    """Regression: the refusal read "geef een reden (a reason is required)", English on a Dutch page."""
    atlas = seeded_atlas_with_coordinator(monkeypatch, tmp_path)
    form = open_page(monkeypatch, atlas.settings.store, "submit")
    fill_new_care_site(form)
    code = send(form, atlas)
    review = sign_in(open_page(monkeypatch, atlas.settings.store, "review", lang=lang))
    review.button(key=f"reject_{code}").click().run()
    assert errors(review) == [said]
    assert [row["state"] for row in submissions(atlas, viewer=Viewer.coordinator("test"))] == ["pending"]
    review.text_input(key=f"reason_{code}").set_value("Dubbel ingestuurd").run()
    review.button(key=f"reject_{code}").click().run()
    assert errors(review) == []
    assert [row["state"] for row in submissions(atlas, viewer=Viewer.coordinator("test"))] == ["rejected"]


# --- Vragen -----------------------------------------------------------------------------------------------------


def test_vragen_opens_with_the_key_figures_in_words(monkeypatch: pytest.MonkeyPatch, seed_store: str) -> None:
    """Regression: the page opened with every site (5,800 rows at demo scale, 10 s per visit); the key figures
    it opens with now name each figure in the reader's language, not as a code like collaborations_active."""
    app = open_page(monkeypatch, seed_store, "questions")
    assert app.selectbox(key="question").value == "stats"
    measures = list(app.dataframe[0].value["measure"])
    assert "Samenwerkingen: actief" in measures and "Locaties" in measures
    assert not [measure for measure in measures if "_" in measure]
    english = open_page(monkeypatch, seed_store, "questions", lang="en")
    assert "Collaborations: active" in list(english.dataframe[0].value["measure"])


def test_vragen_says_codes_in_words_in_the_table_and_the_download(
    monkeypatch: pytest.MonkeyPatch, seed_store: str
) -> None:
    """Regression: the answer showed ``active``, ``library`` and ``werk;koffiecorner`` on a Dutch page."""
    app = open_page(monkeypatch, seed_store, "questions", q="collaboration-overview")
    table = app.dataframe[0].value
    assert "Actief" in set(table["status"])
    assert set(table["status"]) <= {"Actief", "Verkennend", "Beëindigd", "Onbekend"}
    assert not [cell for cell in table["activities"] if ";" in cell]
    assert not [code for code in table["province_code"] if str(code).startswith("PV")]
    english = open_page(monkeypatch, seed_store, "questions", q="collaboration-overview", lang="en")
    assert "Active" in set(english.dataframe[0].value["status"])


def test_the_map_of_every_site_shows_the_whole_answer(monkeypatch: pytest.MonkeyPatch, seed_store: str) -> None:
    """Regression: the map under "Alle locaties" cut off the north and south Limburg (the country's view was made
    for a taller map), and it had no legend."""
    from graph.views.map_fit import bounds_of_points, fit_view

    app = open_page(monkeypatch, seed_store, "questions", q="site-overview")
    sites = app.dataframe[0].value
    view = json.loads(app.get("deck_gl_json_chart")[-1].proto.json)["initialViewState"]
    bounds = bounds_of_points(sites.lat, sites.lon)
    assert bounds is not None
    fitted = fit_view(bounds, height_px=420)
    assert (view["latitude"], view["longitude"], view["zoom"]) == (fitted.latitude, fitted.longitude, fitted.zoom)
    assert "● bibliotheeklocatie" in " ".join(caption.value for caption in app.caption)


def test_question_parameters_are_choices_that_show_names(monkeypatch: pytest.MonkeyPatch, seed_store: str) -> None:
    app = open_page(monkeypatch, seed_store, "questions", q="coverage")
    province = app.selectbox(key="p_coverage_province_code")
    assert province.label == "Provincie"
    assert "Limburg" in province.options and "PV31" not in province.options
    province.set_value("PV31").run()
    answer = app.dataframe[0].value
    assert len(answer) and set(answer["province_code"]) == {"Limburg"}  # by name, not PV31


def test_a_year_is_asked_with_a_number_input_that_counts_in_years(
    monkeypatch: pytest.MonkeyPatch, seed_store: str
) -> None:
    app = open_page(monkeypatch, seed_store, "questions", q="started-per-year-by-municipality")
    year = app.number_input(key="p_started-per-year-by-municipality_year")
    assert (year.label, year.value, year.step, year.format) == ("Startjaar", None, 1, "%d")
    years = sorted(set(app.dataframe[0].value["year"]))
    assert len(years) > 1
    year.set_value(years[-1]).run()
    assert app.query_params["p_year"] == str(years[-1])
    assert set(app.dataframe[0].value["year"]) == {years[-1]}
    shared = open_page(monkeypatch, seed_store, "questions", q="started-per-year-by-municipality", p_year=str(years[0]))
    assert shared.number_input(key="p_started-per-year-by-municipality_year").value == years[0]
    assert set(shared.dataframe[0].value["year"]) == {years[0]}


@pytest.mark.parametrize("typed", ["99999999999999999999", "1e400", "inf", "-inf", "nan", "9007199254740993", "abc"])
def test_a_number_the_field_cannot_hold_in_the_address_is_said_not_a_failed_page(
    monkeypatch: pytest.MonkeyPatch, seed_store: str, typed: str
) -> None:
    """Regression: p_year=99999999999999999999 (or inf, nan) showed "Deze pagina kon niet worden getoond": Streamlit
    refused the value while drawing the number field."""
    app = open_page(monkeypatch, seed_store, "questions", q="started-per-year-by-municipality", p_year=typed)
    assert_shown(app)
    assert any("Startjaar" in warning.value and "niet past" in warning.value for warning in app.warning)
    assert app.number_input(key="p_started-per-year-by-municipality_year").value is None
    assert "p_year" not in app.query_params and len(app.dataframe[0].value) > 1


def test_a_year_of_seven_digits_is_kept_whole_in_the_address(monkeypatch: pytest.MonkeyPatch, seed_store: str) -> None:
    """Regression: 1234567 went into the address as 1.23457e+06 and was then called not a whole number."""
    app = open_page(monkeypatch, seed_store, "questions", q="started-per-year-by-municipality")
    app.number_input(key="p_started-per-year-by-municipality_year").set_value(1234567).run()
    assert app.query_params["p_year"] == "1234567" and not app.error
    assert_shown(app)


def test_a_province_typed_by_name_is_read_as_its_code(monkeypatch: pytest.MonkeyPatch, seed_store: str) -> None:
    """Regression: typing "Gelderland" silently gave 0 rows."""
    app = open_page(monkeypatch, seed_store, "questions", q="coverage", p_province_code="Gelderland")
    assert not app.error
    assert set(app.dataframe[0].value["province_code"]) == {"Gelderland"}
    unknown = open_page(monkeypatch, seed_store, "questions", q="coverage", p_province_code="Atlantis")
    notice = plain("\n".join(warning.value for warning in unknown.warning))
    assert "Atlantis" in notice and "Alle" in notice  # said, and every province shown instead
    assert unknown.selectbox(key="p_coverage_province_code").value == ""
    assert len(set(unknown.dataframe[0].value["province_code"])) == 12


def test_a_code_in_other_capitals_in_the_address_is_read_as_that_code(
    monkeypatch: pytest.MonkeyPatch, seed_store: str
) -> None:
    """Regression: the command line read "ACTIVE" and "pv31" as their codes, but Vragen called them wrong values."""
    app = open_page(monkeypatch, seed_store, "questions", q="collaboration-overview", p_status="ACTIVE")
    assert not app.warning and set(app.dataframe[0].value["status"]) == {"Actief"}
    province = open_page(monkeypatch, seed_store, "questions", q="coverage", p_province_code="pv31")
    assert not province.warning and set(province.dataframe[0].value["province_code"]) == {"Limburg"}


def test_a_chosen_province_narrows_the_municipalities_offered(monkeypatch: pytest.MonkeyPatch, seed_store: str) -> None:
    """Regression: with Limburg chosen, the municipality list still offered every municipality of the country
    (and the province came after the municipality, so it could not narrow it)."""
    app = open_page(monkeypatch, seed_store, "questions", q="municipality-figures")
    labels = [box.label for box in app.selectbox if box.key and box.key.startswith("p_")]
    assert labels == ["Provincie", "Gemeente"]
    municipality = app.selectbox(key="p_municipality-figures_municipality_code")
    assert "Zwolle" in municipality.options and "Venlo" in municipality.options
    app.selectbox(key="p_municipality-figures_province_code").set_value("PV31").run()
    municipality = app.selectbox(key="p_municipality-figures_municipality_code")
    assert "Venlo" in municipality.options and "Zwolle" not in municipality.options
    municipality.set_value("GM0983").run()
    assert app.query_params["p_municipality_code"] == "GM0983"
    # Another province drops the municipality that is not in it, without a complaint about the address.
    app.selectbox(key="p_municipality-figures_province_code").set_value("PV23").run()
    municipality = app.selectbox(key="p_municipality-figures_municipality_code")
    assert municipality.value == "" and "Zwolle" in municipality.options and "Venlo" not in municipality.options
    assert not app.warning and not app.error and "p_municipality_code" not in app.query_params


def test_result_headings_are_in_the_interface_language(monkeypatch: pytest.MonkeyPatch, seed_store: str) -> None:
    app = open_page(monkeypatch, seed_store, "questions", q="coverage")
    labels = {column: value.get("label") for column, value in json.loads(app.dataframe[0].proto.columns).items()}
    assert (labels["municipality"], labels["population"], labels["covered"]) == ("Gemeente", "Inwoners", "Gedekt")


def test_a_place_keeps_its_word_whole_in_rows_that_wrap(monkeypatch: pytest.MonkeyPatch, seed_store: str) -> None:
    """Regression: in a listing whose long site names wrap, the town column was sized to the towns it sampled and
    "'s-Hertogenbosch" broke inside its word ("'s-Hertogenbo" over "sch")."""
    from ui.components import PLACE_WIDTH

    app = open_page(monkeypatch, seed_store, "questions", q="site-overview")
    table = app.dataframe[0]
    assert table.proto.row_height > 64  # "Werkleercentrum PSW (deelnemers in Tegelen)" wraps
    columns = json.loads(table.proto.columns)
    assert (columns["town"]["label"], columns["town"]["width"]) == ("Plaats", PLACE_WIDTH)
    assert (columns["municipality"]["label"], columns["municipality"]["width"]) == ("Gemeente", PLACE_WIDTH)


def test_a_long_result_heading_has_a_column_wide_enough_to_read_it(
    monkeypatch: pytest.MonkeyPatch, seed_store: str
) -> None:
    """Regression: "Met bibliotheek én zorg" over a column of small numbers read "Met bibliotheek é…"."""
    app = open_page(monkeypatch, seed_store, "questions", q="coverage-by-province")
    columns = json.loads(app.dataframe[0].proto.columns)
    assert columns["with_both"]["label"] == "Met bibliotheek én zorg" and columns["with_both"]["width"] >= 180
    assert "width" not in columns["covered"]  # "Gedekt" fits over its numbers
    english = open_page(monkeypatch, seed_store, "questions", q="coverage-by-province", lang="en")
    columns = json.loads(english.dataframe[0].proto.columns)
    assert columns["population_covered_share"]["label"].startswith("Share of population covered")
    # Regression: wide enough to read it (it was cut in a "medium" column of 200 pixels), not the 400 pixels of a
    # "large" one, which put the columns after it beyond the page's right edge at 1280 pixels
    assert 220 <= columns["population_covered_share"]["width"] <= 280


def test_the_console_opens_with_an_example_that_answers(monkeypatch: pytest.MonkeyPatch, seed_store: str) -> None:
    """The example comes from queries/internal/console-example.rq, as every question of the atlas does."""
    app = open_page(monkeypatch, seed_store, "questions")
    assert app.text_area(key="console").value.startswith("PREFIX org: <http://www.w3.org/ns/org#>")
    app.button(key="run_console").click().run()
    assert not errors(app) and not app.exception
    answer = app.dataframe[-1].value
    assert list(answer.columns) == ["name", "kind"] and 0 < len(answer) <= 20


def test_an_unknown_prefix_is_explained_in_dutch(monkeypatch: pytest.MonkeyPatch, seed_store: str) -> None:
    """Regression: the console showed the engine's "Unknown namespace prefix : foo"."""
    app = open_page(monkeypatch, seed_store, "questions")
    app.text_area(key="console").set_value("SELECT ?x WHERE { ?x foo:bar ?y }").run()
    app.button(key="run_console").click().run()
    [message] = errors(app)
    assert "Het voorvoegsel 'foo:' is onbekend" in message and "PREFIX foo:" in message
    assert "Unknown namespace" not in message


def test_a_free_question_with_values_of_several_kinds_in_one_column_is_one_table(
    monkeypatch: pytest.MonkeyPatch, seed_store: str
) -> None:
    """Regression: ``SELECT ?s ?p ?o`` put names and numbers in one column; the browser's table refused it and
    Streamlit logged an ArrowTypeError before sending it again as text."""
    import pyarrow as pa

    app = open_page(monkeypatch, seed_store, "questions")
    app.text_area(key="console").set_value("SELECT ?s ?p ?o WHERE { ?s ?p ?o } LIMIT 300").run()
    app.button(key="run_console").click().run()
    assert not app.exception and not errors(app)
    shown = app.dataframe[-1].value
    pa.Table.from_pandas(shown)  # one kind per column: no error
    values = list(shown.iloc[:, 2])
    assert all(isinstance(value, str) for value in values)
    assert any(re.fullmatch(r"\d+,\d+", value) for value in values)  # a coordinate with a decimal comma


# --- Suggesties and layout --------------------------------------------------------------------------------------


def test_the_reasons_of_a_suggestion_are_shown_in_full(monkeypatch: pytest.MonkeyPatch, seed_store: str) -> None:
    from graph.analysis.suggest import suggest
    from graph.model.viewer import ANONYMOUS
    from graph.views.organisation_names import named_suggestion_input

    app = open_page(monkeypatch, seed_store, "suggestions", radius="50")
    first = app.dataframe[0].value.iloc[0]
    answer = suggest(named_suggestion_input(Atlas.open(Settings(store=seed_store)), ANONYMOUS), 50)
    assert (answer.iloc[0].library_organisation, answer.iloc[0].care_organisation) == (
        first.library_organisation,
        first.care_organisation,
    )
    shown = plain(texts(app))
    assert "Waarom deze suggestie" in shown
    for reason in str(answer.iloc[0].reasons).split("; "):
        assert f"- {reason}" in shown


def test_one_suggestion_is_counted_in_the_singular(monkeypatch: pytest.MonkeyPatch, seed_store: str) -> None:
    """Regression: the page said "1 suggesties"."""
    app = open_page(monkeypatch, seed_store, "suggestions", radius="30", province="PV26")
    assert len(app.dataframe[0].value) == 1
    assert "1 suggestie" in texts(app) and "1 suggesties" not in texts(app)


def test_suggested_names_wrap_and_the_reasons_are_below_the_table_not_in_it(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """Regression: at a usual width the table cut names ("Bibliotheek Eindhoven e.o. (dem") and put the follow-up
    column after the wide reasons, beyond the page's right edge; later the reasons, cut to a third of a line,
    still made the table wider than the page. They are shown in full for the chosen row below it."""
    import json

    atlas = seeded_atlas_with_coordinator(monkeypatch, tmp_path)
    app = sign_in(open_page(monkeypatch, atlas.settings.store, "suggestions", radius="50"))
    table = app.dataframe[0]
    # Streamlit wraps a cell's text only in rows taller than 4rem (64 pixels).
    assert table.proto.row_height > 64
    columns = list(table.value.columns)
    assert columns[-1] == "follow_up" and "reasons" not in columns, columns
    assert "Vink een rij aan: de redenen van die suggestie staan onder de tabel" in texts(app)
    widths = json.loads(table.proto.columns)
    assert widths["library_organisation"]["width"] == widths["care_organisation"]["width"] == 200, widths


def test_saved_is_said_after_the_rerun(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    atlas = seeded_atlas_with_coordinator(monkeypatch, tmp_path)
    app = sign_in(open_page(monkeypatch, atlas.settings.store, "suggestions", radius="50"))
    app.text_input(key="follow_up_note").set_value("gebeld").run()
    pair = app.selectbox(key="follow_up_pair").options[0]
    assert re.search(r" × .+ \(.*\d+,\d km\)$", pair), pair  # where and how far: alike names read apart
    state = app.selectbox(key="follow_up_state").options[0]
    app.button(key="follow_up_save").click().run()
    assert not app.exception
    # Regression: it said only "Opgeslagen.", not for which suggestion.
    assert [plain(element.value) for element in app.success] == [f"Opgeslagen: {pair}, {state.lower()}."]
    # Regression: the note stayed in its box after saving, ready to be saved again with the next suggestion.
    assert app.text_input(key="follow_up_note").value == ""
    # Regression: a saved note was shown nowhere again; the pair's steps are listed under its follow-up.
    assert any("“gebeld”" in caption.value and state in caption.value for caption in app.caption), [
        caption.value for caption in app.caption
    ]


def test_the_organisation_picker_has_a_title(monkeypatch: pytest.MonkeyPatch, seed_store: str) -> None:
    app = open_page(monkeypatch, seed_store, "organisation")
    assert [title.value for title in app.title] == ["Organisatie"]
    assert app.selectbox(key="organisation_picker").label == "Kies een organisatie"


def test_the_examples_pager_is_also_below_the_cards(monkeypatch: pytest.MonkeyPatch, demo_store: str) -> None:
    app = open_page(monkeypatch, demo_store, "examples")
    first = texts(app)
    app.number_input(key="page_bottom").increment().run()
    assert app.number_input(key="page").value == 2
    assert texts(app) != first and not app.exception


@pytest.mark.parametrize("page", ["submit", "review"])
def test_the_form_and_the_review_render_on_an_empty_store(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, page: str
) -> None:
    app = open_page(monkeypatch, str(tmp_path / "empty"), page)
    assert not app.exception, app.exception


def test_an_over_long_name_is_said_next_to_its_field_not_cut_or_dropped(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """Regression: the fields had a browser length limit below the check's. A name of 300 characters pasted
    into *Naam* left the field empty ("Vul dit veld in."), and a typed one was cut mid-word and published."""
    atlas = seeded_atlas_with_coordinator(monkeypatch, tmp_path)
    form = open_page(monkeypatch, atlas.settings.store, "submit")
    fill_new_care_site(form)
    assert [field.key for field in form.text_input if field.proto.max_chars] == []
    assert [field.key for field in form.text_area if field.proto.max_chars] == []
    long_name = "Zorgorganisatie " + "Heel Lange Naam " * 20
    form.text_input(key="care_name").set_value(long_name).run()
    form.text_input(key="care_address").set_value("Straat " * 40).run()
    form.text_input(key="activity_other").set_value("koffie " * 50).run()
    form.text_input(key="contact_name").set_value("Jan " * 60).run()
    form.text_input(key="submitter_email").set_value("partner@example.org").run()
    form.button(key="send").click().run()
    shown = errors(form)
    assert "Te lang (maximaal 200 tekens)." in shown  # the name
    assert shown.count("Te lang (maximaal 200 tekens).") == 3  # the name, the address and the contact's name
    assert "Te lang (maximaal 300 tekens)." in shown  # other activities
    assert form.text_input(key="care_name").value == long_name  # kept whole, to be shortened by the partner
    assert not submissions(atlas, viewer=Viewer.coordinator("test"))


def test_the_closed_sign_in_box_says_who_is_signed_in(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """Regression: after signing in, the closed box in the sidebar still said "Aanmelden coördinator"; only
    opening it showed that a coordinator was signed in."""
    atlas = seeded_atlas_with_coordinator(monkeypatch, tmp_path)
    app = open_page(monkeypatch, atlas.settings.store, "suggestions")
    assert [box.label for box in app.sidebar.expander] == ["Aanmelden coördinator"]
    app = sign_in(app)
    assert [box.label for box in app.sidebar.expander] == ["Aangemeld als Anna de Vries"]
    app.sidebar.button(key="sign_out").click().run()
    assert [box.label for box in app.sidebar.expander] == ["Aanmelden coördinator"]


@pytest.mark.parametrize("page", ["overview", "map", "network", "examples", "coverage", "questions", "organisation"])
def test_the_sign_in_box_is_on_every_page(monkeypatch: pytest.MonkeyPatch, seed_store: str, page: str) -> None:
    """Regression: the box was only on the five pages where a coordinator sees more; moving to the map, a
    signed-in coordinator lost sight of being signed in, and could not sign out there."""
    app = open_page(monkeypatch, seed_store, page)
    assert not app.exception
    assert [box.label for box in app.sidebar.expander] == ["Aanmelden coördinator"]
    signed_in = AppTest.from_file(str(REPO_ROOT / "app.py"), default_timeout=120)
    signed_in.session_state["coordinator"] = "Anna de Vries"
    signed_in.switch_page(f"ui/pages/{page}.py")
    assert [box.label for box in signed_in.run().sidebar.expander] == ["Aangemeld als Anna de Vries"]


def test_a_story_under_its_limit_is_not_called_too_long_because_of_the_other_activities(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """Regression: a story of 3,990 characters with 50 characters of other activities was told "Te lang
    (maximaal 4000 tekens)." under the story: the two are kept together, and the message was the story's."""
    atlas = seeded_atlas_with_coordinator(monkeypatch, tmp_path)
    form = open_page(monkeypatch, atlas.settings.store, "submit")
    fill_new_care_site(form)
    form.text_area(key="story").set_value("verhaal " * 498 + "einde.").run()  # 3,990 characters
    form.text_input(key="activity_other").set_value("koffie schenken en boeken kaften voor de buurt!").run()
    form.text_input(key="submitter_email").set_value("partner@example.org").run()
    form.button(key="send").click().run()
    assert errors(form)[0].startswith("Het verhaal en de andere activiteiten samen zijn te lang (maximaal 4000")
    assert len([message for message in errors(form) if "Te lang" in message or "te lang" in message]) == 1
    assert not submissions(atlas, viewer=Viewer.coordinator("test"))


def test_an_answer_without_rows_offers_no_empty_downloads(monkeypatch: pytest.MonkeyPatch, seed_store: str) -> None:
    """Regression: "0 rijen · Geen rijen." came with three download buttons for empty files."""
    app = open_page(monkeypatch, seed_store, "questions", q="collaboration-overview", p_province_code="PV20")
    assert not app.exception and "Geen rijen." in [caption.value for caption in app.caption]
    assert not app.get("download_button")
    filled = open_page(monkeypatch, seed_store, "questions", q="collaboration-overview")
    assert len(filled.get("download_button")) == 3


def test_another_question_opens_without_the_filter_of_the_one_before(
    monkeypatch: pytest.MonkeyPatch, seed_store: str
) -> None:
    """Regression: Utrecht chosen on "Gaten per activiteit" silently narrowed the next question, and its
    download was named "…-utrecht.csv". A shared link with a filter still opens with it."""
    app = open_page(monkeypatch, seed_store, "questions", q="gaps-by-activity", p_province_code="PV26")
    assert app.selectbox(key="p_gaps-by-activity_province_code").value == "PV26"
    app.selectbox(key="question").set_value("coverage").run()
    assert not app.exception
    assert app.selectbox(key="p_coverage_province_code").value == ""
    assert "p_province_code" not in app.query_params


def test_a_new_organisations_town_is_sent_as_the_place_is_written(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """Regression: "tegelen" typed in the form was stored as typed, and the review named "Zorg (tegelen)"."""
    atlas = seeded_atlas_with_coordinator(monkeypatch, tmp_path)
    form = open_page(monkeypatch, atlas.settings.store, "submit")
    fill_new_care_site(form)
    form.text_input(key="care_town").set_value("tegelen").run()
    code = send(form, atlas)
    from graph.views.review_card import review_cards

    [card] = [card for card in review_cards(atlas, Viewer.coordinator("Anna"), "nl") if card.code == code]
    assert card.heading.endswith("Zorgcentrum De Linde (Tegelen)")


def test_a_new_organisation_starts_with_the_name_searched_for(monkeypatch: pytest.MonkeyPatch, seed_store: str) -> None:
    """Regression: a partner searched for "Zorgboerderij De Hoeve", found nothing, chose "+ Nieuwe organisatie
    toevoegen" and had to type the name again in an empty Naam."""
    form = open_page(monkeypatch, seed_store, "submit")
    form.text_input(key="care_search").set_value("  Zorgboerderij De Hoeve ").run()
    form.selectbox(key="care_site").set_value("__new__").run()
    assert form.text_input(key="care_name").value == "Zorgboerderij De Hoeve"
    form.text_input(key="care_name").set_value("Zorgboerderij De Hoeve Venlo").run()
    form.text_input(key="care_search").set_value("Hoeve").run()  # searching again keeps what was written
    assert form.text_input(key="care_name").value == "Zorgboerderij De Hoeve Venlo"
    assert not form.exception
