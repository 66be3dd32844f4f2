"""Area profiles: the figures of the tiny graph worked out by hand, the reports and the command line.

Hand-worked figures (tests/data/tiny; population from the CBS table gemeenten_2025.csv):

Venlo GM0983 (an ended collaboration only): library sites b-venlo and d-tegelen (2), care site x-venlo (1),
c2 ended (Beta Venlo × Zorg X Venlo, 2019–2022), no active or exploring one. 103,789 inhabitants, so
2 library sites are 1.9 per 100,000. Limburg holds nothing else. The one open chance is Bibliotheek Delta ×
Zorg X (d-tegelen to x-venlo, 2.0 km): Beta and Zorg X are linked by c2, so they are no chance.

Utrecht GM0344 (a gap): library site a-utrecht (1), care sites y-utrecht and w-utrecht (2), no collaboration
at its library site (c4 has its care site here but counts in Woerden). The open chance is Bibliotheek Alfa ×
Zorg W (a-utrecht to w-utrecht, 1.3 km); Alfa already works with Zorg X and Zorg Y. Its nearest practice
examples, from its point (52.082, 5.09863): c1 in Woerden (14.8 km), c3 in Amsterdam (35.5 km), c2 in
Venlo (108 km); c4 has no story. The province of Utrecht: 2 library sites, 3 care sites, c1 and c4 active, both
started in Woerden (2023, 2024).

The Netherlands: 5 library sites, 5 care sites, 2 active, 1 exploring, 1 ended, 1 library site at work
(a-woerden), 1 covered municipality of 342.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pandas as pd
import pytest
from rdflib import URIRef

from graph.analysis.followup import record_state
from graph.model.viewer import Viewer
from graph.settings import REPO_ROOT
from graph.store.atlas import Atlas
from graph.store.interface import AtlasStore
from graph.views.dates import since
from graph.views.factsheet import NETHERLANDS, FactsheetError, FactsheetSource, Figures
from graph.views.factsheet_content import content
from graph.views.factsheet_report import file_name, render
from graph.views.factsheet_text import SOURCE_LINE, sentence

from .conftest import FEATURE_BACKENDS, run_cli
from .report_text import pdf_pages_and_text

BASE_URL = "https://atlas.example.org"
LONG_NAME = "Stichting Openbare Bibliotheek Maas en Peel en omstreken, vestiging Centrum"


@pytest.mark.backends(*FEATURE_BACKENDS)
def test_figures_of_venlo_with_an_ended_collaboration_only(tiny_atlas: Atlas) -> None:
    sheet = FactsheetSource(tiny_atlas).factsheet("GM0983")
    assert (sheet.area.name, sheet.area.level, sheet.area.province_code) == ("Venlo", "municipality", "PV31")
    assert sheet.figures == Figures(
        population=103_789, library_sites=2, care_sites=1, ended_collaborations=1, library_sites_working=0
    )
    assert sheet.figures.per_100k(2) == pytest.approx(1.9, abs=0.05)
    (province, limburg), (country, netherlands) = sheet.comparison
    assert province == "Limburg" and country == NETHERLANDS
    assert (limburg.library_sites, limburg.care_sites, limburg.ended_collaborations) == (2, 1, 1)
    assert limburg.municipalities == 31
    assert netherlands == Figures(
        population=netherlands.population,
        library_sites=5,
        care_sites=5,
        active_collaborations=2,
        exploring_collaborations=1,
        ended_collaborations=1,
        library_sites_working=1,
        municipalities=342,
        covered_municipalities=1,
    )
    assert list(sheet.collaborations.collaboration_id) == ["c2"]
    story = sheet.collaborations.iloc[0]
    assert (story.status, story.start_date, story.end_date, story.description) == (
        "ended",
        "2019",
        "2022",
        "Ontmoetingsochtend in Venlo.",
    )
    assert sheet.examples.empty  # it has a collaboration of its own
    assert list(zip(sheet.chances.library_organisation, sheet.chances.care_organisation, strict=True)) == [
        ("Bibliotheek Delta", "Zorg X")
    ]
    assert sheet.chances.distance_km.iloc[0] == pytest.approx(2.0, abs=0.05)
    assert bool(sheet.chances.in_area.iloc[0])
    assert "follow_up" not in sheet.chances.columns
    assert sheet.trend.to_dict("records") == [{"year": 2019, "area": 1, "comparison": 1}]
    assert sentence(sheet, "nl") == (
        "Venlo: 2 bibliotheeklocaties, 1 zorglocatie, 1 beëindigde samenwerking — nog geen actieve "
        "samenwerking; de dichtstbijzijnde kans is Bibliotheek Delta met Zorg X (2,0 km van elkaar)."
    )
    assert sentence(sheet, "en") == (
        "Venlo: 2 library sites, 1 care site, 1 ended collaboration — no active collaboration yet; the "
        "nearest chance is Bibliotheek Delta with Zorg X (2.0 km apart)."
    )


@pytest.mark.backends(*FEATURE_BACKENDS)
def test_figures_of_utrecht_a_gap(tiny_atlas: Atlas) -> None:
    sheet = FactsheetSource(tiny_atlas).factsheet("gm0344")
    assert sheet.figures == Figures(population=374_238, library_sites=1, care_sites=2)
    province = sheet.comparison[0][1]
    assert (province.library_sites, province.care_sites, province.active_collaborations) == (2, 3, 2)
    assert (province.library_sites_working, province.covered_municipalities, province.municipalities) == (1, 1, 26)
    assert sheet.collaborations.empty
    assert list(sheet.examples.collaboration_id) == ["c1", "c3", "c2"]
    assert list(sheet.examples.distance_km) == pytest.approx([14.8, 35.5, 107.9], abs=0.3)
    chance = sheet.chances.iloc[0]
    assert len(sheet.chances) == 1
    assert (chance.library_organisation, chance.care_organisation) == ("Bibliotheek Alfa", "Zorg W")
    assert chance.distance_km == pytest.approx(1.3, abs=0.05)
    assert chance.reasons == (
        "1,3 km van elkaar; nog geen samenwerking in Utrecht; Bibliotheek Alfa werkt al met 2 zorgorganisaties"
    )
    assert sheet.trend.to_dict("records") == [
        {"year": 2023, "area": 0, "comparison": 1},
        {"year": 2024, "area": 0, "comparison": 1},
    ]
    assert sentence(sheet, "nl") == (
        "Utrecht: 1 bibliotheeklocatie, 2 zorglocaties — nog geen actieve samenwerking; de dichtstbijzijnde "
        "kans is Bibliotheek Alfa met Zorg W (1,3 km van elkaar)."
    )


@pytest.mark.backends(*FEATURE_BACKENDS)
def test_province_profile_of_utrecht(tiny_atlas: Atlas) -> None:
    sheet = FactsheetSource(tiny_atlas).factsheet("PV26")
    assert sheet.area.is_province and sheet.area.name == "Utrecht"
    assert (sheet.figures.library_sites, sheet.figures.active_collaborations, sheet.figures.municipalities) == (
        2,
        2,
        26,
    )
    assert [name for name, _ in sheet.comparison] == [NETHERLANDS]
    assert list(sheet.collaborations.collaboration_id) == ["c4", "c1"]  # newest first
    assert sheet.trend.to_dict("records") == [
        {"year": 2019, "area": 0, "comparison": 1},
        {"year": 2020, "area": 0, "comparison": 0},
        {"year": 2021, "area": 0, "comparison": 0},
        {"year": 2022, "area": 0, "comparison": 0},
        {"year": 2023, "area": 1, "comparison": 1},
        {"year": 2024, "area": 1, "comparison": 2},
    ]
    coverage = dict(zip(sheet.boundaries.code, sheet.boundaries.coverage, strict=True))
    assert (coverage["GM0632"], coverage["GM0344"], coverage["PV26"]) == ("covered", "gap", "area")
    assert sentence(sheet, "nl") == (
        "Utrecht: 2 bibliotheeklocaties, 3 zorglocaties, 2 actieve samenwerkingen — 1 op de 2 "
        "bibliotheeklocaties werkt samen met de zorg (1 van de 2)."
    )


def test_profiles_share_their_answers_until_the_data_changes(
    tiny_atlas: Atlas, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The first profile reads the answers for the whole country; later ones, of any province and for any
    viewer, ask the store nothing, until a write makes the next one read again."""
    FactsheetSource(tiny_atlas).factsheet("GM0983")
    asked: list[str] = []
    run = tiny_atlas.questions.run

    def counted(store: AtlasStore, name: str, *args: Any, **kwargs: Any) -> pd.DataFrame:
        asked.append(name)
        return run(store, name, *args, **kwargs)

    monkeypatch.setattr(tiny_atlas.questions, "run", counted)
    for code in ("GM0344", "PV26", "GM0363", "PV31"):
        FactsheetSource(tiny_atlas).factsheet(code)
    assert asked == []
    record_state(tiny_atlas, "lib-d", "care-x", "introduced", Viewer.coordinator("Anna"), "Belt terug")
    sheet = FactsheetSource(tiny_atlas, viewer=Viewer.coordinator("test")).factsheet("GM0983")
    assert "area-collaborations" in asked
    assert list(sheet.chances.follow_up) == ["introduced"]


