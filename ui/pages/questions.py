import streamlit as st

from graph.model.formats import number
from graph.store.catalogue import QueryError
from graph.views.console import ConsoleError, run_console
from ui.components import data_table, deck, downloads, site_layers
from ui.context import atlas, choose_one, headings, language, language_switch, safe, t
from ui.url import url_option, url_text

MAX_PARAMETER = 200  # characters of a question's parameter taken from the URL

language_switch()
current = atlas()
lang = language()
st.title(t("page_questions"))
st.caption(t("questions_intro"))
questions = {query.name: query for query in current.questions.public()}
names = sorted(questions, key=lambda name: questions[name].title(lang).lower())
chosen = url_option("q", names, questions[names[0]].title(lang), lang) if names else ""
name = st.selectbox(
    t("question"),
    names,
    index=names.index(chosen) if chosen else 0,
    format_func=lambda value: questions[value].title(lang),
    key="question",
    placeholder=choose_one(),
)
st.query_params["q"] = name
query = questions[name]
st.markdown(safe(query.description(lang)))
values = {}
if query.parameters:
    columns = st.columns(len(query.parameters))
    for column, parameter in zip(columns, query.parameters, strict=True):
        values[parameter.name] = column.text_input(
            parameter.name,
            value=url_text(f"p_{parameter.name}")[:MAX_PARAMETER] or parameter.default or "",
            key=f"p_{name}_{parameter.name}",
        )
        if values[parameter.name]:
            st.query_params[f"p_{parameter.name}"] = values[parameter.name]
        else:
            st.query_params.pop(f"p_{parameter.name}", None)
try:
    answer = current.answer(name, values)
except QueryError as error:
    st.error(safe(str(error)))  # the message quotes what the visitor typed (or put in the URL): text, not Markdown
    st.stop()
st.caption(t("rows", n=number(len(answer), lang)))
data_table(answer, hide_index=True, column_config=headings(answer.columns))
downloads(answer, name, "answer")
if {"lat", "lon"} <= set(answer.columns) and {"site", "organisation", "kind"} <= set(answer.columns) and len(answer):
    st.pydeck_chart(deck(site_layers(answer)), height=420)
with st.expander(t("show_sparql")):
    st.code(query.body, language="sparql")

st.divider()
st.subheader(t("console"))
st.caption(t("console_help"))
text = st.text_area(
    t("console_query"),
    value="SELECT ?name ?kind WHERE {\n  ?organisation a org:Organization ;\n      schema:name ?name ;\n"
    "      org:classification/skos:notation ?kind .\n}\nORDER BY ?name\nLIMIT 20",
    height=180,
    key="console",
)
if st.button(t("run"), key="run_console"):
    try:
        result = run_console(
            current.store, text, timeout_s=current.settings.query_timeout_s, max_rows=current.settings.row_limit
        )
    except ConsoleError as error:
        st.error(error.message.text(lang))
    else:
        st.caption(f"{t('answer')} · {number(result.seconds, lang, 2)} s")
        if result.table is not None:
            data_table(result.table, hide_index=True)
            if result.truncated:
                st.warning(t("truncated", n=current.settings.row_limit))
            downloads(result.table, "sparql", "console")
        elif result.boolean is not None:
            st.write("✔ true" if result.boolean else "✘ false")
        elif result.graph is not None:
            if result.truncated:
                st.warning(t("truncated_triples", n=current.settings.row_limit))
            st.code(result.graph.serialize(format="turtle"), language="turtle")
