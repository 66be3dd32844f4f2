"""What every page shares: the atlas (opened once per process), the language, labels and the URL state."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any, Concatenate, ParamSpec, TypeVar, cast

import streamlit as st
from streamlit.delta_generator import DeltaGenerator

from graph.model.formats import number
from graph.model.language import Lang
from graph.model.language import language as language_of
from graph.model.viewer import ANONYMOUS, Viewer
from graph.settings import Settings, settings_from_environment
from graph.store.atlas import Atlas
from graph.store.labels import Labels, load_labels

from .address import follow_address, run_again
from .i18n import has_text, text
from .markdown import safe
from .url import ignore, set_url_text, url_option, url_text

WHOLE_COUNTRY = "all"  # in the URL: the whole country chosen where a page starts with one area
LANGUAGES = {Lang.NL: "Nederlands", Lang.EN: "English"}
SWITCH_KEY = "language_switch"
FILTER_KEY = "filter_"
# Whether this run has drawn the language switch already: the app draws it before its navigation, so the menu
# is built in the chosen language; a page that asks for the switch again then only reads it.
_switch_drawn: ContextVar[bool] = ContextVar("language_switch_drawn", default=False)
# The version of the data this run reads, once it has read (see one_version_per_run).
_run_version: ContextVar[list[str] | None] = ContextVar("run_data_version", default=None)
# Where this run's page puts its filters: a place in the sidebar above the sign-in box (see app.py).
_page_controls: ContextVar[DeltaGenerator | None] = ContextVar("page_controls", default=None)
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
    """Which store, and which version of its data (it changes on every write, in any process); within a run of
    :func:`one_version_per_run`, the version its first read saw.

    Every cached answer is keyed by it, so caches follow the data. (Streamlit leaves arguments whose name
    starts with an underscore out of the cache key, so this one must not have such a name.)
    """
    pinned = _run_version.get()
    if pinned:
        return pinned[0]
    store = atlas().store
    version = f"{store.location}@{store.generation()}"
    if pinned is not None:
        pinned.append(version)
    return version


@contextmanager
def one_version_per_run() -> Iterator[None]:
    """Every answer of one run of a page keyed by one version of the data: the version its first read saw.

    A write by another process during a run made the map drawn from the data before it be kept under the version
    after it, for every later visitor. Keyed by the version the run started from, an answer made from newer data
    is only ever found by runs that started before the write, which would have been shown it anyway.
    """
    token = _run_version.set([])
    try:
        yield
    finally:
        _run_version.reset(token)


def language() -> Lang:
    """The interface language: the switch's value once the session has one, before that the URL (``?lang=en``);
    Dutch by default. The click on the switch is in the session before the run starts, so one click is enough."""
    return language_of(st.session_state.get(SWITCH_KEY) or url_text("lang") or st.session_state.get("lang"))


def language_switch() -> Lang:
    """The language choice in the sidebar; drawn once per run (see :func:`language_first`)."""
    if _switch_drawn.get():
        return language()
    # Back after a click on "English" goes back to the Dutch page, as the address before that click says.
    follow_address(SWITCH_KEY, language_of(url_text("lang") or None))
    current = language()
    asked = url_text("lang")
    if asked and asked not in LANGUAGES and SWITCH_KEY not in st.session_state:
        ignore("lang", asked, LANGUAGES[current], current)
    choice = language_of(
        st.sidebar.radio(
            text("language", current),
            options=list(LANGUAGES),
            format_func=LANGUAGES.__getitem__,
            index=list(LANGUAGES).index(current),
            horizontal=True,
            key=SWITCH_KEY,
        )
    )
    st.session_state["lang"] = choice
    set_url_text("lang", None if choice == Lang.NL else choice.value)
    return choice


@contextmanager
def filters_above_sign_in(open_sign_in: bool = False) -> Iterator[None]:
    """Make the place for the page's filters in the sidebar, then draw the sign-in box under it: drawn after the
    sign-in box, a province filter sat at the bottom of a long sidebar, easily missed."""
    token = _page_controls.set(st.sidebar.container())
    try:
        sign_in_box(open_sign_in)
        yield
    finally:
        _page_controls.reset(token)


def page_sidebar() -> DeltaGenerator:
    """Where a page puts its filters (under the menu, above the sign-in box)."""
    return _page_controls.get() or st.sidebar


@contextmanager
def language_first() -> Iterator[Lang]:
    """Draw the language switch before anything that is labelled (the navigation, the page), and read it there."""
    chosen = language_switch()
    token = _switch_drawn.set(True)
    try:
        yield chosen
    finally:
        _switch_drawn.reset(token)


def t(key: str, **values: object) -> str:
    """An interface text in the reader's language; numbers put into it are written the reader's way (1.234)."""
    lang = language()
    message = text(key, lang)
    if not values:
        return message
    return message.format(**{name: _written(value, lang) for name, value in values.items()})


def counted(key: str, n: int) -> str:
    """A number with its noun in the reader's language: ``1 locatie``, ``2 locaties`` (the text ``key_one``
    for one, where the noun changes; ``key`` with ``{n}`` otherwise)."""
    if n == 1 and has_text(f"{key}_one"):
        return t(f"{key}_one")
    return t(key, n=n)


def _written(value: object, lang: Lang) -> object:
    if isinstance(value, int | float) and not isinstance(value, bool):
        return number(value, lang, 0 if float(value).is_integer() else 1)
    return value


Arguments = ParamSpec("Arguments")
Answer = TypeVar("Answer")


@st.cache_data(show_spinner=False, max_entries=128)
def _read(version: str, model: str, arguments: tuple[Any, ...], _read_model: Callable[..., Any], **named: Any) -> Any:
    return _read_model(atlas(), *arguments, **named)


@st.cache_data(show_spinner=False, max_entries=32)
def _drawn(version: str, key: tuple[Any, ...], _draw: Callable[[], str]) -> str:
    return _draw()


def drawn_once(key: tuple[Any, ...], draw: Callable[[], str]) -> str:
    """What ``draw`` writes (a map's JSON) for ``key`` at this version of the data, written once and shared by
    every page and visitor. The key holds everything the drawing depends on besides the data: who is looking,
    the filters, the language."""
    return cast(str, _drawn(data_version(), key, draw))


def forget_older_answers() -> None:
    """Drop every shared answer and map of this process. After a write they belong to a version of the data that
    no page asks for any more, and they may hold what the write removed: a contact person erased by
    ``forget-contact`` stayed in a coordinator's cached organisation page until the cache was full."""
    _read.clear()
    _drawn.clear()


def read(
    model: Callable[Concatenate[Atlas, Arguments], Answer], *arguments: Arguments.args, **named: Arguments.kwargs
) -> Answer:
    """What a read model of ``graph/`` answers for these arguments, from the one cache every page shares.

    The cache is keyed by the store's data version (see :func:`data_version`), the read model's name and its
    arguments, so a write in any process is seen on the next run and no page keeps a cache of its own.
    """
    name = f"{model.__module__}.{model.__qualname__}"
    return cast(Answer, _read(data_version(), name, tuple(arguments), model, **named))


def labels() -> Labels:
    return read(load_labels, language())


def headings(frame_columns: Iterable[object]) -> dict[str, str]:
    """Translated column headings for the columns that have one; other columns keep their name."""
    from .i18n import TEXTS

    return {str(column): t(f"col_{column}") for column in frame_columns if f"col_{column}" in TEXTS}


def choose_one() -> str:
    """The placeholder of a select box in the reader's language (Streamlit's own is English only)."""
    return t("choose_an_option")


def choose_options() -> str:
    """The placeholder of a multiselect in the reader's language (Streamlit's own is English only)."""
    return t("choose_options")


def url_choice(
    name: str,
    label: str,
    options: Sequence[str],
    format_func: Callable[[str], object] = str,
    *,
    container: DeltaGenerator | None = None,
    all_label: str | None = None,
    default: str | None = None,
) -> str | None:
    """A select box whose value lives in the URL (``?name=value``), so a view can be shared.

    ``default`` is chosen when the URL names nothing; "all" (the empty choice) stays one of the options.
    """
    container = container or page_sidebar()
    choices = ["", *options]
    asked = url_text(name)
    if asked and asked not in choices and st.session_state.get(filter_key(name)) == asked:
        # Chosen on this page before another filter narrowed the options (Venlo, then the province Utrecht): let
        # go without a word. The notice about the address is for a value that came in a link.
        # Set, not removed: the browser keeps showing a widget's old choice unless the app sends it a new one.
        st.session_state[filter_key(name)] = ""
        set_url_text(name, None)
        asked = ""
    if default is not None and asked == WHOLE_COUNTRY:
        current = ""  # "all" chosen on purpose, where the page would otherwise start with a default
    else:
        current = url_option(
            name, choices, all_label or t("all"), language(), label, lambda value: _label(format_func, value)
        )
        if not asked and default in options:
            current = default or ""
    follow_address(filter_key(name), current)
    chosen = container.selectbox(
        label,
        choices,
        index=choices.index(current),
        format_func=lambda value: (all_label or t("all")) if value == "" else _label(format_func, value),
        key=filter_key(name),
        placeholder=choose_one(),
    )
    if chosen:
        set_url_text(name, chosen, start=default)
    elif default is not None:
        set_url_text(name, WHOLE_COUNTRY)
    else:
        set_url_text(name, None)
    return chosen or None


def url_switch(name: str, label: str, *, disabled: bool = False) -> bool:
    """A switch in the sidebar whose state lives in the URL (``?name=1`` when on), so a view can be shared; off
    unless the URL says otherwise, and anything but 0 or 1 there is ignored with a notice that names the switch
    ("… De pagina toont daarom: Gemeenten kleuren naar dekking: uit", not a bare 0)."""
    key = filter_key(name)
    raw = url_text(name).strip()
    if key not in st.session_state:
        if raw not in ("", "0", "1"):
            ignore(label, raw, f"{label}: {t('switch_off')}", language())
        st.session_state[key] = raw == "1"
    follow_address(key, raw == "1")
    on = bool(page_sidebar().toggle(label, key=key, disabled=disabled))
    set_url_text(name, "1" if on else None)
    return on


def filter_key(name: str) -> str:
    """A filter's widget key. The browser keeps a select box's chosen label ("Alle") for as long as its key lives,
    so the key names the language: a switch draws the filters anew, from the URL that holds their values."""
    lang = language()
    return f"{FILTER_KEY}{name}" if lang == Lang.NL else f"{FILTER_KEY}{name}-{lang.value}"


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


def sign_in_box(open_sign_in: bool = False) -> str | None:
    """A sign-in form for coordinators in the sidebar, open when asked (on a page for coordinators only); returns
    the coordinator's name when signed in."""
    from graph.privacy.accounts import sign_in
    from graph.privacy.sign_in_throttle import SignInThrottled

    name = coordinator()
    # Closed, the box still says who is signed in: on every page a coordinator sees that the page shows more.
    box = st.sidebar.expander(
        t("signed_in_as", name=safe(name)) if name else t("sign_in"), expanded=open_sign_in and not name
    )
    if name:
        # The sign-in lives in this page's session on the server, not in a cookie a script could read: a reload
        # starts a new session. Said here, so a coordinator is not surprised by it.
        box.caption(t("signed_in_until_reload"))
        if box.button(t("sign_out"), key="sign_out"):
            st.session_state.pop("coordinator", None)
            run_again()
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
            run_again()
    return None