@pytest.mark.backends(*FEATURE_BACKENDS)
def test_an_unknown_area_is_a_clear_error(tiny_atlas: Atlas) -> None:
    with pytest.raises(FactsheetError, match="GM9999.*unknown municipality or province"):
        FactsheetSource(tiny_atlas).factsheet("GM9999")


def test_reports_hold_the_figures_date_source_and_address_on_one_page(tiny_atlas: Atlas) -> None:
    sheet = FactsheetSource(tiny_atlas).factsheet("GM0983")
    day = since(sheet.made_on.isoformat(), "nl")  # "26 november 2026", as the profile's reader writes it
    markdown = render(sheet, "md", "nl", BASE_URL).decode()
    html = render(sheet, "html", "nl", BASE_URL).decode()
    pages, pdf_text = pdf_pages_and_text(render(sheet, "pdf", "nl", BASE_URL))
    for report in (markdown, html, pdf_text):
        assert SOURCE_LINE in report
        assert day in report
        assert f"{BASE_URL}/factsheet?gemeente=GM0983" in report
        assert "Gemeenteprofiel" in report
    assert pages == 1
    # Regression: the whole country's rate read 0,0 (5 sites per 17.9 million); it has two significant digits
    assert "| Bibliotheeklocaties | 2 | 1,9 | 2 | 0,18 | 5 | 0,028 |" in markdown
    for fetches in ("<script", "src=", "<link", "url(", "@import"):  # self-contained: nothing is fetched
        assert fetches not in html
    english = render(sheet, "md", "en", BASE_URL).decode()
    assert "Municipality profile" in english and "lang=en" in english and "Made on" in english


