import streamlit as st

from graph.model.enums import CollaborationStatus
from graph.views.map_tooltips import same_name
from graph.views.map_view import MapFilters, narrowed, province_map
from ui.address import link_query, write_address
from ui.context import (
    PAGES,
    counted,
    drawn_once,
    labels,
    language,
    language_switch,
    read,
    safe,
    t,
    url_choice,
    url_switch,
    viewer,
)
from ui.factsheet_links import profile_link
from ui.map_layers import LEGEND_COLOURS, PreparedDeck, clicked_before_a_write, map_deck, selected_site

language_switch()
names = labels()
st.title(t("page_map"))
st.caption(t("map_intro"))

province = url_choice("province", t("province"), sorted(names.provinces), names.province)
looking = viewer()
whole = read(province_map, looking, province, names)
choices = whole.municipalities
municipality = url_choice("municipality", t("municipality"), sorted(choices), choices.get)
activity = url_choice("activity", t("activity"), sorted(names.activities), names.activity)
status = url_choice("status", t("status"), CollaborationStatus.values(), names.status)
filters = MapFilters(province, municipality, activity, status)
shown = narrowed(whole, names, filters)
with st.container():  # drawn every time: a link that comes and goes would move every element after it
    if municipality or province:
        code = municipality or province or ""
        profile_link(code, choices[municipality] if municipality else names.province(code))
# The municipalities' borders are always drawn, their colours by coverage on request: *Dekking* is the coverage
# map, here the colours hid the green lines of active collaborations, and in a browser without a graphics card
# the filled shapes took a quarter of a second of the map's first render (python -m bench app --browser).
show_municipalities = url_switch("colours", t("show_municipalities"), disabled=shown.features is None)
write_address()

# The map's JSON (1.6 MB for the whole country) is written once per view, for every visitor: making the layers and
# writing them took 0.1-0.2 s of every visit before the browser could start drawing. Kept per role, not per name:
# what a map shows depends on who may see it, not on which coordinator looks.
spec = drawn_once(
    ("map", looking.role, filters, show_municipalities, language()),
    lambda: map_deck(shown, municipality, show_municipalities).to_json(),
)
event = st.pydeck_chart(PreparedDeck(spec), on_select="rerun", selection_mode="single-object", key="map", height=620)
st.caption(
    t(
        "sites_shown",
        sites=counted("count_sites", len(shown.sites) - shown.partners_elsewhere),
        collaborations=counted("count_collaborations", len(shown.lines)),
    )
)
if shown.partners_elsewhere:
    st.caption(t("partners_elsewhere", sites=counted("count_sites", shown.partners_elsewhere)))

legend = st.columns(3)
legend[0].markdown(f":blue[{t('legend_library')}]  \n:red[{t('legend_care')}]")
# Each line colour drawn beside its status, named as the vocabulary names it (the line colours of the map).
legend[1].markdown(
    f"{t('legend_line')}  \n"
    + "  \n".join(f":{colour}[━━] {names.status(status)}" for status, colour in LEGEND_COLOURS.items())
)
if show_municipalities and shown.features is not None:
    legend[2].markdown(
        f":green[■] {t('legend_covered')}  \n:orange[■] {t('legend_gap')}  \n:violet[■] {t('legend_incomplete')}"
        f"  \n:gray[□] {t('legend_none')}"
    )
elif shown.features is not None:
    legend[2].markdown(t("legend_borders"))

site = selected_site(event, shown.sites)
if clicked_before_a_write(event, shown.sites):
    st.info(t("map_changed_since_click"))
if site is not None:
    st.subheader(t("selected_site"))
    owner = "" if same_name(site["site"], site["organisation"]) else f" — {safe(site['organisation'])}"
    st.markdown(f"**{safe(site['site'])}**{owner} ({safe(names.kind(site['kind']))})")
    st.page_link(
        PAGES["organisation"], label=t("open_organisation"), query_params=link_query({"org": site["organisation_id"]})
    )
    if site.get("municipality_code"):
        profile_link(site["municipality_code"], site.get("municipality") or site["municipality_code"])
