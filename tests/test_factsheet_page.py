"""The area profile page (AppTest on real stores) and what it and the reports never show: private contacts
and follow-up notes; the follow-up state only for signed-in coordinators."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from graph.analysis.followup import record_state
from graph.intake.setup import initialise
from graph.model.viewer import Viewer
from graph.settings import REPO_ROOT
from graph.store.atlas import Atlas
from graph.views.factsheet import FactsheetSource
from graph.views.factsheet_answers import forget, wait_until_prepared
from graph.views.factsheet_report import FORMATS, file_name, render

from .conftest import run_cli
from .report_text import pdf_pages_and_text

APP = str(REPO_ROOT / "app.py")
PRIVATE_NOTE = "Notitie: Piet belt terug na de zomer"
# c3 in tests/data/tiny has a contact without consent to publish: Piet Prive, piet@example.org, Begeleider.
PRIVATE = ("Piet Prive", "piet@example.org", "Begeleider", PRIVATE_NOTE, "Piet belt")


def open_profile(monkeypatch: pytest.MonkeyPatch, store: str, coordinator: str | None = None, **query: str) -> AppTest:
    monkeypatch.setenv("PASSENDWERK_STORE", store)
    app = AppTest.from_file(APP, default_timeout=120)
    for key, value in query.items():
        app.query_params[key] = value
    if coordinator:
        app.session_state["coordinator"] = coordinator
    app.switch_page("ui/pages/factsheet.py")
    return app.run()


def everything_shown(app: AppTest) -> str:
    """Every text, table cell and label the page shows."""
    parts = [str(e.value) for e in (*app.title, *app.markdown, *app.caption, *app.subheader, *app.info, *app.warning)]
    parts += [f"{metric.label} {metric.value}" for metric in app.metric]
    for table in app.dataframe:
        frame = table.value if isinstance(table.value, pd.DataFrame) else pd.DataFrame()
        parts += [" ".join(map(str, frame.columns)), frame.to_csv(index=False)]
    return "\n".join(parts)


@pytest.fixture
def tiny_with_follow_up(tiny_atlas: Atlas) -> Atlas:
    """The tiny graph with a coordinator's follow-up (and its private note) on Venlo's open chance."""
    record_state(tiny_atlas, "lib-d", "care-x", "introduced", Viewer.coordinator("Anna"), PRIVATE_NOTE)
    return tiny_atlas


def test_profile_page_of_venlo_on_seed_data(monkeypatch: pytest.MonkeyPatch, seed_atlas: Atlas) -> None:
    app = open_profile(monkeypatch, seed_atlas.settings.store, gemeente="GM0983")
    assert not app.exception, app.exception
    assert app.title[0].value == "Venlo"
    assert "Gemeenteprofiel" in app.caption[0].value and "provincie Limburg" in app.caption[0].value
    assert app.info[0].value.startswith("Venlo\\: 2 bibliotheeklocaties, 2 zorglocaties, 2 actieve samenwerkingen")
    assert [metric.value for metric in app.metric] == ["2", "2", "2", "0", "0"]
    comparison = app.dataframe[0].value
    assert list(comparison.columns) == ["Cijfer", "Venlo", "Limburg", "Nederland"]
    assert list(comparison.Venlo[:3]) == ["2 (1,9)", "2 (1,9)", "2 (1,9)"]  # 2 of 103,789 inhabitants
    shown = everything_shown(app)
    assert "Daelzicht" in shown and "Werkleercentrum PSW" in shown  # the stories of its collaborations
    assert "**Bibliotheek Venlo** × **Daelzicht**" in shown  # each card names the library and the care organisation
    # Regression: the details read "actief · Venlo · gestart 2021" here and "Actief · … · Gestart 2021" elsewhere.
    details = [str(caption.value) for caption in app.caption if " · Venlo · " in str(caption.value)]
    assert details and all(detail.startswith("Actief · Venlo · ") for detail in details), details
    assert any(re.match(r"Actief · Venlo · Gestart \d{4} · ", detail) for detail in details), details
    assert "Open kansen" in shown and "Gestart per jaar" in shown
    assert app.selectbox(key="factsheet_search").value == "GM0983"


def test_a_card_on_the_profile_says_a_full_date_as_readers_write_it(
    monkeypatch: pytest.MonkeyPatch, seed_atlas: Atlas
) -> None:
    """Regression: a collaboration sent in with a start date of 1-5-2023 read "Gestart 2023-05-01" on the profile,
    where the organisation page says "Gestart 1 mei 2023"."""
    from graph.intake.submissions import NewOrganisation, SubmissionForm, approve, submit

    form = SubmissionForm(
        library_site_id="bibliotheek-venlo-stadsbibliotheek",
        new_care=NewOrganisation("Zorgcentrum De Linde", "Venlo", 51.37, 6.17),
        activities=("koffiecorner",),
        status="active",
        start_date="1-5-2023",
        submitter_email="partner@example.org",
    )
    sent = submit(seed_atlas, form)
    assert sent.ok, sent
    approve(seed_atlas, sent.code, Viewer.coordinator("anna"))
    forget()
    app = open_profile(monkeypatch, seed_atlas.settings.store, gemeente="GM0983")
    shown = everything_shown(app)
    assert "Actief · Venlo · Gestart 1 mei 2023" in shown and "2023-05-01" not in shown


def test_profile_page_of_a_province_in_english(monkeypatch: pytest.MonkeyPatch, seed_atlas: Atlas) -> None:
    app = open_profile(monkeypatch, seed_atlas.settings.store, provincie="PV31", lang="en")
    assert not app.exception, app.exception
    assert app.title[0].value == "Limburg"
    assert "Province profile" in app.caption[0].value
    assert "Netherlands" in list(app.dataframe[0].value.columns)
    assert "Open chances" in everything_shown(app)


def test_search_box_opens_a_profile_and_an_unknown_code_is_said_plainly(
    monkeypatch: pytest.MonkeyPatch, seed_atlas: Atlas
) -> None:
    app = open_profile(monkeypatch, seed_atlas.settings.store, gemeente="gm9999\u202e<b>x</b>")
    assert not app.exception
    # Regression: the notice did not say which value it did not know.
    assert app.warning[0].value == (
        "De atlas kent geen gemeente of provincie «gm9999\ufffd\\<b\\>x\\</b\\>». Kies er een in de zoeklijst."
    )
    app.selectbox(key="factsheet_search").set_value("GM0632").run()
    assert app.title[0].value == "Woerden"
    assert app.query_params["gemeente"] == ["GM0632"] or app.query_params["gemeente"] == "GM0632"


def test_a_municipality_and_a_province_in_the_address_show_the_municipality_and_say_which_went(
    monkeypatch: pytest.MonkeyPatch, seed_atlas: Atlas
) -> None:
    """Regression: ``?gemeente=GM0632&provincie=PV26`` showed Woerden and kept both in the address, without a word."""
    app = open_profile(monkeypatch, seed_atlas.settings.store, gemeente="GM0632", provincie="PV26")
    assert not app.exception and app.title[0].value == "Woerden"
    assert "provincie = «PV26»" in app.warning[0].value and "Woerden" in app.warning[0].value
    assert "provincie" not in app.query_params and "gemeente" in app.query_params


def test_coverage_tables_and_gap_list_link_to_the_profiles(monkeypatch: pytest.MonkeyPatch, seed_atlas: Atlas) -> None:
    monkeypatch.setenv("PASSENDWERK_STORE", seed_atlas.settings.store)
    app = AppTest.from_file(APP, default_timeout=120)
    app.switch_page("ui/pages/coverage.py")
    app.run()
    assert not app.exception, app.exception
    by_province, gaps, per_municipality = (table.value for table in app.dataframe[:3])
    assert by_province.profile.iloc[0].startswith("factsheet?provincie=PV")
    assert gaps.profile.str.match(r"^factsheet\?gemeente=GM\d{4}$").all() and len(gaps) > 0
    assert "factsheet?gemeente=GM0983" in set(per_municipality.profile)


def test_coverage_page_has_the_profiles_read_before_one_is_opened(
    monkeypatch: pytest.MonkeyPatch, seed_atlas: Atlas
) -> None:
    forget()
    monkeypatch.setenv("PASSENDWERK_STORE", seed_atlas.settings.store)
    app = AppTest.from_file(APP, default_timeout=120)
    app.switch_page("ui/pages/coverage.py")
    assert not app.run().exception
    wait_until_prepared(seed_atlas)
    asked: list[str] = []
    run = seed_atlas.questions.run

    def counted(*args: Any, **kwargs: Any) -> pd.DataFrame:
        asked.append(args[1])
        return run(*args, **kwargs)

    monkeypatch.setattr(seed_atlas.questions, "run", counted)
    assert FactsheetSource(seed_atlas).factsheet("GM0983").figures.library_sites == 2
    assert asked == []  # the profile opened from the coverage page asks the store nothing more


def test_factsheet_never_shows_a_private_contact_or_a_follow_up_note(
    monkeypatch: pytest.MonkeyPatch, tiny_with_follow_up: Atlas, tmp_path: Path
) -> None:
    store = tiny_with_follow_up.settings.store
    # Amsterdam lists c3 (whose contact is private); Venlo's open chance carries the follow-up and its note.
    for query in ({"gemeente": "GM0363"}, {"gemeente": "GM0983"}, {"provincie": "PV31"}, {"provincie": "PV27"}):
        for coordinator in (None, "Anna de Vries"):
            shown = everything_shown(open_profile(monkeypatch, store, coordinator, **query))
            for secret in PRIVATE:
                assert secret not in shown, (query, coordinator, secret)
    source = FactsheetSource(tiny_with_follow_up, viewer=Viewer.coordinator("test"))
    assert list(source.factsheet("GM0983").chances.follow_up) == ["introduced"]  # what .public() must drop
    area_names = {"GM0363": "Amsterdam", "GM0983": "Venlo", "PV31": "Limburg", "PV27": "Noord-Holland"}
    for code in ("GM0363", "GM0983", "PV31", "PV27"):
        public = source.factsheet(code).public()
        for output_format in FORMATS:
            for lang in ("nl", "en"):
                report = render(public, output_format, lang, "https://atlas.example.org")
                text = report.decode("utf-8") if output_format != "pdf" else pdf_pages_and_text(report)[1]
                name = "North Holland" if (code, lang) == ("PV27", "en") else area_names[code]
                assert name in text, (code, output_format, lang)  # the text is really read
                for secret in (*PRIVATE, "geïntroduceerd", "introduced", "Opvolging", "Follow-up"):
                    assert secret not in text, (code, output_format, lang, secret)
    # The command line makes the same reports, for every area of a province at once.
    made = run_cli("factsheet", "--province", "PV31", "--format", "md", "--out", str(tmp_path), store=store, check=True)
    reports = "\n".join(path.read_text(encoding="utf-8") for path in tmp_path.glob("*.md"))
    assert "Venlo" in reports and made.returncode == 0
    for secret in (*PRIVATE, "geïntroduceerd", "introduced", "Opvolging"):
        assert secret not in reports, secret


def test_follow_up_state_only_for_signed_in_coordinators(
    monkeypatch: pytest.MonkeyPatch, tiny_with_follow_up: Atlas
) -> None:
    store = tiny_with_follow_up.settings.store
    public = open_profile(monkeypatch, store, gemeente="GM0983")
    chances = public.dataframe[1].value
    assert list(chances.library_organisation) == ["Bibliotheek Delta"]
    assert "follow_up" not in chances.columns
    signed_in = open_profile(monkeypatch, store, "Anna de Vries", gemeente="GM0983")
    chances = signed_in.dataframe[1].value
    assert list(chances.follow_up) == ["Geïntroduceerd"]  # the vocabulary's label
    assert PRIVATE_NOTE not in everything_shown(signed_in)


def test_profile_page_renders_on_an_empty_store(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    app = open_profile(monkeypatch, str(tmp_path / "empty"), gemeente="GM0983")
    assert not app.exception, app.exception
    assert app.warning[0].value == "De atlas kent geen gemeente of provincie «GM0983». Kies er een in de zoeklijst."


@pytest.fixture(scope="module")
def demo_store(tmp_path_factory: pytest.TempPathFactory) -> str:
    from devtools.demo import write_demo
    from graph.settings import Settings

    from .conftest import reference_dir

    folder = tmp_path_factory.mktemp("factsheet-demo")
    write_demo(folder / "data", scale=0.05, seed=11, reference=reference_dir())
    atlas = Atlas.open(Settings(store=str(folder / "store"), reference=reference_dir()))
    initialise(atlas, seed=folder / "data")
    return atlas.settings.store


@pytest.mark.parametrize("query", [{"gemeente": "GM0363"}, {"provincie": "PV30"}, {"gemeente": "GM0088"}])
def test_profile_page_renders_on_demo_data(
    monkeypatch: pytest.MonkeyPatch, demo_store: str, query: dict[str, str]
) -> None:
    app = open_profile(monkeypatch, demo_store, **query)
    assert not app.exception, app.exception
    assert app.title and app.info  # the name and the sentence
    assert len(app.metric) == 5


def test_a_province_tells_ten_collaborations_as_cards_and_lists_them_all_in_a_table(
    monkeypatch: pytest.MonkeyPatch, demo_store: str
) -> None:
    """Regression: the profile of Gelderland told all its 316 collaborations as cards (a page of 51,000 pixels)
    before its chances and its downloads; the report tells three."""
    from graph.settings import Settings

    collaborations = Atlas.open(Settings(store=demo_store)).answer("collaboration-overview")
    counted = collaborations[collaborations.province_code != ""].province_code.value_counts()
    province, total = str(counted.index[0]), int(counted.iloc[0])
    assert total > 10  # the demo data holds a province with more than the cards
    app = open_profile(monkeypatch, demo_store, provincie=province)
    assert not app.exception, app.exception
    cards = [element.value for element in app.markdown if " × " in str(element.value)]
    assert len(cards) == 10
    assert f"… en nog {total - 10}: de tabel hieronder noemt ze allemaal." in [c.value for c in app.caption]
    [listed] = [expander for expander in app.expander if expander.label == f"Alle {total} samenwerkingen"]
    table = listed.dataframe[0].value
    assert len(table) == total
    assert set(table.status) <= {"Actief", "Verkennend", "Beëindigd", "Onbekend"}  # in words, as on the cards


def test_the_profiles_title_stands_above_its_search(monkeypatch: pytest.MonkeyPatch, tiny_atlas: Atlas) -> None:
    """Regression: the search box stood above the page's title, so a profile opened with a box, not its name."""
    for query in ({}, {"gemeente": "GM0983"}):
        app = open_profile(monkeypatch, tiny_atlas.settings.store, **query)
        order = [type(element).__name__ for element in app.main if type(element).__name__ in ("Title", "Selectbox")]
        assert order[:2] == ["Title", "Selectbox"], order


