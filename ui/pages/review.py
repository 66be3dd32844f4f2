from collections.abc import Callable
from typing import Any

import pandas as pd
import streamlit as st

from graph.intake.submissions import SubmissionError, reject, revert
from graph.views.organisation_names import chooser_labels
from graph.views.review_card import ReviewCard, approve_card, review_cards
from graph.views.review_corrections import EditorColumn, editor_columns, table_title, title_as_approved
from graph.views.review_decisions import decided_submissions, decisions_as_shown
from ui.address import run_again, stop_here
from ui.components import data_table, fixed_width_columns
from ui.context import atlas, choose_one, coordinator, labels, language, language_switch, read, safe, t, viewer
from ui.small_maps import point_map

# The decisions' columns in pixels: 950 of the 1,020 the page gives a table at 1,400 pixels wide, with room for its
# borders. The pair and the decision with its reason are read most, the reference code is short.
DECISION_WIDTHS = {"pair": 270, "decision": 220, "decided": 170, "code": 110, "submitted": 180}

language_switch()
reviewer = coordinator()
current = atlas()
lang = language()
st.title(t("page_review"))
if not reviewer:
    st.info(t("coordinators_only"))
    stop_here()
looking = viewer()
# Said after the rerun that shows the decision (the card gone, the row in the list), which would wipe it away.
said = st.session_state.pop("review_said", None)
if said:
    st.success(said)


def _decided(key: str, card_title: str, code: str) -> None:
    st.session_state["review_said"] = t(key, title=safe(card_title), code=code)
    run_again()


def _approve(card: ReviewCard, corrected: dict[str, pd.DataFrame] | None) -> None:
    try:
        problems = approve_card(current, card, looking, lang, corrected)
    except SubmissionError as error:  # decided by another coordinator meanwhile, say
        st.error(safe(error.message.text(lang)))
        return
    for problem in problems:
        st.error(safe(problem))
    if not problems:
        original = card.tables.get("organisations", pd.DataFrame())
        title = card.heading if corrected is None else title_as_approved(card.partners, original, corrected, card.towns)
        _decided("said_approved", title, card.code)


def _words_of(choices: dict[str, str]) -> Callable[[Any], str]:
    return lambda code: choices.get(str(code), str(code))


def editor_config(columns: list[EditorColumn]) -> dict[str, Any]:
    """Streamlit's column settings for the correction editor: codes chosen by name, ids out of sight."""
    config: dict[str, Any] = {}
    for column in columns:
        if column.hidden:
            config[column.name] = None
        elif column.choices:
            options = list(column.choices) if column.many else ["", *column.choices]
            kind = st.column_config.MultiselectColumn if column.many else st.column_config.SelectboxColumn
            config[column.name] = kind(column.label, options=options, format_func=_words_of(column.choices))
        else:
            config[column.name] = st.column_config.TextColumn(column.label)
    return config


