"""The interface texts are kept in three tables; together they must say each thing once, in both languages."""

from __future__ import annotations

from ui.i18n import _GENERAL, TEXTS
from ui.i18n_answers import ANSWER_HEADINGS
from ui.i18n_take_part import TAKE_PART_TEXTS


def test_no_text_is_in_two_tables() -> None:
    tables = (_GENERAL, TAKE_PART_TEXTS, ANSWER_HEADINGS)
    assert len(TEXTS) == sum(len(table) for table in tables)


def test_every_text_has_its_dutch_and_its_english() -> None:
    for key, (dutch, english) in TEXTS.items():
        assert dutch.strip() and english.strip(), key
