"""The interface texts are kept in four tables; together they must say each thing once, in both languages."""

from __future__ import annotations

from ui.i18n import _GENERAL, TEXTS
from ui.i18n_answers import ANSWER_HEADINGS
from ui.i18n_questions import QUESTION_TEXTS
from ui.i18n_take_part import TAKE_PART_TEXTS


def test_no_text_is_in_two_tables() -> None:
    tables = (_GENERAL, TAKE_PART_TEXTS, QUESTION_TEXTS, ANSWER_HEADINGS)
    assert len(TEXTS) == sum(len(table) for table in tables)


def test_every_text_has_its_dutch_and_its_english() -> None:
    for key, (dutch, english) in TEXTS.items():
        assert dutch.strip() and english.strip(), key


def test_a_charts_parts_are_named_in_plain_words_in_both_languages() -> None:
    """Regression: Vega's jargon for a chart's parts ("group mark container", "rect mark container") reached
    screen readers on English pages, and English on Dutch ones."""
    from graph.model.language import Lang
    from ui.interface_words import interface_words

    dutch, english = interface_words(Lang.NL), interface_words(Lang.EN)
    assert [dutch[part] for part in ("axis", "legend", "group mark container", "rect mark container")] == [
        "as",
        "legenda",
        "groep",
        "staven",
    ]
    assert [english[part] for part in ("as", "legenda", "groep", "staven", "rect mark container")] == [
        "axis",
        "legend",
        "group",
        "bars",
        "bars",
    ]
    assert english["Zijbalk inklappen"] == "Collapse sidebar"


def test_a_download_button_says_downloaden_on_a_dutch_page() -> None:
    """Regression: the buttons under every table said "Download CSV" and "Download Excel" on Dutch pages. No
    Dutch text uses an English word for what a control does."""
    import re

    english = r"\b(Download|Submit|Search|Select|Cancel|Sign in|Choose|Show|Hide|Save|Delete|Clear|Upload|empty)\b"
    assert {key: dutch for key, (dutch, _) in TEXTS.items() if re.search(english, dutch)} == {}
    assert TEXTS["download_csv"] == ("CSV downloaden", "Download CSV")
