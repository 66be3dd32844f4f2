from datetime import date
from typing import Any

import streamlit as st

from graph.model.formats import file_stem, number
from graph.views.answer_words import in_words
from graph.views.console import ConsoleError, console_answer, console_example
from graph.views.map_fit import NETHERLANDS, bounds_of_points, fit_view
from graph.views.question_form import (
    FIRST_QUESTION,
    Control,
    QuestionProblem,
    ask,
    number_text,
    number_value,
    public_questions,
    question_controls,
    read_value,
)
from ui.address import address_moved, address_names, follow_address, stop_here, write_address
from ui.components import data_table, downloads, heading_columns
from ui.context import atlas, choose_one, counted, labels, language, language_switch, read, safe, t, viewer
from ui.map_layers import deck, site_layers
from ui.url import ignore, set_url_text, url_option, url_text

MAP_HEIGHT = 420  # pixels

MAX_PARAMETER = 200  # characters of a question's parameter taken from the URL


def _number(control: Control, shared: str) -> float | None:
    try:
        return number_value(shared)
    except ValueError:
        ignore(control.label, shared, t("all"), lang)
        return None


def _date(control: Control, shared: str) -> date | None:
    try:
        return date.fromisoformat(shared) if shared else None
    except ValueError:
        ignore(control.label, shared, t("all"), lang)
        return None


def parameter_control(column: Any, question: str, control: Control) -> str:
    """The widget for one parameter, started from the URL (``?p_name=``), which then follows the widget."""
    key = f"p_{question}_{control.name}"
    if control.kind == "choice" and st.session_state.get(key, "") not in ("", *control.options):
        # A municipality chosen before its province changed is no longer offered: start again from "Alle".
        st.session_state[key] = ""
        set_url_text(f"p_{control.name}", None)
    typed = url_text(f"p_{control.name}")[:MAX_PARAMETER]
    try:
        shared = read_value(control, typed or control.default or "", lang)
    except QuestionProblem:
        # Not a value of the list: said like every other wrong value in the address (named as the control is, not
        # by its name in the address), and the control starts empty.
        ignore(control.label, typed, t("all"), lang)
        shared = ""
    value: Any
    if control.kind == "choice":
        options = ["", *control.options]
        follow_address(key, shared if shared in options else "")
        value = column.selectbox(
            control.label,
            options,
            index=options.index(shared) if shared in options else 0,
            format_func=lambda code: control.options.get(code, t("all")) if code else t("all"),
            key=key,
            placeholder=choose_one(),
        )
    elif control.kind == "number":
        start = _number(control, shared)
        if control.whole:  # a year: 2023, not 2023,00, and the arrows count in years
            whole = None if start is None else round(start)
            follow_address(key, whole)
            number = column.number_input(control.label, value=whole, step=1, format="%d", key=key)
        else:
            follow_address(key, start)
            number = column.number_input(control.label, value=start, key=key)
        value = "" if number is None else number_text(number, control.whole)
    elif control.kind == "date":
        start_date = _date(control, shared)
        follow_address(key, start_date)
        chosen = column.date_input(control.label, value=start_date, format="DD-MM-YYYY", key=key)
        value = chosen.isoformat() if isinstance(chosen, date) else ""
    elif control.kind == "boolean":
        follow_address(key, shared if shared in ("true", "false") else "")
        value = column.selectbox(
            control.label,
            ["", "true", "false"],
            index=["", "true", "false"].index(shared) if shared in ("true", "false") else 0,
            format_func=lambda choice: {"": t("all"), "true": t("yes"), "false": t("no")}[choice],
            key=key,
            placeholder=choose_one(),
        )
    else:
        follow_address(key, shared)
        value = column.text_input(control.label, value=shared, key=key, max_chars=200)
    set_url_text(f"p_{control.name}", str(value) if value else None, start=control.default)
    return str(value)