def test_a_municipalitys_trend_has_a_scale_of_its_own(monkeypatch: pytest.MonkeyPatch, tiny_atlas: Atlas) -> None:
    """Regression: the trend drew a municipality's collaborations on its province's axis, so a town's one or two a
    year were flat bars under the province's. Each now has its own chart, side by side."""
    import json

    app = open_profile(monkeypatch, tiny_atlas.settings.store, gemeente="GM0983")  # Venlo, next to Limburg
    charts = app.get("vega_lite_chart")
    assert [chart.proto.alt for chart in charts] == [
        "Staafdiagram van de samenwerkingen die per jaar zijn gestart in Venlo.",
        "Staafdiagram van de samenwerkingen die per jaar zijn gestart in Limburg.",
    ]
    for chart in charts:
        spec = json.loads(chart.proto.spec)
        assert spec["encoding"]["color"]["legend"] is None  # the chart's heading names its one series


def test_an_english_profile_gives_the_chances_reasons_in_english(
    monkeypatch: pytest.MonkeyPatch, demo_store: str
) -> None:
    """Regression: the English profile and its reports said why a pair is a chance in Dutch ("0,6 km van elkaar;
    nog geen samenwerking in …") beside English headings."""
    from graph.settings import Settings

    source = FactsheetSource(Atlas.open(Settings(store=demo_store)))
    code = next(str(c) for c in source.areas().code if str(c).startswith("PV") and len(source.factsheet(c).chances))
    app = open_profile(monkeypatch, demo_store, provincie=code, lang="en")
    assert not app.exception, app.exception
    [reasons] = [table.value["reasons"] for table in app.dataframe if "reasons" in table.value.columns]
    assert len(reasons) and all(" apart" in reason and "van elkaar" not in reason for reason in reasons), reasons
    # in full under the table, each after its pair: in the table's last column they were cut at the page's edge
    listed = "\n".join(str(markdown.value) for markdown in app.markdown)
    shown = re.sub(r"\\(.)", r"\1", listed).replace("\u2060", "")  # as the reader sees it
    assert all(str(reason) in shown for reason in reasons), listed
    for lang, distance in (("en", " apart"), ("nl", " van elkaar")):
        report = render(source.factsheet(code).public(), "md", lang, "https://example.org").decode()
        chances = report.split("## Open ")[1].split("\n## ")[0]  # "## Open kansen" or "## Open chances"
        assert distance in chances and (" apart" if lang == "nl" else " van elkaar") not in chances


