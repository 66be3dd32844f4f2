"""Every URL parameter the app reads, given a value that does not fit: the page falls back politely, in Dutch
and English, and a visitor never sees a traceback."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from graph.intake.setup import initialise
from graph.settings import REPO_ROOT, Settings
from graph.store.atlas import Atlas

from .conftest import SEED, reference_dir

APP = str(REPO_ROOT / "app.py")
NOTICE = "Het adres bevat een waarde die hier niet past"
FILTER_PAGES = {
    "province": ["map", "network", "examples", "coverage", "suggestions"],
    "activity": ["map", "network", "examples"],
    "municipality": ["map", "suggestions", "coverage"],
    "status": ["map"],
}
PAGES = ["overview", "map", "network", "organisation", "suggestions", "coverage", "questions", "examples", "submit"]
HOSTILE_VALUES = ["abc", "<script>alert(1)</script>", "[klik](javascript:alert(1))", "x" * 5000]


@pytest.fixture(scope="module")
def seed_store(tmp_path_factory: pytest.TempPathFactory) -> str:
    folder = tmp_path_factory.mktemp("seed")
    atlas = Atlas.open(Settings(store=str(folder / "store"), reference=reference_dir()))
    initialise(atlas, seed=SEED)
    return atlas.settings.store


def open_page(monkeypatch: pytest.MonkeyPatch, store: str, page: str, **query: str) -> AppTest:
    monkeypatch.setenv("PASSENDWERK_STORE", store)
    app = AppTest.from_file(APP, default_timeout=120)
    for key, value in query.items():
        app.query_params[key] = value
    app.switch_page(f"ui/pages/{page}.py")
    return app.run()


def notices(app: AppTest) -> str:
    return "\n".join(str(element.value) for element in app.warning)


def shown(app: AppTest) -> str:
    elements = (*app.markdown, *app.caption, *app.title, *app.warning, *app.error, *app.info, *app.text)
    return "\n".join(str(element.value) for element in elements)


@pytest.mark.parametrize("value", ["abc", "999", "-3", "1e3", "15.5", "0x10", "1_0", " 7 ", "١٢"])
def test_suggestions_radius_abc_falls_back_to_15_with_a_notice(
    monkeypatch: pytest.MonkeyPatch, seed_store: str, value: str
) -> None:
    app = open_page(monkeypatch, seed_store, "suggestions", radius=value)
    assert not app.exception, app.exception
    radius = app.slider(key="radius").value
    if value.strip() == "7":
        assert radius == 7 and NOTICE not in notices(app)
    else:
        assert radius == 15 and NOTICE in notices(app)
        assert "Straal \\(km\\) = «" in notices(app)  # named as the page names the slider (Markdown-escaped)
        # The address is corrected, so a shared link works: the wrong value leaves it, and without a radius the
        # page starts at 15 (the value it starts with is not written, see test_browser_history).
        assert "radius" not in app.query_params


@pytest.mark.parametrize("page", FILTER_PAGES["municipality"])
def test_a_municipality_chosen_before_another_province_is_let_go_without_a_notice(
    monkeypatch: pytest.MonkeyPatch, seed_store: str, page: str
) -> None:
    """Regression: Venlo chosen, then the province Utrecht, said "Het adres bevat een waarde die hier niet past:
    Gemeente = «GM0983»" to a visitor who had typed no address."""
    app = open_page(monkeypatch, seed_store, page)
    app.sidebar.selectbox(key="filter_municipality").set_value("GM0983").run()
    assert app.query_params["municipality"] == "GM0983"
    app.sidebar.selectbox(key="filter_province").set_value("PV26").run()
    assert not app.exception and NOTICE not in notices(app)
    box = app.sidebar.selectbox(key="filter_municipality")
    # Sent to the browser too: it went on showing "Venlo" in the box while the page showed Utrecht.
    assert box.value == "" and box.proto.set_value
    assert "municipality" not in app.query_params
    assert (
        open_page(monkeypatch, seed_store, page, municipality=" gm0983")
        .sidebar.selectbox(key="filter_municipality")
        .value
        == "GM0983"
    )  # a code in other capitals, as Vragen reads it
    # The same two values in a shared link are still said: that visitor did not choose the municipality here.
    link = open_page(monkeypatch, seed_store, page, municipality="GM0983", province="PV26")
    assert NOTICE in notices(link)


