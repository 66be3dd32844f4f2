"""Counts read as a Dutch or English reader writes them: "1 locatie", "2 locaties", "1 row", "5.810 rijen"."""

from __future__ import annotations

import re

from ui.i18n import TEXTS, text


def test_every_singular_text_has_its_plural_and_says_one() -> None:
    singulars = [key for key in TEXTS if key.endswith("_one")]
    assert {"count_sites_one", "count_collaborations_one", "rows_one", "examples_count_one"} <= set(singulars)
    for key in singulars:
        plural = key.removesuffix("_one")
        assert plural in TEXTS, key
        for lang in ("nl", "en"):
            assert "{n}" in text(plural, lang) and "{n}" not in text(key, lang), key
            assert re.search(r"\b1\b", text(key, lang)), key
