"""Layout rules Streamlit has no setting for: names in the page wrap instead of being cut off.

Streamlit draws a page link's label and a metric's label on one line and hides what does not fit, without an
ellipsis. An organisation's name on an example card ("Zorgorganisatie De Lange Naam …") and a long metric label
("Inwoners in die gemeenten") were cut mid-word. In the page itself they wrap; the sidebar keeps Streamlit's own.
"""

from __future__ import annotations

import streamlit as st

WRAPPED = '[data-testid="stMain"] :is([data-testid="stPageLink-NavLink"], [data-testid="stMetricLabel"])'
PAGE_STYLE = f"{WRAPPED} :is(span, div, p) {{ white-space: normal; overflow-wrap: anywhere; }}"


def show_page_style() -> None:
    """Put the style sheet on the page (Streamlit adds a style tag without taking any room)."""
    st.html(f"<style>\n{PAGE_STYLE}\n</style>")
