import streamlit as st
from streamlit.runtime.scriptrunner import get_script_run_ctx

from graph.analysis.mapdata import sites
from graph.analysis.overview import organisations
from graph.analysis.similar import search_organisations, similar_organisations
from graph.intake.gazetteer import locate_town
from graph.intake.submissions import NewOrganisation, RateLimiter, SubmissionForm, submit
from ui.components import deck, site_layers
from ui.context import atlas, choose_one, choose_options, data_version, labels, language_switch, safe, sign_in_box, t

language_switch()
sign_in_box()
current = atlas()
names = labels()
st.title(t("page_submit"))
st.write(t("submit_intro"))
problems = st.session_state.get("submit_problems", [])


@st.cache_resource
def _limiter() -> RateLimiter:
    return RateLimiter(limit=5, window_s=60)


shown_fields: set[tuple[str, str]] = set()


def field_error(part: str, column: str) -> None:
    shown_fields.add((part, column))
    for problem in problems:
        if (problem["file"], problem["column"]) == (part, column):
            st.error(problem["message"])


@st.cache_data(show_spinner=False, max_entries=4)
def _sites(version: str):  # type: ignore[no-untyped-def]
    return sites(current), organisations(current)


all_sites, all_organisations = _sites(data_version())


def side(part: str, kind: str, title: str) -> tuple[str, NewOrganisation | None]:
    st.subheader(title)
    query = st.text_input(t("search_name"), key=f"{part}_search")
    found = search_organisations(query, all_organisations, kind, limit=30)
    candidates = all_sites[all_sites.organisation_id.isin(found.id)]
    options = ["", *candidates.site_id, "__new__"]
    label_of = dict(
        zip(
            candidates.site_id,
            candidates.organisation + " — " + candidates.site + " (" + candidates.town + ")",
            strict=True,
        )
    )
    chosen = st.selectbox(
        t("choose_site"),
        options,
        format_func=lambda value: (
            "—" if not value else t("new_organisation") if value == "__new__" else label_of[value]
        ),
        key=f"{part}_site",
        placeholder=choose_one(),
    )
    field_error(part, "site")
    if chosen != "__new__":
        return chosen, None
    name = st.text_input(t("name"), key=f"{part}_name", max_chars=200)
    field_error(part, "name")
    similar = similar_organisations(name, all_organisations, kind) if name else None
    if similar is not None and not similar.empty:
        st.warning(t("maybe_duplicate", names=", ".join(safe(n) for n in similar.name.head(3))))
    town = st.text_input(t("town"), key=f"{part}_town", max_chars=100)
    field_error(part, "town")
    columns = st.columns(2)
    address = columns[0].text_input(t("address"), key=f"{part}_address", max_chars=200)
    postcode = columns[1].text_input(t("postcode"), key=f"{part}_postcode", max_chars=7)
    field_error(part, "postcode")
    point = locate_town(town) if town else None
    if town and point is None:
        st.caption(t("town_unknown"))
    elif point:
        st.caption(t("point_from_town"))
    columns = st.columns(2)
    lat = columns[0].number_input(
        t("latitude"), value=point[0] if point else None, format="%.5f", key=f"{part}_lat_{town}"
    )
    lon = columns[1].number_input(
        t("longitude"), value=point[1] if point else None, format="%.5f", key=f"{part}_lon_{town}"
    )
    field_error(part, "lat")
    field_error(part, "lon")
    if lat is not None and lon is not None:
        preview = all_sites.iloc[0:0].astype(object)  # object columns hold the blanks and the numbers
        preview.loc[0] = {
            **{column: "" for column in preview.columns},
            "lat": lat,
            "lon": lon,
            "kind": kind,
            "site": name or "?",
            "organisation": name or "?",
        }
        st.pydeck_chart(deck(site_layers(preview)), height=220)
    return "", NewOrganisation(name, town, lat, lon, address, postcode)


library_site, new_library = side("library", "library", t("the_library"))
care_site, new_care = side("care", "care", t("the_care"))
if library_site and care_site and library_site != "__new__" and care_site != "__new__":
    owners = dict(zip(all_sites.site_id, all_sites.organisation_id, strict=True))
    pair = (owners.get(library_site), owners.get(care_site))
    known = current.answer("internal/collaboration-pairs")
    if pair in set(zip(known.library_org_id, known.care_org_id, strict=True)):
        st.warning(t("pair_known"))

st.subheader(t("the_collaboration"))
activities = st.multiselect(
    t("activities"),
    sorted(names.activities),
    format_func=names.activity,
    key="activities",
    placeholder=choose_options(),
)
activity_other = st.text_input(t("activity_other"), key="activity_other", max_chars=300)
columns = st.columns(3)
status = columns[0].selectbox(
    t("status"), ["active", "exploring", "ended"], format_func=names.status, key="status", placeholder=choose_one()
)
start_date = columns[1].text_input(t("start_date"), key="start_date", max_chars=10)
participants = columns[2].number_input(
    t("participants"), min_value=0, max_value=10_000, value=None, step=1, key="participants"
)
field_error("collaboration", "start_date")
story = st.text_area(t("story"), key="story", max_chars=4000)
field_error("collaboration", "description")
link = st.text_input(t("link"), key="link", max_chars=300)
field_error("collaboration", "source_url")

st.subheader(t("contact_person"))
columns = st.columns(2)
contact_name = columns[0].text_input(t("name"), key="contact_name", max_chars=200)
contact_role = columns[1].text_input(t("role"), key="contact_role", max_chars=200)
contact_email = columns[0].text_input(t("email"), key="contact_email", max_chars=200)
contact_phone = columns[1].text_input(t("phone"), key="contact_phone", max_chars=20)
field_error("collaboration", "contact_email")
field_error("collaboration", "contact_phone")
field_error("collaboration", "contact_name")
consent = st.checkbox(t("consent"), key="consent")
submitter = st.text_input(t("your_email"), key="submitter_email", max_chars=200)
field_error("submitter", "email")

if st.button(t("send"), type="primary", key="send"):
    context = get_script_run_ctx()
    session = context.session_id if context else "local"
    if not _limiter().allow(session):
        st.error(t("too_many"))
        st.stop()
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
    lang_field = "message_en" if names.lang == "en" else "message_nl"
    st.session_state["submit_problems"] = [
        {"file": p.file, "column": p.column, "message": getattr(p, lang_field)} for p in result.problems
    ]
    st.session_state["submit_code"] = result.code
    st.rerun()
if st.session_state.get("submit_code"):
    st.success(t("sent", code=st.session_state["submit_code"]))
elif problems:
    st.error(t("fix_fields"))
    for problem in problems:
        if (problem["file"], problem["column"]) not in shown_fields:
            st.error(f"{problem['column']}: {problem['message']}")