def show_card(card: ReviewCard) -> None:
    st.caption(f"{t('submitted_by', when=card.submitted, email=safe(card.submitter_email))} · {card.code}")
    st.markdown(f"**{safe(card.summary)}**")
    if all(card.places):
        st.caption(t("review_places", library=safe(card.places[0]), care=safe(card.places[1])))
    if card.already_partners:
        st.warning(t("review_already_partners"))
    if card.alike_partners:
        st.warning(t("review_alike_partners"))
    if card.story:
        st.markdown(safe(card.story))
    if card.contact and looking.sees_private:
        st.markdown(f"{t('contact')}: {safe(card.contact)}")
        st.caption(t("contact_public_yes" if card.contact_public else "contact_public_no"))
    for other in card.duplicates:
        st.warning(t("maybe_duplicate", names=safe(other)))
    if card.same_pair:
        st.warning(t("same_pair_pending", codes=", ".join(card.same_pair)))
    for site in card.new_sites:
        st.caption(t("new_site_on_map", name=safe(site.name)))
        point_map(site.lat, site.lon, site.kind, site.name, height=180)
    for change in card.changes:
        st.markdown(f"**{safe(change.title)}**")
        lines = [
            f"- {safe(value.label)}: {safe(value.value)}"
            + (f" ({t('was')}: {safe(value.before)})" if value.before is not None else "")
            for value in change.fields
        ]
        st.markdown("\n".join(lines))
    columns = st.columns(3)
    if columns[0].button(t("approve"), key=f"approve_{card.code}", type="primary"):
        _approve(card, None)
    reason = columns[2].text_input(t("reason"), key=f"reason_{card.code}", max_chars=2000)
    if columns[2].button(t("reject"), key=f"reject_{card.code}"):
        try:
            reject(current, card.code, looking, reason)
        except SubmissionError as error:  # no reason given, or decided by another coordinator meanwhile
            st.error(safe(error.message.text(lang)))
        else:
            _decided("said_rejected", card.heading, card.code)
    # Corrections are for the rare case; the card above is what a reviewer reads (an expander cannot hold one).
    if st.toggle(t("correct_before_approving"), key=f"correct_{card.code}"):
        corrected = {}
        for name, frame in card.tables.items():
            st.caption(table_title(name, lang))
            corrected[name] = st.data_editor(
                frame,
                key=f"edit_{card.code}_{name}",
                hide_index=True,
                column_config=editor_config(read(editor_columns, list(frame.columns), lang)),
            )
        if st.button(t("approve_edited"), key=f"approve_edited_{card.code}"):
            _approve(card, corrected)


cards = review_cards(current, looking, lang)
st.subheader(f"{t('pending')} ({len(cards)})")
if not cards:
    st.write(t("no_pending"))
for card in cards:
    # The code too: two cards for the same two organisations would otherwise read alike.
    with st.expander(
        f"{safe(card.heading)} · {card.code}", expanded=len(cards) == 1
    ):  # names from partners: text, not Markdown
        show_card(card)

st.subheader(t("decided"))
decisions = decided_submissions(current, looking, lang)  # private: read for this viewer, never shared
if decisions.empty:
    st.write(t("no_decisions"))
else:
    shown = decisions_as_shown(decisions, labels().review_state)
    headings = {
        "pair": t("pair"),
        "decision": t("decision"),
        "decided": t("decided_when_by"),
        "code": t("reference_code"),
        "submitted": t("submitted_when_by"),
    }
    # Every column wraps in a width of its own, as names do in every table: cut at the column's edge, a reason read
    # "Dubbel ingestuurd; de samen…", and sized to their texts the five columns ran past the page's right edge.
    data_table(shown, names=(), hide_index=True, **fixed_width_columns(shown, DECISION_WIDTHS, headings))
pairs = dict(zip(decisions.code, decisions.pair, strict=True))
approved = list(decisions.code[decisions.state == "approved"])
if approved:
    if st.session_state.pop("reverted", False):
        # Set, not removed, before the widgets are drawn: the browser would send the old values back.
        st.session_state["revert_code"] = None
        st.session_state["revert_reason"] = ""
    # Nothing chosen beforehand: taking back a publication is never a default. The chooser has a line of its own:
    # in a third of the page the pair was cut after the library's name.
    chosen = st.selectbox(
        t("revert"),
        approved,
        index=None,
        key="revert_code",
        placeholder=choose_one(),
        format_func=chooser_labels({code: f"{code} · {pairs[code]}" for code in approved}).__getitem__,
    )
    columns = st.columns([5, 1], vertical_alignment="bottom")
    why = columns[0].text_input(t("reason"), key="revert_reason", max_chars=2000)
    if columns[1].button(t("revert"), key="revert_button"):
        if chosen is None:
            st.error(t("choose_what_to_revert"))
        else:
            try:
                revert(current, chosen, looking, why)
            except SubmissionError as error:  # decided by another coordinator meanwhile, say
                st.error(safe(error.message.text(lang)))
            else:
                st.session_state["reverted"] = True
                _decided("said_reverted", pairs[chosen], chosen)
