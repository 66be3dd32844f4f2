from typing import Any

import streamlit as st

from graph.analysis.followup import FollowUpError, pair_history, record_state
from graph.analysis.suggest import SuggestionError, suggest
from graph.analysis.suggest_reasons import reason_list
from graph.model.enums import FollowUpState
from graph.model.formats import file_stem, km
from graph.views.answer_words import ids_last
from graph.views.dates import moment
from graph.views.organisation_names import chooser_labels, named_suggestion_input
from graph.views.suggestion_pairs import pair_ids, pair_keys, pair_labels
from ui.address import follow_address, run_again, stop_here, write_address
from ui.components import WRAPPING_ROW_HEIGHT, downloads, table_view
from ui.context import (
    atlas,
    choose_one,
    coordinator,
    counted,
    labels,
    language,
    language_switch,
    page_sidebar,
    read,
    safe,
    t,
    url_choice,
    viewer,
)
from ui.url import set_url_text, url_int

RADIUS_KM = 15  # the radius the page starts with
#: The earlier steps of a pair shown under its follow-up, latest first.
MOST_STEPS_SHOWN = 5


language_switch()
current = atlas()
names = labels()
st.title(t("page_suggestions"))
st.caption(t("suggestions_intro"))

looking = viewer()
# The viewer is part of the cache key: a visitor never gets the answer read for a coordinator.
# Two organisations of one name read apart, in the table and its reasons, as on every other page.
data = read(named_suggestion_input, looking)
province = url_choice("province", t("province"), sorted(names.provinces), names.province)
places = data.sites[data.sites.kind == "library"]
if province:
    places = places[places.province_code == province]
municipalities = dict(zip(places.municipality_code, places.municipality, strict=False))
municipality = url_choice("municipality", t("municipality"), sorted(c for c in municipalities if c), municipalities.get)
asked_radius = url_int("radius", RADIUS_KM, 1, 50, language(), t("radius_km"))
follow_address("radius", asked_radius)
radius = page_sidebar().slider(t("radius_km"), min_value=1, max_value=50, value=asked_radius, key="radius")
set_url_text("radius", str(radius), start=str(RADIUS_KM))
write_address()
try:
    table = suggest(data, float(radius), municipality=municipality, province=province, lang=language())
except SuggestionError as error:
    st.error(safe(error.message.text(language())))  # it quotes a value from the address: text, not Markdown
    stop_here()
st.write(counted("suggestion_count", len(table)))
if table.empty:
    # Streamlit draws an empty table as a grid marked "empty", in English on a Dutch page; an empty answer offers
    # no files either.
    st.info(t("no_suggestions"))
    stop_here()
# Follow-up is for coordinators only: the answer has that column only when the viewer may see it.
with_follow_up = "follow_up" in table.columns
shown = table.assign(follow_up=table.follow_up.map(names.follow_up)) if with_follow_up else table
# The reasons are shown in full for the chosen row below the table, and are in the download, not in a column:
# cut to a third of a line in three rows, they made the table 270 pixels wider than the page at 1,280 pixels,
# and pushed the follow-up beyond its right edge.
shown_columns = ["score", "library_organisation", "care_organisation", "distance_km", "municipality"]
shown_columns += ["follow_up"] if with_follow_up else []
headings: dict[str, Any] = {
    # A number like every other on the page (0,69 in Dutch): a progress bar writes its label as 0.69 in every
    # language.
    "score": t("score"),
    # A name wraps onto a second line (the rows are taller): at 200 pixels "Bibliotheek Eindhoven e.o. (demo)"
    # lost its end in one line, and a wider column pushed the follow-up off the page.
    "library_organisation": st.column_config.TextColumn(t("library"), width=200),
    "care_organisation": st.column_config.TextColumn(t("care_organisation"), width=200),
    "distance_km": t("distance_km"),
    "municipality": t("municipality"),
}
if with_follow_up:
    headings["follow_up"] = t("follow_up")
