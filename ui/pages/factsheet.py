from collections.abc import Callable

import pandas as pd
import streamlit as st

from graph.model.formats import rate
from graph.model.viewer import ANONYMOUS
from graph.views.answer_words import in_words
from graph.views.area_names import search_label
from graph.views.dates import since, start_phrase
from graph.views.factsheet import CHANCE_RADIUS_KM, Factsheet, FactsheetError, FactsheetSource
from graph.views.factsheet_map import area_features
from graph.views.factsheet_report import file_name, render
from graph.views.factsheet_text import (
    area_name,
    inhabitants,
    number,
    report_base_url,
    sentence,
    status,
    status_detail,
    text,
    title,
)
from graph.views.map_fit import NETHERLANDS, MapView, bounds_of_features, bounds_of_points, fit_view, union_of
from ui.address import follow_address, stop_here, write_address
from ui.charts import bar_chart
from ui.components import data_table
from ui.context import atlas, choose_one, headings, labels, language, language_switch, safe, t, viewer
from ui.map_layers import COVERAGE_COLOURS, LEGEND_COLOURS, deck, line_layers, shape_layers, site_layers
from ui.url import ignore, quoted, set_url_text, url_text

language_switch()
lang = language()
current = atlas()
names = labels()
AREA_FILL = [9, 105, 218, 40]
MAP_WIDTH, MAP_HEIGHT = 700, 420  # pixels: the page's usual width, so the zoom shows the whole area
# A province has hundreds of collaborations: the page tells the first ones as cards, as the report tells three,
# and lists them all in one table below them, so the chances and the downloads stay within reach.
MAX_CARDS = 10
LISTED = ["library", "care_organisation", "municipality", "status", "start_date", "activities"]


def _view(features: list[dict], sites: pd.DataFrame) -> MapView:
    """Zoomed to the area's boundary and its sites, as every map of the app is fitted."""
    bounds = union_of(bounds_of_features(features), bounds_of_points(sites.lat, sites.lon))
    return fit_view(bounds, MAP_WIDTH, MAP_HEIGHT) if bounds else NETHERLANDS


# The read model keeps the answers per version of the data (shared with the reports and the other viewers).
source = FactsheetSource(current, viewer=viewer())
areas = source.areas()
typed = url_text("gemeente") or url_text("provincie")
chosen = typed.strip().upper()
options = ["", *areas.code]
display = {  # the everyday name and the name without accents find an area too: Den Haag, Sudwest-Fryslan
    str(row.code): search_label(
        str(row.code),
        str(row.name),
        t("factsheet_level_" + str(row.level))
        # Without reference data a municipality is known by its code alone, in no province yet.
        + (f", {names.province(str(row.province_code))}" if row.level == "municipality" and row.province_code else ""),
    )
    for row in areas.itertuples()
}
# The page's title comes first, above the search that chooses what it is about: the search is answered first,
# so the title is written into this place afterwards.
heading = st.container()
follow_address("factsheet_search", chosen if chosen in options else "")
picked = st.selectbox(
    t("factsheet_search"),
    options,
    index=options.index(chosen) if chosen in options else 0,
    format_func=lambda code: "—" if not code else display.get(code, code),
    key="factsheet_search",
    placeholder=choose_one(),
)
province_too = url_text("provincie")
if picked and picked == chosen and not picked.startswith("PV") and province_too:
    # A municipality and a province both in the address: the municipality is shown, and the visitor is told which
    # value went (the address kept both without a word).
    ignore("provincie", province_too, display.get(picked, picked), lang)
    set_url_text("provincie", None)
if picked and picked != chosen:
    level, other = ("provincie", "gemeente") if picked.startswith("PV") else ("gemeente", "provincie")
    set_url_text(other, None)
    set_url_text(level, picked)
if not picked and chosen in options:  # "—" chosen: the address no longer names an area (an unknown one stays, said)
    set_url_text("gemeente", None)
    set_url_text("provincie", None)
