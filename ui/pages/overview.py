import streamlit as st

from ui.context import atlas, language_switch, t

lang = language_switch()
st.title(t("app_title"))
st.write(t("tagline"))
current = atlas()
figures = current.library.run(current.store, "stats").set_index("measure")["value"].to_dict()
if not figures.get("sites"):
    st.info(t("empty_store"))
columns = st.columns(4)
columns[0].metric(t("libraries"), int(figures.get("organisations_library", 0)))
columns[1].metric(t("care_organisations"), int(figures.get("organisations_care", 0)))
columns[2].metric(t("sites"), int(figures.get("sites", 0)))
columns[3].metric(t("active_collaborations"), int(figures.get("collaborations_active", 0)))
if not current.has_reference():
    st.caption(t("no_reference"))