@pytest.mark.parametrize(
    ("name", "page"), [(name, page) for name, pages in FILTER_PAGES.items() for page in pages], ids=str
)
def test_unknown_filter_values_in_the_url_fall_back_to_all(
    monkeypatch: pytest.MonkeyPatch, seed_store: str, name: str, page: str
) -> None:
    for value in ("PV99", HOSTILE_VALUES[1]):
        app = open_page(monkeypatch, seed_store, page, **{name: value})
        assert not app.exception, app.exception
        assert NOTICE in notices(app) and "Alle" in notices(app)
        assert app.selectbox(key=f"filter_{name}").value == ""
        assert "<script>" not in notices(app)  # quoted as escaped text, never as markup


@pytest.mark.parametrize(
    ("page", "query", "key", "expected"),
    [
        ("coverage", {"provincie": "PV31"}, "filter_province", "PV31"),
        ("map", {"gemeente": "GM0983"}, "filter_municipality", "GM0983"),
        ("examples", {"activiteit": "voorlezen"}, "filter_activity", "voorlezen"),
        ("factsheet", {"municipality": "GM0983"}, "factsheet_search", "GM0983"),
        ("factsheet", {"province": "PV31"}, "factsheet_search", "PV31"),
    ],
    ids=str,
)
def test_coverage_with_provincie_in_the_address_filters_as_with_province(
    monkeypatch: pytest.MonkeyPatch, seed_store: str, page: str, query: dict[str, str], key: str, expected: str
) -> None:
    """The area profile's links say ``provincie=`` and ``gemeente=``, the other pages ``province=`` and
    ``municipality=``: a name from one page typed on another was silently ignored and showed the whole country."""
    app = open_page(monkeypatch, seed_store, page, **query)
    assert not app.exception, app.exception
    assert app.selectbox(key=key).value == expected
    assert NOTICE not in notices(app)
    (typed,) = query
    # The address keeps one name for the filter, the page's own, so a shared link stays plain.
    own = {"provincie": "province", "gemeente": "municipality", "activiteit": "activity"}.get(typed)
    if own is not None:
        assert typed not in app.query_params and app.query_params[own] == expected
    if page != "factsheet":  # the notice names the filter as the page does, not by its name in the address
        wrong = open_page(monkeypatch, seed_store, page, **{typed: "XX99"})
        label = {"provincie": "Provincie", "gemeente": "Gemeente", "activiteit": "Activiteit"}[typed]
        assert f"{label} = «XX99»" in notices(wrong) and f"{typed} =" not in notices(wrong)


@pytest.mark.parametrize("page", PAGES)
def test_unknown_language_in_the_url_falls_back_to_dutch(
    monkeypatch: pytest.MonkeyPatch, seed_store: str, page: str
) -> None:
    app = open_page(monkeypatch, seed_store, page, lang="xx")
    assert not app.exception, app.exception
    assert NOTICE in notices(app) and "Nederlands" in notices(app)


def test_unknown_question_in_the_url_falls_back_to_the_first(monkeypatch: pytest.MonkeyPatch, seed_store: str) -> None:
    for value in ("geen-vraag", "../../etc/passwd"):
        app = open_page(monkeypatch, seed_store, "questions", q=value)
        assert not app.exception, app.exception
        assert NOTICE in notices(app)
        assert app.selectbox(key="question").value == "stats" and "q" not in app.query_params  # the first