write_address()
if not picked:
    heading.title(t("page_factsheet"))
    heading.caption(t("factsheet_intro"))
    if chosen:
        st.warning(t("factsheet_unknown").format(value=quoted(typed)))
    stop_here()

try:
    as_stored: Factsheet = source.factsheet(picked)
    sheet = as_stored.said_in(lang)
except FactsheetError:
    st.warning(t("factsheet_unknown").format(value=quoted(picked)))
    stop_here()
area = sheet.area
heading.title(safe(area.name))
province_name = area_name(sheet.comparison[0][0], lang) if not area.is_province and len(sheet.comparison) > 1 else ""
caption = [title(sheet, lang)]
if province_name:
    caption.append(text("province_of", lang, name=safe(province_name)))
caption.append(inhabitants(area.population, lang))
heading.caption(" · ".join(caption))
st.info(safe(sentence(sheet, lang)))

figures = sheet.figures
# Sites, then collaborations, three to a row: five to a row cut "Verkennende samenwerkingen" off.
site_keys = ["library_sites", "care_sites"]
for keys_in_row in (site_keys, ["active_collaborations", "exploring_collaborations", "ended_collaborations"]):
    for column, key in zip(st.columns(3), keys_in_row, strict=False):
        column.metric(text(key, lang), number(getattr(figures, key), lang))

st.subheader(text("figures", lang))
keys = ["library_sites", "care_sites", "active_collaborations", "exploring_collaborations", "ended_collaborations"]
# One column per area, each cell "count (per 100,000)": narrow enough for the page, numbers as a reader writes them.
comparison = pd.DataFrame({text("figure", lang): [text(key, lang) for key in keys]})
for name, compared in [(area.name, figures), *sheet.comparison]:
    comparison[area_name(name, lang)] = [
        # Without a known population (no reference data) there is no rate to put in brackets.
        f"{number(getattr(compared, key), lang)}"
        + (f" ({rate(compared.per_100k(getattr(compared, key)), lang)})" if compared.population else "")
        for key in keys
    ]
st.dataframe(comparison, hide_index=True)
brackets = text("in_brackets", lang) + " " if figures.population else ""
st.caption(brackets + text("counting_rule", lang))

st.subheader(text("map", lang))
shapes = [
    {**feature, "properties": {"fill": COVERAGE_COLOURS.get(str(feature["properties"]["coverage"]), AREA_FILL)}}
    for feature in area_features(sheet)
]
layers = shape_layers(shapes, "area", [87, 96, 106, 200]) if shapes else []
layers.extend(line_layers(sheet.collaborations))
view = _view(shapes, sheet.sites)
layers.extend(site_layers(sheet.sites.sort_values("kind", ascending=False), view.zoom))  # care on top of libraries
# Drawn from the app alone, like every map (no background map: its style would come from another host).
st.pydeck_chart(deck(layers, view), height=MAP_HEIGHT)
line_legend = " · ".join(f":{colour}[{status(code, lang)}]" for code, colour in LEGEND_COLOURS.items())
st.caption(f":blue[{t('legend_library')}] · :red[{t('legend_care')}] · {line_legend}")

own = not sheet.collaborations.empty
st.subheader(text("collaborations" if own else "examples_nearby", lang))
if not own and sheet.examples.empty:
    st.write(text("no_collaborations", lang))
told = sheet.collaborations if own else sheet.examples
for row in told.head(MAX_CARDS).itertuples():
    with st.container(border=True):
        st.markdown(f"**{safe(row.library)}** × **{safe(row.care_organisation)}**")
        details = [status_detail(str(row.status), lang), safe(row.municipality)]
        if row.start_date:  # 1 mei 2023, at the precision the source gives, as on every other page
            details.append(safe(start_phrase(str(row.start_date), lang)))
        if row.end_date:
            details.append(text("ended", lang, date=safe(since(str(row.end_date), lang))))
        participants = str(getattr(row, "participants", "") or "").removesuffix(".0")
        if participants.isdigit() and int(participants):  # as the report says it: "12 deelnemers"
            details.append(text("participants", lang, n=number(int(participants), lang)))
        if row.activities:
            details.append(safe(names.activity_list(str(row.activities))))
        if not own:
            details.append(text("km_away", lang, km=number(float(str(row.distance_km)), lang, 1)))
        st.caption(" · ".join(details))
        if row.description:
            st.markdown(safe(row.description))
        if str(row.source_url).startswith(("http://", "https://")):
            st.link_button(text("source", lang), str(row.source_url))