language_switch()
current = atlas()
lang = language()
st.title(t("page_questions"))
st.caption(t("questions_intro"))
questions = read(public_questions)
names = sorted(questions, key=lambda name: questions[name].title(lang).lower())
first = FIRST_QUESTION if FIRST_QUESTION in questions else (names[0] if names else "")
chosen = url_option("q", names, questions[first].title(lang), lang, t("question")) if names else ""
follow_address("question", chosen or first)
name = st.selectbox(
    t("question"),
    names,
    index=names.index(chosen or first) if names else 0,
    format_func=lambda value: questions[value].title(lang),
    key="question",
    placeholder=choose_one(),
)
set_url_text("q", name, start=first)
# Another question opens without the filters of the one before: "Utrecht" chosen on one question silently
# narrowed the next one and its download. A link with filters still opens with them (no question before it), and
# so does an address gone back to (Back).
if st.session_state.get("question_before", name) != name and not address_moved():
    for old in [key for key in address_names() if key.startswith("p_")]:
        set_url_text(old, None)
st.session_state["question_before"] = name
query = questions[name]
st.markdown(safe(query.description(lang)))
values: dict[str, str] = {}
chosen_words: list[str] = []  # the filters as the page names them, for the downloaded file's name
try:
    shown_controls = read(question_controls, name, lang)
    # A parameter of another question (or of a misspelt one) has no control here: it leaves the address, so
    # that a shared link holds only what the answer depends on.
    for stale in set(address_names()) - {f"p_{control.name}" for control in shown_controls}:
        if stale.startswith("p_"):
            set_url_text(stale, None)
    province = ""
    for column, control in zip(st.columns(max(1, len(shown_controls))), shown_controls, strict=False):
        if control.code_type == "municipality" and province:
            narrowed = read(question_controls, name, lang, province)
            control = next(each for each in narrowed if each.name == control.name)
        values[control.name] = parameter_control(column, name, control)
        if values[control.name]:
            chosen_words.append(str(control.options.get(values[control.name], values[control.name])))
        if control.code_type == "province":
            province = values[control.name]
    write_address()
    answer = ask(current, query, values, lang)
except QuestionProblem as problem:
    st.error(safe(str(problem)))  # it quotes what the visitor typed (or put in the URL): text, not Markdown
    stop_here()
st.caption(counted("rows", len(answer)))
shown = in_words(answer, labels())  # "Actief", not active; the map below still reads the codes
data_table(shown, hide_index=True, column_config=heading_columns(list(shown.columns)))
# Named as the page names the question and its filters: witte-vlekken-per-activiteit-limburg.csv.
downloads(shown, file_stem(query.title(lang), *chosen_words), "answer")
if {"lat", "lon"} <= set(answer.columns) and {"site", "organisation", "kind"} <= set(answer.columns) and len(answer):
    # Zoomed to the answer's sites, whatever part of the country they lie in; the dots as on the Kaart.
    bounds = bounds_of_points(answer.lat, answer.lon)
    view = fit_view(bounds, height_px=MAP_HEIGHT) if bounds else NETHERLANDS
    st.pydeck_chart(deck(site_layers(answer, view.zoom), view), height=MAP_HEIGHT)
    st.caption(f":blue[{t('legend_library')}] · :red[{t('legend_care')}]")
with st.expander(t("show_sparql")):
    st.code(query.body, language="sparql")

st.divider()
st.subheader(t("console"))
st.caption(t("console_help"))
text = st.text_area(
    t("console_query"),
    value=read(console_example),
    height=180,
    key="console",
    max_chars=20_000,
)
if st.button(t("run"), key="run_console"):
    try:
        # The previous answer stays on the page, faded, while a slow question runs: this says a new one is coming.
        with st.spinner(t("console_running")):
            result = console_answer(current, text, viewer())
    except ConsoleError as error:
        st.error(safe(error.message.text(lang)))  # it may quote the question: text, not Markdown
    else:
        for warning in result.warnings:
            st.warning(safe(warning.text(lang)))  # it quotes the question: text, not Markdown
        st.caption(f"{t('answer')} · {number(result.seconds, lang, 2)} s")
        if result.table is not None:
            data_table(result.table, hide_index=True)
            if result.truncated:
                st.warning(t("truncated", n=current.settings.row_limit))
            downloads(result.table, "sparql", "console")
        elif result.boolean is not None:
            st.write(t("ask_true") if result.boolean else t("ask_false"))
        elif result.graph is not None:
            if result.truncated:
                st.warning(t("truncated_triples", n=current.settings.row_limit))
            st.code(result.graph.serialize(format="turtle"), language="turtle")