def test_a_parameter_of_another_question_leaves_the_address(monkeypatch: pytest.MonkeyPatch, seed_store: str) -> None:
    """Regression: after an unknown question, its ``p_…`` parameter stayed in the address the visitor shares."""
    app = open_page(monkeypatch, seed_store, "questions", q="geen-vraag", p_radius_km="5", p_province_code="PV31")
    assert not app.exception, app.exception
    assert app.selectbox(key="question").value == "stats"  # the first question, which takes no parameter
    assert "q" not in app.query_params  # as it is not written where it is the page's start
    assert [name for name in app.query_params if name.startswith("p_")] == []


@pytest.mark.parametrize("value", HOSTILE_VALUES)
def test_question_parameters_from_the_url_are_values_never_markup(
    monkeypatch: pytest.MonkeyPatch, seed_store: str, value: str
) -> None:
    app = open_page(monkeypatch, seed_store, "questions", q="gaps", p_province_code=value)
    assert not app.exception, app.exception
    assert "](javascript:" not in "\n".join(element.value for element in app.error)
    assert app.selectbox(key="p_gaps_province_code").value == ""  # not a province: the question asks for all


def test_a_wrong_question_parameter_is_named_as_its_control(monkeypatch: pytest.MonkeyPatch, seed_store: str) -> None:
    """Regression: "Het adres bevat een waarde die hier niet past: p_municipality_code = «Ventlo»" named the
    parameter as the address does, not as the page does."""
    app = open_page(monkeypatch, seed_store, "questions", q="municipality-figures", p_municipality_code="Ventlo")
    assert not app.exception
    said = notices(app)
    assert "Gemeente = «Ventlo»" in said and "p_municipality_code" not in said
    assert "p_municipality_code" not in app.query_params  # the address the visitor shares is clean again


@pytest.mark.parametrize("value", ["onbekend", *HOSTILE_VALUES])
def test_unknown_organisation_in_the_url_is_said_politely(
    monkeypatch: pytest.MonkeyPatch, seed_store: str, value: str
) -> None:
    app = open_page(monkeypatch, seed_store, "organisation", org=value)
    assert not app.exception, app.exception
    assert "Deze organisatie staat niet in de atlas." in notices(app)


def test_an_unexpected_failure_shows_a_message_not_a_traceback(
    monkeypatch: pytest.MonkeyPatch, seed_store: str
) -> None:
    import graph.analysis.suggest

    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("/srv/passendwerk/graph/suggest.py: internal detail")

    monkeypatch.setattr(graph.analysis.suggest, "suggest", broken)
    app = open_page(monkeypatch, seed_store, "suggestions")
    assert not app.exception, app.exception
    assert "Deze pagina kon niet worden getoond" in shown(app)
    assert "/srv/passendwerk" not in shown(app) and "RuntimeError" not in shown(app)


def test_a_direction_override_in_the_address_cannot_turn_the_notice_around(
    monkeypatch: pytest.MonkeyPatch, seed_store: str
) -> None:
    """Regression: ?provincie=%E2%80%AEabc (a right-to-left override) showed the rest of the notice backwards."""
    app = open_page(monkeypatch, seed_store, "coverage", provincie="\u202eabc")
    assert "Provincie = «\ufffdabc»" in notices(app) and "\u202e" not in notices(app)


def test_a_hidden_character_in_the_address_is_shown_in_the_notice(
    monkeypatch: pytest.MonkeyPatch, seed_store: str
) -> None:
    """Regression: ?province=PV31%00 was refused with a notice quoting «PV31», which reads as a valid code."""
    app = open_page(monkeypatch, seed_store, "map", province="PV31\x00")
    assert "Provincie = «PV31\ufffd»" in notices(app)


def test_both_names_of_a_filter_keep_the_pages_own_and_say_which_went(
    monkeypatch: pytest.MonkeyPatch, seed_store: str
) -> None:
    app = open_page(monkeypatch, seed_store, "coverage", provincie="PV31", province="PV27")
    assert app.selectbox(key="filter_province").value == "PV27"
    assert "provincie = «PV31»" in notices(app)
    # The one kept by its name, as the box shows it, not its code (it said "De pagina toont daarom: PV27").
    assert "toont daarom: Noord\\-Holland." in notices(app)  # Markdown-escaped
