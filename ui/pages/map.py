import streamlit as st

from graph.analysis.mapdata import collaboration_lines, municipality_features, sites
from graph.analysis.overview import collaborations
from graph.intake.reference import has_reference
from graph.model.enums import CollaborationStatus
from ui.components import deck, line_layer, municipality_layer, site_layers
from ui.context import PAGES, atlas, data_version, labels, language_switch, safe, t, url_choice
from ui.factsheet_links import profile_link

language_switch()
current = atlas()
names = labels()
st.title(t("page_map"))
st.caption(t("map_intro"))

province = url_choice("province", t("province"), sorted(names.provinces), names.province)
all_sites = sites(current, province)
municipalities = dict(zip(all_sites.municipality_code, all_sites.municipality, strict=False))
municipality = url_choice("municipality", t("municipality"), sorted(c for c in municipalities if c), municipalities.get)
activity = url_choice("activity", t("activity"), sorted(names.activities), names.activity)
status = url_choice("status", t("status"), CollaborationStatus.values(), names.status)
if municipality or province:
    area_name = municipalities.get(municipality or "")
    profile_link(
        municipality or province or "",
        area_name if isinstance(area_name, str) and area_name else names.province(province or ""),
    )
show_municipalities = st.sidebar.toggle(t("show_municipalities"), value=has_reference(current.store))

shown = sites(current, province, municipality)
lines = collaboration_lines(collaborations(current, province_code=province), names, activity, status)
if municipality:
    lines = lines[lines.municipality_code == municipality]


@st.cache_data(show_spinner=False, max_entries=16)
def _features(version: str, province_code: str | None) -> dict:  # type: ignore[type-arg]
    return municipality_features(current, province_code)


layers = []
if show_municipalities and has_reference(current.store):
    layers.append(municipality_layer(_features(data_version(), province)))
layers.append(line_layer(lines))
layers.extend(site_layers(shown))
event = st.pydeck_chart(deck(layers), on_select="rerun", selection_mode="single-object", key="map", height=620)
st.caption(t("sites_shown", n=len(shown), m=len(lines)))

legend = st.columns(3)
legend[0].markdown(f":blue[{t('legend_library')}]  \n:red[{t('legend_care')}]")
legend[1].markdown(t("legend_line"))
legend[2].markdown(
    f":green[■] {t('legend_covered')}  \n:orange[■] {t('legend_gap')}  \n:violet[■] {t('legend_incomplete')}"
)
st.caption(t("offline_note"))

selected = (event.selection.get("objects") or {}).get("sites") if event and event.selection else None
if selected:
    site = selected[0]
    st.subheader(t("selected_site"))
    st.markdown(f"**{safe(site['site'])}** — {safe(site['organisation'])} ({safe(names.kind(site['kind']))})")
    st.page_link(PAGES["organisation"], label=t("open_organisation"), query_params={"org": site["organisation_id"]})
    if site.get("municipality_code"):
        profile_link(site["municipality_code"], site.get("municipality") or site["municipality_code"])
