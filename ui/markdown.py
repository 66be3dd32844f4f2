"""Text from data, a user or the URL, made inert before Streamlit renders it as Markdown."""

from __future__ import annotations

import re

_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~$&:])")


def safe(value: object) -> str:
    """Text from data or a user, made inert for Markdown: shown literally, never as markup or a link."""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", str(value if value is not None else ""))
