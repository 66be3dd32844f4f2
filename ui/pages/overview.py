import streamlit as st

from graph.views.examples_view import overview_page
from ui.components import example_card
from ui.context import language_switch, read, t, viewer

language_switch()
page = read(overview_page, viewer())
figures = page.figures
st.title(t("app_title"))
st.write(t("tagline"))
if not figures.sites:
    st.info(t("empty_store"))
columns = st.columns(5)
columns[0].metric(t("libraries"), figures.libraries)
columns[1].metric(t("care_organisations"), figures.care_organisations)
columns[2].metric(t("active_collaborations"), figures.active_collaborations)
columns[3].metric(
    t("covered_municipalities"),
    figures.covered_municipalities,
    help=t("of_total", total=figures.municipalities),
)
columns[4].metric(t("population_covered"), f"{figures.population_share:.1%}")
st.caption(
    f"{figures.covered_municipalities} {t('of_total', total=figures.municipalities)} · {t('sites')}: {figures.sites}"
)
if not page.has_reference:
    st.caption(t("no_reference"))
st.subheader(t("newest_examples"))
if page.newest.empty:
    st.write(t("no_examples"))
for column, row in zip(st.columns(3), page.newest.itertuples(), strict=False):
    with column:
        example_card(row)
