"""Layout rules Streamlit has no setting for: names in the page wrap instead of being cut off.

Streamlit draws a page link's label and a metric's label on one line and hides what does not fit, without an
ellipsis. An organisation's name on an example card ("Zorgorganisatie De Lange Naam …"), a long metric label
("Inwoners in die gemeenten") and, in a narrow window, a metric's value ("1,3…" for 1,3 %) were cut. In the
page itself they wrap; the sidebar keeps Streamlit's own.

Streamlit also keeps 5rem (80 pixels) empty on either side of a wide page. On a screen 1,280 pixels wide that left
818 pixels for the page beside the sidebar, and the tables of *Dekking* (the provinces with their English
headings, the municipalities) and the suggestions were 5–270 pixels wider: they scrolled sideways and hid their
last column. On a screen of at least 576 pixels (where Streamlit keeps its 5rem) the sides are 2.5rem.
"""

from __future__ import annotations

import streamlit as st

WRAPPED = (
    '[data-testid="stMain"] '
    ':is([data-testid="stPageLink-NavLink"], [data-testid="stMetricLabel"], [data-testid="stMetricValue"])'
)
WRAPPING = f"{WRAPPED}, {WRAPPED} :is(span, div, p) {{ white-space: normal; overflow-wrap: anywhere; }}"
#: The room on either side of the page, on a screen wide enough for Streamlit's own 5rem.
PAGE_SIDES = "2.5rem"
NARROWER_SIDES = (
    "@media (min-width: 576px) { "
    f'[data-testid="stMainBlockContainer"] {{ padding-left: {PAGE_SIDES}; padding-right: {PAGE_SIDES}; }} }}'
)
PAGE_STYLE = f"{WRAPPING}\n{NARROWER_SIDES}"


def show_page_style() -> None:
    """Put the style sheet on the page (Streamlit adds a style tag without taking any room)."""
    st.html(f"<style>\n{PAGE_STYLE}\n</style>")
