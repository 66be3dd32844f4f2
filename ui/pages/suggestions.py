import streamlit as st

from graph.analysis.followup import FollowUpError, record_state
from graph.analysis.suggest import SuggestionError, load_input, suggest
from graph.model.enums import FollowUpState
from graph.model.viewer import Viewer
from ui.components import data_table, downloads
from ui.context import (
    atlas,
    choose_one,
    data_version,
    labels,
    language,
    language_switch,
    sign_in_box,
    t,
    url_choice,
    viewer,
)
from ui.url import url_int

language_switch()
current = atlas()
names = labels()
st.title(t("page_suggestions"))
st.caption(t("suggestions_intro"))


@st.cache_data(show_spinner=False, max_entries=4)
def _input(version: str, who: Viewer):  # type: ignore[no-untyped-def]
    # The viewer is part of the cache key: a visitor must never get the answer cached for a coordinator.
    return load_input(current, who)


looking = viewer()
data = _input(data_version(), looking)
province = url_choice("province", t("province"), sorted(names.provinces), names.province)
places = data.sites[data.sites.kind == "library"]
if province:
    places = places[places.province_code == province]
municipalities = dict(zip(places.municipality_code, places.municipality, strict=False))
municipality = url_choice("municipality", t("municipality"), sorted(c for c in municipalities if c), municipalities.get)
radius = st.sidebar.slider(
    t("radius_km"), min_value=1, max_value=50, value=url_int("radius", 15, 1, 50, language()), key="radius"
)
st.query_params["radius"] = str(radius)
try:
    table = suggest(data, float(radius), municipality=municipality, province=province, lang=language())
except SuggestionError as error:
    st.error(str(error))
    st.stop()
st.write(t("suggestion_count", n=len(table)))
visible = table.assign(follow_up=table.follow_up.map(names.follow_up))
columns = ["score", "library_organisation", "care_organisation", "distance_km", "municipality", "reasons", "follow_up"]
if not looking.sees_private:  # follow-up is for coordinators only, on the page and in the downloads
    columns.remove("follow_up")
    table = table.drop(columns="follow_up")
data_table(
    visible[columns],
    hide_index=True,
    column_config={
        "score": st.column_config.ProgressColumn(t("score"), min_value=0.0, max_value=1.0, format="%.2f"),
        "library_organisation": t("library"),
        "care_organisation": t("care_organisation"),
        "distance_km": t("distance_km"),
        "municipality": t("municipality"),
        "reasons": st.column_config.TextColumn(t("reasons"), width="large"),
    }
    | ({"follow_up": t("follow_up")} if looking.sees_private else {}),
)
downloads(table, "suggesties" if language() == "nl" else "suggestions", "suggestions")
coordinator = sign_in_box()
if not coordinator:
    st.caption(t("sign_in_for_follow_up"))
elif not table.empty:
    st.subheader(t("record_follow_up"))
    pairs = list(zip(table.library_org_id, table.care_org_id, strict=True))
    shown_pair = dict(zip(pairs, table.library_organisation + " × " + table.care_organisation, strict=True))
    columns = st.columns([3, 2, 3, 1])
    pair = columns[0].selectbox(
        t("page_suggestions"), pairs, format_func=shown_pair.get, key="follow_up_pair", placeholder=choose_one()
    )
    state = columns[1].selectbox(
        t("follow_up"),
        FollowUpState.values(),
        format_func=names.follow_up,
        key="follow_up_state",
        placeholder=choose_one(),
    )
    note = columns[2].text_input(t("note"), key="follow_up_note", max_chars=2000)
    if columns[3].button(t("save"), key="follow_up_save"):
        try:
            record_state(current, pair[0], pair[1], state, coordinator, note)
        except FollowUpError as error:
            st.error(error.message.text(language()))
        else:
            st.success(t("saved"))
            st.rerun()
