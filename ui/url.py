"""URL parameters: anyone can type them, so each one is checked, and a wrong one falls back with a notice.

A value that does not fit (``?radius=abc``, ``?province=PV99``, ``?lang=xx``) never reaches the rest of the
page: the page goes on with the default and says, in the visitor's language, which value in the address it
ignored. The value is quoted as text, shortened, never as markup.
"""

from __future__ import annotations

import re

import streamlit as st

from .i18n import text
from .markdown import safe

MAX_SHOWN = 60  # characters of a wrong value quoted back in the notice
WHOLE_NUMBER = re.compile(r"[+-]?[0-9]{1,9}")


def url_text(name: str) -> str:
    """The raw value of one URL parameter ('' when absent); the last one wins when it is given twice."""
    value = st.query_params.get(name, "")
    return value if isinstance(value, str) else ""


def ignore(name: str, value: str, fallback: str, lang: str) -> None:
    """Tell the visitor that the address held a value the page cannot use, and what it shows instead."""
    shown = value if len(value) <= MAX_SHOWN else value[:MAX_SHOWN] + "…"
    st.warning(text("url_ignored", lang).format(name=safe(name), value=safe(shown), fallback=safe(fallback)))


def url_int(name: str, default: int, minimum: int, maximum: int, lang: str) -> int:
    """A whole number from the URL within [minimum, maximum]; otherwise ``default`` and a notice."""
    raw = url_text(name).strip()
    if not raw:
        return default
    # Plain ASCII digits only: int() would also take "1_0" or other scripts' digits.
    value = int(raw) if WHOLE_NUMBER.fullmatch(raw) else None
    if value is None or not minimum <= value <= maximum:
        ignore(name, raw, str(default), lang)
        return default
    return value


def url_option(name: str, options: list[str], fallback_label: str, lang: str) -> str:
    """One of ``options`` from the URL; '' (with a notice) for anything else."""
    raw = url_text(name)
    if raw and raw not in options:
        ignore(name, raw, fallback_label, lang)
        return ""
    return raw
