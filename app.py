"""Passend Werk Atlas — the web app. This file only routes; pages live in ui/pages."""

import logging

import streamlit as st

from graph.store.interface import StoreError
from ui.address import link_query, on_page, one_address_per_run
from ui.context import PAGES, coordinator, filters_above_sign_in, language_first, one_version_per_run
from ui.i18n import text
from ui.input_hints import show_input_hints
from ui.interface_words import show_interface_words
from ui.page_style import show_page_style

st.set_page_config(page_title="Passend Werk Atlas", page_icon="📚", layout="wide")


def page(name: str, icon: str, lang: str, default: bool = False) -> st.Page:
    return st.Page(PAGES[name], title=text(f"page_{name}", lang), icon=icon, url_path=name, default=default)


# The language is chosen before the menu is built, so one click on the switch changes the menu too.
# The address is written once, at the end of the run: one history entry per change, so Back undoes it.
with one_version_per_run(), one_address_per_run(), language_first() as lang:
    show_input_hints(lang)
    show_page_style()
    show_interface_words(lang)
    sections = {
        text("section_explore", lang): [
            page("overview", ":material/home:", lang, default=True),
            page("map", ":material/map:", lang),
            page("network", ":material/hub:", lang),
            page("examples", ":material/auto_stories:", lang),
            page("organisation", ":material/apartment:", lang),
        ],
        text("section_analyse", lang): [
            page("suggestions", ":material/handshake:", lang),
            page("coverage", ":material/insights:", lang),
            page("factsheet", ":material/summarize:", lang),
            page("questions", ":material/query_stats:", lang),
        ],
        text("section_contribute", lang): [
            page("submit", ":material/add_circle:", lang),
            page("review", ":material/fact_check:", lang),
        ],
    }
    # Streamlit's own menu puts section headings inside its list, which screen readers cannot follow (axe:
    # "list", "listitem"); the app draws the menu itself as headings, each over a list of page links.
    navigation = st.navigation(sections, position="hidden")
    on_page(navigation.url_path)
    for section, section_pages in sections.items():
        st.sidebar.subheader(section, divider=False)
        for each in section_pages:
            st.sidebar.page_link(each, query_params=link_query())
    st.sidebar.divider()
    # On every page, so a signed-in coordinator sees so wherever they are and can sign out anywhere; the page's
    # filters come above it.
    # The review is for coordinators only: there the sign-in stands open, so its message finds it at once.
    with filters_above_sign_in(open_sign_in=navigation.url_path == "review"):
        try:
            navigation.run()
        except StoreError as error:  # an unreachable or refusing store: say so instead of showing a traceback
            logging.getLogger("passendwerk.app").warning("page %s: the store failed: %s", navigation.url_path, error)
            st.error(text("store_failed", lang))
            # What the store said names server addresses or folders: for a coordinator, who can act on it, not for
            # every visitor. Plain text: a server may echo what a user typed.
            if coordinator():
                st.text(str(error))
        except Exception:  # never a traceback (with server paths) in front of a visitor; the log keeps it
            logging.getLogger("passendwerk.app").exception("page %s failed", navigation.url_path)
            st.error(text("page_failed", lang))
