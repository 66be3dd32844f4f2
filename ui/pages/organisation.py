import streamlit as st

from graph.views.organisation_names import chooser_labels, main_places, told_apart
from graph.views.organisation_page import organisation_view
from ui.address import follow_address, link_query, stop_here, write_address
from ui.components import data_table, example_card
from ui.context import (
    PAGES,
    choose_one,
    headings,
    labels,
    language,
    language_switch,
    read,
    safe,
    t,
    viewer,
)
from ui.url import set_url_text, url_text

language_switch()
names = labels()
everyone = read(main_places)
everyone = everyone[everyone.kind.isin(["library", "care", "network"])]
chosen = url_text("org")
options = ["", *everyone.id]
display = told_apart(everyone)  # two organisations of one name: each with the place where it works
kinds = dict(zip(everyone.id, everyone.kind, strict=True))
# "Stichting Philadelphia (Dordrecht) · Zorgorganisatie": the kind after a dot, not in a second pair of brackets;
# never two alike (the chooser would hand back the last of them).
labelled = chooser_labels({key: f"{display[key]} · {names.kind(str(kinds[key]))}" for key in everyone.id})
title = st.empty()  # the organisation's name once one is chosen; the page's name until then
title.title(t("page_organisation"))
follow_address("organisation_picker", chosen if chosen in options else "")
picked = st.selectbox(
    t("choose_organisation"),
    options,
    index=options.index(chosen) if chosen in options else 0,
    format_func=lambda value: "—" if not value else labelled[value],
    key="organisation_picker",
    placeholder=choose_one(),
)
set_url_text("org", picked or None)
write_address()
if chosen and chosen not in options:
    st.warning(t("unknown_organisation"))
if not picked:
    stop_here()

# From the cache every page shares: a visit, a rerun or the next visitor does not read the store again.
shown = read(organisation_view, picked, viewer(), language())
profile = shown.profile
# The name as the chooser says it: with its place when another organisation bears the same name.
title.title(safe(display.get(picked, profile["name"])))
facts = [names.kind(profile["kind"])]
if profile["networks"]:
    facts.append(f"{t('member_of')}: {safe(profile['networks'])}")
st.caption(" · ".join(facts))
if profile["website"]:
    st.link_button(t("website"), profile["website"])

st.subheader(t("sites"))
site_columns = ["site", "town", "municipality", "collaborations", "active_collaborations"]
data_table(shown.sites[site_columns], hide_index=True, column_config=headings(site_columns))

st.subheader(t("collaborations"))
if shown.collaborations.empty:
    st.write(t("no_collaborations"))
if shown.partners:
    st.markdown(f"**{t('partners')}:**")
    for partner in shown.partners:
        st.page_link(
            PAGES["organisation"], label=safe(display.get(partner, partner)), query_params=link_query({"org": partner})
        )
for row in shown.collaborations.itertuples():
    example_card(row)
    contact = shown.contacts.get(str(row.collaboration_id))
    if contact:
        st.markdown(f"{t('contact')}: {safe(contact)}")
if not shown.collaborations.empty:
    st.caption(t("contact_hidden"))

if shown.nearby is not None:
    st.subheader(t("top_suggestions"))
    if shown.nearby.empty:
        st.write(t("no_suggestions"))
    else:
        # The other organisation of each pair only: this page's own name in every row pushed the reasons beyond
        # the page's right edge. The reasons wrap in a column of their own width, as names do.
        partner = "care_organisation" if profile["kind"] == "library" else "library_organisation"
        data_table(
            shown.nearby[[partner, "distance_km", "score", "reasons"]],
            names=(partner, "reasons"),
            hide_index=True,
            column_config={
                partner: t("care_organisation" if partner == "care_organisation" else "library"),
                "distance_km": t("distance_km"),
                "score": t("score"),
                "reasons": t("reasons"),
            },
        )
