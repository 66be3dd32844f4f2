from typing import Any

import streamlit as st
from streamlit.runtime.scriptrunner import get_script_run_ctx

from graph.intake.rate_limit import RateLimiter, partner_form_limiter
from graph.intake.submissions import NewOrganisation, SubmissionForm, submit
from graph.model.formats import coordinate, read_coordinate
from graph.views.submit_form import (
    NEW_ORGANISATION,
    PARTNER_STATUSES,
    form_choices,
    pair_known,
    problems_by_field,
    still_standing,
    town_point,
    town_spelled,
)
from ui.address import run_again, stop_here
from ui.context import (
    atlas,
    choose_one,
    choose_options,
    counted,
    labels,
    language,
    language_switch,
    read,
    safe,
    t,
)
from ui.focus import focus_first_notice
from ui.input_hints import FIELDS_CHECKED_ON_SEND
from ui.small_maps import point_map

language_switch()
current = atlas()
names = labels()
st.title(t("page_submit"))
MAX_SEARCH = 200  # characters of a typed name that are looked up (in the sites, and for likely duplicates)

# Every widget of the form; cleared for "add another collaboration".
FORM_KEYS = (
    "activities",
    "activity_other",
    "status",
    "start_date",
    "participants",
    "story",
    "link",
    "contact_name",
    "contact_role",
    "contact_email",
    "contact_phone",
    "consent",
)  # not the sender's own e-mail address: a partner adding a second collaboration is the same sender


def _start_again() -> None:
    for key in list(st.session_state):
        if key in FORM_KEYS or str(key).startswith(("library_", "care_")):
            del st.session_state[key]
    st.session_state.pop("submit_code", None)
    st.session_state.pop("submit_problems", None)
    st.session_state.pop("submit_values", None)


# Sent: the form is locked, so nothing can be sent twice; only a new, empty form can follow.
if st.session_state.get("submit_code"):
    st.success(t("sent", code=st.session_state["submit_code"]))
    focus_first_notice()  # the button that had the focus is gone: a screen reader said nothing
    st.button(t("submit_another"), key="submit_another", on_click=_start_again)
    stop_here()

st.write(t("submit_intro"))


def _field_value(field: str) -> tuple[str, object]:
    """A field's widget and what it holds now. A point's fields are made anew for each town typed (their key
    holds the town), so another town counts as a change of the point too."""
    key = field
    if field.endswith(("_lat", "_lon")):
        key = f"{field}_{st.session_state.get(field.rsplit('_', 1)[0] + '_town', '')}"
    return key, st.session_state.get(key)


sent_problems = st.session_state.get("submit_problems", [])
sent_values = st.session_state.get("submit_values", {})
standing = still_standing(sent_problems, sent_values, {field: _field_value(field) for field in sent_values})
problems = problems_by_field(standing, language())


@st.cache_resource
def _limiter() -> RateLimiter:
    return partner_form_limiter()


def field_error(field: str, where: Any = st) -> None:
    """The problems of one field, right below it (in ``where``, the field's column)."""
    for message in problems.get(field, []):
        where.error(safe(message))


choices = read(form_choices)


def side(part: str, kind: str, title: str) -> tuple[str, NewOrganisation | None]:
    # No link beside a heading of the form: each was a stop of its own for a visitor who moves with Tab.
    st.subheader(title, anchor=False)
    typed = st.text_input(t("search_name"), key=f"{part}_search")
    label_of = choices.site_options(typed[:MAX_SEARCH], kind)
    chosen = st.selectbox(
        t("choose_site"),
        ["", *label_of, NEW_ORGANISATION],
        format_func=lambda value: (
            "—" if not value else t("new_organisation") if value == NEW_ORGANISATION else label_of[value]
        ),
        key=f"{part}_site",
        placeholder=choose_one(),
    )
    field_error(f"{part}_site")
    if chosen != NEW_ORGANISATION:
        return chosen, None
    # What was searched for is most often the name of the organisation the atlas does not know yet.
    name = st.text_input(t("name"), value=typed.strip()[:MAX_SEARCH], key=f"{part}_name")
    field_error(f"{part}_name")
    # The town is typed below the name; once it is there, a name alike in that town comes first.
    typed_town = str(st.session_state.get(f"{part}_town") or "")[:MAX_SEARCH]
    duplicates = choices.likely_duplicates(name[:MAX_SEARCH], kind, typed_town)  # a longer name is refused when sent
    if duplicates:
        st.warning(t("maybe_duplicate", names=", ".join(safe(other) for other in duplicates)))
    town = st.text_input(t("town"), key=f"{part}_town")
    field_error(f"{part}_town")
    columns = st.columns(2)
    address = columns[0].text_input(t("address"), key=f"{part}_address")
    postcode = columns[1].text_input(t("postcode"), key=f"{part}_postcode")
    with columns[0]:
        field_error(f"{part}_address")
    with columns[1]:
        field_error(f"{part}_postcode")
    website = st.text_input(t("website"), key=f"{part}_website", placeholder=t("website_placeholder"))
    field_error(f"{part}_website")
    point = town_point(current, town) if town else None
    if town and point is None:
        st.caption(t("town_unknown"))
    elif point:
        st.caption(t("point_from_town"))
    # Text fields, not number inputs: Streamlit's number input writes 51.37000, and a Dutch reader writes 51,37.
    columns = st.columns(2)
    lat_text, lon_text = (coordinate(point[0], names.lang), coordinate(point[1], names.lang)) if point else ("", "")
    lat = columns[0].text_input(t("latitude"), value=lat_text, key=f"{part}_lat_{town}")
    lon = columns[1].text_input(t("longitude"), value=lon_text, key=f"{part}_lon_{town}")
    with columns[0]:
        field_error(f"{part}_lat")
    with columns[1]:
        field_error(f"{part}_lon")
    at = (read_coordinate(lat), read_coordinate(lon))
    if at[0] is not None and at[1] is not None and abs(at[0]) <= 90 and abs(at[1]) <= 180:
        point_map(at[0], at[1], kind, name or "?")
    return "", NewOrganisation(name, town_spelled(current, town), lat or None, lon or None, address, postcode, website)


