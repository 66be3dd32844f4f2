"""Tables name provinces with the vocabulary's labels, looked up once per table."""

from __future__ import annotations

from dataclasses import replace

import pandas as pd
import pytest

import ui.components as components


class CountingLabels:
    def __init__(self) -> None:
        self.asked = 0

    def __call__(self) -> CountingLabels:
        self.asked += 1
        return self

    def province(self, code: str) -> str:
        return {"PV31": "Limburg"}.get(code, code)


def test_a_long_listing_looks_the_labels_up_once_not_per_row(monkeypatch: pytest.MonkeyPatch) -> None:
    # Regression: every row asked for the labels again; "Alle locaties" (5,800 rows) took 5 s per visit to Vragen.
    counting = CountingLabels()
    monkeypatch.setattr(components, "labels", counting)
    monkeypatch.setattr(components, "language", lambda: "nl")
    frame = pd.DataFrame({"site": [f"locatie {n}" for n in range(2_000)], "province_code": "PV31"})
    named = components.with_province_names(frame)
    assert set(named.province_code) == {"Limburg"} and counting.asked == 1
    counting.asked = 0
    components.table_view(frame.head(100)).to_html()  # the display formats every cell
    assert counting.asked == 1


def test_downloads_say_yes_and_no_in_words_and_leave_the_page_table_as_it_was(monkeypatch: pytest.MonkeyPatch) -> None:
    """Regression: the coverage downloads wrote the column Gedekt as True and False."""
    monkeypatch.setattr(components, "labels", CountingLabels())
    monkeypatch.setattr(components, "language", lambda: "nl")
    monkeypatch.setattr(components, "t", lambda key: {"yes": "Ja", "no": "Nee"}.get(key, key))
    frame = pd.DataFrame({"covered": [True, False], "library_sites": [1, 0], "note": [True, "x"]})
    table = components.readable(frame)
    assert list(table.iloc[:, 0]) == ["Ja", "Nee"] and list(table.iloc[:, 1]) == [1, 0]
    assert list(table.iloc[:, 2]) == [True, "x"]  # not a column of yes and no
    assert frame.covered.tolist() == [True, False]


def test_coordinates_are_shown_to_five_decimals_the_readers_way(monkeypatch: pytest.MonkeyPatch) -> None:
    """Regression: a table's coordinates were written with one decimal (52,0), which puts sites kilometres apart."""
    monkeypatch.setattr(components, "language", lambda: "nl")
    frame = pd.DataFrame({"lat": [52.048123, 51.37], "care_lon": [6.172346, 6.2], "distance_km": [1.84, 2.0]})
    shown = components.table_view(frame).to_html()  # type: ignore[union-attr]
    assert "52,04812" in shown and "6,17235" in shown and "1,8" in shown
    assert ">51,37<" in shown and ">6,2<" in shown  # no trailing zeros, as the form writes a point


def test_an_address_in_text_from_a_user_is_not_made_a_link() -> None:
    """Regression: a follow-up note "http://evil.example" became a link on the page, although every character that
    Markdown reads was escaped; Streamlit's Markdown finds bare addresses itself."""
    from ui.markdown import WORD_JOINER, safe

    for text in ("see http://evil.example", "HTTPS://x.nl", "www.evil.example", "mailto:a@b.nl", "a@b.nl"):
        made = safe(text)
        assert made.replace(WORD_JOINER, "").replace("\\", "") == text  # as the reader sees it
        for start in ("http", "HTTPS", "www", "mailto", "@"):
            if start in text:
                assert start + WORD_JOINER in made, (text, made)


def test_a_review_cards_heading_gives_a_town_a_name_does_not_say_as_a_whole_word() -> None:
    """Regression: "Doorn" was left out after "Zorggroep Apeldoorn", as if the name said it."""
    from graph.views.review_card import ReviewCard

    def heading(library: str, care: str, towns: tuple[str, str]) -> str:
        card = ReviewCard("PW-1", f"{library} × {care}", "", "", "", "", "", False, (), (), ())
        return replace(card, partners=(library, care), towns=towns).heading

    assert (
        heading("Zorggroep Apeldoorn", "Zorg X", ("Doorn", "Doorn")) == "Zorggroep Apeldoorn (Doorn) × Zorg X (Doorn)"
    )
    assert heading("Bibliotheek Venlo", "Daelzicht", ("Venlo", "Venlo")) == "Bibliotheek Venlo × Daelzicht (Venlo)"
    assert heading("Bibliotheek Venlo", "Daelzicht", ("", "")) == "Bibliotheek Venlo × Daelzicht"
