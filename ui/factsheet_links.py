"""Links to the area profiles, for the pages that lead there (map, coverage, gap list)."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

import pandas as pd
import streamlit as st

from graph.views.factsheet_answers import prepare

from .address import link_query
from .context import PAGES, atlas, safe, t


def profile_query(code: str) -> dict[str, str]:
    """The profile page's URL state for a CBS code: ``gemeente=GM0983`` or ``provincie=PV31``."""
    return link_query({"provincie" if code.startswith("PV") else "gemeente": code})


def profile_url(code: str) -> str:
    """A link relative to the app (a table cell's link opens the profile page in the same app)."""
    return f"factsheet?{urlencode(profile_query(code))}" if code else ""


def prepare_profiles() -> None:
    """A page that links to the profiles has the atlas read their answers in the background meanwhile, so the
    profile a reader opens from it is quick (the answers are kept per version of the data; read once)."""
    prepare(atlas())


def with_profile_links(frame: pd.DataFrame, code_column: str) -> pd.DataFrame:
    """The table with a first column ``profile`` that links each row's area to its profile page."""
    prepare_profiles()
    return frame.assign(profile=frame[code_column].astype(str).map(profile_url))[["profile", *frame.columns]]


def profile_column() -> dict[str, Any]:
    return {"profile": st.column_config.LinkColumn(t("col_profile"), display_text=t("col_profile"), width="small")}


def profile_link(code: str, name: str, container: Any = None) -> None:
    prepare_profiles()
    (container or st).page_link(
        PAGES["factsheet"],
        label=t("open_profile", name=safe(name)),
        query_params=profile_query(code),
        icon=":material/summarize:",
    )
