"""The page's address (its ``?name=value`` part): written once per run, and followed after Back and Forward.

Two things of Streamlit's made the browser's Back button undo nothing on a page with filters:

- Every change of ``st.query_params`` writes the address bar and adds a history entry. A run that changed two
  parameters (a province, then the municipality it let go) left an in-between entry that Back landed on. Here a
  run changes a copy of the address, and the copy is written once, when the run ends.
- A control keeps its choice for the session, and Streamlit hands that choice back on every run. After Back the
  page drew the choice made after it, and wrote it into the address again. Whether the address changed outside
  the page (Back, Forward, a link to the page) is known by comparing it with what the app wrote last; then each
  control starts from the address (:func:`follow_address`), as on a first visit.

A page ends early with :func:`stop_here` and runs again with :func:`run_again`, never with ``st.stop`` or
``st.rerun`` themselves: after those Streamlit sends nothing more, so the address would not reach the browser.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from typing import NoReturn

import streamlit as st

# In the session: the page and the address as the app wrote them last.
WRITTEN_KEY = "address_written"


@dataclass
class _RunAddress:
    start: dict[str, str]  # the address the run started from
    written: dict[str, object] | None  # the page and address of the run before
    address: dict[str, str] = field(default_factory=dict)  # as this run has it so far
    page: str = ""  # the page this run shows, once the navigation knows it
    sent: dict[str, str] | None = None  # what this run has written, if it has

    @property
    def moved(self) -> bool:
        """The address changed outside the page since the app last wrote it (Back, Forward, a link)."""
        return self.written is not None and self.written["address"] != self.start

    def write(self) -> None:
        # After a link to the same page with other values (an organisation's partner) the browser still shows the
        # address it came from until the app writes it, though the run changed nothing; the browser adds no step for
        # an address it shows already. Not after a link to another page: the browser shows that page's address
        # already, and a write that reached it before it had changed pages made a step of the old page.
        link_here = self.moved and self.written is not None and self.written["page"] == self.page
        if self.address != self.sent and (self.address != self.start or link_here):
            st.query_params.from_dict(self.address)
            self.sent = dict(self.address)
        st.session_state[WRITTEN_KEY] = {"page": self.page, "address": dict(self.address)}


# This run's address (None outside a run of the app: a page then reads and writes ``st.query_params`` directly).
_run: ContextVar[_RunAddress | None] = ContextVar("run_address", default=None)


@contextmanager
def one_address_per_run() -> Iterator[None]:
    """Let the run change its copy of the address, and write the address once when the run ends."""
    start = st.query_params.to_dict()
    run = _RunAddress(start=start, written=st.session_state.get(WRITTEN_KEY), address=dict(start))
    token = _run.set(run)
    try:
        yield
    finally:
        _run.reset(token)
        run.write()


def on_page(name: str) -> None:
    """Tell the run which page it shows (its address name), as soon as the navigation knows."""
    run = _run.get()
    if run is not None:
        run.page = name


def write_address() -> None:
    """Write the address now, as the page has chosen it so far: a page calls this once its controls are drawn, so
    the browser has the new step while the rest of the page is still being made. Back pressed meanwhile then
    goes back to the page before the change, not past it. A later change is written when the run ends."""
    run = _run.get()
    if run is not None:
        run.write()


def stop_here() -> NoReturn:
    """End the page here (``st.stop``), after writing the address as the page has chosen it so far."""
    write_address()
    st.stop()


def run_again() -> NoReturn:
    """Run the page again (``st.rerun``), after writing the address as the page has chosen it so far."""
    write_address()
    st.rerun()


def address_moved() -> bool:
    """Whether the address changed outside the page since the app last wrote it (Back, Forward, a link)."""
    run = _run.get()
    return run is not None and run.moved


def follow_address(key: str, value: object) -> None:
    """After the address moved outside the page, start the control ``key`` from ``value``, what the address says.

    Set, not removed: the browser keeps showing a control's old choice unless the app sends it a new one."""
    if address_moved() and key in st.session_state and st.session_state[key] != value:
        st.session_state[key] = value


def address_value(name: str) -> str:
    """One parameter of the address as this run has it ('' when absent; the last one when given twice)."""
    run = _run.get()
    value = run.address.get(name, "") if run is not None else st.query_params.get(name, "")
    return value if isinstance(value, str) else ""


def address_names() -> list[str]:
    """The names of the parameters in the address as this run has it."""
    run = _run.get()
    return list(run.address if run is not None else st.query_params.to_dict())


def set_address_value(name: str, value: str | None) -> None:
    """Put one parameter into this run's address; None takes it out."""
    run = _run.get()
    if run is None:
        if value is None:
            st.query_params.pop(name, None)
        else:
            st.query_params[name] = value
    elif value is None:
        run.address.pop(name, None)
    else:
        run.address[name] = value


def link_query(query: dict[str, str] | None = None) -> dict[str, str]:
    """The address of a link to a page of the app: ``query`` and the language of this address (``lang=en``).

    A link without it opened the next page in Dutch for an English reader, since a page follows its address."""
    language = address_value("lang")
    return {**(query or {}), "lang": language} if language else dict(query or {})
