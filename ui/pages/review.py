import pandas as pd
import streamlit as st

from graph.analysis.overview import organisations
from graph.analysis.similar import similar_organisations
from graph.intake.exporter import template_tables
from graph.intake.submissions import SubmissionError, approve, payload_tables, reject, revert, submissions
from graph.intake.template import InputTables, Row
from ui.components import data_table
from ui.context import atlas, choose_one, labels, language, language_switch, safe, sign_in_box, t, viewer

language_switch()
reviewer = sign_in_box()
current = atlas()
st.title(t("page_review"))
if not reviewer:
    st.info(t("coordinators_only"))
    st.stop()
atlas = current
looking = viewer()


def describe_rows(tables: InputTables) -> None:
    """Each row of the submission, and how it differs from what the atlas holds now."""
    existing = template_tables(atlas)
    everyone = organisations(atlas)
    for name in ("organisations", "sites", "collaborations"):
        rows = tables.table(name)
        if not rows:
            continue
        frame = pd.DataFrame([row.values for row in rows])
        current_rows = existing[name].set_index("id")
        status = []
        for row in rows:
            if row.get("id") not in current_rows.index:
                status.append(t("is_new"))
            else:
                before = current_rows.loc[row.get("id")]
                changed = [c for c, v in row.values.items() if c in before and str(before[c]) != str(v)]
                status.append(t("changes", fields=", ".join(changed)))
        st.dataframe(frame.assign(diff=status), hide_index=True)
        if name == "organisations":
            for row in rows:
                similar = similar_organisations(row.get("name"), everyone, row.get("kind"))
                if not similar.empty:
                    st.warning(t("maybe_duplicate", names=", ".join(safe(n) for n in similar.name.head(3))))


pending = submissions(atlas, "pending", viewer=looking)
st.subheader(f"{t('pending')} ({len(pending)})")
if not pending:
    st.write(t("no_pending"))
for item in pending:
    code = item["code"]
    with st.expander(f"{code} — {item['submitted'][:16]}", expanded=len(pending) == 1):
        st.caption(t("submitted_by", when=item["submitted"][:16], email=safe(item["submitter_email"])))
        tables = payload_tables(atlas, code, looking)
        describe_rows(tables)
        edited = {}
        for name in ("organisations", "sites", "collaborations"):
            if tables.table(name):
                edited[name] = st.data_editor(
                    pd.DataFrame([row.values for row in tables.table(name)]).astype(str),
                    key=f"edit_{code}_{name}",
                    hide_index=True,
                )
        columns = st.columns(3)
        if columns[0].button(t("approve"), key=f"approve_{code}", type="primary"):
            problems = approve(atlas, code, reviewer)
            for problem in problems:
                st.error(problem.render(language()))
            if not problems:
                st.rerun()
        if columns[1].button(t("approve_edited"), key=f"approve_edited_{code}"):
            changed = InputTables(source=f"formulier {code}")
            for name, frame in edited.items():
                for record in frame.fillna("").to_dict("records"):
                    changed.table(name).append(Row(name, 1, {str(k): str(v) for k, v in record.items()}))
            problems = approve(atlas, code, reviewer, changed)
            for problem in problems:
                st.error(problem.render(language()))
            if not problems:
                st.rerun()
        reason = columns[2].text_input(t("reason"), key=f"reason_{code}")
        if columns[2].button(t("reject"), key=f"reject_{code}"):
            try:
                reject(atlas, code, reviewer, reason)
                st.rerun()
            except SubmissionError as error:
                st.error(error.message.text(language()))

st.subheader(t("decided"))
decided = [row for row in submissions(atlas, viewer=looking) if row["state"] != "pending"]
decisions = pd.DataFrame(decided, columns=["code", "state", "submitted", "submitter_email", "decided_by", "reason"])
decisions["state"] = decisions["state"].map(labels().review_state)
headings = ("reference_code", "status", "submitted_on", "submitter_email", "decided_by", "reason")
data_table(decisions.set_axis([t(key) for key in headings], axis=1), hide_index=True)
approved = [row["code"] for row in decided if row["state"] == "approved"]
if approved:
    columns = st.columns(3)
    chosen = columns[0].selectbox(t("revert"), approved, key="revert_code", placeholder=choose_one())
    why = columns[1].text_input(t("reason"), key="revert_reason")
    if columns[2].button(t("revert"), key="revert_button"):
        revert(atlas, chosen, reviewer, why)
        st.rerun()
