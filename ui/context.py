"""What every page shares: the atlas (opened once per process), the language and the URL state."""

from __future__ import annotations

import streamlit as st

from graph.atlas import Atlas
from graph.settings import Settings, settings_from_environment

from .i18n import text

LANGUAGES = {"nl": "Nederlands", "en": "English"}


@st.cache_resource(show_spinner=False)
def _open_atlas(settings: Settings) -> Atlas:
    return Atlas.open(settings)


def atlas() -> Atlas:
    return _open_atlas(settings_from_environment())


def language() -> str:
    """The interface language: from the URL (``?lang=en``), remembered for the session; Dutch by default."""
    chosen = st.query_params.get("lang") or st.session_state.get("lang") or "nl"
    return chosen if chosen in LANGUAGES else "nl"


def language_switch() -> str:
    current = language()
    choice = st.sidebar.radio(
        text("language", current),
        options=list(LANGUAGES),
        format_func=LANGUAGES.__getitem__,
        index=list(LANGUAGES).index(current),
        horizontal=True,
        key="language_switch",
    )
    st.session_state["lang"] = choice
    if choice == "nl":
        st.query_params.pop("lang", None)
    else:
        st.query_params["lang"] = choice
    return choice


def t(key: str) -> str:
    return text(key, language())
