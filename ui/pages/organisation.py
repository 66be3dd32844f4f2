import streamlit as st

from graph.analysis.mapdata import sites
from graph.analysis.overview import organisation_collaborations, organisations
from graph.analysis.suggest import load_input, suggest
from graph.privacy import personal_data as privacy
from ui.components import data_table, example_card
from ui.context import (
    PAGES,
    atlas,
    choose_one,
    headings,
    labels,
    language,
    language_switch,
    safe,
    sign_in_box,
    t,
    viewer,
)
from ui.url import url_text

language_switch()
current = atlas()
names = labels()
everyone = organisations(current)
everyone = everyone[everyone.kind.isin(["library", "care", "network"])]
chosen = url_text("org")
options = ["", *everyone.id]
display = dict(zip(everyone.id, everyone.name, strict=True))
picked = st.selectbox(
    t("choose_organisation"),
    options,
    index=options.index(chosen) if chosen in options else 0,
    format_func=lambda value: (
        "—" if not value else f"{display[value]} ({names.kind(str(everyone.set_index('id').at[value, 'kind']))})"
    ),
    key="organisation_picker",
    placeholder=choose_one(),
)
if picked:
    st.query_params["org"] = picked
if chosen and chosen not in options:
    st.warning(t("unknown_organisation"))
if not picked:
    st.stop()

profile = current.answer("internal/organisation-profile", {"organisation_id": picked}).iloc[0]
st.title(safe(profile["name"]))
facts = [names.kind(profile["kind"])]
if profile["networks"]:
    facts.append(f"{t('member_of')}: {safe(profile['networks'])}")
st.caption(" · ".join(facts))
if profile["website"]:
    st.link_button(t("website"), profile["website"])

own_sites = sites(current)
own_sites = own_sites[own_sites.organisation_id == picked]
st.subheader(t("sites"))
site_columns = ["site", "town", "municipality", "collaborations", "active_collaborations"]
data_table(own_sites[site_columns], hide_index=True, column_config=headings(site_columns))

work = organisation_collaborations(current, picked)
st.subheader(t("collaborations"))
if work.empty:
    st.write(t("no_collaborations"))
partners = sorted((set(work.library_org_id) | set(work.care_org_id)) - {picked})
if partners:
    st.markdown(f"**{t('partners')}:**")
    for partner in partners:
        st.page_link(PAGES["organisation"], label=safe(display.get(partner, partner)), query_params={"org": partner})
# Coordinators see every contact person; everyone else only those who consented to publication.
sign_in_box()
contacts = privacy.contacts(current, viewer()).set_index("collaboration_id")
for row in work.itertuples():
    example_card(row)
    if row.collaboration_id in contacts.index:
        person = contacts.loc[row.collaboration_id]
        st.markdown(
            f"{t('contact')}: {safe(person['name'])}"
            + (f", {safe(person['role'])}" if person["role"] else "")
            + (f" · {safe(person['email'])}" if person["email"] else "")
            + (f" · {safe(person['phone'])}" if person["phone"] else "")
        )
if not work.empty:
    st.caption(t("contact_hidden"))

if profile["kind"] in ("library", "care"):
    st.subheader(t("top_suggestions"))
    nearby = suggest(load_input(current, viewer()), 15.0, organisation=picked, limit=5, lang=language())
    if nearby.empty:
        st.write(t("no_suggestions"))
    else:
        data_table(
            nearby[["library_organisation", "care_organisation", "distance_km", "score", "reasons"]],
            hide_index=True,
            column_config={
                "library_organisation": t("library"),
                "care_organisation": t("care_organisation"),
                "distance_km": t("distance_km"),
                "score": t("score"),
                "reasons": t("reasons"),
            },
        )