def test_the_largest_report_still_fits_one_page(tiny_atlas: Atlas) -> None:
    """Long stories, many chances and years: the PDF shrinks its content rather than run onto a second page."""
    sheet = FactsheetSource(tiny_atlas).factsheet("GM0983")
    many = sheet.collaborations.iloc[[0] * 12].assign(
        description="Een lang verhaal. " * 60, library=LONG_NAME, care_organisation=LONG_NAME
    )
    sheet.collaborations = many.reset_index(drop=True)
    sheet.chances = (
        sheet.chances.iloc[[0] * 5]
        .assign(reasons="reden; " * 40, library_organisation=LONG_NAME, care_organisation=LONG_NAME)
        .reset_index(drop=True)
    )
    pages, text = pdf_pages_and_text(render(sheet, "pdf", "nl", BASE_URL))
    assert pages == 1
    assert "en nog 9" in text
    # Regression: a name in the chances table was cut after 40 characters, a few words of it.
    from graph.views.factsheet_content import content

    shown = "Stichting Openbare Bibliotheek Maas en Peel en omstreken, …"
    assert content(sheet, "nl", BASE_URL).chance_rows[0][:2] == [shown, shown]


def test_hostile_names_stay_text_in_every_report(tiny_atlas: Atlas) -> None:
    sheet = FactsheetSource(tiny_atlas).factsheet("GM0983")
    sheet.collaborations = sheet.collaborations.assign(
        library="<script>alert(1)</script>", description="**vet** [link](javascript:alert(1)) <b>x</b>"
    )
    html = render(sheet, "html", "nl", BASE_URL).decode()
    assert "<script>alert" not in html and "&lt;script&gt;" in html and "<b>x</b>" not in html
    markdown = render(sheet, "md", "nl", BASE_URL).decode()
    assert "[link](javascript" not in markdown and "\\<script\\>" in markdown
    assert pdf_pages_and_text(render(sheet, "pdf", "nl", BASE_URL))[0] == 1  # ReportLab markup is escaped too


def test_cli_factsheet_to_stdout_and_bad_codes(tiny_atlas: Atlas, tmp_path: Path) -> None:
    store = tiny_atlas.settings.store
    shown = run_cli("factsheet", "GM0983", "--format", "md", store=store)
    assert shown.returncode == 0, shown.stderr
    assert "Venlo: 2 bibliotheeklocaties" in shown.stdout
    english = run_cli("factsheet", "GM0983", "--format", "md", "--lang", "en", store=store)
    assert "Venlo: 2 library sites" in english.stdout
    for arguments in (
        ["GM9999"],
        ["Venlo"],
        ["--province", "GM0983", "--out", str(tmp_path / "x")],
        ["--province", "PV31"],
    ):
        refused = run_cli("factsheet", *arguments, store=store)
        assert refused.returncode == 2, (arguments, refused.stderr)
        assert "fout (error)" in refused.stderr and "Traceback" not in refused.stderr
    assert not (tmp_path / "x").exists()
    target = tmp_path / "venlo.pdf"
    written = run_cli("factsheet", "GM0983", "--out", str(target), store=store)
    assert written.returncode == 0 and target.read_bytes().startswith(b"%PDF")


