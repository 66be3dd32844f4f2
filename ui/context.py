"""What every page shares: the atlas (opened once per process), the language, labels and the URL state."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import streamlit as st

from graph.model.viewer import ANONYMOUS, Viewer
from graph.settings import Settings, settings_from_environment
from graph.store.atlas import Atlas
from graph.store.labels import Labels, load_labels

from .i18n import text
from .markdown import safe
from .url import ignore, url_option, url_text

LANGUAGES = {"nl": "Nederlands", "en": "English"}
PAGES = {
    "overview": "ui/pages/overview.py",
    "map": "ui/pages/map.py",
    "network": "ui/pages/network.py",
    "organisation": "ui/pages/organisation.py",
    "suggestions": "ui/pages/suggestions.py",
    "coverage": "ui/pages/coverage.py",
    "questions": "ui/pages/questions.py",
    "examples": "ui/pages/examples.py",
    "submit": "ui/pages/submit.py",
    "review": "ui/pages/review.py",
    "factsheet": "ui/pages/factsheet.py",
}


@st.cache_resource(show_spinner=False)
def _open_atlas(settings: Settings) -> Atlas:
    return Atlas.open(settings)


def atlas() -> Atlas:
    return _open_atlas(settings_from_environment())


def data_version() -> str:
    """Which store, and which version of its data (it changes on every write, in any process).

    Every cached answer is keyed by it, so caches follow the data. (Streamlit leaves arguments whose name
    starts with an underscore out of the cache key, so this one must not have such a name.)
    """
    store = atlas().store
    return f"{store.location}@{store.generation()}"


def language() -> str:
    """The interface language: from the URL (``?lang=en``), remembered for the session; Dutch by default."""
    chosen = url_text("lang") or st.session_state.get("lang") or "nl"
    return chosen if chosen in LANGUAGES else "nl"


def language_switch() -> str:
    current = language()
    asked = url_text("lang")
    if asked and asked not in LANGUAGES:
        ignore("lang", asked, LANGUAGES[current], current)
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


def t(key: str, **values: object) -> str:
    message = text(key, language())
    return message.format(**values) if values else message


@st.cache_data(show_spinner=False, max_entries=8)
def _labels(version: str, lang: str) -> Labels:
    current = atlas()
    return load_labels(current, lang)


def labels() -> Labels:
    return _labels(data_version(), language())


def headings(frame_columns: Sequence[str]) -> dict[str, str]:
    """Translated column headings for the columns that have one; other columns keep their name."""
    from .i18n import TEXTS

    return {column: t(f"col_{column}") for column in frame_columns if f"col_{column}" in TEXTS}


def url_choice(
    name: str,
    label: str,
    options: Sequence[str],
    format_func: Callable[[str], object] = str,
    *,
    container: Any = None,
    all_label: str | None = None,
) -> str | None:
    """A select box whose value lives in the URL (``?name=value``), so a view can be shared."""
    container = container or st.sidebar
    choices = ["", *options]
    current = url_option(name, choices, all_label or t("all"), language())
    index = choices.index(current)
    chosen = container.selectbox(
        label,
        choices,
        index=index,
        format_func=lambda value: (all_label or t("all")) if value == "" else _label(format_func, value),
        key=f"filter_{name}",
    )
    if chosen:
        st.query_params[name] = chosen
    else:
        st.query_params.pop(name, None)
    return chosen or None


def _label(format_func: Callable[[str], object], value: str) -> str:
    """What a choice is called; the value itself when it has no name (a municipality without reference data)."""
    shown = format_func(value)
    return shown if isinstance(shown, str) and shown else value


def coordinator() -> str | None:
    """The signed-in coordinator's name, if any."""
    return st.session_state.get("coordinator")


def client_address() -> str:
    """The address the app sees for this browser (behind a proxy: the proxy's), for sign-in throttling."""
    try:
        return str(st.context.ip_address or "unknown")
    except Exception:  # no browser session (scripts, AppTest)
        return "unknown"


def viewer() -> Viewer:
    """Who is looking, for every read that may hold private data: a signed-in coordinator or a visitor."""
    name = coordinator()
    return Viewer.coordinator(name) if name else ANONYMOUS


def sign_in_box() -> str | None:
    """A sign-in form for coordinators in the sidebar; returns the coordinator's name when signed in."""
    from graph.privacy.accounts import sign_in
    from graph.privacy.sign_in_throttle import SignInThrottled

    box = st.sidebar.expander(t("sign_in"), expanded=False)
    name = coordinator()
    if name:
        box.write(t("signed_in_as", name=safe(name)))
        if box.button(t("sign_out"), key="sign_out"):
            st.session_state.pop("coordinator", None)
            st.rerun()
        return name
    # A form sends the typed name and password together with the click, so a quick click cannot outrun them.
    form = box.form("sign_in", border=False)
    username = form.text_input(t("username"), key="sign_in_username")
    password = form.text_input(t("password"), type="password", key="sign_in_password")
    if form.form_submit_button(t("sign_in_button"), key="sign_in_button"):
        try:
            found = sign_in(username, password, client_address())
        except SignInThrottled as throttled:
            box.error(t("sign_in_throttled", minutes=throttled.minutes))
            return None
        if found is None:
            box.error(t("wrong_password"))
        else:
            st.session_state["coordinator"] = found.name
            st.rerun()
    return None