st.caption(t("choose_row_for_reasons"))
picked = st.dataframe(
    table_view(shown[shown_columns]),
    hide_index=True,
    on_select="rerun",
    selection_mode="single-row",
    row_height=WRAPPING_ROW_HEIGHT,
    key="suggestion_table",
    column_config=headings,
)
# One suggestion is chosen at a time: the row last clicked in the table or chosen below for follow-up (the
# first until then). Its reasons are shown in full, and follow-up is recorded for it: a click in the table
# once left the follow-up on another pair, and "Opgeslagen." was said for that one.
# A pair is held by its two organisations, not by its place in the list: a declined pair leaves the list, and
# the next save went to the pair that took its place while the chooser still showed the declined one.
keys = pair_keys(table)
rows = picked.selection.rows if picked is not None else []
clicked = rows[0] if rows else None
if clicked is not None and clicked != st.session_state.get("suggestion_clicked") and clicked < len(keys):
    st.session_state["follow_up_pair"] = keys[clicked]
st.session_state["suggestion_clicked"] = clicked
if keys and st.session_state.get("follow_up_pair") not in keys:
    # Gone from the list (declined, or another filter): the first. Set, not removed: the browser went on
    # showing (and sending) the pair that had gone.
    st.session_state["follow_up_pair"] = keys[0]
chosen_index = keys.index(st.session_state["follow_up_pair"]) if keys else 0
if not shown.empty:
    chosen_row = shown.iloc[chosen_index]
    with st.container(border=True):
        st.markdown(
            f"**{safe(chosen_row.library_organisation)} × {safe(chosen_row.care_organisation)}** · {t('why_suggested')}"
        )
        st.markdown("\n".join(f"- {safe(reason)}" for reason in reason_list(str(chosen_row.reasons))))
# The download starts with what the table shows, follow-up in words; the codes and the atlas's ids come last.
in_download = [*shown_columns, "reasons"]
download = shown[in_download + [column for column in table.columns if column not in in_download]]
# Named after what was chosen: suggesties-limburg-venlo-15-km.csv, not suggesties.csv for every choice.
place_names = (names.province(province) if province else "", municipalities.get(municipality or "", ""))
downloads(ids_last(download), file_stem(t("file_suggestions"), *place_names, km(radius, language(), 0)), "suggestions")
signed_in = coordinator()
if not signed_in:
    st.caption(t("sign_in_for_follow_up"))
elif not table.empty:
    st.subheader(t("record_follow_up"))
    # Said after the rerun that shows the saved state, so the confirmation is not wiped away by it.
    saved = st.session_state.pop("follow_up_saved", None)
    if saved:
        # Saved with the state: the next one starts empty. Set, not removed: the browser would send the old text
        # back for a widget whose value is gone.
        st.session_state["follow_up_note"] = ""
        st.success(t("saved_follow_up", pair=safe(saved[0]), state=names.follow_up(saved[1]).lower()))
    # Where and how far apart, too: pairs of organisations with alike names read the same without it.
    name_of = chooser_labels(pair_labels(table, names.lang))
    # The pair on a line of its own: two organisation names do not fit in a third of the page.
    chosen_pair = st.selectbox(
        t("suggestion"), keys, format_func=name_of.__getitem__, key="follow_up_pair", placeholder=choose_one()
    )
    pair = pair_ids(chosen_pair or keys[0])
    columns = st.columns([2, 4, 1], vertical_alignment="bottom")
    state = columns[0].selectbox(
        t("follow_up"),
        FollowUpState.values(),
        format_func=names.follow_up,
        key="follow_up_state",
        placeholder=choose_one(),
    )
    note = columns[1].text_input(t("note"), key="follow_up_note", max_chars=2000)
    # What was recorded for this pair before, notes included: a saved note was shown nowhere again.
    for step in pair_history(current, looking, pair[0], pair[1])[:MOST_STEPS_SHOWN]:
        said = f"{moment(step['recorded'], names.lang)} · {names.follow_up(step['state'])}"
        if step["by"]:
            said += f" · {safe(step['by'])}"
        st.caption(said + (f": “{safe(step['note'])}”" if step["note"] else ""))
    if columns[2].button(t("save"), key="follow_up_save"):
        try:
            record_state(current, pair[0], pair[1], state, looking, note)
        except FollowUpError as error:
            st.error(error.message.text(language()))
        else:
            st.session_state["follow_up_saved"] = (name_of[chosen_pair or keys[0]], state)
            run_again()
