import streamlit as st

from graph.analysis.overview import collaborations, key_figures, practice_examples
from graph.intake.reference import has_reference
from ui.components import example_card
from ui.context import atlas, language_switch, t

language_switch()
current = atlas()
st.title(t("app_title"))
st.write(t("tagline"))
figures = key_figures(current)
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
if not has_reference(current.store):
    st.caption(t("no_reference"))
st.subheader(t("newest_examples"))
examples = practice_examples(collaborations(current), limit=3)
if examples.empty:
    st.write(t("no_examples"))
for column, row in zip(st.columns(3), examples.itertuples(), strict=False):
    with column:
        example_card(row)
