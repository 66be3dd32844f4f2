import streamlit as st

from graph.views.examples_view import gallery
from ui.address import stop_here, write_address
from ui.components import example_card
from ui.context import counted, labels, language_switch, read, t, url_choice, viewer

language_switch()
names = labels()
st.title(t("page_examples"))
st.caption(t("examples_intro"))
activity = url_choice("activity", t("activity"), sorted(names.activities), names.activity)
province = url_choice("province", t("province"), sorted(names.provinces), names.province)
write_address()
examples = read(gallery, viewer(), names, activity, province)
if examples.empty:  # no pager and no count of none: "Pagina (van 1)" over nothing to page through
    st.write(t("no_examples"))
    stop_here()
# Twenty cards at a time: drawing thousands of cards would take the browser tens of seconds.
PER_PAGE = 20
pages = max(1, -(-len(examples) // PER_PAGE))


def _follow(source: str, target: str) -> None:
    """The pagers above and below the cards show the same page."""
    st.session_state[target] = st.session_state[source]


# Both pagers keep their page in the session (a filter that leaves fewer pages brings it back into range).
for key in ("page", "page_bottom"):
    st.session_state[key] = min(max(1, int(st.session_state.get(key, 1))), pages)


def pager(key: str, other: str) -> int:
    """A page number input that keeps the other pager on the same page."""
    return int(
        st.number_input(
            t("page_number", pages=pages),
            min_value=1,
            max_value=pages,
            step=1,
            key=key,
            on_change=_follow,
            args=(key, other),
        )
    )


page = pager("page", "page_bottom")
shown = examples.iloc[(page - 1) * PER_PAGE : page * PER_PAGE]
st.caption(counted("examples_count", len(examples)))
for start in range(0, len(shown), 2):
    for column, row in zip(st.columns(2), shown.iloc[start : start + 2].itertuples(), strict=False):
        with column:
            example_card(row)
if pages > 1:
    # The same pager below the cards, so the next page is at hand after reading the last card.
    pager("page_bottom", "page")
