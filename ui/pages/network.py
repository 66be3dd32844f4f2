import streamlit as st

from graph.model.formats import number
from graph.views.network_view import DEFAULT_MAX_NODES, SIZES, NetworkFocus, network_choices, network_page
from graph.views.organisation_names import chooser_labels
from ui.address import follow_address, write_address
from ui.components import data_table
from ui.context import headings, labels, language_switch, page_sidebar, read, t, url_choice, viewer
from ui.url import set_url_text, url_int

language_switch()
names = labels()
st.title(t("page_network"))
st.caption(t("network_intro"))
choices = read(network_choices, viewer())
province = url_choice(
    "province", t("province"), sorted(names.provinces), names.province, default=choices.busiest_province
)
# On the page, not in the narrow sidebar: a name with its place ("Stichting Philadelphia (Dordrecht)") was cut.
# The steps from that organisation go with it.
around = st.container()
organisation = url_choice(
    "org",
    t("network_around"),
    list(choices.organisations),
    chooser_labels(choices.organisations).__getitem__,
    all_label=t("network_no_organisation"),
    container=around,
)
depth = 1
if organisation:
    asked_depth = url_int("depth", 1, 1, 3, names.lang, t("network_depth"))
    follow_address("network_depth", asked_depth)
    depth = around.slider(t("network_depth"), 1, 3, asked_depth, key="network_depth")
    set_url_text("depth", str(depth), start="1")
activity = url_choice("activity", t("activity"), sorted(names.activities), names.activity)
write_address()
size = page_sidebar().select_slider(t("network_size"), SIZES, value=DEFAULT_MAX_NODES, key="network_size")
st.caption(t("network_start"))
# Notes that come and go sit in places drawn every time: an element that appears moves every one after it, and
# the browser then makes the tables anew.
with st.container():
    if organisation and province:
        st.caption(t("network_province_ignored"))

page = read(
    network_page,
    viewer(),
    NetworkFocus(province, organisation, depth, activity, int(size)),
    names,
    t("network_drawing"),
)
summary = page.figures
if not page.total:
    st.info(t("no_network"))
else:
    columns = st.columns(4)
    columns[0].metric(t("organisations"), number(summary.organisations, names.lang))
    columns[1].metric(t("collaborations"), number(summary.collaborations, names.lang))
    columns[2].metric(t("components"), number(summary.components, names.lang))
    columns[3].metric(t("largest_component"), number(summary.largest_component, names.lang))
    with st.container():
        if page.limited:
            st.warning(t("network_limited", total=page.total, shown=page.shown, widen=t("network_size")))
    # The drawing sits in its own sandboxed frame (graph/views/network_drawing.py); this frame only holds that one.
    st.iframe(page.drawing, height=640, alt=t("network_drawing"))
    # One table under the other, each the page's width: side by side, the brokers' sentence was cut off.
    kind_label = {"library": names.kind("library"), "care": names.kind("care")}
    st.subheader(t("most_partners"))
    degree = summary.degree.assign(kind=summary.degree.kind.map(kind_label)).drop(columns="organisation_id")
    data_table(degree, hide_index=True, column_config=headings(degree.columns))
    st.subheader(t("brokers"))
    st.caption(t("brokers_intro"))
    brokers = summary.brokers
    if brokers.empty:
        st.write(t("no_brokers"))
    else:
        words = [
            t("broker_words_one" if row.cut_off == 1 else "broker_words", groups=row.groups, n=row.cut_off)
            for row in brokers.itertuples()
        ]
        shown = brokers.assign(kind=brokers.kind.map(kind_label), connects=words)
        shown = shown[["organisation", "kind", "connects"]]
        data_table(shown, names=("organisation", "connects"), hide_index=True, column_config=headings(shown.columns))