# The fields have no length limit of their own (a browser cuts what is typed at such a limit, and Streamlit
# drops a longer paste altogether): the check on sending says, next to the field, how long it may be. Their
# typing hint stands alone, with no counter after it (see ui/input_hints.py).
with st.container(key=FIELDS_CHECKED_ON_SEND):
    library_site, new_library = side("library", "library", t("the_library"))
    care_site, new_care = side("care", "care", t("the_care"))
    if pair_known(choices, library_site, care_site):
        st.warning(t("pair_known"))
    # Sent from this browser a moment ago: a partner adding several collaborations may pick the same pair again.
    sent_before = st.session_state.get("sent_pairs", {}).get((library_site, care_site))
    if library_site and care_site and sent_before:
        st.warning(t("pair_sent", code=sent_before))

    st.subheader(t("the_collaboration"), anchor=False)
    activities = st.multiselect(
        t("activities"),
        sorted(names.activities),
        format_func=names.activity,
        key="activities",
        placeholder=choose_options(),
        # No "Select 3 matches" (English only, and Enter after typing a part of a name chose every match).
        select_all=False,
    )
    field_error("activities")
    activity_other = st.text_input(t("activity_other"), key="activity_other")
    field_error("activity_other")
    columns = st.columns(3)
    status = columns[0].selectbox(
        t("status"), list(PARTNER_STATUSES), format_func=names.status, key="status", placeholder=choose_one()
    )
    start_date = columns[1].text_input(
        t("start_date"), key="start_date", placeholder=t("date_placeholder"), help=t("start_date_help")
    )
    participants = columns[2].number_input(
        # No bounds in the browser: it silently emptied "-3"; the check on sending says what is wrong with it.
        t("participants"),
        value=None,
        step=1,
        key="participants",
    )
    # Each problem in its field's column, right below it, as in the contact rows.
    for column, field in zip(columns, ("status", "start_date", "participants"), strict=True):
        field_error(field, column)
    st.caption(t("status_dates_help"))
    story = st.text_area(t("story"), key="story")
    field_error("story")
    link = st.text_input(t("link"), key="link", placeholder=t("website_placeholder"))
    field_error("link")

    st.subheader(t("contact_person"), anchor=False)
    # Row by row, so that the Tab key goes the way the fields are read: name, role, then e-mail, phone.
    name_row = st.columns(2)
    contact_name = name_row[0].text_input(t("name"), key="contact_name")
    field_error("contact_name", name_row[0])
    contact_role = name_row[1].text_input(t("role"), key="contact_role")
    field_error("contact_role", name_row[1])
    reach_row = st.columns(2)
    contact_email = reach_row[0].text_input(t("email"), key="contact_email")
    field_error("contact_email", reach_row[0])
    contact_phone = reach_row[1].text_input(t("phone"), key="contact_phone")
    field_error("contact_phone", reach_row[1])
    consent = st.checkbox(t("consent"), key="consent")
    field_error("consent")
    # The sender's address outlives the sent form's page, which draws no field (Streamlit forgets the value of a
    # field not drawn in a run): a partner adding a second collaboration does not type it again.
    if "submitter_email" not in st.session_state and st.session_state.get("sender"):
        st.session_state["submitter_email"] = st.session_state["sender"]
    submitter = st.text_input(t("your_email"), key="submitter_email")
    field_error("submitter_email")
    field_error("form")

if st.button(t("send"), type="primary", key="send"):
    context = get_script_run_ctx()
    session = context.session_id if context else "local"
    if not _limiter().allow(session):
        st.error(t("too_many"))
        stop_here()
    form = SubmissionForm(
        library_site_id=library_site,
        new_library=new_library,
        care_site_id=care_site,
        new_care=new_care,
        activities=tuple(activities),
        activity_other=activity_other,
        status=status,
        start_date=start_date,
        participants="" if participants is None else str(int(participants)),
        description=story,
        link=link,
        contact_name=contact_name,
        contact_role=contact_role,
        contact_email=contact_email,
        contact_phone=contact_phone,
        contact_consent=consent,
        submitter_email=submitter,
    )
    result = submit(current, form)
    st.session_state["submit_problems"] = result.fields
    # What each field with a problem held when sent: its message goes once the field is changed.
    st.session_state["submit_values"] = {problem.field: _field_value(problem.field) for problem in result.fields}
    st.session_state["submit_code"] = result.code
    if result.ok:
        st.session_state["sender"] = submitter
    if result.ok and library_site and care_site:
        st.session_state.setdefault("sent_pairs", {})[(library_site, care_site)] = result.code
    run_again()
if problems:
    st.error(counted("fix_fields", sum(len(messages) for messages in problems.values())))