def test_cli_reports_for_every_municipality_of_a_province(tiny_atlas: Atlas, tmp_path: Path) -> None:
    made = run_cli(
        "factsheet",
        "--province",
        "PV31",
        "--format",
        "html",
        "--out",
        str(tmp_path / "limburg"),
        store=tiny_atlas.settings.store,
    )
    assert made.returncode == 0, made.stderr
    files = sorted(path.name for path in (tmp_path / "limburg").iterdir())
    assert len(files) == 32  # Limburg and its 31 municipalities
    assert "gebiedsprofiel-venlo.html" in files and "gebiedsprofiel-provincie-limburg.html" in files
    assert "[##############################]  32/32" in made.stderr  # the progress bar, full at the end


def test_example_reports_for_the_readme(seed_atlas: Atlas) -> None:
    """The example reports the README links to: Venlo with the seed data, in Dutch and English."""
    sheet = FactsheetSource(seed_atlas).factsheet("GM0983")
    folder = REPO_ROOT / "test-output" / "factsheet"
    folder.mkdir(parents=True, exist_ok=True)
    for output_format in ("pdf", "html", "md"):
        for lang in ("nl", "en"):
            (folder / file_name(sheet, output_format, lang)).write_bytes(render(sheet, output_format, lang, BASE_URL))
    report = content(sheet, "nl", BASE_URL)
    assert report.sentence.startswith("Venlo: 2 bibliotheeklocaties, 2 zorglocaties, 2 actieve samenwerkingen")
    assert pdf_pages_and_text((folder / "gebiedsprofiel-venlo.pdf").read_bytes())[0] == 1


def _remove_from_c2(atlas: Atlas, predicate: URIRef) -> None:
    """Take one property of the tiny data's collaboration c2 out of the store, as a record sent without it."""
    from graph.store.interface import Change

    from .conftest import EVERYTHING

    c2 = next(quad for quad in atlas.store.quads(private=EVERYTHING) if str(quad[0]).endswith("/c2"))[0]
    found = atlas.store.quads(subject=c2, predicate=predicate, private=EVERYTHING)
    assert found
    atlas.store.apply(Change(remove_quads=found))


@pytest.mark.backends(*FEATURE_BACKENDS)
def test_a_collaboration_without_activities_shows_none_not_nan(tiny_atlas: Atlas) -> None:
    """Regression: a collaboration sent in through the form without activities read "actief · Amsterdam · nan" on
    its area profile: the engine left the list of no activities unbound, and the page took NaN for a list."""
    from rdflib import DCTERMS

    _remove_from_c2(tiny_atlas, DCTERMS.subject)
    for question in ("area-collaborations", "collaboration-overview"):
        answer = tiny_atlas.answer(question).set_index("collaboration_id")
        assert answer.loc["c2", "activities"] == "", question
    sheet = FactsheetSource(tiny_atlas).factsheet("GM0983")
    assert sheet.collaborations.activities.tolist() == [""]
    for output_format in ("md", "html"):
        assert "nan" not in render(sheet, output_format, "nl", BASE_URL).decode().lower()


@pytest.mark.backends(*FEATURE_BACKENDS)
def test_an_unknown_number_of_participants_is_empty_not_0(tiny_atlas: Atlas) -> None:
    """Regression: `area-collaborations` turned a collaboration without a number of participants into 0, so its
    download on *Vragen* said nobody took part where the source says nothing."""
    from graph.model.vocab import PW

    _remove_from_c2(tiny_atlas, PW.participants)
    for question in ("area-collaborations", "collaboration-overview"):
        answer = tiny_atlas.answer(question).set_index("collaboration_id")
        assert pd.isna(answer.loc["c2", "participants"]), question
    sheet = FactsheetSource(tiny_atlas).factsheet("GM0983")
    for output_format in ("md", "html"):
        report = render(sheet, output_format, "nl", BASE_URL).decode().lower()
        assert "nan" not in report and "0 deelnemers" not in report
