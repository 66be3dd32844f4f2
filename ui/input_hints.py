"""Streamlit's typing hints in the reader's language.

Streamlit writes the hint under a text field it is typed in ("Press Enter to apply") in English only, and
offers no setting for it. A partner filling in the Dutch form saw it under every field. The hint is replaced
with a style sheet: the hint's own text is hidden and the reader's text is drawn in its place.

Streamlit writes a field's hints as the spans of one element: the typing hint while the field holds text not
yet applied, then the length counter ("3/200") when the field has a maximum length. So a hint is the first of
two spans. Every text field of the app outside a form has a maximum length (``tests/unit/test_input_hints.py``
holds the pages to it), so a span alone there is a counter. Two places have fields without a counter, where a
span alone is the hint: a form (the sign-in box: "Press Enter to submit form") and the partner's form, whose
fields are checked when it is sent (the container keyed :data:`FIELDS_CHECKED_ON_SEND`; Streamlit drops a
paste longer than a field's limit without a word). A number field has no counter either (a year on *Vragen*).
"""

from __future__ import annotations

import streamlit as st

from graph.model.language import Lang

from .i18n import text

HINTS = '[data-testid="InputInstructions"]'
FIELDS_CHECKED_ON_SEND = "fields_checked_on_send"  # a container's key: Streamlit gives it the class st-key-…
UNCOUNTED = f".st-key-{FIELDS_CHECKED_ON_SEND}"
# (where, which text): later rules win over earlier ones for the fields they name.
PLACES = (
    (f"{HINTS}:has(> span + span)", "hint_apply"),
    (f"{UNCOUNTED} {HINTS}:has(> span:only-child)", "hint_apply"),
    (f'[data-testid="stTextArea"] {HINTS}:has(> span + span)', "hint_apply_multiline"),
    (f'{UNCOUNTED} [data-testid="stTextArea"] {HINTS}:has(> span:only-child)', "hint_apply_multiline"),
    (f'[data-testid="stForm"] {HINTS}:has(> span:only-child)', "hint_submit_form"),
    # A number field has no length counter: its one span is the hint (a year on *Vragen*).
    (f'[data-testid="stNumberInput"] {HINTS}:has(> span:only-child)', "hint_apply"),
)


def _css_string(value: str) -> str:
    """A CSS string holding ``value`` exactly (our own texts, but a quote in a translation must not end it)."""
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\a ") + '"'


def input_hints_style(lang: Lang) -> str:
    """The style sheet that writes Streamlit's typing hints in ``lang``; empty for English, Streamlit's own."""
    if lang == Lang.EN:
        return ""
    rules = []
    for place, key in PLACES:
        rules.append(f"{place} > span:first-child {{ display: none; }}")
        rules.append(f"{place}::before {{ content: {_css_string(text(key, lang))}; }}")
    return "\n".join(rules)


def show_input_hints(lang: Lang) -> None:
    """Put the style sheet on the page; Streamlit adds a page of style tags only without taking any room."""
    style = input_hints_style(lang)
    if style:
        st.html(f"<style>\n{style}\n</style>")
