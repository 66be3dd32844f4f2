"""Layout rules Streamlit has no setting for: names in the page wrap instead of being cut off.

Streamlit draws a page link's label and a metric's label on one line and hides what does not fit, without an
ellipsis. An organisation's name on an example card ("Zorgorganisatie De Lange Naam …"), a long metric label
("Inwoners in die gemeenten") and, in a narrow window, a metric's value ("1,3…" for 1,3 %) were cut. In the
page itself they wrap; the sidebar keeps Streamlit's own.
"""

from __future__ import annotations

import streamlit as st

WRAPPED = (
    '[data-testid="stMain"] '
    ':is([data-testid="stPageLink-NavLink"], [data-testid="stMetricLabel"], [data-testid="stMetricValue"])'
)
PAGE_STYLE = f"{WRAPPED}, {WRAPPED} :is(span, div, p) {{ white-space: normal; overflow-wrap: anywhere; }}"


def show_page_style() -> None:
    """Put the style sheet on the page (Streamlit adds a style tag without taking any room)."""
    st.html(f"<style>\n{PAGE_STYLE}\n</style>")
