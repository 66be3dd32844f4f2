"""URL parameters: anyone can type them, so each one is checked, and a wrong one falls back with a notice.

A value that does not fit (``?radius=abc``, ``?province=PV99``, ``?lang=xx``) never reaches the rest of the
page: the page goes on with the default and says, in the visitor's language, which value in the address it
ignored. The value is quoted as text, shortened, never as markup.
"""

from __future__ import annotations

import re
from collections.abc import Callable

import streamlit as st

from graph.model.text import CONTROL_CHARACTERS

from .address import address_names, address_value, set_address_value
from .i18n import text
from .markdown import safe

MAX_SHOWN = 60  # characters of a wrong value quoted back in the notice
WHOLE_NUMBER = re.compile(r"[+-]?[0-9]{1,9}")
# A filter's name in the address in the other language: the area profile's shared links say ``gemeente=`` and
# ``provincie=``, the other pages ``municipality=`` and ``province=``. Someone who types one page's name on
# another page is understood, instead of silently shown the whole country.
OTHER_NAME = {"province": "provincie", "municipality": "gemeente", "activity": "activiteit"}
OTHER_NAME |= {dutch: english for english, dutch in OTHER_NAME.items()}


def url_text(name: str) -> str:
    """The raw value of one URL parameter, under its own name or its name in the other language ('' when
    absent); its own name wins when both are given, and the last one when a name is given twice."""
    for each in (name, OTHER_NAME.get(name)):
        value = address_value(each) if each else ""
        if value:
            return value
    return ""


def set_url_text(name: str, value: str | None, start: str | None = None) -> None:
    """Write one URL parameter under its own name (its other name leaves the address); None removes it.

    ``start``, the value the page starts with, is not added to the address (a link without it means it): written
    on arrival it added a step to the browser's history that Back only went back to the same page from. An
    address that names it keeps it."""
    other = OTHER_NAME.get(name)
    if other:
        set_address_value(other, None)
    if value is not None and value == start and address_value(name) != value:
        value = None
    set_address_value(name, value)


def ignore(name: str, value: str, fallback: str, lang: str) -> None:
    """Tell the visitor that the address held a value the page cannot use, and what it shows instead."""
    st.warning(text("url_ignored", lang).format(name=safe(name), value=quoted(value), fallback=safe(fallback)))


def quoted(value: str) -> str:
    """A value from the address as it may be quoted back: shortened, as text, and each control character shown as
    "�" (a direction override in the value would turn the rest of the notice around, and one left out made
    "PV31" + NUL read as the valid "PV31")."""
    value = CONTROL_CHARACTERS.sub("\ufffd", value)
    return safe(value if len(value) <= MAX_SHOWN else value[:MAX_SHOWN] + "…")


def url_int(name: str, default: int, minimum: int, maximum: int, lang: str, label: str | None = None) -> int:
    """A whole number from the URL within [minimum, maximum]; otherwise ``default`` and a notice, which names the
    control by its ``label`` where given ("Straal (km)"), else by its name in the address."""
    raw = url_text(name).strip()
    if not raw:
        return default
    # Plain ASCII digits only: int() would also take "1_0" or other scripts' digits.
    value = int(raw) if WHOLE_NUMBER.fullmatch(raw) else None
    if value is None or not minimum <= value <= maximum:
        ignore(label or name, raw, str(default), lang)
        return default
    return value


def url_option(
    name: str,
    options: list[str],
    fallback_label: str,
    lang: str,
    label: str | None = None,
    shown: Callable[[str], str] = str,
) -> str:
    """One of ``options`` from the URL; '' (with a notice) for anything else. The notice names the control by
    its ``label`` (as the page names it: "Gemeente"), else by its name in the address, and an option by ``shown``
    (Limburg, not PV31)."""
    raw = url_text(name)
    other = OTHER_NAME.get(name)
    other_value = address_value(other) if other and name in address_names() else ""
    if other_value and other_value != raw:
        # Both names, each with its own value: the page's own name wins, and the visitor is told which went.
        ignore(str(other), other_value, shown(raw) if raw and raw in options else fallback_label, lang)
    if raw and raw not in options:
        # A code in other capitals or with spaces around it ("gm0983 ") is that code, as on *Vragen*.
        same = {option.casefold(): option for option in options if option}.get(raw.strip().casefold())
        if same is not None:
            return same
        typed = name if name in address_names() else OTHER_NAME.get(name, name)  # the name the visitor wrote
        ignore(label or typed, raw, fallback_label, lang)
        return ""
    return raw
