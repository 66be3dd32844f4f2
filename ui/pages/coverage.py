import pandas as pd
import streamlit as st

from graph.model.formats import file_stem, number, percent
from graph.views.answer_words import in_words
from graph.views.coverage_view import coverage_page, in_municipality
from ui.address import write_address
from ui.charts import bar_chart
from ui.components import data_table, downloads
from ui.context import headings, labels, language, language_switch, read, t, url_choice, viewer
from ui.factsheet_links import profile_column, profile_link, with_profile_links
from ui.map_layers import LINE_COLOURS, area_outline, deck, municipality_layers

language_switch()
names = labels()
st.title(t("page_coverage"))
st.caption(t("coverage_intro"))
province = url_choice("province", t("province"), sorted(names.provinces), names.province)
area_page = read(coverage_page, viewer(), province, names)
choices = area_page.municipalities
municipality = url_choice("municipality", t("municipality"), list(choices), choices.get)
write_address()
page = in_municipality(area_page, municipality)
if not page.has_reference:
    st.info(t("no_reference"))
# Drawn with or without a province: an element that comes and goes moves every one after it, and the browser
# then makes every table, chart and the map anew (a province chosen took 2–3 s instead of under 1 s).
with st.container():
    if municipality:
        profile_link(municipality, choices[municipality])
    elif province:
        profile_link(province, names.province(province))
# Files are named after what they hold (dekking-per-gemeente-limburg.xlsx): the rows per municipality and the gap
# list after the chosen municipality, the years after its province, whose figures they are.
province_name = names.province(province) if province else ""
area = choices[municipality] if municipality else province_name

st.subheader(t("per_province"))
whole = page.national
if whole is not None:
    covered_share = whole.population_covered_share
    share = "–" if covered_share is None else percent(covered_share * 100, names.lang, 1)
    st.markdown(
        t(
            "national_figures",
            municipalities=number(whole.municipalities, names.lang),
            with_both=number(whole.with_both, names.lang),
            covered=number(whole.covered, names.lang),
            share=share,
        )
    )
data_table(
    with_profile_links(page.by_province, "province_code"),
    hide_index=True,
    column_config={
        **headings(page.by_province.columns),
        **profile_column(),
        "province_code": None,
    },
)
downloads(page.by_province, t("file_coverage_by_province"), "by_province")

st.subheader(t("gap_list"))
st.caption(t("gap_intro"))
gaps = page.gaps.drop(columns="covered", errors="ignore")  # no gap is covered: the column said "no" on every row
data_table(
    with_profile_links(gaps, "municipality_code"),
    hide_index=True,
    column_config={**headings(gaps.columns), **profile_column()},
)
downloads(gaps, file_stem(t("file_gaps"), area), "gaps")

if page.features is not None:
    st.subheader(t("choropleth"))
    layers = municipality_layers(page.features, pickable=True)
    if page.municipality:  # which of the areas in view is the chosen one
        layers.append(area_outline(page.features, page.municipality))
    st.pydeck_chart(deck(layers, page.view), height=520)
    st.markdown(
        f":green[■] {t('legend_covered')} · :orange[■] {t('legend_gap')} · :violet[■] {t('legend_incomplete')}"
        f" · :gray[□] {t('legend_none')}"  # the pale municipalities, which the legend left unexplained
    )

st.subheader(t("per_municipality"))
data_table(
    with_profile_links(page.per_municipality, "municipality_code"),
    hide_index=True,
    column_config={**headings(page.per_municipality.columns), **profile_column()},
)
downloads(page.per_municipality, file_stem(t("file_coverage"), area), "coverage")

st.subheader(t("trend"))
if municipality:  # the years stay the area's: said, so that nobody reads them as the municipality's
    st.caption(t("trend_of_area", area=province_name or t("whole_country")))
trend = page.per_year
if not trend.empty:
    statuses = ["active", "exploring", "ended", "unknown"]
    chart = trend.set_index("year")[["active", "exploring", "ended", "status_unknown"]]
    chart.columns = pd.Index([names.status(status) for status in statuses])
    bar_chart(
        chart,
        x_title=headings(["year"])["year"],
        y_title=t("collaborations"),
        description=t("trend_chart"),
        colours=[LINE_COLOURS[status] for status in statuses],  # as on the map
    )
data_table(trend, hide_index=True, column_config=headings(trend.columns))
downloads(trend, file_stem(t("file_started_per_year"), province_name), "trend")
per_activity = page.per_activity
label_column = "activity_en" if language() == "en" else "activity_nl"
st.subheader(t("activities"))
# The figures per activity are the country's: said, so that nobody reads them as the chosen area's.
if province or municipality:
    st.caption(t("activities_national_municipality" if municipality else "activities_national"))
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
# The download as the table reads: each activity and the one it falls under by name, not by code, once.
downloads(in_words(per_activity, names), t("file_per_activity"), "per_activity")