def test_an_english_profile_names_provinces_in_english(monkeypatch: pytest.MonkeyPatch, demo_store: str) -> None:
    """Regression: English pages said "Friesland" and "North Holland" in the search and on Coverage, but the
    profile's caption, its comparison and its reports said "Fryslân" and "Noord-Holland"."""
    from graph.settings import Settings

    english = open_profile(monkeypatch, demo_store, gemeente="GM0080", lang="en")  # Leeuwarden
    shown = everything_shown(english)
    assert "province of Friesland" in shown and "of Fryslân" not in shown, [c.value for c in english.caption][:2]
    assert "provincie Fryslân" in everything_shown(open_profile(monkeypatch, demo_store, gemeente="GM0080"))
    sheet = FactsheetSource(Atlas.open(Settings(store=demo_store))).factsheet("PV27")
    report = render(sheet.public(), "md", "en", "https://example.org").decode()
    assert "North Holland" in report and "Noord-Holland" not in report
    assert "Noord-Holland" in render(sheet.public(), "md", "nl", "https://example.org").decode()


def test_a_reports_file_is_named_in_the_readers_language_without_accents(demo_store: str) -> None:
    """Regression: an English report of Noord-Holland was saved as "factsheet-PV27-noord-holland-en.pdf", and
    Fryslân's as "factsheet-PV21-frysl-n.pdf"; a Dutch one began with the English "factsheet" and a code."""
    from graph.settings import Settings

    source = FactsheetSource(Atlas.open(Settings(store=demo_store)))
    north_holland, fryslan = source.factsheet("PV27"), source.factsheet("PV21")
    assert file_name(north_holland, "pdf", "en") == "area-profile-province-north-holland.pdf"
    assert file_name(north_holland, "pdf", "nl") == "gebiedsprofiel-provincie-noord-holland.pdf"
    assert file_name(fryslan, "md", "nl") == "gebiedsprofiel-provincie-fryslan.md"
    assert file_name(fryslan, "md", "en") == "area-profile-province-friesland.md"
    # Utrecht is a province and a municipality: their reports, written into one folder, keep apart
    assert file_name(source.factsheet("GM0344"), "pdf", "nl") == "gebiedsprofiel-utrecht.pdf"
    assert file_name(source.factsheet("PV26"), "pdf", "nl") == "gebiedsprofiel-provincie-utrecht.pdf"


def test_a_collaborations_card_on_the_profile_says_its_participants(
    monkeypatch: pytest.MonkeyPatch, tiny_atlas: Atlas
) -> None:
    """Regression: the cards on the page left out how many take part, where the report said "· 6 deelnemers ·"."""
    app = open_profile(monkeypatch, tiny_atlas.settings.store, gemeente="GM0632")
    assert not app.exception, app.exception
    details = [str(caption.value) for caption in app.caption if " · Woerden" in str(caption.value)]
    assert any("6 deelnemers" in detail for detail in details), details
