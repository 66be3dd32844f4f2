import pandas as pd
import streamlit as st

from graph.analysis.mapdata import municipality_features
from graph.intake.reference import has_reference
from ui.components import data_table, deck, downloads, municipality_layer
from ui.context import atlas, data_version, headings, labels, language, language_switch, t, url_choice
from ui.factsheet_links import profile_column, profile_link, with_profile_links

language_switch()
current = atlas()
names = labels()
st.title(t("page_coverage"))
st.caption(t("coverage_intro"))
if not has_reference(current.store):
    st.info(t("no_reference"))
province = url_choice("province", t("province"), sorted(names.provinces), names.province)
if province:
    profile_link(province, names.province(province))
suffix = f"-{province}" if province else ""

by_province = current.answer("coverage-by-province")
by_province = by_province.assign(province=by_province.province_code.map(names.province))
st.subheader(t("per_province"))
data_table(
    with_profile_links(by_province, "province_code"),
    hide_index=True,
    column_config={
        **headings(by_province.columns),
        **profile_column(),
        "province_code": None,
        "population_covered_share": t("population_covered"),
    },
)
downloads(by_province, "dekking-per-provincie", "by_province")

values = {"province_code": province} if province else {}
st.subheader(t("gap_list"))
st.caption(t("gap_intro"))
gaps = current.answer("gaps", values)
data_table(
    with_profile_links(gaps, "municipality_code"),
    hide_index=True,
    column_config={**headings(gaps.columns), **profile_column()},
)
downloads(gaps, f"witte-vlekken{suffix}", "gaps")


@st.cache_data(show_spinner=False, max_entries=16)
def _features(version: str, province_code: str | None) -> dict:  # type: ignore[type-arg]
    return municipality_features(current, province_code)


if has_reference(current.store):
    st.subheader(t("choropleth"))
    st.pydeck_chart(deck([municipality_layer(_features(data_version(), province))], tooltip_field="name"), height=520)
    st.markdown(f":green[■] {t('legend_covered')} · :orange[■] {t('legend_gap')} · :violet[■] {t('legend_incomplete')}")

st.subheader(t("per_municipality"))
coverage = current.answer("coverage", values)
data_table(
    with_profile_links(coverage, "municipality_code"),
    hide_index=True,
    column_config={**headings(coverage.columns), **profile_column()},
)
downloads(coverage, f"dekking-per-gemeente{suffix}", "coverage")

st.subheader(t("trend"))
trend = current.answer("collaborations-per-year")
if not trend.empty:
    chart = trend.set_index("year")[["active", "exploring", "ended"]]
    chart.columns = [names.status(column) for column in chart.columns]
    st.bar_chart(chart)
data_table(trend, hide_index=True, column_config=headings(trend.columns))
downloads(trend, "gestart-per-jaar", "trend")
per_activity = current.answer("collaborations-per-activity")
label_column = "activity_en" if language() == "en" else "activity_nl"
st.subheader(t("activities"))
data_table(
    pd.DataFrame(
        {
            t("activity"): per_activity[label_column],
            t("collaborations"): per_activity.collaborations,
            t("active_collaborations"): per_activity.active_collaborations,
        }
    ),
    hide_index=True,
)
downloads(per_activity, "per-activiteit", "per_activity")
