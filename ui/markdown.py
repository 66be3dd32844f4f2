"""Text from data, a user or the URL, made inert before Streamlit renders it as Markdown."""

from __future__ import annotations

import re

_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~$&:])")
# Streamlit's Markdown turns a bare address into a link whatever is escaped in it ("http\://x\.nl" too): an
# invisible word joiner after the scheme, "www" and "@" keeps it text (copied, it is one invisible character).
_LINK_STARTS = re.compile(r"(?i)(https?|ftp|mailto|www|@)")
WORD_JOINER = "\u2060"


def safe(value: object) -> str:
    """Text from data or a user, made inert for Markdown: shown literally, never as markup or a link."""
    text = _LINK_STARTS.sub(lambda found: found.group(1) + WORD_JOINER, str(value if value is not None else ""))
    return _MARKDOWN_SPECIAL.sub(r"\\\1", text)