if len(told) > MAX_CARDS:
    st.caption(text("more_in_table", lang, n=number(len(told) - MAX_CARDS, lang)))
    with st.expander(text("every_collaboration", lang, n=number(len(told), lang))):
        listed = in_words(told[[column for column in LISTED if column in told.columns]], names)
        data_table(listed, hide_index=True, column_config=headings(list(listed.columns)))

st.subheader(text("chances", lang))
if sheet.chances.empty:
    st.write(text("no_chances", lang, km=number(CHANCE_RADIUS_KM, lang)))
else:
    intro = text("chances_intro", lang, km=number(CHANCE_RADIUS_KM, lang))
    if not bool(sheet.chances.in_area.iloc[0]):
        intro += " " + text("chances_nearby", lang)
    st.caption(intro)
    shown = sheet.chances.drop(columns="in_area")
    column_config = {
        "library_organisation": text("library", lang),
        "care_organisation": text("care_organisation", lang),
        "municipality": t("municipality"),
        "distance_km": t("distance_km"),
        "score": text("score", lang),
        # Said in full under the table: in a column at the page's edge they were cut ("7.4 km apart; Zorggroep A…").
        "reasons": None,
    }
    if sheet.for_coordinator and "follow_up" in shown:
        shown = shown.assign(follow_up=shown.follow_up.map(names.follow_up))
        column_config["follow_up"] = text("follow_up", lang)
    data_table(shown, hide_index=True, column_config=column_config)
    st.markdown(
        "\n".join(
            f"{rank}. **{safe(chance.library_organisation)} × {safe(chance.care_organisation)}**: "
            + safe(chance.reasons)
            for rank, chance in enumerate(shown.itertuples(), start=1)
        )
    )

st.subheader(text("trend", lang))
if sheet.trend.empty:
    st.write(text("no_trend", lang))
else:
    compared_with = area_name(sheet.trend_comparison, lang)
    trend = sheet.trend.rename(columns={"area": area.name, "comparison": compared_with}).set_index("year")
    # Side by side, each on its own scale: on one axis a municipality's two a year were flat under its
    # province's fifty. The years are the same in both, so the shapes compare.
    for place, name in zip(st.columns(2), (area.name, compared_with), strict=True):
        with place:
            st.markdown(f"**{safe(name)}**")
            bar_chart(
                trend[[name]],
                x_title=text("year", lang),
                y_title=t("collaborations"),
                description=t("factsheet_trend_chart", area=name),
            )

st.subheader(t("factsheet_download"))
st.caption(t("factsheet_report_public"))
buttons = st.columns(3)
report_source = FactsheetSource(current, viewer=ANONYMOUS)  # the report holds public data only, also for a coordinator


def _report(output_format: str) -> Callable[[], bytes]:
    """The report, made when its button is clicked (not on every view of the page)."""
    base_url = report_base_url(current.settings.public_url, st.context.url)
    return lambda: render(report_source.factsheet(area.code).public(), output_format, lang, base_url, names)


for column, (output_format, mime) in zip(
    buttons, [("pdf", "application/pdf"), ("html", "text/html"), ("md", "text/markdown")], strict=True
):
    column.download_button(
        t(f"factsheet_{output_format}"),
        _report(output_format),
        file_name(as_stored, output_format, lang),  # named as the command line names it
        mime,
        key=f"factsheet_{output_format}",
        # No run of the page on a click: a run drops the files of the other buttons, and a second click soon
        # after the first found its file gone.
        on_click="ignore",
    )
