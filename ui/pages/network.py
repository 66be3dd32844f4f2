import streamlit as st

from graph.analysis.mapdata import collaboration_lines
from graph.analysis.network import DEFAULT_MAX_NODES, build_graph, figures, limit_graph
from graph.analysis.overview import collaborations
from graph.model.formats import number
from graph.views.network_drawing import network_html
from ui.components import data_table
from ui.context import atlas, data_version, headings, labels, language_switch, t, url_choice

language_switch()
current = atlas()
names = labels()
st.title(t("page_network"))
st.caption(t("network_intro"))
province = url_choice("province", t("province"), sorted(names.provinces), names.province)
activity = url_choice("activity", t("activity"), sorted(names.activities), names.activity)


@st.cache_data(show_spinner=False, max_entries=16)
def _network(version: str, province_code: str | None, activity_code: str | None, lang: str):  # type: ignore[no-untyped-def]
    rows = collaboration_lines(collaborations(current, province_code=province_code), names, activity_code)
    graph = build_graph(rows)
    drawn, limited = limit_graph(graph, DEFAULT_MAX_NODES)
    kinds = {"library": names.kind("library"), "care": names.kind("care")}
    drawing = network_html(drawn, kinds, t("network_drawing"), lang)
    return figures(graph), drawing, graph.number_of_nodes(), drawn.number_of_nodes(), limited


summary, html, total, shown, limited = _network(data_version(), province, activity, names.lang)
if not total:
    st.info(t("no_network"))
else:
    columns = st.columns(4)
    columns[0].metric(t("organisations"), number(summary.organisations, names.lang))
    columns[1].metric(t("collaborations"), number(summary.collaborations, names.lang))
    columns[2].metric(t("components"), number(summary.components, names.lang))
    columns[3].metric(t("largest_component"), number(summary.largest_component, names.lang))
    if limited:
        st.warning(t("network_limited", total=total, shown=shown))
    # The drawing sits in its own sandboxed frame (graph/views/network_drawing.py); this frame only holds that one.
    st.iframe(html, height=640, alt=t("network_drawing"))
    left, right = st.columns(2)
    kind_label = {"library": names.kind("library"), "care": names.kind("care")}
    with left:
        st.subheader(t("most_partners"))
        degree = summary.degree.assign(kind=summary.degree.kind.map(kind_label)).drop(columns="organisation_id")
        data_table(degree, hide_index=True, column_config=headings(degree.columns))
    with right:
        st.subheader(t("brokers"))
        brokers = summary.brokers.assign(kind=summary.brokers.kind.map(kind_label)).drop(columns="organisation_id")
        data_table(brokers, hide_index=True, column_config=headings(brokers.columns))
