import streamlit as st

from graph.analysis.overview import collaborations, key_figures, practice_examples
from graph.intake.reference import has_reference
from graph.model.formats import number, percent
from ui.components import example_card
from ui.context import atlas, language, language_switch, t

language_switch()
current = atlas()
st.title(t("app_title"))
st.write(t("tagline"))
figures = key_figures(current)
if not figures.sites:
    st.info(t("empty_store"))
columns = st.columns(5)
lang = language()
columns[0].metric(t("libraries"), number(figures.libraries, lang))
columns[1].metric(t("care_organisations"), number(figures.care_organisations, lang))
columns[2].metric(t("active_collaborations"), number(figures.active_collaborations, lang))
columns[3].metric(
    t("covered_municipalities"),
    number(figures.covered_municipalities, lang),
    help=t("of_total", total=number(figures.municipalities, lang)),
)
columns[4].metric(t("population_covered"), percent(figures.population_share * 100, lang, 1))
st.caption(
    f"{number(figures.covered_municipalities, lang)} {t('of_total', total=number(figures.municipalities, lang))} · "
    f"{t('sites')}: {number(figures.sites, lang)}"
)
if not has_reference(current.store):
    st.caption(t("no_reference"))
st.subheader(t("newest_examples"))
examples = practice_examples(collaborations(current), limit=3)
if examples.empty:
    st.write(t("no_examples"))
for column, row in zip(st.columns(3), examples.itertuples(), strict=False):
    with column:
        example_card(row)
