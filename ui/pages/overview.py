import streamlit as st

from graph.model.formats import number, percent
from graph.views.examples_view import overview_page
from ui.components import example_card
from ui.context import language, language_switch, read, t, viewer

language_switch()
page = read(overview_page, viewer())
figures = page.figures
st.title(t("app_title"))
st.write(t("tagline"))
if not figures.sites:
    st.info(t("empty_store"))
# The figures on one line, also where a label takes two ("Inwoners in die gemeenten").
columns = st.columns(5, vertical_alignment="bottom")
lang = language()
columns[0].metric(t("libraries"), number(figures.libraries, lang))
columns[1].metric(t("care_organisations"), number(figures.care_organisations, lang))
columns[2].metric(t("active_collaborations"), number(figures.active_collaborations, lang))
columns[3].metric(
    t("covered_municipalities"),
    number(figures.covered_municipalities, lang),
    help=t("covered_municipalities_help", total=number(figures.municipalities, lang)),
)
share = figures.population_share
columns[4].metric(
    t("population_covered"),
    "–" if share is None else percent(share * 100, lang, 1),
    help=t("population_covered_help" if share is not None else "population_unknown_help"),
)
st.caption(
    f"{t('covered_municipalities')}: {number(figures.covered_municipalities, lang)} "
    f"{t('of_total', total=number(figures.municipalities, lang))} · "
    f"{t('sites')}: {number(figures.sites, lang)}"
)
if not page.has_reference:
    st.caption(t("no_reference"))
st.subheader(t("newest_examples"))
if page.newest.empty:
    st.write(t("no_examples"))
for column, row in zip(st.columns(3), page.newest.itertuples(), strict=False):
    with column:
        example_card(row)
